import { defineBackground } from 'wxt/utils/define-background';
import { browser, type Browser } from 'wxt/browser';
import {
  ABANDON_GRACE_MS,
  onLogChanged,
  abandonAttempt,
  clearLog,
  closeTabs,
  deleteJournalEntry,
  keepDraft,
  rebuildSummary,
  resolveAttempt,
  saveSettings,
  settleAbandonedAttempts,
  startAttempt,
  startWriter,
  firstAttemptAt,
} from '@/utils/log';
import { showBadge, scheduleBadgeAtMidnight, BADGE_ALARM } from '@/utils/badge';
import { allowedSenders, onMessage, requests, senderKind, type SenderInfo } from '@/utils/messages';
import { installedAtItem, loadSettings, loadSnoozes, recordProblemItem, settingsItem } from '@/utils/storage';
import { VEIL_SCRIPT_ID, veilPatterns } from '@/utils/veil';
import type { Settings } from '@/utils/schema';
import { adapters } from '@/utils/sites';
import { customAdapter, siteOrigin } from '@/utils/sites/custom';
import type { SiteAdapter } from '@/utils/sites/types';

const CUSTOM_SITES_SCRIPT_ID = 'clean-break-custom-sites';
/** The built-in content script's file (entrypoints/watch.content), registered again for custom sites. */
const WATCH_SCRIPT = 'content-scripts/watch.js';

/** Checks who sent a request and that it parses; throws (back to the sender) otherwise. */
function accept<K extends keyof typeof requests>(type: K, data: unknown, sender: SenderInfo) {
  const kind = senderKind(sender);
  if (!allowedSenders[type].includes(kind)) throw new Error(`${type} is not accepted from ${kind}`);
  return requests[type].parse(data) as ReturnType<(typeof requests)[K]['parse']>;
}

/** The tab a content script's request came from (classifySender has made sure there is one). */
function senderTab(sender: SenderInfo): number {
  const id = sender.tab?.id;
  if (id === undefined) throw new Error('no tab');
  return id;
}

const SETTLE_ALARM = 'settle-abandoned-attempts';

/** The user's custom sites whose host they have granted (and not taken back since). */
async function grantedCustomSites(settings: Settings): Promise<SiteAdapter[]> {
  const granted = await Promise.all(
    settings.customSites.map(async (site) => {
      const origin = siteOrigin(site);
      const allowed = origin !== null && (await browser.permissions.contains({ origins: [origin] }).catch(() => false));
      return allowed ? customAdapter(site) : null;
    }),
  );
  return granted.filter((adapter) => adapter !== null);
}

const sameMatches = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((match, i) => match === [...b].sort()[i]);

/**
 * Brings one registered content script to these matches (removing it when there are none).
 * Left alone when they are already its matches: most settings changes (a question, the
 * snooze) change neither script, and a script updated in place is never briefly missing.
 */
async function register(script: Browser.scripting.RegisteredContentScript): Promise<void> {
  const matches = script.matches ?? [];
  const [current] = await browser.scripting.getRegisteredContentScripts({ ids: [script.id] });
  if (sameMatches(current?.matches ?? [], matches)) return;
  if (matches.length === 0) return browser.scripting.unregisterContentScripts({ ids: [script.id] });
  if (current) return browser.scripting.updateContentScripts([{ ...script, matches }]);
  await browser.scripting.registerContentScripts([{ ...script, runAt: 'document_start', persistAcrossSessions: true }]);
}

/**
 * Keeps the registered content scripts in step with the settings: the veil that hides the
 * watched people's own pages from their first frame (public/veil.css), and the watching
 * script on the custom sites the user has granted. Run one at a time: two interleaved could
 * both find a script missing and both register it, and the second would fail on its id.
 */
let syncing: Promise<void> = Promise.resolve();
function syncScripts(): Promise<void> {
  const run = async () => {
    const settings = (await loadSettings()).value;
    const custom = await grantedCustomSites(settings);
    await register({ id: CUSTOM_SITES_SCRIPT_ID, matches: custom.flatMap((adapter) => adapter.matches), js: [WATCH_SCRIPT] });
    await register({ id: VEIL_SCRIPT_ID, matches: veilPatterns(settings, [...adapters, ...custom]), css: ['veil.css'] });
  };
  syncing = syncing.then(run, run);
  return syncing;
}

