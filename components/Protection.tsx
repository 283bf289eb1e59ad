import { useEffect, useState } from 'preact/hooks';
import { weakeningsOf, type Change, type PendingChange, type Weakening } from '@/utils/changes';
import { sendMessage } from '@/utils/messages';
import { ANY_SITE, LOCK_HOURS, StrictHours, type LockHours, type Settings } from '@/utils/schema';
import { adapterById } from '@/utils/sites';
import { friendCodeItem, loadFriendCode, loadPending, pendingItem } from '@/utils/storage';
import type { Save } from './Options';
import { useStored } from './useStored';

export const LOCK_LABEL: Record<LockHours, string> = {
  0: 'Off',
  1: '1 hour',
  24: '24 hours',
  72: '3 days',
  168: '7 days',
};

const KIND_WORD: Record<string, string> = {
  handle: 'username',
  accountId: 'account id',
  conversationId: 'conversation',
  name: 'name',
  phone: 'phone',
  email: 'e-mail',
};

export function siteLabel(site: string, settings: Settings): string {
  if (site === ANY_SITE) return 'every site';
  return adapterById(site)?.name ?? settings.customSites.find((custom) => custom.id === site)?.name ?? site;
}

/** One thing a change takes away, in words. */
export function describeWeakening(weakening: Weakening, settings: Settings): string {
  switch (weakening.what) {
    case 'person':
      return `Stop watching ${weakening.alias}`;
    case 'identifier':
      return `Remove ${weakening.learned ? 'the learned conversation' : `the ${KIND_WORD[weakening.kind]}`} ${weakening.value} of ${weakening.alias} on ${siteLabel(weakening.site, settings)}`;
    case 'site':
      return `Turn off ${siteLabel(weakening.site, settings)}`;
    case 'customSite':
      return `Remove or change your site ${weakening.name}`;
    case 'countdown':
      return `Shorten the countdown from ${weakening.from} to ${weakening.to} seconds`;
    case 'escalation':
      return `Add ${weakening.to} instead of ${weakening.from} seconds for each earlier attempt`;
    case 'cap':
      return `Lower the longest countdown from ${weakening.from} to ${weakening.to} seconds`;
    case 'snooze':
      return `Let the same person through for ${weakening.to} instead of ${weakening.from} minutes after Continue`;
    case 'phrase':
      return 'Stop asking for the phrase before Continue';
    case 'continueCode':
      return 'Stop asking for the friend’s code before Continue';
    case 'lock':
      return `Shorten the lock from ${LOCK_LABEL[weakening.from as LockHours] ?? `${weakening.from} hours`} to ${LOCK_LABEL[weakening.to as LockHours] ?? `${weakening.to} hours`}`;
    case 'strictHours':
      return weakening.off ? 'Turn off the stricter hours' : 'Make the stricter hours less strict';
    case 'log':
      return 'Clear the log of attempts';
    case 'friendCode':
      return 'Remove the friend’s code';
  }
}

export function describeChange(change: Change, settings: Settings, now: number): string[] {
  const found = weakeningsOf(settings, change, now);
  return found.length ? found.map((weakening) => describeWeakening(weakening, settings)) : ['No longer changes anything'];
}

const when = (time: number) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(time);

/** What the status line says when the lock held a change. */
export const heldText = (pending: PendingChange) =>
  `The protection lock holds this change until ${when(pending.appliesAt)}. It is listed under Protection, where you can cancel it.`;

/** The protection lock, the changes it holds, the friend's code and the stricter hours. */
export function Protection({ settings, save }: { settings: Settings; save: Save }) {
  return (
    <section aria-labelledby="protection-title">
      <h2 id="protection-title">Protection</h2>
      <p class="hint">
        For the weak moments: with the lock on, a change that weakens protection (removing someone, turning a site off, a
        shorter countdown, clearing the log …) waits before it applies, and you can cancel it meanwhile. Changes that make
        protection stronger apply at once.
      </p>
      <Lock settings={settings} save={save} />
      <PendingList settings={settings} />
      <FriendCodeSettings settings={settings} save={save} />
      <StrictHoursSettings settings={settings} save={save} />
    </section>
  );
}

