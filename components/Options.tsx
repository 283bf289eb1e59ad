import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DEFAULT_QUESTIONS, DEFAULT_REMINDERS } from '@/utils/defaults';
import { identifiersFromInput, withIdentifiers } from '@/utils/identity';
import { sendMessage } from '@/utils/messages';
import { Change, type ChangeResult } from '@/utils/changes';
import { ANY_SITE, IdentifierKind, type Person, type Settings } from '@/utils/schema';
import { adapterById, adapters } from '@/utils/sites';
import { loadSettings, settingsItem } from '@/utils/storage';
import { customAdapters } from '@/utils/sites/custom';
import { heldText, Protection } from './Protection';
import { Sites } from './Sites';
import { DataSettings } from './DataSettings';
import { useStored } from './useStored';

const KIND_LABEL: Record<IdentifierKind, string> = {
  handle: 'Username',
  accountId: 'Account id',
  conversationId: 'Conversation id',
  name: 'Name',
  phone: 'Phone',
  email: 'E-mail',
};

const siteName = (site: string, settings: Settings) =>
  site === ANY_SITE
    ? 'every site'
    : (adapterById(site)?.name ?? settings.customSites.find((custom) => custom.id === site)?.name ?? site);

const shortId = (id: string) => (id.length > 8 ? `${id.slice(0, 4)}…` : id);

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
      setStatus({ text: `Not saved: ${(error as Error).message}`, error: true });
      return 'refused';
    }
  };

  return (
    <main class="options">
      <h1>Clean Break options</h1>
      {!stored.valid && (
        <p class="notice" role="status">
          Some saved settings could not be read; they were set aside and defaults are used in their place.
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
    </main>
  );
}

/** Sends one change; says on the page what came of it (applied, held by the lock, refused). */
export type Save = (change: Change, done: string) => Promise<ChangeResult['status']>;

function People({ settings, save }: { settings: Settings; save: Save }) {
  const [alias, setAlias] = useState('');
  const [error, setError] = useState('');

  const addPerson = async (event: Event) => {
    event.preventDefault();
    if (!alias.trim()) return setError('Give them an alias: any name you like.');
    const name = alias.trim();
    if ((await save({ type: 'addPerson', id: crypto.randomUUID(), alias: name, identifiers: [] }, `Added ${name}.`)) === 'applied') {
      setAlias('');
      setError('');
    }
  };

  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">People</h2>
      <p class="hint">
        Add the person by an alias, then how they appear on each site: a username, a name, a number, an address, or a
        link to their profile or your chat.
      </p>
      {settings.people.map((person) => (
        <PersonCard key={person.id} person={person} settings={settings} save={save} />
      ))}
      <form onSubmit={addPerson} class="row">
        <label>
          Alias <input name="alias" value={alias} onInput={(e) => setAlias((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">Add person</button>
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

  const addIdentifier = async (event: Event) => {
    event.preventDefault();
    const parsed = identifiersFromInput(text, site, kind, customAdapters(settings));
    if (!parsed.ok) return setError(parsed.error);
    const next = withIdentifiers(person, parsed.identifiers);
    const added = next.added.map((i) => `${KIND_LABEL[i.kind].toLowerCase()} ${i.value} on ${siteName(i.site, settings)}`).join(', ');
    const change: Change = { type: 'addIdentifiers', personId: person.id, identifiers: parsed.identifiers };
    if ((await save(change, `Watching ${person.alias}: ${added || 'already known'}.`)) === 'applied') {
      setText('');
      setError('');
    }
  };

  return (
    <article class="person" aria-label={person.alias}>
      <h3>{person.alias}</h3>
      {person.identifiers.length === 0 ? (
        <p class="hint">Not recognised anywhere yet: add how they appear below.</p>
      ) : (
        <ul class="identifiers">
          {person.identifiers.map((identifier) => (
            <li key={`${identifier.site}|${identifier.kind}|${identifier.value}`}>
              {identifier.learned ? (
                // Learned from a chat the page showed them in (utils/learn.ts): a long number nobody typed, shown short.
                <>
                  Conversation <strong title={identifier.value}>{shortId(identifier.value)}</strong> on {siteName(identifier.site, settings)} (learned)
                </>
              ) : (
                <>
                  {KIND_LABEL[identifier.kind]} <strong>{identifier.value}</strong> on {siteName(identifier.site, settings)}
                </>
              )}{' '}
              {/* A learned id is removed like any other, through the protection lock. */}
              <button
                type="button"
                class="link"
                aria-label={`Remove ${identifier.value} on ${siteName(identifier.site, settings)}`}
                onClick={() =>
                  void save(
                    { type: 'removeIdentifier', personId: person.id, identifier: { kind: identifier.kind, value: identifier.value, site: identifier.site } },
                    `Removed ${identifier.value}.`,
                  )
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={addIdentifier} class="row">
        <label>
          Username, name or link{' '}
          <input name="identifier" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Kind{' '}
          <select name="kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as IdentifierKind | 'auto')}>
            <option value="auto">Detect</option>
            {IdentifierKind.options.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Site{' '}
          <select name="site" value={site} onChange={(e) => setSite((e.target as HTMLSelectElement).value)}>
            <option value={ANY_SITE}>Every site (a link picks its own)</option>
            {adapters.map((adapter) => (
              <option key={adapter.id} value={adapter.id}>
                {adapter.name}
              </option>
            ))}
            {settings.customSites.map((custom) => (
              <option key={custom.id} value={custom.id}>
                {custom.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Add</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      <button
        type="button"
        class="danger"
        onClick={() => {
          if (confirm(`Stop watching ${person.alias}?`)) {
            void save({ type: 'removePerson', personId: person.id }, `Removed ${person.alias}.`);
          }
        }}
      >
        Remove {person.alias}
      </button>
    </article>
  );
}

function PauseSettings({ settings, save }: { settings: Settings; save: Save }) {
  const [draft, setDraft] = useState({
    countdownSeconds: String(settings.countdownSeconds),
    escalationSeconds: String(settings.escalationSeconds),
    countdownCapSeconds: String(settings.countdownCapSeconds),
    snoozeMinutes: String(settings.snoozeMinutes),
    typedPhrase: settings.typedPhrase,
    questions: settings.questions.join('\n'),
    reminders: settings.reminders.join('\n'),
    supportName: settings.supportPerson?.name ?? '',
    supportLink: settings.supportPerson?.link ?? '',
  });
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
          reminders: lines(draft.reminders),
          supportPerson:
            draft.supportName.trim() || draft.supportLink.trim()
              ? { name: draft.supportName.trim(), link: draft.supportLink.trim() }
              : null,
        },
      },
      'Pause settings saved.',
    );
  };

  return (
    <section aria-labelledby="pause-title">
      <h2 id="pause-title">The pause</h2>
      <form onSubmit={submit} class="grid">
        <label>
          Countdown before Continue (seconds) <input type="number" min={3} max={600} {...field('countdownSeconds')} />
        </label>
        <label>
          Added for each earlier attempt today (seconds) <input type="number" min={0} max={600} {...field('escalationSeconds')} />
        </label>
        <label>
          Longest countdown (seconds) <input type="number" min={3} max={3600} {...field('countdownCapSeconds')} />
        </label>
        <label>
          After Continue, let the same person through for (minutes) <input type="number" min={0} max={1440} {...field('snoozeMinutes')} />
        </label>
        <label>
          Phrase to type before continuing (empty: none) <input {...field('typedPhrase')} />
        </label>
        <label>
          Support person’s name <input {...field('supportName')} />
        </label>
        <label>
          Their link (tel:, sms:, mailto: or https://) <input {...field('supportLink')} />
        </label>
        <label>
          Questions, one a line <textarea rows={6} {...field('questions')} />
        </label>
        <label>
          Reminders, one a line <textarea rows={6} {...field('reminders')} />
        </label>
        <div class="row">
          <button type="submit">Save</button>
          <button
            type="button"
            onClick={() =>
              setDraft({ ...draft, questions: DEFAULT_QUESTIONS.join('\n'), reminders: DEFAULT_REMINDERS.join('\n') })
            }
          >
            Restore the article’s questions and reminders
          </button>
          <a href={browser.runtime.getURL('/preview.html')} target="_blank" rel="noopener">
            Preview the pause screen
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
      <h2 id="record-title">Your record</h2>
      <div class="grid">
        <label class="check">
          <input
            type="checkbox"
            name="showBadge"
            checked={badgePending ?? settings.showBadge}
            onChange={(e) => {
              const showBadge = (e.target as HTMLInputElement).checked;
              setBadgePending(showBadge);
              void save({ type: 'setRecord', values: { showBadge } }, showBadge ? 'Today’s attempts are shown on the toolbar badge.' : 'The toolbar badge no longer shows today’s attempts.').then(
                (result) => result !== 'applied' && setBadgePending(null),
              );
            }}
          />
          Show today’s attempts on the toolbar badge
        </label>
        <form
          class="row"
          onSubmit={(event) => {
            event.preventDefault();
            void save({ type: 'setRecord', values: { noContactSince: since || null } }, since ? 'Days of no contact are counted from the day you chose.' : 'Days of no contact are counted from your last Continue.');
          }}
        >
          <label>
            No contact since (empty: since your last Continue){' '}
            <input type="date" name="noContactSince" value={since} onInput={(e) => setSince((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit">Save the day</button>
        </form>
      </div>
    </section>
  );
}
