import { useEffect, useState } from 'preact/hooks';
import { weakeningsOf, type Change, type PendingChange, type Weakening } from '@/utils/model/changes';
import { formatDate, messageParts, plural, SLOT, t, type MessageKey } from '@/utils/model/i18n';
import { codeRefusal } from '@/utils/model/code-refusal';
import { sendMessage } from '@/utils/protocol/messaging';
import { ANY_SITE, LOCK_HOURS, StrictHours, type IdentifierKind, type LockHours, type Settings } from '@/utils/model/schema';
import { builtInSiteName } from '@/utils/sites/names';
import { localTimeZone } from '@/utils/model/summary';
import { friendCodeItem, loadFriendCode, loadPending, pendingItem } from '@/utils/store/storage';
import type { Save } from './save';
import { useStored } from '@/components/page/useStored';

const LOCK_CHOICE: Record<LockHours, MessageKey> = {
  0: 'lock_choice_off',
  1: 'lock_choice_1h',
  24: 'lock_choice_24h',
  72: 'lock_choice_3d',
  168: 'lock_choice_7d',
};

/** A lock's length in words: one of the choices, or (from a newer version) its hours. */
export const lockLabel = (hours: number): string =>
  hours in LOCK_CHOICE ? t(LOCK_CHOICE[hours as LockHours]) : plural('lock_hours', hours);

/** The kinds of identifier as words inside a sentence ("Remove the username sam of S."). */
export const KIND_WORD: Record<IdentifierKind, MessageKey> = {
  handle: 'kind_word_handle',
  accountId: 'kind_word_account_id',
  conversationId: 'kind_word_conversation_id',
  name: 'kind_word_name',
  phone: 'kind_word_phone',
  email: 'kind_word_email',
};

/** A site's name for the user: built in, their own, or "every site". */
export function siteLabel(site: string, settings: Settings): string {
  if (site === ANY_SITE) return t('site_every');
  return builtInSiteName(site) ?? settings.customSites.find((custom) => custom.id === site)?.name ?? site;
}

/** One thing a change takes away, in words. */
export function describeWeakening(weakening: Weakening, settings: Settings): string {
  switch (weakening.what) {
    case 'person':
      return t('weakening_person', { alias: weakening.alias });
    case 'identifier': {
      const { value, alias } = weakening;
      const site = siteLabel(weakening.site, settings);
      return weakening.learned ? t('weakening_learned', { value, alias, site }) : t('weakening_identifier', { kind: t(KIND_WORD[weakening.kind]), value, alias, site });
    }
    case 'site':
      return t('weakening_site', { site: siteLabel(weakening.site, settings) });
    case 'customSite':
      return t('weakening_custom_site', { name: weakening.name });
    case 'countdown':
      return t('weakening_countdown', { from: weakening.from, to: weakening.to });
    case 'escalation':
      return t('weakening_escalation', { from: weakening.from, to: weakening.to });
    case 'cap':
      return t('weakening_cap', { from: weakening.from, to: weakening.to });
    case 'snooze':
      return t('weakening_snooze', { from: weakening.from, to: weakening.to });
    case 'phrase':
      return t('weakening_phrase');
    case 'continueCode':
      return t('weakening_continue_code');
    case 'lock':
      return t('weakening_lock', { from: lockLabel(weakening.from), to: lockLabel(weakening.to) });
    case 'strictHours':
      return weakening.off ? t('weakening_strict_off') : t('weakening_strict_less');
    case 'log':
      return t('weakening_log');
    case 'friendCode':
      return t('weakening_friend_code');
  }
}

export function describeChange(change: Change, settings: Settings, now: number): string[] {
  const found = weakeningsOf(settings, change, now);
  return found.length ? found.map((weakening) => describeWeakening(weakening, settings)) : [t('weakening_nothing')];
}

/** "Thu 3 Dec, 09:30", as the UI language writes it, in the user's zone. */
const when = (time: number) =>
  formatDate(time, localTimeZone(), { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });

/** What the status line says when the lock held a change. */
export const heldText = (pending: PendingChange) => t('lock_holds', { when: when(pending.appliesAt) });

