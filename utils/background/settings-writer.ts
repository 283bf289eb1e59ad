import { browser } from 'wxt/browser';
import { applyToSettings, decideChange, hoursToMs, type Change, type ChangeResult, type PendingChange } from '../model/changes';
import { codeWait, hashCode, newCode, tryCode } from './friend-code';
import type { CodeCheck, NewCode } from '../protocol/replies';
import { clearLog } from './log';
import { Settings } from '../model/schema';
import { siteOrigin } from '../sites/custom/custom';
import { friendCodeItem, loadFriendCode, type FriendCode, loadLockClock, loadPending, loadSettings, lockClockItem, pendingItem, settingsItem } from '../store/storage';
import { isDue, leastUntilDue, look, LOOK_EVERY_MINUTES, type LockClock } from '../model/lock-clock';
import { t } from '../model/i18n';
import { serialQueue } from './queue';

/**
 * The settings' one writer, run by the background. Pages send changes (utils/model/changes.ts); each
 * is applied here, one at a time, to the settings as stored when it runs. The protection lock
 * is decided here, not in a page: a change that weakens protection while the lock is on is
 * kept in `local:pending` and applied when its time comes, from an alarm (which outlives the
 * worker) and at every start (which outlives the browser).
 */
const inQueue = serialQueue();

export const LOCK_ALARM = 'apply-pending-changes';

const unreadable = (): ChangeResult => ({ status: 'refused', message: t('settings_unreadable_refused') });

/**
 * The lock's clock, looked at now (utils/model/lock-clock.ts): while a change is held, at every
 * start, before every change and once a minute; and when a change is held. A clock that cannot be
 * read counts nothing now.
 */
async function lookAtClock(now: number): Promise<LockClock> {
  const loaded = await loadLockClock(true);
  if (!loaded.readable) return { wallAt: now, seenMs: 0 };
  const next = look(loaded.value, now);
  await lockClockItem.setValue(next);
  return next;
}

/** Applies one change now, to the settings it was decided on. */
async function applyNow(settings: Settings, change: Change, now: number): Promise<void> {
  if (change.type === 'clearLog') return clearLog();
  if (change.type === 'removeFriendCode') return friendCodeItem.removeValue();
  // Parsed again: no change may store settings the schema refuses (a custom site's limits, a person's).
  const next = Settings.parse(applyToSettings(settings, change, now));
  await settingsItem.setValue(next);
  await giveBackHosts(settings, next);
}

/**
 * The host permissions of custom sites the settings no longer have (one removed, at once or when
 * its wait under the lock ends; a backup replacing the settings) are given back, except a host
 * another custom site still uses. Refused (a host the manifest itself holds), nothing is lost.
 */
async function giveBackHosts(before: Settings, after: Settings): Promise<void> {
  const kept = new Set(after.customSites.map(siteOrigin));
  const gone = [...new Set(before.customSites.map(siteOrigin))].filter((origin): origin is string => origin !== null && !kept.has(origin));
  if (gone.length === 0) return;
  try {
    await browser.permissions.remove({ origins: gone });
  } catch {
    // Nothing to give back, or not the user's to give: the site is gone from the settings either way.
  }
}

export function proposeChange(change: Change, now = Date.now()): Promise<ChangeResult> {
  return inQueue(async () => {
    // What came due (an alarm the browser has not fired yet) applies first: the new change is
    // decided on the settings as they are due to be.
    await applyDueNow(now);
    const settings = await loadSettings(true);
    if (!settings.readable) return unreadable();
    const decision = decideChange(settings.value, change, now);
    if (decision.later) {
      // A pending list that cannot be read is not written over: nothing is changed.
      const pending = await loadPending(true);
      if (!pending.readable) return unreadable();
      if (decision.now) await applyNow(settings.value, decision.now, now);
      const clock = await lookAtClock(now);
      const held: PendingChange = {
        id: crypto.randomUUID(),
        change: decision.later,
        requestedAt: now,
        appliesAt: now + hoursToMs(settings.value.lockHours),
        seenDue: clock.seenMs + hoursToMs(settings.value.lockHours),
      };
      await pendingItem.setValue([...pending.value, held]);
      await scheduleLockAlarm([...pending.value, held], clock, now);
      return { status: 'pending', pending: held };
    }
    if (decision.now) await applyNow(settings.value, decision.now, now);
    return { status: 'applied' };
  });
}

/**
 * A change another browser asked for through sync that would weaken protection here: proposed
 * through this browser's lock like one made here, once (the same change already waiting is not
 * held twice: the next meeting with the sync area may find it again before this browser's own
 * value has reached the other browsers).
 */
export async function proposeFromSync(change: Change, now = Date.now()): Promise<ChangeResult | null> {
  const pending = await loadPending(true);
  if (pending.readable && pending.value.some((held) => JSON.stringify(held.change) === JSON.stringify(change))) return null;
  return proposeChange(change, now);
}

/** Settings changed by the background itself (a learned thread): a function of the stored settings, or null for no change. */
export function updateSettings(update: (settings: Settings) => Settings | null): Promise<boolean> {
  return inQueue(async () => {
    const loaded = await loadSettings(true);
    if (!loaded.readable) return false;
    const next = update(loaded.value);
    if (!next) return false;
    await settingsItem.setValue(next);
    return true;
  });
}

