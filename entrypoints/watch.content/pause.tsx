import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { PauseScreen, type PauseChoice } from '@/components/screen/PauseScreen';
import pauseCss from '@/components/screen/PauseScreen.css?inline';
import type { AttemptRef } from '@/utils/protocol/requests';
import { sendMessage } from '@/utils/protocol/messaging';
import type { AttemptKind, Person } from '@/utils/model/schema';
import type { ScreenSettings } from '@/utils/store/watch-index';
import { pickReminder } from '@/utils/model/reminder';
import { mountGuardedScreen } from './guard';
import { t } from '@/utils/model/i18n';
import { checkCode } from '@/components/screen/check-code';
import { screenStep, type ScreenEvent, type ScreenPhase } from './screen-life';

export interface PauseHandle {
  personId: string;
  /** Takes the screen down without a choice: the page navigated, unloaded, or the extension went away. */
  dismiss(reason: 'navigated' | 'unloaded' | 'invalidated'): void;
  /**
   * The page goes into the back/forward cache: the screen stays over it (the page may be shown
   * again exactly as it is), and the attempt counts as abandoned meanwhile, as on an unload: the
   * background settles it as left unless a screen for them comes back in time.
   */
  suspend(): void;
  /**
   * The page is shown again from the back/forward cache with the screen still over it: the
   * attempt goes on, under a new id the background carries the abandoned one over to (same tab,
   * same person), or records afresh if it has been settled meanwhile.
   */
  resume(): void;
}

interface PauseOptions {
  person: Person;
  kind: AttemptKind;
  /** One of their stories: opening it tells them. */
  story?: boolean;
  site: string;
  settings: ScreenSettings;
  /** Leave without navigating (compose windows): returns any draft to keep in the journal. */
  leaveInPlace?: () => string | null;
  onDone(outcome: 'left' | 'continued'): void;
}

/** How long Continue waits for the background to say what it needs, before the settings' own rule applies. */
const REPLY_WAIT_MS = 10_000;

/** Covers the page with the pause screen and reports the attempt to the background. */
export function showPause(ctx: ContentScriptContext, options: PauseOptions): PauseHandle {
  const { person, settings } = options;
  // The attempt is named here, when the screen goes up, and every message carries all of it:
  // the background records a choice whether or not it has heard of the start (a cold worker,
  // Leave pressed at once), so nothing waits for its reply.
  let ref: AttemptRef = {
    attemptId: crypto.randomUUID(),
    personId: person.id,
    site: options.site,
    kind: options.kind,
    startedAt: Date.now(),
  };
  // The background's countdown (longer after earlier attempts today) and which time today this
  // is may arrive before or after mounting; the countdown goes on from where it is.
  let countdown = settings.countdownSeconds;
  let timesToday: number | null = null;
  // What Continue asks for now (the stricter hours' phrase, the friend's code) is the
  // background's to say; until it has, Continue waits (at most REPLY_WAIT_MS, then the settings' own rule).
  let rule: { phrase: string; needsCode: boolean; strict: boolean } | null = null;
  let redraw = () => {};
  void sendMessage('attemptStarted', ref).then(
    (reply) => {
      countdown = reply.countdownSeconds;
      timesToday = reply.timesToday;
      rule = { phrase: reply.phrase ?? settings.typedPhrase, needsCode: reply.needsCode, strict: reply.strict };
      if (phase !== 'closed') redraw();
    },
    () => undefined,
  );
  ctx.setTimeout(() => {
    rule ??= { phrase: settings.typedPhrase, needsCode: false, strict: false };
    if (phase !== 'closed') redraw();
  }, REPLY_WAIT_MS);
  let screen: HTMLElement | null = null;
  const focusScreen = () => screen?.querySelector<HTMLElement>('button:not(:disabled)')?.focus();
  const restorePage = makePageInert(focusScreen, (target) => mountedScreen.isHost(target));

  // The screen's life (screen-life.ts): each event's effects, done here.
  let phase: ScreenPhase = 'up';
  let chosen: { outcome: 'left' | 'continued'; choice: PauseChoice } | null = null;
  const step = (event: ScreenEvent) => {
    const next = screenStep(phase, event);
    phase = next.phase;
    for (const effect of next.effects) {
      if (effect === 'resolve' && chosen) record(chosen.outcome, chosen.choice);
      else if (effect === 'abandon') void sendMessage('attemptAbandoned', ref).catch(() => undefined);
      else if (effect === 'restart') {
        ref = { ...ref, attemptId: crypto.randomUUID() };
        void sendMessage('attemptStarted', ref).catch(() => undefined);
      } else if (effect === 'remove') {
        mountedScreen.remove();
        restorePage();
      } else if (effect === 'report' && chosen) options.onDone(chosen.outcome);
    }
  };

  const record = (outcome: 'left' | 'continued', pauseChoice: PauseChoice) => {
    const draft = outcome === 'left' ? options.leaveInPlace?.() : null;
    const journalText = [pauseChoice.journalText, draft].filter(Boolean).join('\n\n') || null;
    const recorded = sendMessage('attemptResolved', { ...ref, outcome, ...pauseChoice, journalText }).catch(() => undefined);
    if (outcome === 'continued') return step({ type: 'chosen' });
    // Leave usually unloads this page: a message to a stopped worker may not outlive it. The
    // screen stays up (the person is on their way out) until the choice is recorded, or 2 s.
    void Promise.race([recorded, new Promise<void>((resolve) => ctx.setTimeout(() => resolve(), 2000))]).then(() => step({ type: 'chosen' }));
  };
  const finish = (outcome: 'left' | 'continued', choice: PauseChoice) => {
    if (phase === 'choosing' || phase === 'closed') return;
    chosen = { outcome, choice };
    step({ type: 'choose' });
  };

  const mountedScreen = mountGuardedScreen(ctx, {
    css: pauseCss,
    focus: focusScreen,
    onMount(container) {
      screen = container;
      const props = {
        alias: person.alias,
        kind: options.kind,
        story: options.story,
        questions: settings.questions,
        reminder: pickReminder(settings.reminders),
        supportPerson: settings.supportPerson,
        onLeave: (choice: PauseChoice) => finish('left', choice),
        onContinue: (choice: PauseChoice) => finish('continued', choice),
      };
      redraw = () =>
        render(
          <PauseScreen
            {...props}
            // Until the background says what Continue needs, the countdown waits for it too.
            countdownSeconds={rule ? countdown : Math.max(countdown, REPLY_WAIT_MS / 1000)}
            timesToday={timesToday}
            typedPhrase={rule?.phrase ?? settings.typedPhrase}
            needsCode={rule?.needsCode ?? false}
            strict={rule?.strict ?? false}
            checkCode={checkCode}
          />,
          container,
        );
      redraw();
    },
  });

  return {
    personId: person.id,
    dismiss: (reason) => step({ type: 'dismiss', reason }),
    suspend: () => step({ type: 'suspend' }),
    resume: () => step({ type: 'resume' }),
  };
}

