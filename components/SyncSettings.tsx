import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '@/utils/messages';
import { syncStateItem } from '@/utils/storage';
import { loadSyncState } from '@/utils/sync-state';
import { useStored } from './useStored';

const when = (time: number) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(time);

/**
 * Sync, as an option (off by default): the settings follow the user to their other browsers
 * through the browser account's own sync (utils/sync.ts). Shows the last problem sync met.
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
      } else setMessage({ text: enabled ? 'Sync is on.' : 'Sync is off. This browser keeps its settings; your other browsers keep theirs.', error: false });
    } catch (error) {
      setAsked(null);
      setMessage({ text: `Not changed: ${(error as Error).message}`, error: true });
    }
  };

  return (
    <section aria-labelledby="sync-title">
      <h2 id="sync-title">Sync</h2>
      <label>
        <input
          type="checkbox"
          name="sync"
          checked={asked ?? state.enabled}
          disabled={asked !== null}
          onChange={(e) => void turn((e.target as HTMLInputElement).checked)}
        />{' '}
        Keep my settings in my browser account’s sync
      </label>
      <p class="hint">
        Your other browsers signed in to the same account then get the people you watch, the sites, the pause and the
        protection lock, and changes made in one reach the others. Never synced: the log of attempts, the journal, the
        friend’s code and the changes waiting for the lock; they stay on this browser. When you turn this on, settings
        already in your account’s sync take the place of this browser’s, except where that would weaken protection while
        the lock is on here; people from both are kept. A person removed in one browser is removed in the others.
      </p>
      {!stored.valid && (
        <p class="notice" role="status">
          What this browser knew of sync could not be read; it was set aside and sync is off until you turn it on again.
        </p>
      )}
      {state.problem && (
        <p class="error" role="alert">
          {state.problem.message}
        </p>
      )}
      {state.enabled && !state.problem && (
        <p class="hint" role="status">
          {state.syncedAt === null ? 'Syncing…' : `Last synced ${when(state.syncedAt)}.`}
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