/** The protection lock, the changes it holds, the friend's code and the stricter hours. */
export function Protection({ settings, save }: { settings: Settings; save: Save }) {
  return (
    <section aria-labelledby="protection-title">
      <h2 id="protection-title">{t('protection_heading')}</h2>
      <p class="hint">{t('protection_hint')}</p>
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
      {t('lock_label')}{' '}
      <select
        name="lockHours"
        value={String(settings.lockHours)}
        onChange={(e) => {
          const hours = Number((e.target as HTMLSelectElement).value) as LockHours;
          void save({ type: 'setLock', hours }, hours ? t('lock_on_saved', { time: lockLabel(hours) }) : t('lock_off_saved'));
        }}
      >
        {LOCK_HOURS.map((hours) => (
          <option key={hours} value={String(hours)}>
            {lockLabel(hours)}
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
  if (!stored.readable) return <p class="error" role="alert">{t('pending_unreadable')}</p>;
  const pending = [...stored.value].sort((a, b) => a.appliesAt - b.appliesAt);
  const now = Date.now();
  return (
    <div class="pending">
      <h3 id="pending-title">{t('pending_heading')}</h3>
      {pending.length === 0 ? (
        <p class="hint">{t('pending_none')}</p>
      ) : (
        <ul aria-labelledby="pending-title">
          {pending.map((held) => {
            const what = describeChange(held.change, settings, now).join('; ');
            return (
            <li key={held.id} aria-label={what}>
              {messageParts('pending_item', { what: SLOT, when: when(held.appliesAt) }).map((part) =>
                typeof part === 'string' ? part : <strong key={part.slot}>{what}</strong>,
              )}{' '}
              <button
                type="button"
                onClick={() =>
                  void sendMessage('cancelPending', { id: held.id }).then(
                    () => setMessage({ text: t('pending_cancelled'), error: false }),
                    (error: Error) => setMessage({ text: t('pending_not_cancelled', { error: error.message }), error: true }),
                  )
                }
              >
                {t('pending_cancel')}
              </button>
              {code?.value && <ApplyNow id={held.id} onDone={setMessage} />}
            </li>
            );
          })}
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

function ApplyNow({ id, onDone }: { id: string; onDone: (message: { text: string; error: boolean }) => void }) {
  const [code, setCode] = useState('');
  return (
    <form
      class="row"
      onSubmit={(event) => {
        event.preventDefault();
        void sendMessage('applyPendingNow', { id, code }).then(
          (check) => onDone(check.ok ? { text: t('pending_applied_now'), error: false } : { text: codeRefusal(check), error: true }),
          (error: Error) => onDone({ text: t('pending_not_applied', { error: error.message }), error: true }),
        );
      }}
    >
      <label>
        {t('friend_code_label')} <input name="code" autocomplete="off" value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit">{t('pending_apply_now')}</button>
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
      <h3>{t('friend_code_heading')}</h3>
      <p class="hint">{t('friend_code_hint')}</p>
      {!stored.valid && <p class="notice" role="status">{t('friend_code_set_aside')}</p>}
      {shown ? (
        <div class="shown-code" role="group" aria-label={t('friend_code_shown_label')}>
          <p>{t('friend_code_give')}</p>
          <p class="code">
            <strong>{shown}</strong>
          </p>
          <button type="button" onClick={() => setShown(null)}>
            {t('friend_code_given')}
          </button>
        </div>
      ) : stored.value ? (
        <p>
          {t('friend_code_is_set')}{' '}
          <button type="button" onClick={() => void save({ type: 'removeFriendCode' }, t('friend_code_removed'))}>
            {t('friend_code_remove')}
          </button>
        </p>
      ) : (
        <button
          type="button"
          onClick={() =>
            void sendMessage('setFriendCode', {}).then(
              (made) => (made.ok ? (setShown(made.code), setError('')) : setError(made.message)),
              (failure: Error) => setError(t('friend_code_not_made', { error: failure.message })),
            )
          }
        >
          {t('friend_code_make')}
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
            void save({ type: 'setPause', values: { continueNeedsCode: value } }, value ? t('continue_code_on') : t('continue_code_off')).then(
              (result) => result !== 'applied' && setNeedsPending(null),
            );
          }}
        />
        {t('continue_code_label')}
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
    phrase: current?.phrase ?? t('strict_default_phrase'),
  });
  const [error, setError] = useState('');
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });
  const submit = (event: Event) => {
    event.preventDefault();
    if (!draft.on) return void save({ type: 'setStrictHours', strictHours: null }, t('strict_off_saved'));
    const parsed = StrictHours.safeParse({ ...draft, countdownSeconds: Number(draft.countdownSeconds) });
    if (!parsed.success) return setError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    setError('');
    void save({ type: 'setStrictHours', strictHours: parsed.data }, t('strict_saved', { start: parsed.data.start, end: parsed.data.end }));
  };
  return (
    <form class="grid strict-hours" onSubmit={submit} aria-labelledby="strict-title">
      <h3 id="strict-title">{t('strict_heading')}</h3>
      <p class="hint">{t('strict_hint')}</p>
      <label class="check">
        <input type="checkbox" name="strictOn" checked={draft.on} onChange={(e) => set({ on: (e.target as HTMLInputElement).checked })} />
        {t('strict_on')}
      </label>
      <label>
        {t('strict_from')} <input type="time" name="strictStart" value={draft.start} onInput={(e) => set({ start: (e.target as HTMLInputElement).value })} />
      </label>
      <label>
        {t('strict_until')} <input type="time" name="strictEnd" value={draft.end} onInput={(e) => set({ end: (e.target as HTMLInputElement).value })} />
      </label>
      <label>
        {t('strict_countdown')}{' '}
        <input type="number" min={3} max={3600} name="strictCountdown" value={draft.countdownSeconds} onInput={(e) => set({ countdownSeconds: (e.target as HTMLInputElement).value })} />
      </label>
      <fieldset>
        <legend>{t('strict_require_legend')}</legend>
        <label>
          <input type="radio" name="strictRequire" checked={draft.require === 'phrase'} onChange={() => set({ require: 'phrase' })} /> {t('strict_require_phrase')}
        </label>
        <label>
          <input type="radio" name="strictRequire" checked={draft.require === 'code'} onChange={() => set({ require: 'code' })} />{' '}
          {t('strict_require_code')}
        </label>
      </fieldset>
      <label>
        {t('strict_phrase')} <input name="strictPhrase" value={draft.phrase} onInput={(e) => set({ phrase: (e.target as HTMLInputElement).value })} />
      </label>
      <div class="row">
        <button type="submit">{t('strict_save')}</button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
