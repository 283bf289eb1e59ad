import { browser } from 'wxt/browser';
import type { Person, Settings, Snooze } from '../model/schema';
import { appliesOn } from '../model/schema-values';
import type { CheckedCustomSite } from '../sites/custom/adapter';

/**
 * The watch index: per site, what that site's content script needs and nothing more (the
 * people watched there with only their identifiers for it, its snoozes, what the pause screen
 * shows), compiled by the background from the settings it has validated and written under the
 * site's own key in the one storage area content scripts may read (`watchArea`). The content scripts read it and trust it: the
 * background is its only writer. That keeps the schemas (zod) and every other site's
 * identifiers out of the scripts that run on the sites (issue 12), so this module imports
 * nothing but types and the browser.
 *
 * Derived data, not a record: the background compiles it again at every start of its worker
 * and on every change of the settings or the snoozes (utils/background/watch-publish.ts), so a new shape
 * needs no migration of its own: bump the version, and a script that finds an index it does
 * not know asks for a new one, as it does on a fresh profile before the first one is written.
 * It is one of the storage items of utils/store/storage.ts, kept here so those scripts need not load
 * that module (zod and WXT's storage).
 */
export const WATCH_INDEX_VERSION = 1;

/**
 * Where the indexes are kept. In Chromium, `storage.session`, the one area opened to content
 * scripts (utils/background/storage-access.ts): `storage.local`, with every person, the friend's
 * code's hash and the lock, is for the extension's own pages and worker only, so a compromised
 * site tab (or DevTools on one) reads its own site's index and nothing more. Firefox has no access
 * levels: there content scripts read `storage.local` as before (docs/protection.md says what that
 * leaves open). `storage.session` is emptied when the browser closes; the background writes the
 * indexes at every start, and a script that finds none asks for them.
 */
export const watchArea = (): 'local' | 'session' => (import.meta.env.FIREFOX ? 'local' : 'session');

/** Key of one site's index (built-in or custom). */
export const watchIndexKey = (site: string) => `watch:${site}`;
/** Key of the custom sites, as their content script picks its site among them. */
export const CUSTOM_SITES_KEY = 'watchCustomSites';

/** What the pause screen shows, from the settings. */
export type ScreenSettings = Pick<Settings, 'questions' | 'reminders' | 'countdownSeconds' | 'typedPhrase' | 'supportPerson'>;

export interface SiteWatch {
  version: typeof WATCH_INDEX_VERSION;
  site: string;
  /** The people watched here, each with only their identifiers for this site or every site. None: the site is off. */
  people: Person[];
  /** Who is let through here, and until when. */
  snoozes: Snooze[];
  snoozeMinutes: number;
  screen: ScreenSettings;
}

export interface CustomSitesWatch {
  version: typeof WATCH_INDEX_VERSION;
  sites: CheckedCustomSite[];
}

/**
 * One site's index from validated settings and snoozes. `on`: the site exists (built in, or
 * still among the custom sites) and is not switched off; otherwise nobody is watched there.
 */
export function compileSiteWatch(settings: Settings, snoozes: readonly Snooze[], site: string, on: boolean): SiteWatch {
  const people = on
    ? settings.people.flatMap((person) => {
        const identifiers = person.identifiers.filter((identifier) => appliesOn(identifier, site));
        return identifiers.length ? [{ ...person, identifiers }] : [];
      })
    : [];
  const { questions, reminders, countdownSeconds, typedPhrase, supportPerson, snoozeMinutes } = settings;
  return {
    version: WATCH_INDEX_VERSION,
    site,
    people,
    snoozes: snoozes.filter((snooze) => snooze.site === site),
    snoozeMinutes,
    screen: { questions, reminders, countdownSeconds, typedPhrase, supportPerson },
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a stored value is an index this version wrote, for this site. Its contents are
 * trusted (the background validated them); this tells a missing, older or foreign value from one.
 */
export function isSiteWatch(value: unknown, site: string): value is SiteWatch {
  return (
    isRecord(value) &&
    value.version === WATCH_INDEX_VERSION &&
    value.site === site &&
    Array.isArray(value.people) &&
    Array.isArray(value.snoozes) &&
    typeof value.snoozeMinutes === 'number' &&
    isRecord(value.screen)
  );
}

export function isCustomSitesWatch(value: unknown): value is CustomSitesWatch {
  return isRecord(value) && value.version === WATCH_INDEX_VERSION && Array.isArray(value.sites);
}

/** The stored value under `key`, or undefined when there is none or storage could not be read. */
export async function readStored(key: string): Promise<unknown> {
  try {
    return (await browser.storage[watchArea()].get(key))[key];
  } catch {
    return undefined;
  }
}

/** Calls `onChange` when the value under `key` changes; returns how to stop. */
export function watchStored(key: string, onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === watchArea() && key in changes) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
