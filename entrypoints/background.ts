import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { ABANDON_GRACE_MS } from '@/utils/model/attempt-lifecycle';
import {
  onLogChanged,
  abandonAttempt,
  closeTabs,
  deleteJournalEntry,
  keepDraft,
  rebuildSummary,
  resolveAttempt,
  settleAbandonedAttempts,
  startAttempt,
  startWriter,
  firstAttemptAt,
} from '@/utils/background/log';
import { showBadge, scheduleBadgeAtMidnight, BADGE_ALARM } from '@/utils/background/badge';
import { onMessage } from '@/utils/protocol/messaging';
import type { SenderInfo } from '@/utils/protocol/senders';
import { accept } from '@/utils/background/accept';
import { installedAtItem, loadSettings, loadSnoozes, pendingItem, recordProblemItem, settingsItem, snoozesItem } from '@/utils/store/storage';
import { publishWatchIndexes } from '@/utils/background/watch-publish';
import { syncScripts } from '@/utils/background/registration';
import { learnThread, noteUnreadThread } from '@/utils/background/learn';
import { noteTurnedUp } from '@/utils/background/turned-up';
import { importBackup } from '@/utils/background/import';
import {
  applyDue,
  applyPendingNow,
  cancelPending,
  checkContinueCode,
  LOCK_ALARM,
  proposeChange,
  setFriendCode,
} from '@/utils/background/settings-writer';
import { setSync, startSync } from '@/utils/background/sync';
import { clearLetThroughs, passStop, readStop, STOP_ALARM, syncStopRules } from '@/utils/background/stop-rules';

/** The tab a content script's request came from (classifySender has made sure there is one). */
function senderTab(sender: SenderInfo): number {
  const id = sender.tab?.id;
  if (id === undefined) throw new Error('no tab');
  return id;
}

const SETTLE_ALARM = 'settle-abandoned-attempts';

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
    if (alarm.name === LOCK_ALARM) void applyDue();
    if (alarm.name === STOP_ALARM) void stopRules();
    if (alarm.name === BADGE_ALARM) void showBadge().then(() => scheduleBadgeAtMidnight());
  });
  // Settings change one request at a time, decided here with the protection lock (utils/background/settings-writer.ts).
  onMessage('change', ({ data, sender }) => proposeChange(accept('change', data, sender)));
  onMessage('importBackup', ({ data, sender }) => {
    const { backup, mode } = accept('importBackup', data, sender);
    return importBackup(backup, mode);
  });
  onMessage('cancelPending', ({ data, sender }) => cancelPending(accept('cancelPending', data, sender).id));
  onMessage('applyPendingNow', ({ data, sender }) => {
    const { id, code } = accept('applyPendingNow', data, sender);
    return applyPendingNow(id, code);
  });
  onMessage('setFriendCode', ({ data, sender }) => {
    accept('setFriendCode', data, sender);
    return setFriendCode();
  });
  onMessage('checkCode', ({ data, sender }) => checkContinueCode(accept('checkCode', data, sender).code));
  onMessage('deleteJournalEntry', ({ data, sender }) => deleteJournalEntry(accept('deleteJournalEntry', data, sender).id));
  onMessage('rebuildSummary', ({ data, sender }) => {
    accept('rebuildSummary', data, sender);
    return rebuildSummary();
  });
  // Detection that keeps working: a conversation recognised from its page is remembered by its
  // address; a chat nobody could be read in is counted (the site and the day only).
  onMessage('learnThread', ({ data, sender }) => learnThread(accept('learnThread', data, sender)));
  onMessage('unreadThread', ({ data, sender }) => noteUnreadThread(accept('unreadThread', data, sender).site));
  onMessage('turnedUp', ({ data, sender }) => {
    const { site, count } = accept('turnedUp', data, sender);
    return noteTurnedUp(site, count);
  });
  // Settings in the browser account's sync, as an option (utils/model/sync.ts).
  onMessage('setSync', ({ data, sender }) => setSync(accept('setSync', data, sender).enabled));
  startSync();
  // Each site's content script reads its own watch index (utils/store/watch-index.ts), written here:
  // at every start of the worker, on every change of the settings or the snoozes (whoever wrote
  // them), and when a script finds its index missing.
  onMessage('publishWatch', ({ data, sender }) => {
    accept('publishWatch', data, sender);
    return publishWatchIndexes();
  });
  const publish = () => void publishWatchIndexes().catch(() => undefined);
  publish();
  // A full load of a watched person's address goes to the extension's pause page before the
  // request leaves (utils/background/stop-rules.ts): the rules follow the settings, the snoozes
  // (and the alarm for the next snooze's end) and the custom sites' grants.
  const stopRules = () => void syncStopRules().catch(() => undefined);
  void clearLetThroughs().catch(() => undefined).then(stopRules);
  snoozesItem.watch(() => {
    publish();
    stopRules();
  });
  onMessage('openStop', ({ data, sender }) => readStop(accept('openStop', data, sender)));
  onMessage('passStop', ({ data, sender }) => passStop(accept('passStop', data, sender), senderTab(sender)));

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
  // Pending changes whose time came while the worker or the browser was stopped apply now;
  // the alarm is set for the next. A change to the list (a new one, a cancel) sets it again.
  void applyDue();
  pendingItem.watch(() => void applyDue());

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
    // The first run: who to watch, where, and since when (components/options/Welcome.tsx).
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    void settle().then(syncScripts);
  });
  settingsItem.watch(() => {
    publish();
    stopRules();
    void syncScripts();
    void showBadge();
  });
  // The user can take a custom site's host back (or grant it) in the browser's own settings.
  browser.permissions.onAdded.addListener(() => {
    void syncScripts();
    stopRules();
  });
  browser.permissions.onRemoved.addListener(() => {
    void syncScripts();
    stopRules();
  });
});
