import { browser } from 'wxt/browser';
import type { Settings, Snooze } from '../model/schema';
import { adapters } from '../sites';
import { sitePattern } from '../sites/custom/custom';
import type { CheckedCustomSite } from '../sites/custom/adapter';
import { loadSettings, loadSnoozes } from '../store/storage';
import { openWatchArea } from './storage-access';
import {
  compileSiteWatch,
  CUSTOM_SITES_KEY,
  isCustomSitesWatch,
  WATCH_INDEX_VERSION,
  watchArea,
  watchIndexKey,
  type CustomSitesWatch,
  type SiteWatch,
} from '../store/watch-index';

/** The custom sites whose stored pattern is still one Clean Break accepts, checked. */
export function checkedCustomSites(settings: Settings): CheckedCustomSite[] {
  return settings.customSites.flatMap(({ id, name, kind, identify, pattern }) => {
    const checked = sitePattern(pattern);
    return checked.ok ? [{ id, name, kind, identify, pattern: checked.pattern, home: checked.home }] : [];
  });
}

/** Every index these settings and snoozes call for (utils/store/watch-index.ts), by storage key. */
export function watchIndexes(settings: Settings, snoozes: readonly Snooze[]): Record<string, SiteWatch | CustomSitesWatch> {
  const custom = checkedCustomSites(settings);
  const indexes: Record<string, SiteWatch | CustomSitesWatch> = {};
  for (const { id } of [...adapters, ...custom]) {
    indexes[watchIndexKey(id)] = compileSiteWatch(settings, snoozes, id, !settings.disabledSites.includes(id));
  }
  indexes[CUSTOM_SITES_KEY] = { version: WATCH_INDEX_VERSION, sites: custom };
  return indexes;
}

/**
 * Writes the watch indexes for the stored settings and snoozes: the ones that changed only (each
 * write wakes the scripts of that site), and removes a removed custom site's. Settings that
 * cannot be read leave the last indexes as they are: unreadable is not "nobody watched". Run one
 * at a time, each reading storage afresh, so the last one run is the last change's.
 */
let publishing: Promise<void> = Promise.resolve();
export function publishWatchIndexes(): Promise<void> {
  const run = async () => {
    const [settings, snoozes] = await Promise.all([loadSettings(), loadSnoozes()]);
    if (!settings.readable || !snoozes.readable) return;
    const next = watchIndexes(settings.value, snoozes.value);
    await openWatchArea();
    const area = browser.storage[watchArea()];
    const stored = await area.get(Object.keys(next));
    const before = stored[CUSTOM_SITES_KEY];
    const gone = (isCustomSitesWatch(before) ? before.sites : [])
      .map((site) => watchIndexKey(site.id))
      .filter((key) => !(key in next));
    const changed = Object.fromEntries(Object.entries(next).filter(([key, value]) => JSON.stringify(stored[key]) !== JSON.stringify(value)));
    if (Object.keys(changed).length > 0) await area.set(changed);
    if (gone.length > 0) await area.remove(gone);
  };
  publishing = publishing.then(run, run);
  return publishing;
}
