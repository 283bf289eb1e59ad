import { useEffect, useState } from 'preact/hooks';
import { formatDate, t } from '@/utils/model/i18n';
import { sendMessage } from '@/utils/protocol/messaging';
import { syncStateItem } from '@/utils/store/storage';
import { localTimeZone } from '@/utils/model/summary';
import { loadSyncState } from '@/utils/store/sync-state';
import { useStored } from '@/components/page/useStored';

/** "Thu 3 Dec, 09:30", as the UI language writes it, in the user's zone. */
const when = (time: number) =>
  formatDate(time, localTimeZone(), { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });

/**
 * Sync, as an option (off by default): the settings follow the user to their other browsers
 * through the browser account's own sync (utils/model/sync.ts). Shows the last problem sync met.
 */
export function SyncSettings() {
  const stored = useStored(() => loadSyncState(), syncStateItem);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  // What the box was just turned to, shown until the stored state says so (or the background refused).
  const [asked, setAsked] = useState<boolean | null>(null);
  const enabled = stored?.value.enabled;
  useEffect(() => setAsked((wanted) => (wanted === enabled ? null : wanted)), [enabled]);
  if (!stored) return null;
  const state = stored.value;

  const turn = async (enabled: boolean) => {
    setAsked(enabled);
    try {
      const reply = await sendMessage('setSync', { enabled });
      if (!reply.ok) {
        setAsked(null);
        setMessage({ text: reply.message, error: true });
      } else setMessage({ text: enabled ? t('sync_on') : t('sync_off'), error: false });
    } catch (error) {
      setAsked(null);
      setMessage({ text: t('sync_not_changed', { error: (error as Error).message }), error: true });
    }
  };

  return (
    <section aria-labelledby="sync-title">
      <h2 id="sync-title">{t('sync_heading')}</h2>
      <label>
        <input
          type="checkbox"
          name="sync"
          checked={asked ?? state.enabled}
          disabled={asked !== null}
          onChange={(e) => void turn((e.target as HTMLInputElement).checked)}
        />{' '}
        {t('sync_label')}
      </label>
      <p class="hint">{t('sync_hint')}</p>
      {!stored.valid && (
        <p class="notice" role="status">
          {t('sync_state_set_aside')}
        </p>
      )}
      {state.problem && (
        <p class="error" role="alert">
          {state.problem.message}
        </p>
      )}
      {state.enabled && !state.problem && (
        <p class="hint" role="status">
          {state.syncedAt === null ? t('sync_syncing') : t('sync_last_synced', { when: when(state.syncedAt) })}
        </p>
      )}
      {message && (
        <p class={message.error ? 'error' : 'status'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
