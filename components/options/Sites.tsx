import { useEffect, useState } from 'preact/hooks';
import { Confirm } from '@/components/page/Confirm';
import { browser } from 'wxt/browser';
import { messageParts, SLOT, t, type MessageKey } from '@/utils/model/i18n';
import { CustomSite, MomentKind, type Settings } from '@/utils/model/schema';
import { newCustomSiteId, selectorProblem, siteOrigin, sitePattern } from '@/utils/sites/custom/custom';
import { builtInSites } from '@/utils/sites/names';
import { loadSettings } from '@/utils/store/storage';

import type { Save } from './save';

/** What a page is, as a choice, and inside a sentence. */
const KIND_LABEL: Record<MomentKind, MessageKey> = {
  profile: 'page_kind_label_profile',
  thread: 'page_kind_label_thread',
  compose: 'page_kind_label_compose',
};
const KIND_WORD: Record<MomentKind, MessageKey> = {
  profile: 'page_kind_word_profile',
  thread: 'page_kind_word_thread',
  compose: 'page_kind_word_compose',
};

/**
 * Asks the browser for one host. Call it in the click itself: browsers ask for a permission
 * only during a user action. Resolves to null once allowed, or to what to tell the user.
 */
function askForHost(origin: string, refused: string): Promise<string | null> {
  return browser.permissions.request({ origins: [origin] }).then(
    (granted) => (granted ? null : refused),
    (failure: Error) => t('permission_not_asked', { error: failure.message }),
  );
}

/** A CSS selector, the same in every language (the messages' own example, site_selector_empty, names it too). */
const SELECTOR_EXAMPLE = 'h1.profile-name';

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
    void save({ type: 'setSite', site: id, enabled: on }, on ? t('site_watched_again', { name }) : t('site_not_watched', { name })).then((result) => {
      // Refused, or held by the lock: the box shows the site as it still is.
      if (result !== 'applied') setPending(({ [id]: _, ...rest }) => rest);
    });
  };
  return (
    <section aria-labelledby="sites-title">
      <h2 id="sites-title">{t('sites_heading')}</h2>
      <fieldset class="sites">
        <legend>{t('sites_built_in')}</legend>
        {builtInSites.map((builtIn) => (
          <label key={builtIn.id}>
            <input
              type="checkbox"
              checked={isOn(builtIn.id)}
              onChange={(e) => toggle(builtIn.id, builtIn.name, (e.target as HTMLInputElement).checked)}
            />{' '}
            {builtIn.name}
          </label>
        ))}
      </fieldset>
      <h3>{t('sites_own_heading')}</h3>
      <p class="hint">{t('sites_own_hint')}</p>
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
  const kind = t(KIND_WORD[site.kind]);
  const described =
    site.identify.by === 'url'
      ? messageParts('custom_site_by_url', { pattern: SLOT, kind, after: site.identify.after })
      : messageParts('custom_site_by_element', { pattern: SLOT, kind, selector: site.identify.selector });

  const allow = () => {
    if (!origin) return;
    void askForHost(origin, t('custom_site_refused', { host: hostOf(origin), site: site.name })).then((problem) =>
      setError(problem ?? ''),
    );
  };

  const [asking, setAsking] = useState(false);
  const remove = async () => {
    setAsking(false);
    // The background gives the host back when the removal applies (now, or when the lock's wait
    // ends), unless another of the user's sites is on the same host (utils/background/settings-writer.ts).
    await save({ type: 'removeCustomSite', siteId: site.id }, t('removed_named', { name: site.name }));
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
      {described.map((part) => (typeof part === 'string' ? part : <code key="pattern">{site.pattern}</code>))}{' '}
      {granted === false && (
        <span class="error">
          {t('custom_site_not_allowed')}{' '}
          <button type="button" onClick={allow}>
            {origin ? t('custom_site_allow', { host: hostOf(origin) }) : t('custom_site_allow_it')}
          </button>
        </span>
      )}
      <button type="button" class="link" aria-label={t('remove_named', { name: site.name })} onClick={() => setAsking(true)}>
        {t('remove')}
      </button>
      {asking && (
        <Confirm
          title={t('stop_watching_confirm', { name: site.name })}
          confirm={t('stop_watching')}
          onConfirm={() => void remove()}
          onCancel={() => setAsking(false)}
        />
      )}
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
      return setError(t('custom_site_need_after'));
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
    void askForHost(checked.origin, t('custom_site_add_refused', { host: hostOf(checked.origin) })).then(
      async (problem) => {
        setAsking(false);
        if (problem) return setError(problem);
        const { value: current } = await loadSettings();
        if (current.customSites.some((other) => other.pattern === site.pattern)) return setError(t('custom_site_exists', { pattern: site.pattern }));
        const added = await save({ type: 'addCustomSite', site }, t('custom_site_added', { name: site.name }));
        if (added === 'applied') setDraft({ ...draft, name: '', address: '', after: '', selector: '' });
      },
    );
  };

  return (
    <form onSubmit={add} class="grid" aria-label={t('custom_site_form')}>
      <label>
        {t('custom_site_name')} <input {...field('name')} placeholder={t('custom_site_name_example')} />
      </label>
      <label>
        {t('custom_site_address')} <input {...field('address')} placeholder={t('custom_site_address_example')} />
      </label>
      <label>
        {t('custom_site_kind')}{' '}
        <select name="kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: (e.target as HTMLSelectElement).value as MomentKind })}>
          {MomentKind.options.map((kind) => (
            <option key={kind} value={kind}>
              {t(KIND_LABEL[kind])}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('custom_site_where')}</legend>
        <label>
          <input type="radio" name="by" value="url" checked={draft.by === 'url'} onChange={() => setDraft({ ...draft, by: 'url' })} />{' '}
          {t('custom_site_in_address')} <input {...field('after')} placeholder={t('custom_site_after_example')} aria-label={t('custom_site_after_label')} />
        </label>
        <label>
          <input type="radio" name="by" value="element" checked={draft.by === 'element'} onChange={() => setDraft({ ...draft, by: 'element' })} />{' '}
          {t('custom_site_in_element')}{' '}
          <input {...field('selector')} placeholder={SELECTOR_EXAMPLE} aria-label={t('custom_site_selector_label')} />
        </label>
      </fieldset>
      <div class="row">
        <button type="submit" disabled={asking}>
          {t('custom_site_add')}
        </button>
        {asking && <span role="status">{t('custom_site_asking')}</span>}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