/**
 * The day a new user counts no contact from. An install from before it was kept: the earliest
 * day the settings know of (the first person added), else today.
 */
async function noteInstall(fresh: boolean): Promise<void> {
  if ((await installedAtItem.getValue()) !== null) return;
  const settings = await loadSettings();
  const known = fresh || !settings.readable ? [] : settings.value.people.map((person) => person.addedAt).filter((at) => at > 0);
  const first = fresh ? undefined : await firstAttemptAt().catch(() => undefined);
  await installedAtItem.setValue(Math.min(Date.now(), ...known, ...(first === undefined ? [] : [first])));
}

async function openTabIds(): Promise<Set<number>> {
  const tabs = await browser.tabs.query({});
  return new Set(tabs.flatMap((tab) => (tab.id === undefined ? [] : [tab.id])));
}

async function tabExists(tabId: number): Promise<boolean> {
  try {
    await browser.tabs.get(tabId);
    return true;
  } catch {
    return false;
  }
}

export default defineBackground(() => {
  onMessage('attemptStarted', ({ data, sender }) => startAttempt(accept('attemptStarted', data, sender), senderTab(sender)));
  onMessage('attemptResolved', ({ data, sender }) =>
    resolveAttempt(accept('attemptResolved', data, sender), senderTab(sender)),
  );
  onMessage('keepDraft', ({ data, sender }) => keepDraft(accept('keepDraft', data, sender)));
  onMessage('attemptAbandoned', async ({ data, sender }) => {
    const ref = accept('attemptAbandoned', data, sender);
    const tabId = senderTab(sender);
    // On a tab close the tab leaves the tab strip before its page unloads.
    await abandonAttempt(ref, tabId, !(await tabExists(tabId)));
    // Settle it later if no screen comes back; an alarm survives the worker stopping.
    await browser.alarms.create(SETTLE_ALARM, { when: Date.now() + ABANDON_GRACE_MS + 1000 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SETTLE_ALARM) void settleAbandonedAttempts();
    if (alarm.name === BADGE_ALARM) void showBadge().then(() => scheduleBadgeAtMidnight());
  });
  onMessage('saveSettings', ({ data, sender }) => saveSettings(accept('saveSettings', data, sender)));
  onMessage('clearLog', ({ data, sender }) => {
    accept('clearLog', data, sender);
    return clearLog();
  });
  onMessage('deleteJournalEntry', ({ data, sender }) => deleteJournalEntry(accept('deleteJournalEntry', data, sender).id));
  onMessage('rebuildSummary', ({ data, sender }) => {
    accept('rebuildSummary', data, sender);
    return rebuildSummary();
  });

  // A tab closed with the screen up: left by closing the tab.
  browser.tabs.onRemoved.addListener((tabId) => {
    void openTabIds().then((open) => closeTabs([...open].filter((id) => id !== tabId)));
  });

  // Every start of the worker: what an earlier release kept in storage.local moves to the
  // database, and changes that could not be written earlier are written now.
  void startWriter()
    .catch(() => undefined)
    .then(() => noteInstall(false))
    .then(() => showBadge());
  // The badge follows the log, the settings (it can be turned off) and the day.
  onLogChanged(() => void showBadge());
  recordProblemItem.watch(() => void showBadge());
  void scheduleBadgeAtMidnight();

  // At browser start (or after an update) no earlier tab survives: settle what was pending,
  // and heal anything in storage that no longer parses (keeping a backup of it).
  const settle = async () => {
    await Promise.all([loadSettings(true), loadSnoozes(true)]);
    await closeTabs([...(await openTabIds())]);
    await settleAbandonedAttempts();
  };
  browser.runtime.onStartup.addListener(() => void settle());
  browser.runtime.onInstalled.addListener(({ reason }) => {
    void noteInstall(reason === 'install');
    void settle().then(syncScripts);
  });
  settingsItem.watch(() => {
    void syncScripts();
    void showBadge();
  });
  // The user can take a custom site's host back (or grant it) in the browser's own settings.
  browser.permissions.onAdded.addListener(() => void syncScripts());
  browser.permissions.onRemoved.addListener(() => void syncScripts());
});
