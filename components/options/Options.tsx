import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DEFAULT_INCOMING_QUESTIONS, DEFAULT_QUESTIONS, DEFAULT_REMINDERS } from '@/utils/model/defaults';
import { coverageHints, identifiersFromInput, withIdentifiers, type CoverageHint } from '@/utils/model/identity';
import { sendMessage } from '@/utils/protocol/messaging';
import { Change } from '@/utils/model/changes';
import { formatList, messageParts, SLOT, t, type MessageKey } from '@/utils/model/i18n';
import { ANY_SITE, IdentifierKind, type Person, type Settings } from '@/utils/model/schema';
import { loadSettings, settingsItem } from '@/utils/store/storage';
import { customAdapters } from '@/utils/sites/custom/custom';
import { builtInSites } from '@/utils/sites/names';
import { heldText, KIND_WORD, Protection, siteLabel as siteName } from './Protection';
import { Sites } from './Sites';
import { DataSettings } from './DataSettings';
import { SyncSettings } from './SyncSettings';
import { useStored } from '@/components/page/useStored';
import { AccessNotice } from '@/components/page/AccessNotice';
import { Confirm } from '@/components/page/Confirm';
import type { Save } from './save';

const KIND_LABEL: Record<IdentifierKind, MessageKey> = {
  handle: 'kind_label_handle',
  accountId: 'kind_label_account_id',
  conversationId: 'kind_label_conversation_id',
  name: 'kind_label_name',
  phone: 'kind_label_phone',
  email: 'kind_label_email',
};

const shortId = (id: string) => (id.length > 8 ? `${id.slice(0, 4)}…` : id);

const COVERAGE_HINT: Record<CoverageHint, MessageKey> = { whatsappName: 'coverage_whatsapp_name' };

