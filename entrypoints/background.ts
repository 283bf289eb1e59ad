import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import {
  ABANDON_GRACE_MS,
  abandonAttempt,
  clearLog,
  closeTabs,
  resolveAttempt,
  saveSettings,
  settleAbandonedAttempts,
  startAttempt,
} from '@/utils/log';
import { allowedSenders, onMessage, requests, senderKind, type SenderInfo } from '@/utils/messages';
import { loadAttempts, loadJournal, loadSettings, loadSnoozes, settingsItem } from '@/utils/storage';
import { VEIL_SCRIPT_ID, veilPatterns } from '@/utils/veil';

/** Checks who sent a request and that it parses; throws (back to the sender) otherwise. */
function accept<K extends keyof typeof requests>(type: K, data: unknown, sender: SenderInfo) {
  const kind = senderKind(sender);
  if (!allowedSenders[type].includes(kind)) throw new Error(`${type} is not accepted from ${kind}`);
  return requests[type].parse(data) as ReturnType<(typeof requests)[K]['parse']>;
}

const SETTLE_ALARM = 'settle-abandoned-attempts';

/** Hides the watched people's own pages from their first frame (public/veil.css). */
async function syncVeil(): Promise<void> {
  const matches = veilPatterns((await loadSettings()).value);
  await browser.scripting.unregisterContentScripts({ ids: [VEIL_SCRIPT_ID] }).catch(() => undefined);
  if (matches.length === 0) return;
  await browser.scripting.registerContentScripts([
    { id: VEIL_SCRIPT_ID, matches, css: ['veil.css'], runAt: 'document_start', persistAcrossSessions: true },
  ]);
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
  onMessage('attemptStarted', ({ data, sender }) =>
    startAttempt(accept('attemptStarted', data, sender), sender.tab!.id!),
  );
  onMessage('attemptResolved', ({ data, sender }) => resolveAttempt(accept('attemptResolved', data, sender)));
  onMessage('attemptAbandoned', async ({ data, sender }) => {
    const { attemptId } = accept('attemptAbandoned', data, sender);
    // On a tab close the tab leaves the tab strip before its page unloads.
    await abandonAttempt(attemptId, !(await tabExists(sender.tab!.id!)));
    // Settle it later if no screen comes back; an alarm survives the worker stopping.
    await browser.alarms.create(SETTLE_ALARM, { when: Date.now() + ABANDON_GRACE_MS + 1000 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SETTLE_ALARM) void settleAbandonedAttempts();
  });
  onMessage('saveSettings', ({ data, sender }) => saveSettings(accept('saveSettings', data, sender)));
  onMessage('clearLog', ({ data, sender }) => {
    accept('clearLog', data, sender);
    return clearLog();
  });

  // A tab closed with the screen up: left by closing the tab.
  browser.tabs.onRemoved.addListener((tabId) => void closeTabs((id) => id !== tabId));

  // At browser start (or after an update) no earlier tab survives: settle what was pending,
  // and heal anything in storage that no longer parses (keeping a backup of it).
  const settle = async () => {
    await Promise.all([loadSettings(true), loadAttempts(true), loadJournal(true), loadSnoozes(true)]);
    const open = await openTabIds();
    await closeTabs((id) => open.has(id));
    await settleAbandonedAttempts();
  };
  browser.runtime.onStartup.addListener(() => void settle());
  browser.runtime.onInstalled.addListener(() => void settle().then(syncVeil));
  settingsItem.watch(() => void syncVeil());
});
