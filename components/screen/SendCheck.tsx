import { useEffect, useRef } from 'preact/hooks';
import { messagesLanguage, t, textDirection } from '@/utils/model/i18n';

/** asking: the two choices; saving: keeping the words in the journal; failed: that did not work. */
export type SendCheckStatus = 'asking' | 'saving' | 'failed';

export interface SendCheckProps {
  alias: string;
  status: SendCheckStatus;
  onKeep(): void;
  onSend(): void;
}

/**
 * The question asked once more, on the first send after Continue in a chat: send it, or keep
 * it in the journal. Keeping is the safe choice and has the focus; Escape closes nothing.
 * It shows the alias only: nothing of the message or of the page.
 */
export function SendCheck(props: SendCheckProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const busy = props.status === 'saving';

  // Back to the safe choice when the dialog opens and after a failed save.
  useEffect(() => {
    if (!busy) keep.current?.focus();
  }, [busy]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    // Keep focus on the two buttons.
    const buttons = [...dialog.current.querySelectorAll<HTMLElement>('button')];
    const active = (dialog.current.getRootNode() as ShadowRoot).activeElement;
    const next = buttons[(buttons.indexOf(active as HTMLElement) + (event.shiftKey ? buttons.length - 1 : 1)) % buttons.length];
    event.preventDefault();
    next?.focus();
  };

  // Only a person's own clicks and key presses count: a page's scripted events press nothing.
  const choose = (event: MouseEvent, action: () => void) => {
    if (event.isTrusted && !busy) action();
  };

  return (
    <div class="send-check">
      <div
        class="card"
        lang={messagesLanguage()}
        dir={textDirection()}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="cb-send-title"
        aria-describedby="cb-send-choice"
        ref={dialog}
        onKeyDown={onKeyDown}
      >
        <h1 id="cb-send-title">{t('send_check_title', { alias: props.alias })}</h1>
        <p id="cb-send-choice">{t('send_check_choice')}</p>
        {props.status === 'failed' && (
          <p class="error" role="alert">
            {t('send_check_failed')}
          </p>
        )}
        <div class="actions">
          <button
            ref={keep}
            class="safe"
            type="button"
            aria-disabled={busy}
            onClick={(event) => choose(event, props.onKeep)}
          >
            {t('send_check_keep')}
          </button>
          <button class="risky" type="button" aria-disabled={busy} onClick={(event) => choose(event, props.onSend)}>
            {t('send_check_send')}
          </button>
        </div>
      </div>
    </div>
  );
}