function Lock({ settings, save }: { settings: Settings; save: Save }) {
  return (
    <label>
      Protection lock: a weakening change waits{' '}
      <select
        name="lockHours"
        value={String(settings.lockHours)}
        onChange={(e) => {
          const hours = Number((e.target as HTMLSelectElement).value) as LockHours;
          void save({ type: 'setLock', hours }, hours ? `The lock is on: weakening changes wait ${LOCK_LABEL[hours]}.` : 'The lock is off.');
        }}
      >
        {LOCK_HOURS.map((hours) => (
          <option key={hours} value={String(hours)}>
            {LOCK_LABEL[hours]}
          </option>
        ))}
      </select>
    </label>
  );
}

function PendingList({ settings }: { settings: Settings }) {
  const stored = useStored(loadPending, pendingItem);
  const code = useStored(loadFriendCode, friendCodeItem);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  if (!stored) return null;
  if (!stored.readable) return <p class="error" role="alert">The changes waiting for the lock could not be read just now.</p>;
  const pending = [...stored.value].sort((a, b) => a.appliesAt - b.appliesAt);
  const now = Date.now();
  return (
    <div class="pending">
      <h3 id="pending-title">Waiting for the lock</h3>
      {pending.length === 0 ? (
        <p class="hint">No change is waiting.</p>
      ) : (
        <ul aria-labelledby="pending-title">
          {pending.map((held) => (
            <li key={held.id} aria-label={describeChange(held.change, settings, now).join('; ')}>
              <strong>{describeChange(held.change, settings, now).join('; ')}</strong>: applies {when(held.appliesAt)}.{' '}
              <button
                type="button"
                onClick={() =>
                  void sendMessage('cancelPending', { id: held.id }).then(
                    () => setMessage({ text: 'Cancelled: that change will not happen.', error: false }),
                    (error: Error) => setMessage({ text: `Not cancelled: ${error.message}`, error: true }),
                  )
                }
              >
                Cancel this change
              </button>
              {code?.value && <ApplyNow id={held.id} onDone={setMessage} />}
            </li>
          ))}
        </ul>
      )}
      {message && (
        <p role={message.error ? 'alert' : 'status'} class={message.error ? 'error' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}

/** Why a code was not taken, kindly. */
export function codeRefusal(check: { reason: 'wrong' | 'wait' | 'none'; retryAt: number }, now = Date.now()): string {
  if (check.reason === 'none') return 'No friend’s code is set.';
  const seconds = Math.ceil((check.retryAt - now) / 1000);
  const wait = seconds > 0 ? ` Try again in ${seconds > 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`}.` : '';
  return check.reason === 'wrong' ? `That is not the code.${wait}` : `Too many wrong codes.${wait}`;
}

function ApplyNow({ id, onDone }: { id: string; onDone: (message: { text: string; error: boolean }) => void }) {
  const [code, setCode] = useState('');
  return (
    <form
      class="row"
      onSubmit={(event) => {
        event.preventDefault();
        void sendMessage('applyPendingNow', { id, code }).then(
          (check) => onDone(check.ok ? { text: 'Applied now, with the friend’s code.', error: false } : { text: codeRefusal(check), error: true }),
          (error: Error) => onDone({ text: `Not applied: ${error.message}`, error: true }),
        );
      }}
    >
      <label>
        Friend’s code <input name="code" autocomplete="off" value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit">Apply now</button>
    </form>
  );
}

function FriendCodeSettings({ settings, save }: { settings: Settings; save: Save }) {
  const stored = useStored(loadFriendCode, friendCodeItem);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [needsPending, setNeedsPending] = useState<boolean | null>(null);
  useEffect(() => setNeedsPending(null), [settings.continueNeedsCode]);
  if (!stored) return null;
  return (
    <div class="friend-code">
      <h3>A code held by a friend</h3>
      <p class="hint">
        Clean Break makes a code you give to your support person and do not keep. Applying a waiting change early needs it,
        and, if you choose, so does Continue anyway.
      </p>
      {!stored.valid && <p class="notice" role="status">The friend’s code that was saved could not be read; it was set aside. Make a new one.</p>}
      {shown ? (
        <div class="shown-code" role="group" aria-label="Your friend’s code">
          <p>
            Give this code to your support person now. It is shown only this once and Clean Break keeps only a scrambled form of it:
          </p>
          <p class="code">
            <strong>{shown}</strong>
          </p>
          <button type="button" onClick={() => setShown(null)}>
            I have given it away
          </button>
        </div>
      ) : stored.value ? (
        <p>
          A friend’s code is set.{' '}
          <button type="button" onClick={() => void save({ type: 'removeFriendCode' }, 'The friend’s code is removed.')}>
            Remove the code
          </button>
        </p>
      ) : (
        <button
          type="button"
          onClick={() =>
            void sendMessage('setFriendCode', {}).then(
              (made) => (made.ok ? (setShown(made.code), setError('')) : setError(made.message)),
              (failure: Error) => setError(`No code was made: ${failure.message}`),
            )
          }
        >
          Make a code for my support person
        </button>
      )}
      <label class="check">
        <input
          type="checkbox"
          name="continueNeedsCode"
          checked={needsPending ?? settings.continueNeedsCode}
          onChange={(e) => {
            const value = (e.target as HTMLInputElement).checked;
            setNeedsPending(value);
            void save({ type: 'setPause', values: { continueNeedsCode: value } }, value ? 'Continue anyway now needs the friend’s code.' : 'Continue anyway no longer needs the friend’s code.').then(
              (result) => result !== 'applied' && setNeedsPending(null),
            );
          }}
        />
        Continue anyway needs the friend’s code (when one is set)
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function StrictHoursSettings({ settings, save }: { settings: Settings; save: Save }) {
  const current = settings.strictHours;
  const [draft, setDraft] = useState({
    on: current !== null,
    start: current?.start ?? '22:00',
    end: current?.end ?? '06:00',
    countdownSeconds: String(current?.countdownSeconds ?? 60),
    require: current?.require ?? 'phrase',
    phrase: current?.phrase ?? 'I choose to wait until morning',
  });
  const [error, setError] = useState('');
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });
  const submit = (event: Event) => {
    event.preventDefault();
    if (!draft.on) return void save({ type: 'setStrictHours', strictHours: null }, 'The stricter hours are off.');
    const parsed = StrictHours.safeParse({ ...draft, countdownSeconds: Number(draft.countdownSeconds) });
    if (!parsed.success) return setError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    setError('');
    void save({ type: 'setStrictHours', strictHours: parsed.data }, `Stricter from ${parsed.data.start} to ${parsed.data.end}.`);
  };
  return (
    <form class="grid strict-hours" onSubmit={submit} aria-labelledby="strict-title">
      <h3 id="strict-title">Stricter hours</h3>
      <p class="hint">Late nights and drinking are when no contact is broken most. In these hours the pause asks for more.</p>
      <label class="check">
        <input type="checkbox" name="strictOn" checked={draft.on} onChange={(e) => set({ on: (e.target as HTMLInputElement).checked })} />
        Be stricter at certain hours
      </label>
      <label>
        From <input type="time" name="strictStart" value={draft.start} onInput={(e) => set({ start: (e.target as HTMLInputElement).value })} />
      </label>
      <label>
        Until <input type="time" name="strictEnd" value={draft.end} onInput={(e) => set({ end: (e.target as HTMLInputElement).value })} />
      </label>
      <label>
        Countdown in those hours (seconds){' '}
        <input type="number" min={3} max={3600} name="strictCountdown" value={draft.countdownSeconds} onInput={(e) => set({ countdownSeconds: (e.target as HTMLInputElement).value })} />
      </label>
      <fieldset>
        <legend>Before Continue, in those hours</legend>
        <label>
          <input type="radio" name="strictRequire" checked={draft.require === 'phrase'} onChange={() => set({ require: 'phrase' })} /> Type a phrase
        </label>
        <label>
          <input type="radio" name="strictRequire" checked={draft.require === 'code'} onChange={() => set({ require: 'code' })} /> Enter the
          friend’s code (the phrase while no code is set)
        </label>
      </fieldset>
      <label>
        Phrase for those hours <input name="strictPhrase" value={draft.phrase} onInput={(e) => set({ phrase: (e.target as HTMLInputElement).value })} />
      </label>
      <div class="row">
        <button type="submit">Save the stricter hours</button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
