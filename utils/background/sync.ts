import { browser } from 'wxt/browser';
import { t } from '../model/i18n';
import { proposeFromSync, updateSettings } from './settings-writer';
import { keepBackup, loadSettings, settingsItem, syncStateItem } from '../store/storage';
import { zeroStamps, type SyncState } from '../model/sync';
import { syncStep, type Step } from '../model/sync-merge';
import { loadSyncState } from '../store/sync-state';
import type { SyncReply } from '../protocol/replies';
import { serialQueue } from './queue';

/**
 * The background's shell around utils/model/sync.ts: it reads the sync area, lets syncStep decide, and
 * does what it says: this browser's settings through the settings' one writer (updateSettings),
 * the sync area in one set() and at most one remove(). Runs after a local change (batched, a
 * second after the last), after a change arriving from another browser, and at every start.
 */
const inQueue = serialQueue();

/** Changes come in bursts (a form, a sync batch arriving in parts): one meeting for each burst. */
const BATCH_MS = 1_000;
/** Sync refused for writing too often (MAX_WRITE_OPERATIONS_PER_MINUTE): try again after this. */
const RATE_RETRY_MS = 60_000;
let timer: ReturnType<typeof setTimeout> | undefined;
function later(delay = BATCH_MS): void {
  clearTimeout(timer);
  timer = setTimeout(() => void syncNow(), delay);
}

const saveState = (state: SyncState) => syncStateItem.setValue(state);

/** One meeting with the sync area, if sync is on. */
export function syncNow(now = Date.now()): Promise<void> {
  return inQueue(async () => {
    const loaded = await loadSyncState(true);
    const state = loaded.value;
    if (!loaded.readable || !state.enabled) return;
    const fail = (message: string) => saveState({ ...state, problem: { at: now, message } });
    let items: Record<string, unknown>;
    try {
      items = await browser.storage.sync.get(null);
    } catch (error) {
      return fail(t('sync_unreadable', { error: (error as Error).message }));
    }
    // Decided inside the writer's queue, on the settings as they are then.
    let step: Step | null = null;
    await updateSettings((local) => {
      // Under this browser's lock, another browser's weakening waits here (utils/model/sync.ts).
      const keepProtection = local.lockHours > 0;
      step = syncStep(local, state.stamps, items, { now, device: state.deviceId, keepProtection });
      return step.ok && step.changed ? step.settings : null;
    });
    const decided = step as Step | null;
    if (!decided) return fail(t('sync_settings_unreadable'));
    if (!decided.ok) return fail(decided.message);
    for (const change of decided.held) await proposeFromSync(change, now);
    const next: SyncState = { ...state, stamps: decided.stamps };
    if (!decided.writes) return saveState({ ...next, problem: { at: now, message: decided.problem ?? '' } });
    try {
      for (const { key, raw, reason } of decided.damaged) await keepBackup('sync', { key, raw, reason });
      if (Object.keys(decided.writes.set).length) await browser.storage.sync.set(decided.writes.set);
      if (decided.writes.remove.length) await browser.storage.sync.remove(decided.writes.remove);
    } catch (error) {
      const message = (error as Error).message;
      if (/MAX_WRITE_OPERATIONS/.test(message)) later(RATE_RETRY_MS);
      return saveState({
        ...next,
        problem: { at: now, message: t('sync_refused', { error: message }) },
      });
    }
    await saveState({ ...next, syncedAt: now, problem: decided.problem ? { at: now, message: decided.problem } : null });
  });
}

/**
 * Sync turned on or off. On: this browser's stamps start at 0, so what the account already holds
 * wins (but for what would weaken protection under this browser's lock: utils/model/sync.ts). Off: this
 * browser stops reading and writing the sync area; what is there stays for the other browsers.
 */
export function setSync(enabled: boolean): Promise<SyncReply> {
  const turned = inQueue(async (): Promise<SyncReply> => {
    const loaded = await loadSyncState(true);
    if (!loaded.readable) return { ok: false, message: t('sync_state_unreadable') };
    const state = loaded.value;
    if (!enabled) {
      await saveState({ ...state, enabled: false, problem: null });
      return { ok: true };
    }
    if (state.enabled) return { ok: true };
    const settings = await loadSettings(true);
    if (!settings.readable) return { ok: false, message: t('sync_settings_unreadable_on') };
    const deviceId = state.deviceId || crypto.randomUUID().slice(0, 12);
    await saveState({ enabled: true, deviceId, stamps: zeroStamps(settings.value), problem: null, syncedAt: null });
    return { ok: true };
  });
  return turned.then(async (reply) => {
    if (reply.ok && enabled) await syncNow();
    return reply;
  });
}

/** Wired once by the background: a meeting now, after each local change, and after each change from another browser. */
export function startSync(): void {
  settingsItem.watch(() => later());
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'sync') later();
  });
  later(0);
}
