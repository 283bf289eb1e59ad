import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CustomSite, MomentKind, type Settings } from '@/utils/schema';
import { adapters } from '@/utils/sites';
import { newCustomSiteId, selectorProblem, siteOrigin, sitePattern } from '@/utils/sites/custom';
import { loadSettings } from '@/utils/storage';

import type { Save } from './Options';

const KIND_LABEL: Record<MomentKind, string> = {
  profile: 'Their profile',
  thread: 'A conversation with them',
  compose: 'A message to them being written',
};

/**
 * Asks the browser for one host. Call it in the click itself: browsers ask for a permission
 * only during a user action. Resolves to null once allowed, or to what to tell the user.
 */
function askForHost(origin: string, refused: string): Promise<string | null> {
  return browser.permissions.request({ origins: [origin] }).then(
    (granted) => (granted ? null : refused),
    (failure: Error) => `The browser did not ask: ${failure.message}`,
  );
}

const hostOf = (origin: string) => origin.replace(/^[^:]+:\/\//, '').replace(/\/\*$/, '');

/** Which sites Clean Break watches: the built-in ones (each can be turned off) and the user's own. */
export function Sites({ settings, save }: { settings: Settings; save: Save }) {
  // A box just ticked shows its new state until the saved settings come back (or the save fails),
  // instead of flicking back while they are on their way.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  useEffect(() => setPending({}), [settings.disabledSites.join('\n')]);
  const isOn = (id: string) => pending[id] ?? !settings.disabledSites.includes(id);
  const toggle = (id: string, name: string, on: boolean) => {
    setPending((current) => ({ ...current, [id]: on }));
    void save({ type: 'setSite', site: id, enabled: on }, on ? `${name} is watched again.` : `${name} is no longer watched.`).then((result) => {
      // Refused, or held by the lock: the box shows the site as it still is.
      if (result !== 'applied') setPending(({ [id]: _, ...rest }) => rest);
    });
  };
  return (
    <section aria-labelledby="sites-title">
      <h2 id="sites-title">Sites</h2>
      <fieldset class="sites">
        <legend>Built-in sites</legend>
        {adapters.map((adapter) => (
          <label key={adapter.id}>
            <input
              type="checkbox"
              checked={isOn(adapter.id)}
              onChange={(e) => toggle(adapter.id, adapter.name, (e.target as HTMLInputElement).checked)}
            />{' '}
            {adapter.name}
          </label>
        ))}
      </fieldset>
      <h3>Your own sites</h3>
      <p class="hint">
        Any other site where you might reach them: a forum, a game, a dating app. Clean Break asks your browser for
        that one site when you add it, and gives it back when you remove it.
      </p>
      {settings.customSites.length > 0 && (
        <ul class="custom-sites">
          {settings.customSites.map((site) => (
            <CustomSiteRow key={site.id} site={site} on={isOn(site.id)} save={save} onToggle={toggle} />
          ))}
        </ul>
      )}
      <AddCustomSite save={save} />
    </section>
  );
}

/** Whether the browser has given Clean Break this host; follows changes made in the browser's own settings. */
function useGranted(origin: string | null): boolean | null {
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => {
    if (!origin) return setGranted(false);
    const read = () =>
      void browser.permissions.contains({ origins: [origin] }).then(setGranted, () => setGranted(false));
    read();
    browser.permissions.onAdded.addListener(read);
    browser.permissions.onRemoved.addListener(read);
    return () => {
      browser.permissions.onAdded.removeListener(read);
      browser.permissions.onRemoved.removeListener(read);
    };
  }, [origin]);
  return granted;
}

