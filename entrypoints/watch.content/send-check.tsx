import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { SendCheck, type SendCheckStatus } from '@/components/screen/SendCheck';
import sendCheckCss from '@/components/screen/SendCheck.css?inline';
import { clearComposer, composerAt, composerNear, composerText, focusAtEnd, isDisabled, sendButtonAt } from '@/utils/sites/lib/composer';
import { sendMessage } from '@/utils/protocol/messaging';
import type { Person } from '@/utils/model/schema';
import type { SiteAdapter } from '@/utils/sites/types';
import { mountGuardedScreen } from './guard';

export interface SendCheckHandle {
  personId: string;
  /** Stops watching for the send (and takes the question down if it is up). Idempotent. */
  disarm(): void;
}

interface SendCheckOptions {
  adapter: SiteAdapter;
  person: Person;
  site: string;
}

/** The send the person asked for when it was held: Enter in the message box, or its send button. */
type HeldSend =
  | { kind: 'enter'; composer: HTMLElement; keys: KeyboardEventInit }
  | { kind: 'button'; composer: HTMLElement; button: HTMLElement };

interface Question {
  setStatus(status: SendCheckStatus): void;
  close(): void;
}

// A press on a send button: some sites act on the press rather than the click, so every part
// of it is held; the click asks.
const PRESS_EVENTS = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'] as const;
const KEY_EVENTS = ['keydown', 'keypress', 'keyup'] as const;
// How long a site may take to send what it was handed before the box gets the focus back.
const SENT_WITHIN_MS = 400;

/**
 * After Continue into a chat: holds the first send (Enter in the thread's message box, or its
 * send button) and asks once more, send it or keep it in the journal. Either answer ends it:
 * one decision, one question.
 */
export function armSendCheck(ctx: ContentScriptContext, { adapter, person, site }: SendCheckOptions): SendCheckHandle {
  const disarmed = new AbortController();
  const signal = AbortSignal.any([ctx.signal, disarmed.signal]);
  let question: Question | null = null;

  const disarm = () => {
    disarmed.abort();
    question?.close();
    question = null;
  };

  const hold = (event: Event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
  };

  /** The message box a send button sends, when it holds something to send. */
  const filledComposerOf = (button: HTMLElement | null): HTMLElement | null => {
    if (!button || isDisabled(button)) return null;
    const composer = composerNear(button, adapter);
    return composer && composerText(composer) ? composer : null;
  };

  const ask = (held: HeldSend) => {
    question = showQuestion(ctx, person.alias, {
      onSend() {
        disarm();
        release(ctx, held);
      },
      onKeep() {
        void keep(held);
      },
    });
  };

  const keep = async (held: HeldSend) => {
    const text = composerText(held.composer);
    if (text) {
      question?.setStatus('saving');
      const kept = await sendMessage('keepDraft', { personId: person.id, site, text }).then(
        () => true,
        () => false,
      );
      // Nothing typed is lost: a failed save leaves the words where they are, and says so.
      if (!kept) {
        question?.setStatus('failed');
        return;
      }
    }
    disarm();
    if (text && held.composer.isConnected && composerText(held.composer) === text) clearComposer(held.composer);
    else if (held.composer.isConnected) focusAtEnd(held.composer);
  };

  // Enter (with or without Ctrl/Cmd; Shift+Enter is a new line) in the message box, and Enter
  // or Space on its send button. Only the person's own key presses: page scripts are not asked about.
  const onKey = (event: KeyboardEvent) => {
    if (!event.isTrusted || event.isComposing || event.keyCode === 229) return;
    const path = event.composedPath();
    let held: HeldSend | null = null;
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      const composer = composerAt(path, adapter, document);
      if (composer && composerText(composer)) held = { kind: 'enter', composer, keys: keysOf(event) };
    }
    if (!held && (event.key === 'Enter' || event.key === ' ')) {
      const button = sendButtonAt(path, adapter, document);
      const composer = filledComposerOf(button);
      if (button && composer) held = { kind: 'button', composer, button };
    }
    if (!held) return;
    hold(event);
    if (event.type === 'keydown' && !question) ask(held);
  };

  const onPress = (event: MouseEvent) => {
    if (!event.isTrusted || event.button !== 0) return;
    const button = sendButtonAt(event.composedPath(), adapter, document);
    const composer = filledComposerOf(button);
    if (!button || !composer) return;
    hold(event);
    if (event.type === 'click' && !question) ask({ kind: 'button', composer, button });
  };

  // On the window, in the capture phase: before the page's own listeners on the document or its elements.
  for (const type of KEY_EVENTS) window.addEventListener(type, onKey, { capture: true, signal });
  for (const type of PRESS_EVENTS) window.addEventListener(type, onPress, { capture: true, signal });
  ctx.onInvalidated(disarm);

  return { personId: person.id, disarm };
}

function keysOf(event: KeyboardEvent): KeyboardEventInit {
  const { key, code, ctrlKey, metaKey, keyCode } = event;
  return { key, code, ctrlKey, metaKey, keyCode, which: keyCode };
}

/**
 * Sends what the person asked to send, as they asked: the button clicked again, or Enter
 * pressed again in the message box (most web apps act on these). A site that acts only on
 * the person's own input leaves the text there: the box gets the focus back, so their next
 * Enter (not asked about again) sends it.
 */
function release(ctx: ContentScriptContext, held: HeldSend) {
  focusAtEnd(held.composer);
  if (held.kind === 'button') {
    held.button.click();
  } else {
    for (const type of KEY_EVENTS) {
      const charCode = type === 'keypress' ? 13 : 0;
      held.composer.dispatchEvent(
        new KeyboardEvent(type, { ...held.keys, charCode, bubbles: true, cancelable: true, composed: true }),
      );
    }
  }
  ctx.setTimeout(() => {
    if (held.composer.isConnected && composerText(held.composer)) focusAtEnd(held.composer);
  }, SENT_WITHIN_MS);
}

/** Puts the question over the page in its own closed shadow root; returns how to update and close it. */
function showQuestion(ctx: ContentScriptContext, alias: string, actions: { onKeep(): void; onSend(): void }): Question {
  let closed = false;
  let status: SendCheckStatus = 'asking';
  let container: HTMLElement | null = null;
  const draw = () => {
    if (container) render(<SendCheck alias={alias} status={status} onKeep={actions.onKeep} onSend={actions.onSend} />, container);
  };
  const focusQuestion = () => container?.querySelector<HTMLElement>('button')?.focus();
  // Focus moved to the page (by its scripts) comes back to the question.
  const refocus = (event: FocusEvent) => {
    if (!screen.isHost(event.target)) focusQuestion();
  };
  document.addEventListener('focusin', refocus, true);

  const screen = mountGuardedScreen(ctx, {
    css: sendCheckCss,
    focus: focusQuestion,
    onMount(mounted) {
      container = mounted;
      draw();
    },
  });

  return {
    setStatus(next) {
      status = next;
      draw();
    },
    close() {
      if (closed) return;
      closed = true;
      document.removeEventListener('focusin', refocus, true);
      screen.remove();
    },
  };
}
