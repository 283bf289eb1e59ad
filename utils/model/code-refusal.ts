import { plural, t } from './i18n';

/**
 * Why a friend's code was not taken, and how long until the next try: said the same on the pause
 * screen and in options. Imports only the messages, so the content script can carry it.
 */
/** Why a code was not taken: none is set, it was wrong, or too many tries; `retryAt`, when the next may come. */
export interface CodeRefusal {
  reason: 'wrong' | 'wait' | 'none';
  retryAt: number;
}

export function codeRefusal(check: CodeRefusal, now = Date.now()): string {
  if (check.reason === 'none') return t('friend_code_none');
  const seconds = Math.max(0, Math.ceil((check.retryAt - now) / 1000));
  const time = seconds > 90 ? plural('duration_minutes', Math.ceil(seconds / 60)) : plural('duration_seconds', seconds);
  if (check.reason === 'wrong') return seconds > 0 ? t('pause_code_wrong_retry', { time }) : t('pause_code_wrong');
  return seconds > 0 ? t('pause_code_too_many_retry', { time }) : t('pause_code_too_many');
}
