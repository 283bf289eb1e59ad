import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { PauseScreen, type PauseChoice } from '@/components/PauseScreen';
import { sendMessage } from '@/utils/messages';
import type { MomentKind, Person, Settings } from '@/utils/schema';

export interface PauseHandle {
  personId: string;
  /** Takes the screen down without a choice: the page navigated, unloaded, or the extension went away. */
  dismiss(reason: 'navigated' | 'unloaded' | 'invalidated'): void;
}

interface PauseOptions {
  person: Person;
  kind: MomentKind;
  site: string;
  settings: Settings;
  /** Leave without navigating (compose windows): returns any draft to keep in the journal. */
  leaveInPlace?: () => string | null;
  onDone(outcome: 'left' | 'continued'): void;
}

/** Covers the page with the pause screen and reports the attempt to the background. */
export function showPause(ctx: ContentScriptContext, options: PauseOptions): PauseHandle {
  const { person, settings } = options;
  let attemptId: Promise<string | null> = sendMessage('attemptStarted', {
    personId: person.id,
    site: options.site,
    kind: options.kind,
  }).then(
    (reply) => {
      setCountdown(reply.countdownSeconds);
      return reply.attemptId;
    },
    () => null,
  );
  let closed = false;
  const restorePage = makePageInert();
  let setCountdown = (_seconds: number) => {};

  const finish = (outcome: 'left' | 'continued', pauseChoice: PauseChoice) => {
    if (closed) return;
    const draft = outcome === 'left' ? options.leaveInPlace?.() : null;
    const journalText = [pauseChoice.journalText, draft].filter(Boolean).join('\n\n') || null;
    const choice = { ...pauseChoice, journalText };
    void attemptId.then((id) =>
      id ? sendMessage('attemptResolved', { attemptId: id, outcome, ...choice }).catch(() => undefined) : undefined,
    );
    remove();
    options.onDone(outcome);
  };

  const ui = createShadowRootUi(ctx, {
    name: 'clean-break-pause',
    position: 'modal',
    zIndex: 2147483647,
    mode: 'closed',
    anchor: () => document.documentElement,
    append: 'last',
    isolateEvents: ['keydown', 'keyup', 'keypress', 'input', 'beforeinput'],
    onMount(container) {
      const props = {
        alias: person.alias,
        kind: options.kind,
        questions: settings.questions,
        reminder: pickReminder(settings.reminders),
        typedPhrase: settings.typedPhrase,
        supportPerson: settings.supportPerson,
        onLeave: (choice: PauseChoice) => finish('left', choice),
        onContinue: (choice: PauseChoice) => finish('continued', choice),
      };
      const draw = (countdownSeconds: number) => render(<PauseScreen {...props} countdownSeconds={countdownSeconds} />, container);
      setCountdown = draw;
      draw(settings.countdownSeconds);
    },
    onRemove(container) {
      if (container) render(null, container);
    },
  });
  void ui.then((mounted) => (closed ? undefined : mounted.mount()));

  function remove() {
    closed = true;
    restorePage();
    void ui.then((mounted) => mounted.remove());
  }

  return {
    personId: person.id,
    dismiss(reason) {
      if (closed) return;
      if (reason !== 'invalidated') {
        void attemptId.then((id) => (id ? sendMessage('attemptAbandoned', { attemptId: id }).catch(() => undefined) : undefined));
      }
      attemptId = Promise.resolve(null);
      remove();
    },
  };
}

/** The same reminder all day, a different one tomorrow. */
function pickReminder(reminders: readonly string[]): string {
  const day = Math.floor(Date.now() / 86_400_000);
  return reminders[day % reminders.length] ?? '';
}

/** Makes the page beneath unreachable: no clicks, typing, focus or scrolling. Returns the undo. */
function makePageInert(): () => void {
  const root = document.documentElement;
  const previousOverflow = root.style.overflow;
  root.style.overflow = 'hidden';
  const apply = () => {
    if (document.body) document.body.inert = true;
  };
  apply();
  if (!document.body) document.addEventListener('DOMContentLoaded', apply, { once: true });
  return () => {
    document.removeEventListener('DOMContentLoaded', apply);
    root.style.overflow = previousOverflow;
    if (document.body) document.body.inert = false;
  };
}
