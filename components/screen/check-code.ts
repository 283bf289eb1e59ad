import { sendMessage } from '@/utils/protocol/messaging';
import { codeRefusal } from '@/utils/model/code-refusal';
import { t } from '@/utils/model/i18n';

/** The friend's code, checked by the background: null when right, else what to say (the pause screen's `checkCode`). */
export async function checkCode(code: string): Promise<string | null> {
  try {
    const check = await sendMessage('checkCode', { code });
    // No code is set any more (removed meanwhile): nothing to ask for.
    return check.ok || check.reason === 'none' ? null : codeRefusal(check);
  } catch {
    return t('pause_code_unchecked');
  }
}