/** The options page: who is watched, where, and how the pause behaves. */
export function Options() {
  const stored = useStored(loadSettings, settingsItem);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  if (!stored) return <main class="options" aria-busy="true" />;
  const settings = stored.value;

  const save: Save = async (change, done) => {
    const parsed = Change.safeParse(change);
    if (!parsed.success) {
      setStatus({ text: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '), error: true });
      return 'refused';
    }
    try {
      const result = await sendMessage('change', parsed.data);
      if (result.status === 'refused') setStatus({ text: result.message, error: true });
      else if (result.status === 'pending') setStatus({ text: heldText(result.pending), error: false });
      else setStatus({ text: done, error: false });
      return result.status;
    } catch (error) {
      setStatus({ text: t('not_saved', { error: (error as Error).message }), error: true });
      return 'refused';
    }
  };

  return (
    <main class="options">
      <h1>{t('options_heading')}</h1>
      <AccessNotice />
      {!stored.valid && (
        <p class="notice" role="status">
          {t('options_settings_set_aside')}
        </p>
      )}
      <p class="status" role="status" data-error={status?.error ? 'true' : undefined}>
        {status?.text ?? ''}
      </p>
      <People settings={settings} save={save} />
      <Sites settings={settings} save={save} />
      <PauseSettings settings={settings} save={save} />
      <Protection settings={settings} save={save} />
      <RecordSettings settings={settings} save={save} />
      <DataSettings />
      <SyncSettings />
    </main>
  );
}

/** Sends one change; says on the page what came of it (applied, held by the lock, refused). */

function People({ settings, save }: { settings: Settings; save: Save }) {
  const [alias, setAlias] = useState('');
  const [error, setError] = useState('');

  const addPerson = async (event: Event) => {
    event.preventDefault();
    if (!alias.trim()) return setError(t('watch_need_alias'));
    const name = alias.trim();
    if ((await save({ type: 'addPerson', id: crypto.randomUUID(), alias: name, identifiers: [] }, t('person_added', { name }))) === 'applied') {
      setAlias('');
      setError('');
    }
  };

  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">{t('people_heading')}</h2>
      <p class="hint">{t('people_hint')}</p>
      {settings.people.map((person) => (
        <PersonCard key={person.id} person={person} settings={settings} save={save} />
      ))}
      <form onSubmit={addPerson} class="row">
        <label>
          {t('watch_alias')} <input name="alias" value={alias} onInput={(e) => setAlias((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t('person_add')}</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}

function PersonCard({ person, settings, save }: { person: Person; settings: Settings; save: Save }) {
  const [text, setText] = useState('');
  // A bare name, e-mail, number or username is watched on every site unless the user picks one;
  // a pasted link always picks its own site.
  const [site, setSite] = useState(ANY_SITE);
  const [kind, setKind] = useState<IdentifierKind | 'auto'>('auto');
  const [error, setError] = useState('');
  const [asking, setAsking] = useState(false);

  const addIdentifier = async (event: Event) => {
    event.preventDefault();
    const parsed = identifiersFromInput(text, site, kind, customAdapters(settings));
    if (!parsed.ok) return setError(parsed.error);
    const next = withIdentifiers(person, parsed.identifiers);
    const added = next.added.map((i) => t('identifier_added', { kind: t(KIND_WORD[i.kind]), value: i.value, site: siteName(i.site, settings) }));
    const change: Change = { type: 'addIdentifiers', personId: person.id, identifiers: parsed.identifiers };
    const said = t('identifiers_watching', { alias: person.alias, added: added.length ? formatList(added) : t('identifiers_already_known') });
    if ((await save(change, said)) === 'applied') {
      setText('');
      setError('');
    }
  };

  return (
    <article class="person" aria-label={person.alias}>
      <h3>{person.alias}</h3>
      {person.identifiers.length === 0 ? (
        <p class="hint">{t('identifiers_none')}</p>
      ) : (
        <ul class="identifiers">
          {person.identifiers.map((identifier) => (
            <li key={`${identifier.site}|${identifier.kind}|${identifier.value}`}>
              {identifier.learned
                ? // Learned from a chat the page showed them in (utils/background/learn.ts): a long number nobody typed, shown short.
                  messageParts('identifier_learned_line', { value: SLOT, site: siteName(identifier.site, settings) }).map((part) =>
                    typeof part === 'string' ? part : <strong key="value" title={identifier.value}>{shortId(identifier.value)}</strong>,
                  )
                : messageParts('identifier_line', { kind: t(KIND_LABEL[identifier.kind]), value: SLOT, site: siteName(identifier.site, settings) }).map(
                    (part) => (typeof part === 'string' ? part : <strong key="value">{identifier.value}</strong>),
                  )}{' '}
              {/* A learned id is removed like any other, through the protection lock. */}
              <button
                type="button"
                class="link"
                aria-label={t('identifier_remove_label', { value: identifier.value, site: siteName(identifier.site, settings) })}
                onClick={() =>
                  void save(
                    { type: 'removeIdentifier', personId: person.id, identifier: { kind: identifier.kind, value: identifier.value, site: identifier.site } },
                    t('removed_named', { name: identifier.value }),
                  )
                }
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {coverageHints(person, settings).map((hint) => (
        <p key={hint} class="hint">
          {t(COVERAGE_HINT[hint])}
        </p>
      ))}
      <form onSubmit={addIdentifier} class="row">
        <label>
          {t('identifier_input')}{' '}
          <input name="identifier" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('identifier_kind')}{' '}
          <select name="kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as IdentifierKind | 'auto')}>
            <option value="auto">{t('identifier_kind_detect')}</option>
            {IdentifierKind.options.map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('identifier_site')}{' '}
          <select name="site" value={site} onChange={(e) => setSite((e.target as HTMLSelectElement).value)}>
            <option value={ANY_SITE}>{t('identifier_site_every')}</option>
            {builtInSites.map((builtIn) => (
              <option key={builtIn.id} value={builtIn.id}>
                {builtIn.name}
              </option>
            ))}
            {settings.customSites.map((custom) => (
              <option key={custom.id} value={custom.id}>
                {custom.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('identifier_add')}</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="button" class="danger" onClick={() => setAsking(true)}>
        {t('remove_named', { name: person.alias })}
      </button>
      {asking && (
        <Confirm
          title={t('stop_watching_confirm', { name: person.alias })}
          confirm={t('stop_watching')}
          onConfirm={() => {
            setAsking(false);
            void save({ type: 'removePerson', personId: person.id }, t('removed_named', { name: person.alias }));
          }}
          onCancel={() => setAsking(false)}
        />
      )}
    </article>
  );
}

/** The pause form's fields, as the stored settings fill them. */
const pauseDraft = (settings: Settings) => ({
  countdownSeconds: String(settings.countdownSeconds),
  escalationSeconds: String(settings.escalationSeconds),
  countdownCapSeconds: String(settings.countdownCapSeconds),
  snoozeMinutes: String(settings.snoozeMinutes),
  typedPhrase: settings.typedPhrase,
  questions: settings.questions.join('\n'),
  incomingQuestions: settings.incomingQuestions.join('\n'),
  reminders: settings.reminders.join('\n'),
  supportName: settings.supportPerson?.name ?? '',
  supportLink: settings.supportPerson?.link ?? '',
});
type PauseDraft = ReturnType<typeof pauseDraft>;
const sameDraft = (a: PauseDraft, b: PauseDraft) => JSON.stringify(a) === JSON.stringify(b);

function PauseSettings({ settings, save }: { settings: Settings; save: Save }) {
  const [draft, setDraft] = useState(() => pauseDraft(settings));
  // When the stored values change elsewhere (another page, another browser through sync), an
  // untouched form follows them; one the person has started editing keeps their edits.
  const loaded = useRef(draft);
  const stored = pauseDraft(settings);
  useEffect(() => {
    if (sameDraft(stored, loaded.current)) return;
    const before = loaded.current;
    loaded.current = stored;
    setDraft((current) => (sameDraft(current, before) ? stored : current));
  }, [JSON.stringify(stored)]);
  const field = (name: keyof typeof draft) => ({
    name,
    value: draft[name],
    onInput: (e: Event) => setDraft({ ...draft, [name]: (e.target as HTMLInputElement).value }),
  });
  const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

  const submit = (event: Event) => {
    event.preventDefault();
    void save(
      {
        type: 'setPause',
        values: {
          countdownSeconds: Number(draft.countdownSeconds),
          escalationSeconds: Number(draft.escalationSeconds),
          countdownCapSeconds: Number(draft.countdownCapSeconds),
          snoozeMinutes: Number(draft.snoozeMinutes),
          typedPhrase: draft.typedPhrase.trim(),
          questions: lines(draft.questions),
          incomingQuestions: lines(draft.incomingQuestions),
          reminders: lines(draft.reminders),
          supportPerson:
            draft.supportName.trim() || draft.supportLink.trim()
              ? { name: draft.supportName.trim(), link: draft.supportLink.trim() }
              : null,
        },
      },
      t('options_pause_saved'),
    );
  };

  return (
    <section aria-labelledby="pause-title">
      <h2 id="pause-title">{t('options_pause_heading')}</h2>
      <form onSubmit={submit} class="grid">
        <label>
          {t('options_pause_countdown')} <input type="number" min={3} max={600} {...field('countdownSeconds')} />
        </label>
        <label>
          {t('options_pause_escalation')} <input type="number" min={0} max={600} {...field('escalationSeconds')} />
        </label>
        <label>
          {t('options_pause_cap')} <input type="number" min={3} max={3600} {...field('countdownCapSeconds')} />
        </label>
        <label>
          {t('options_pause_snooze')} <input type="number" min={0} max={1440} {...field('snoozeMinutes')} />
        </label>
        <label>
          {t('options_pause_phrase')} <input {...field('typedPhrase')} />
        </label>
        <label>
          {t('options_pause_support_name')} <input {...field('supportName')} />
        </label>
        <label>
          {t('options_pause_support_link')} <input {...field('supportLink')} />
        </label>
        <label>
          {t('options_pause_questions')} <textarea rows={6} {...field('questions')} />
        </label>
        <label>
          {t('options_pause_incoming_questions')} <textarea rows={6} {...field('incomingQuestions')} />
        </label>
        <label>
          {t('options_pause_reminders')} <textarea rows={6} {...field('reminders')} />
        </label>
        <div class="row">
          <button type="submit">{t('save')}</button>
          <button
            type="button"
            onClick={() =>
              setDraft({
                ...draft,
                questions: DEFAULT_QUESTIONS.join('\n'),
                incomingQuestions: DEFAULT_INCOMING_QUESTIONS.join('\n'),
                reminders: DEFAULT_REMINDERS.join('\n'),
              })
            }
          >
            {t('options_pause_restore')}
          </button>
          <a href={browser.runtime.getURL('/preview.html')} target="_blank" rel="noopener">
            {t('options_pause_preview')}
          </a>
        </div>
      </form>
    </section>
  );
}

/** The dashboard's side of the settings: the toolbar badge, and the day no contact is counted from. */
function RecordSettings({ settings, save }: { settings: Settings; save: Save }) {
  const [since, setSince] = useState(settings.noContactSince ?? '');
  // The box shows its new state until the saved settings come back (or the save fails), as the
  // site boxes do, instead of flicking back while the change is on its way.
  const [badgePending, setBadgePending] = useState<boolean | null>(null);
  useEffect(() => setBadgePending(null), [settings.showBadge]);
  return (
    <section aria-labelledby="record-title">
      <h2 id="record-title">{t('record_heading')}</h2>
      <div class="grid">
        <label class="check">
          <input
            type="checkbox"
            name="showBadge"
            checked={badgePending ?? settings.showBadge}
            onChange={(e) => {
              const showBadge = (e.target as HTMLInputElement).checked;
              setBadgePending(showBadge);
              void save({ type: 'setRecord', values: { showBadge } }, showBadge ? t('record_badge_on') : t('record_badge_off')).then(
                (result) => result !== 'applied' && setBadgePending(null),
              );
            }}
          />
          {t('record_badge')}
        </label>
        <form
          class="row"
          onSubmit={(event) => {
            event.preventDefault();
            void save({ type: 'setRecord', values: { noContactSince: since || null } }, since ? t('record_since_set') : t('record_since_cleared'));
          }}
        >
          <label>
            {t('record_since')}{' '}
            <input type="date" name="noContactSince" value={since} onInput={(e) => setSince((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit">{t('record_since_save')}</button>
        </form>
      </div>
    </section>
  );
}