/**
 * Makes the page beneath unreachable: no clicks, typing, focus or scrolling, and keeps it so
 * if the page's scripts try to undo it. Returns the undo.
 */
function makePageInert(focusScreen: () => void, onScreen: (target: EventTarget | null) => boolean): () => void {
  const root = document.documentElement;
  const previousOverflow = root.style.overflow;
  let body: HTMLElement | null = null;
  const apply = () => {
    if (root.style.getPropertyValue('overflow') !== 'hidden') root.style.setProperty('overflow', 'hidden', 'important');
    if (document.body && document.body !== body) {
      body = document.body;
      observer.observe(body, { attributes: true, attributeFilter: ['inert'] });
    }
    if (body && !body.inert) body.inert = true;
  };
  // As guardHost does (guard.ts): a page whose own observer undoes this on every change would
  // make the two observers answer each other forever and freeze the tab. A few repairs a frame,
  // then the page is held unscrollable by a stylesheet it does not see in its DOM (its style
  // attribute is not that), and tried again once a frame.
  const REPAIRS_PER_FRAME = 8;
  let repairs = 0;
  let frame = 0;
  let held: CSSStyleSheet | null = null;
  const hold = () => {
    if (held) return;
    held = new CSSStyleSheet();
    held.replaceSync('html { overflow: hidden !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, held];
  };
  const onFrame = () => {
    frame = 0;
    repairs = 0;
    apply();
  };
  const repair = () => {
    if (!frame) frame = requestAnimationFrame(onFrame);
    if (repairs >= REPAIRS_PER_FRAME) return hold();
    repairs += 1;
    apply();
  };
  const observer = new MutationObserver(repair);
  observer.observe(root, { attributes: true, attributeFilter: ['style'], childList: true });
  // Focus moved to the page (by its scripts) comes back to the screen.
  const refocus = (event: FocusEvent) => {
    if (event.target && !onScreen(event.target)) focusScreen();
  };
  document.addEventListener('focusin', refocus, true);
  apply();
  return () => {
    observer.disconnect();
    if (frame) cancelAnimationFrame(frame);
    if (held) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== held);
    document.removeEventListener('focusin', refocus, true);
    root.style.removeProperty('overflow');
    if (previousOverflow) root.style.overflow = previousOverflow;
    if (body) body.inert = false;
  };
}