function CustomSiteRow({
  site,
  on,
  save,
  onToggle,
}: {
  site: CustomSite;
  on: boolean;
  save: Save;
  onToggle: (id: string, name: string, on: boolean) => void;
}) {
  const origin = siteOrigin(site);
  const granted = useGranted(origin);
  const [error, setError] = useState('');
  const how = site.identify.by === 'url' ? `named in the address after “${site.identify.after}”` : `named in ${site.identify.selector}`;

  const allow = () => {
    if (!origin) return;
    void askForHost(origin, `Clean Break was not allowed on ${hostOf(origin)}: ${site.name} is not watched.`).then((problem) =>
      setError(problem ?? ''),
    );
  };

  const remove = async () => {
    if (!confirm(`Stop watching ${site.name}?`)) return;
    if ((await save({ type: 'removeCustomSite', siteId: site.id }, `Removed ${site.name}.`)) !== 'applied') return;
    const { value: current } = await loadSettings();
    // Give the host back, unless another of the user's sites is on the same host.
    if (origin && !current.customSites.some((other) => siteOrigin(other) === origin)) {
      await browser.permissions.remove({ origins: [origin] }).catch(() => false);
    }
  };

  return (
    <li aria-label={site.name}>
      <label>
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => onToggle(site.id, site.name, (e.target as HTMLInputElement).checked)}
        />{' '}
        <strong>{site.name}</strong>
      </label>{' '}
      <code>{site.pattern}</code>: {KIND_LABEL[site.kind].toLowerCase()}, {how}.{' '}
      {granted === false && (
        <span class="error">
          Not allowed on this site yet.{' '}
          <button type="button" onClick={allow}>
            Allow {origin ? hostOf(origin) : 'it'}
          </button>
        </span>
      )}
      <button type="button" class="link" aria-label={`Remove ${site.name}`} onClick={() => void remove()}>
        Remove
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function AddCustomSite({ save }: { save: Save }) {
  const [draft, setDraft] = useState({ name: '', address: '', kind: 'profile' as MomentKind, by: 'url', after: '', selector: '' });
  const [error, setError] = useState('');
  const [asking, setAsking] = useState(false);
  const field = (name: 'name' | 'address' | 'after' | 'selector') => ({
    name,
    value: draft[name],
    onInput: (e: Event) => setDraft({ ...draft, [name]: (e.target as HTMLInputElement).value }),
  });

  const add = (event: Event) => {
    event.preventDefault();
    const checked = sitePattern(draft.address);
    if (!checked.ok) return setError(checked.error);
    if (draft.by === 'url' && !draft.after.trim()) {
      return setError('Type what comes right before the person in the address, for example /members/ or user=.');
    }
    const problem = draft.by === 'element' ? selectorProblem(draft.selector) : null;
    if (problem) return setError(problem);
    const parsed = CustomSite.safeParse({
      id: newCustomSiteId(),
      name: draft.name.trim() || hostOf(checked.origin),
      pattern: checked.pattern,
      kind: draft.kind,
      identify: draft.by === 'url' ? { by: 'url', after: draft.after.trim() } : { by: 'element', selector: draft.selector.trim() },
      addedAt: Date.now(),
    });
    if (!parsed.success) return setError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    const site = parsed.data;
    setError('');
    setAsking(true);
    void askForHost(checked.origin, `Clean Break was not allowed on ${hostOf(checked.origin)}, so the site was not added.`).then(
      async (problem) => {
        setAsking(false);
        if (problem) return setError(problem);
        const { value: current } = await loadSettings();
        if (current.customSites.some((other) => other.pattern === site.pattern)) return setError(`${site.pattern} is already one of your sites.`);
        const added = await save({ type: 'addCustomSite', site }, `Added ${site.name}. Now add, under People, how the person appears there.`);
        if (added === 'applied') setDraft({ ...draft, name: '', address: '', after: '', selector: '' });
      },
    );
  };

  return (
    <form onSubmit={add} class="grid" aria-label="Add a site">
      <label>
        Name (for you) <input {...field('name')} placeholder="Book club forum" />
      </label>
      <label>
        Address <input {...field('address')} placeholder="forum.example.com or forum.example.com/members/" />
      </label>
      <label>
        What the page is{' '}
        <select name="kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: (e.target as HTMLSelectElement).value as MomentKind })}>
          {MomentKind.options.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABEL[kind]}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Where the page names the person</legend>
        <label>
          <input type="radio" name="by" value="url" checked={draft.by === 'url'} onChange={() => setDraft({ ...draft, by: 'url' })} /> In the
          address, right after <input {...field('after')} placeholder="/members/" aria-label="Text right before the person in the address" />
        </label>
        <label>
          <input type="radio" name="by" value="element" checked={draft.by === 'element'} onChange={() => setDraft({ ...draft, by: 'element' })} /> In
          the page’s element{' '}
          <input {...field('selector')} placeholder="h1.profile-name" aria-label="CSS selector of the element that shows the person" />
        </label>
      </fieldset>
      <div class="row">
        <button type="submit" disabled={asking}>
          Add site
        </button>
        {asking && <span role="status">Answer your browser’s question to add the site…</span>}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
