import { browser, type Browser } from 'wxt/browser';
import type { Settings } from '../model/schema';
import { adapters } from '../sites';
import { customAdapter, siteOrigin } from '../sites/custom/custom';
import type { SiteAdapter } from '../sites/types';
import { loadSettings } from '../store/storage';
import { VEIL_SCRIPT_ID, veilPatterns } from './veil';

export const CUSTOM_SITES_SCRIPT_ID = 'clean-break-custom-sites';
/** The custom sites' content script (entrypoints/watch.content): in no manifest entry, registered here for them. */
export const WATCH_SCRIPT = 'content-scripts/watch.js';

type Script = Browser.scripting.RegisteredContentScript;

/** The user's custom sites whose host they have granted (and not taken back since). */
export async function grantedCustomSites(settings: Settings): Promise<SiteAdapter[]> {
  const granted = await Promise.all(
    settings.customSites.map(async (site) => {
      const origin = siteOrigin(site);
      const allowed = origin !== null && (await browser.permissions.contains({ origins: [origin] }).catch(() => false));
      return allowed ? customAdapter(site) : null;
    }),
  );
  return granted.filter((adapter) => adapter !== null);
}

/**
 * The registered content scripts these settings call for: the watching script on the granted
 * custom sites, and the veil that hides the watched people's own pages from their first frame
 * (public/veil.css). A script with no matches is one to remove.
 */
export function scriptsFor(settings: Settings, granted: readonly SiteAdapter[]): Script[] {
  return [
    { id: CUSTOM_SITES_SCRIPT_ID, matches: granted.flatMap((adapter) => adapter.matches), js: [WATCH_SCRIPT] },
    { id: VEIL_SCRIPT_ID, matches: veilPatterns(settings, [...adapters, ...granted]), css: ['veil.css'] },
  ];
}

const sameMatches = (a: readonly string[], b: readonly string[]) => {
  const sortedB = [...b].sort();
  return a.length === b.length && [...a].sort().every((match, i) => match === sortedB[i]);
};

/**
 * Brings one registered content script to these matches (removing it when there are none).
 * Left alone when they are already its matches: most settings changes (a question, the
 * snooze) change neither script, and a script updated in place is never briefly missing.
 */
export async function register(script: Script): Promise<void> {
  const matches = script.matches ?? [];
  const [current] = await browser.scripting.getRegisteredContentScripts({ ids: [script.id] });
  if (sameMatches(current?.matches ?? [], matches)) return;
  if (matches.length === 0) return browser.scripting.unregisterContentScripts({ ids: [script.id] });
  if (current) return browser.scripting.updateContentScripts([{ ...script, matches }]);
  await browser.scripting.registerContentScripts([{ ...script, runAt: 'document_start', persistAcrossSessions: true }]);
}

/**
 * Keeps the registered content scripts in step with the stored settings. Run one at a time:
 * two interleaved could both find a script missing and both register it, and the second would
 * fail on its id.
 */
let syncing: Promise<void> = Promise.resolve();
export function syncScripts(): Promise<void> {
  const run = async () => {
    const settings = (await loadSettings()).value;
    for (const script of scriptsFor(settings, await grantedCustomSites(settings))) await register(script);
  };
  syncing = syncing.then(run, run);
  return syncing;
}