export function cancelPending(id: string): Promise<ChangeResult> {
  return inQueue(async () => {
    const pending = await loadPending(true);
    if (!pending.readable) return unreadable();
    await pendingItem.setValue(pending.value.filter((held) => held.id !== id));
    return { status: 'applied' };
  });
}

/** Applies, in the order asked, every pending change whose time has come; the alarm is set for the next. */
export const applyDue = (now = Date.now()) => inQueue(() => applyDueNow(now));

async function applyDueNow(now: number): Promise<number> {
  const pending = await loadPending(true);
  if (!pending.readable) return 0;
  // The clock counts only while a change is held or the friend's code is slowed: only then does the time seen matter.
  const code = (await loadFriendCode(true)).value;
  if (pending.value.length === 0 && !(code && code.blockedUntil > 0)) {
    await browser.alarms.clear(LOCK_ALARM);
    return 0;
  }
  const clock = await lookAtClock(now);
  const due = pending.value.filter((held) => isDue(held, clock, now)).sort((a, b) => a.requestedAt - b.requestedAt);
  let applied = 0;
  for (const held of due) {
    const settings = await loadSettings(true);
    if (!settings.readable) break;
    await applyNow(settings.value, held.change, now);
    applied += 1;
  }
  const done = new Set(due.slice(0, applied).map((held) => held.id));
  const rest = pending.value.filter((held) => !done.has(held.id));
  if (done.size) await pendingItem.setValue(rest);
  await scheduleLockAlarm(rest, clock, now, code);
  return applied;
}

/**
 * While a change is held, or the friend's code is slowed, the background looks once a minute (the
 * alarm outlives the worker), so the time it sees pass is counted; the first look is when the
 * earliest held change could come due.
 */
async function scheduleLockAlarm(pending: readonly PendingChange[], clock: LockClock, now: number, code: FriendCode | null = null): Promise<void> {
  const codeWaits = code !== null && codeWait(code, clock, now) > 0;
  if (pending.length === 0 && !codeWaits) {
    await browser.alarms.clear(LOCK_ALARM);
    return;
  }
  const waits = [...pending.map((held) => leastUntilDue(held, clock, now)), ...(codeWaits ? [codeWait(code, clock, now)] : [])];
  const next = now + Math.min(...waits);
  const when = Math.max(Math.min(next, now + LOOK_EVERY_MINUTES * 60_000), Date.now() + 1000);
  const existing = await browser.alarms.get(LOCK_ALARM);
  if (existing?.periodInMinutes !== LOOK_EVERY_MINUTES || existing.scheduledTime > when) {
    await browser.alarms.create(LOCK_ALARM, { when, periodInMinutes: LOOK_EVERY_MINUTES });
  }
}

/** The friend's code checked (and the try counted): the answer. */
async function checkCode(typed: string, now: number): Promise<CodeCheck> {
  const stored = await loadFriendCode(true);
  if (!stored.value) return { ok: false, reason: 'none', retryAt: 0 };
  const clock = await lookAtClock(now);
  const { check, next } = await tryCode(stored.value, typed, now, clock);
  if (next !== stored.value) {
    await friendCodeItem.setValue(next);
    // Slowed: the clock is looked at while the wait lasts, so the time seen passing is counted.
    const pending = await loadPending(true);
    if (pending.readable) await scheduleLockAlarm(pending.value, clock, now, next);
  }
  return check;
}

/** A pending change applied before its time, with the friend's code. */
export function applyPendingNow(id: string, code: string, now = Date.now()): Promise<CodeCheck> {
  return inQueue(async () => {
    const pending = await loadPending(true);
    const held = pending.value.find((entry) => entry.id === id);
    if (!pending.readable || !held) return { ok: false, reason: 'none', retryAt: 0 };
    const check = await checkCode(code, now);
    if (!check.ok) return check;
    const settings = await loadSettings(true);
    if (!settings.readable) return { ok: false, reason: 'wait', retryAt: now + 1000 };
    await applyNow(settings.value, held.change, now);
    const rest = pending.value.filter((entry) => entry.id !== id);
    await pendingItem.setValue(rest);
    await scheduleLockAlarm(rest, await lookAtClock(now), now);
    return check;
  });
}

/** Continue anyway, when it needs the friend's code. */
export const checkContinueCode = (code: string, now = Date.now()) => inQueue(() => checkCode(code, now));

/**
 * A new friend's code, returned once and stored only as a hash. Replacing a code would show the
 * user a code they keep: a code already set must be removed first (through the lock).
 */
export function setFriendCode(now = Date.now()): Promise<NewCode> {
  return inQueue(async () => {
    const stored = await loadFriendCode(true);
    if (!stored.readable) return { ok: false, message: t('friend_code_unreadable') };
    if (stored.value) return { ok: false, message: t('friend_code_exists') };
    const code = newCode();
    await friendCodeItem.setValue(await hashCode(code, now));
    return { ok: true, code };
  });
}
