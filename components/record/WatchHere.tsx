import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Change } from '@/utils/model/changes';
import { formatList, t } from '@/utils/model/i18n';
import { sendMessage } from '@/utils/protocol/messaging';
import type { PageReading } from '@/utils/protocol/requests';
import type { Settings } from '@/utils/model/schema';

type State =
  | { step: 'idle' }
  | { step: 'unsupported' }
  | { step: 'nobody'; siteName: string }
  | { step: 'choose'; reading: PageReading }
  | { step: 'done'; text: string };

const NEW = '__new__';

/**
 * The page "here" means: the active tab, or, when the dashboard is itself open in that tab,
 * the tab used most recently before it.
 */
async function pageTab() {
  const own = await browser.tabs.getCurrent();
  const tabs = await browser.tabs.query({ currentWindow: true });
  const active = tabs.find((tab) => tab.active);
  if (active && active.id !== own?.id) return active;
  return tabs.filter((tab) => tab.id !== own?.id).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
}

/** "Watch this person here": the open page's identifiers, added to a new or existing person. */
export function WatchHere({ settings }: { settings: Settings }) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const [target, setTarget] = useState(settings.people[0]?.id ?? NEW);
  const [alias, setAlias] = useState('');
  const [error, setError] = useState('');

  const read = async () => {
    const tab = await pageTab();
    try {
      if (tab?.id === undefined) throw new Error('no tab');
      const reading = await sendMessage('readPage', {}, tab.id);
      setState(reading.identifiers.length ? { step: 'choose', reading } : { step: 'nobody', siteName: reading.siteName });
    } catch {
      // No content script answered: not a site Clean Break runs on.
      setState({ step: 'unsupported' });
    }
  };

  const add = async (reading: PageReading) => {
    const identifiers = reading.identifiers.map((i) => ({ ...i, site: reading.site }));
    let change: Change;
    let name: string;
    if (target === NEW) {
      if (!alias.trim()) return setError(t('watch_need_alias'));
      name = alias.trim();
      change = { type: 'addPerson', id: crypto.randomUUID(), alias: name, identifiers };
    } else {
      const person = settings.people.find((p) => p.id === target);
      if (!person) return setError(t('watch_person_gone'));
      name = person.alias;
      change = { type: 'addIdentifiers', personId: person.id, identifiers };
    }
    try {
      const result = await sendMessage('change', change);
      if (result.status === 'refused') return setError(result.message);
      setState({ step: 'done', text: t('watch_done', { name, site: reading.siteName }) });
    } catch (e) {
      setError(t('not_saved', { error: (e as Error).message }));
    }
  };

  if (state.step === 'idle') {
    return (
      <button type="button" onClick={() => void read()}>
        {t('watch_here')}
      </button>
    );
  }
  if (state.step === 'unsupported') return <p role="status">{t('watch_unsupported')}</p>;
  if (state.step === 'nobody') return <p role="status">{t('watch_nobody', { site: state.siteName })}</p>;
  if (state.step === 'done') return <p role="status">{state.text}</p>;
  const { reading } = state;
  return (
    <form
      class="watch-here"
      aria-label={t('watch_here')}
      onSubmit={(event) => {
        event.preventDefault();
        void add(reading);
      }}
    >
      <p>{t('watch_shows', { site: reading.siteName, identifiers: formatList(reading.identifiers.map((i) => i.value)) })}</p>
      <label>
        {t('watch_add_to')}{' '}
        <select value={target} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
          {settings.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.alias}
            </option>
          ))}
          <option value={NEW}>{t('watch_someone_new')}</option>
        </select>
      </label>
      {target === NEW && (
        <label>
          {t('watch_alias')} <input value={alias} onInput={(e) => setAlias((e.target as HTMLInputElement).value)} />
        </label>
      )}
      <button type="submit">{t('watch_submit')}</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
