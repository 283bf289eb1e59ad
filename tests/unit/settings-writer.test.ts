import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '@/utils/model/defaults';
import { canonicalCode, codeMatches, hashCode, newCode, tryCode, waitAfter } from '@/utils/background/friend-code';
import { recordDb } from '@/utils/store/db';
import type { CustomSite, Person, Settings } from '@/utils/model/schema';
import { applyDue, applyPendingNow, cancelPending, checkContinueCode, LOCK_ALARM, proposeChange, setFriendCode } from '@/utils/background/settings-writer';
import { backupsItem, friendCodeItem, loadFriendCode, loadPending, loadSettings, pendingItem, settingsItem } from '@/utils/store/storage';
import { startAttempt } from '@/utils/background/log';
import { MAX_STEP_MS } from '@/utils/model/lock-clock';

const HOUR = 60 * 60 * 1000;
const T0 = Date.parse('2026-12-02T12:00:00Z');
const sam: Person = { id: 'p-sam', alias: 'Sam', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }], addedAt: 1 };
const locked = (patch: Partial<Settings> = {}): Settings => ({ ...defaultSettings(), people: [sam], lockHours: 24, ...patch });
const stored = async () => (await loadSettings()).value;
/**
 * Time passing with the browser open: the background looks at its clock every few minutes from
 * `from` to `to` (the lock counts the time it has seen pass, utils/model/lock-clock.ts). Returns how
 * many held changes the last look applied... and every look before it.
 */
async function timePasses(from: number, to: number): Promise<number> {
  let applied = 0;
  for (let at = from; at < to; at += MAX_STEP_MS) applied += await applyDue(at);
  return applied + (await applyDue(to));
}

describe('the settings’ one writer, with the lock', () => {
  // The clock at T0: an alarm is never set in the past (the writer moves it to a second from now),
  // so a fixed T0 a day behind the real date would move it.
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('applies a change that takes nothing away at once, to the settings as stored', async () => {
    await settingsItem.setValue(locked());
    expect(await proposeChange({ type: 'addPerson', id: 'p-jo', alias: 'Jo', identifiers: [] }, T0)).toEqual({ status: 'applied' });
    expect((await stored()).people.map((p) => p.alias)).toEqual(['Sam', 'Jo']);
  });

  it('two pages changing at once lose neither change', async () => {
    await settingsItem.setValue(locked({ lockHours: 0 }));
    await Promise.all([
      proposeChange({ type: 'addPerson', id: 'p-jo', alias: 'Jo', identifiers: [] }, T0),
      proposeChange({ type: 'setPause', values: { countdownSeconds: 30 } }, T0),
      proposeChange({ type: 'setSite', site: 'tiktok', enabled: false }, T0),
    ]);
    const settings = await stored();
    expect([settings.people.length, settings.countdownSeconds, settings.disabledSites]).toEqual([2, 30, ['tiktok']]);
  });

  it('holds a removal for the cool-off, with an alarm for when it applies, and applies it then', async () => {
    await settingsItem.setValue(locked());
    const result = await proposeChange({ type: 'removePerson', personId: 'p-sam' }, T0);
    expect(result).toMatchObject({ status: 'pending', pending: { requestedAt: T0, appliesAt: T0 + 24 * HOUR } });
    // Still watched meanwhile.
    expect((await stored()).people).toEqual([sam]);
    // The background looks once a minute while it waits, counting the time it sees pass.
    expect(await fakeBrowser.alarms.get(LOCK_ALARM)).toMatchObject({ periodInMinutes: 1 });
    // An hour early, nothing; at its time, it applies and the list empties.
    expect(await timePasses(T0, T0 + 23 * HOUR)).toBe(0);
    expect((await stored()).people).toEqual([sam]);
    expect(await timePasses(T0 + 23 * HOUR, T0 + 24 * HOUR)).toBe(1);
    expect((await stored()).people).toEqual([]);
    expect((await loadPending()).value).toEqual([]);
    expect(await fakeBrowser.alarms.get(LOCK_ALARM)).toBeUndefined();
  });

  // Issue 23, 6: the system clock is the user's to move.
  it('moving the system clock on does not end the cool-off: only time seen passing does', async () => {
    await settingsItem.setValue(locked({ lockHours: 168 }));
    expect(await proposeChange({ type: 'removePerson', personId: 'p-sam' }, T0)).toMatchObject({ status: 'pending' });
    // The clock moved 8 days on: the wall clock says its time has come, the time seen says a minute.
    expect(await applyDue(T0 + 8 * 24 * HOUR)).toBe(0);
    expect(await proposeChange({ type: 'addPerson', id: 'p-jo', alias: 'Jo', identifiers: [] }, T0 + 8 * 24 * HOUR + 1)).toEqual({ status: 'applied' });
    expect((await stored()).people.map((p) => p.alias)).toEqual(['Sam', 'Jo']);
    // Moved back and on again: nothing counted for either jump.
    expect(await applyDue(T0)).toBe(0);
    expect(await applyDue(T0 + 9 * 24 * HOUR)).toBe(0);
    expect((await stored()).people.map((p) => p.alias)).toEqual(['Sam', 'Jo']);
  });

  it('a change held before the clock was counted (no seenDue) applies by the wall clock, as it did', async () => {
    await settingsItem.setValue(locked());
    await pendingItem.setValue([{ id: 'old', change: { type: 'removePerson', personId: 'p-sam' }, requestedAt: T0, appliesAt: T0 + 24 * HOUR }]);
    expect(await applyDue(T0 + 23 * HOUR)).toBe(0);
    expect(await applyDue(T0 + 24 * HOUR)).toBe(1);
    expect((await stored()).people).toEqual([]);
  });

  it('a clock that does not parse starts again: the change waits longer, never less, and the value is kept', async () => {
    await settingsItem.setValue(locked({ lockHours: 1 }));
    await proposeChange({ type: 'removePerson', personId: 'p-sam' }, T0);
    await timePasses(T0, T0 + 50 * 60_000);
    await fakeBrowser.storage.local.set({ lockClock: { wallAt: 'soon', seenMs: -1 } });
    expect(await timePasses(T0 + 50 * 60_000, T0 + 61 * 60_000)).toBe(0);
    expect(await backupsItem.getValue()).toMatchObject([{ item: 'lockClock', raw: { wallAt: 'soon', seenMs: -1 } }]);
    expect(await timePasses(T0 + 61 * 60_000, T0 + 111 * 60_000)).toBe(1);
  });

  it('a pending change survives the worker stopping: it is in storage, not memory', async () => {
    await settingsItem.setValue(locked());
    await proposeChange({ type: 'setSite', site: 'instagram', enabled: false }, T0);
    expect(await pendingItem.getValue()).toMatchObject([{ change: { type: 'setSite', site: 'instagram', enabled: false } }]);
  });

  it('cancelling a held change means it never applies', async () => {
    await settingsItem.setValue(locked());
    const result = await proposeChange({ type: 'removePerson', personId: 'p-sam' }, T0);
    if (result.status !== 'pending') throw new Error('not held');
    await cancelPending(result.pending.id);
    expect(await applyDue(T0 + 48 * HOUR)).toBe(0);
    expect((await stored()).people).toEqual([sam]);
  });

  it('shortening the lock waits out the current lock, and changes after it wait that long too', async () => {
    await settingsItem.setValue(locked({ lockHours: 168 }));
    const shorter = await proposeChange({ type: 'setLock', hours: 1 }, T0);
    expect(shorter).toMatchObject({ status: 'pending', pending: { appliesAt: T0 + 168 * HOUR } });
    const removal = await proposeChange({ type: 'removePerson', personId: 'p-sam' }, T0 + HOUR);
    expect(removal).toMatchObject({ status: 'pending', pending: { appliesAt: T0 + 169 * HOUR } });
    expect((await stored()).lockHours).toBe(168);
  });

  it('applies what is due in the order it was asked', async () => {
    await settingsItem.setValue(locked({ lockHours: 1 }));
    await proposeChange({ type: 'setPause', values: { countdownSeconds: 5 } }, T0);
    await proposeChange({ type: 'setPause', values: { countdownSeconds: 3 } }, T0 + 1);
    await timePasses(T0 + 1, T0 + 2 * HOUR);
    expect((await stored()).countdownSeconds).toBe(3);
  });

  it('clearing the log waits too, then empties the log', async () => {
    await settingsItem.setValue(locked());
    await startAttempt({ attemptId: 'a1', personId: 'p-sam', site: 'instagram', kind: 'profile', startedAt: T0 }, 1, T0);
    expect(await proposeChange({ type: 'clearLog' }, T0)).toMatchObject({ status: 'pending' });
    expect(await recordDb().attempts.count()).toBe(1);
    await timePasses(T0, T0 + 25 * HOUR);
    expect(await recordDb().attempts.count()).toBe(0);
  });

  it('refuses, changing nothing, when the settings cannot be read', async () => {
    await settingsItem.setValue(locked());
    const getItem = fakeBrowser.storage.local.get;
    fakeBrowser.storage.local.get = () => Promise.reject(new Error('IO error'));
    try {
      expect(await proposeChange({ type: 'removePerson', personId: 'p-sam' }, T0)).toMatchObject({ status: 'refused' });
    } finally {
      fakeBrowser.storage.local.get = getItem;
    }
    expect(await stored()).toEqual(locked());
    expect(await pendingItem.getValue()).toEqual([]);
  });

  it('a damaged pending list is kept as a backup, not lost, and the lock still holds', async () => {
    await settingsItem.setValue(locked());
    await pendingItem.setValue([{ id: 'x', change: { type: 'nonsense' } }]);
    expect(await proposeChange({ type: 'removePerson', personId: 'p-sam' }, T0)).toMatchObject({ status: 'pending' });
    expect(await backupsItem.getValue()).toMatchObject([{ item: 'pending', raw: [{ id: 'x' }] }]);
    expect((await stored()).people).toEqual([sam]);
  });

  it('settings stored before the lock existed apply every change at once', async () => {
    const { lockHours: _, strictHours: __, continueNeedsCode: ___, ...v1 } = locked();
    await settingsItem.setValue(v1);
    expect(await proposeChange({ type: 'removePerson', personId: 'p-sam' }, T0)).toEqual({ status: 'applied' });
  });
});

describe('the friend’s code', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is shown once and stored only as a salted hash', async () => {
    const made = await setFriendCode(T0);
    if (!made.ok) throw new Error(made.message);
    expect(made.code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
    const raw = JSON.stringify(await friendCodeItem.getValue());
    expect(raw).not.toContain(made.code);
    expect(raw).not.toContain(canonicalCode(made.code));
    // A second code would be one the user keeps: refused while one is set.
    expect(await setFriendCode(T0)).toMatchObject({ ok: false });
  });

  it('two codes made from the same text have different salts and hashes', async () => {
    const [a, b] = [await hashCode('AAAAA-BBBBB', T0, 1000), await hashCode('AAAAA-BBBBB', T0, 1000)];
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('is typed without regard to case, spaces or the dash', async () => {
    const stored = await hashCode('K7QM2-XR4TD', T0, 1000);
    expect(await codeMatches(stored, 'k7qm2 xr4td')).toBe(true);
    expect(await codeMatches(stored, 'K7QM2-XR4TE')).toBe(false);
  });

  it('makes codes from the whole alphabet, never 0, O, 1, I or L', () => {
    const code = newCode((bytes) => bytes.map((_, i) => i * 25));
    expect(code).toMatch(/^[^01OIL]{5}-[^01OIL]{5}$/);
  });

  it.each([
    [1, 0],
    [2, 0],
    [3, 30_000],
    [4, 60_000],
    [5, 120_000],
    [12, 3_600_000],
    [40, 3_600_000],
  ])('after %i wrong codes, waits %i ms', (failures, wait) => {
    expect(waitAfter(failures)).toBe(wait);
  });

  it('counts wrong codes, slows them down, and starts again after a right one', async () => {
    let stored = await hashCode('K7QM2-XR4TD', T0, 1000);
    // The clock that counts the time seen, as it stands at each try (utils/model/lock-clock.ts).
    const seen = (ms: number) => ({ wallAt: T0 + ms, seenMs: 5_000 + ms });
    for (let i = 0; i < 3; i += 1) stored = (await tryCode(stored, 'wrong', T0, seen(0))).next;
    expect(stored).toMatchObject({ failures: 3, blockedUntil: T0 + 30_000, blockedSeen: 35_000 });
    // While waiting, even the right code is not checked.
    expect((await tryCode(stored, 'K7QM2-XR4TD', T0 + 1000, seen(1000))).check).toEqual({ ok: false, reason: 'wait', retryAt: T0 + 30_000 });
    const right = await tryCode(stored, 'K7QM2-XR4TD', T0 + 30_000, seen(30_000));
    expect(right.check).toEqual({ ok: true });
    expect(right.next).toMatchObject({ failures: 0, blockedUntil: 0 });
  });

  // Issue 23, 6: the code's wait, like the lock's, is counted in time seen passing.
  it('moving the system clock on does not end the wait after wrong codes', async () => {
    // Eleven wrong codes already: the twelfth waits an hour.
    let stored = { ...(await hashCode('K7QM2-XR4TD', T0, 1000)), failures: 11 };
    const clock = { wallAt: T0, seenMs: 0 };
    stored = (await tryCode(stored, 'wrong', T0, clock)).next;
    expect(stored).toMatchObject({ blockedUntil: T0 + HOUR, blockedSeen: HOUR });
    // Two hours on by the wall clock, a minute of it seen: still waiting, for the time not yet seen.
    const moved = await tryCode(stored, 'K7QM2-XR4TD', T0 + 2 * HOUR, { wallAt: T0 + 2 * HOUR, seenMs: 60_000 });
    expect(moved.check).toEqual({ ok: false, reason: 'wait', retryAt: T0 + 2 * HOUR + HOUR - 60_000 });
    // A code slowed before the time seen was counted (no blockedSeen) waits by the wall clock, as it did.
    const { blockedSeen: _, ...legacy } = stored;
    expect((await tryCode(legacy, 'K7QM2-XR4TD', T0 + 2 * HOUR, { wallAt: T0 + 2 * HOUR, seenMs: 60_000 })).check).toEqual({ ok: true });
  });

  it('through the background: the clock is looked at while the code is slowed, and only time seen ends the wait', async () => {
    await settingsItem.setValue(locked({ continueNeedsCode: true }));
    const made = await setFriendCode(T0);
    if (!made.ok) throw new Error(made.message);
    // Eleven wrong codes already: the twelfth waits an hour.
    await friendCodeItem.setValue({ ...(await loadFriendCode()).value!, failures: 11 });
    await checkContinueCode('WRONG-CODE1', T0);
    expect(await checkContinueCode(made.code, T0)).toMatchObject({ ok: false, reason: 'wait' });
    // Slowed: the background looks once a minute, with nothing held.
    expect(await fakeBrowser.alarms.get(LOCK_ALARM)).toMatchObject({ periodInMinutes: 1 });
    // The system clock moved a day on: a jump counts no more than a late look, and the hour is not over.
    expect(await checkContinueCode(made.code, T0 + 24 * HOUR)).toMatchObject({ ok: false, reason: 'wait' });
    // An hour seen passing (the alarm's looks): over.
    await timePasses(T0 + 24 * HOUR, T0 + 25 * HOUR);
    expect(await checkContinueCode(made.code, T0 + 25 * HOUR)).toEqual({ ok: true });
    await applyDue(T0 + 25 * HOUR + 1000);
    expect(await fakeBrowser.alarms.get(LOCK_ALARM)).toBeUndefined();
  });

  it('applies a held change early only with the right code', async () => {
    await settingsItem.setValue(locked());
    const made = await setFriendCode(T0);
    if (!made.ok) throw new Error(made.message);
    const held = await proposeChange({ type: 'removePerson', personId: 'p-sam' }, T0);
    if (held.status !== 'pending') throw new Error('not held');
    expect(await applyPendingNow(held.pending.id, 'WRONG-CODE1', T0)).toMatchObject({ ok: false, reason: 'wrong' });
    expect((await stored()).people).toEqual([sam]);
    expect(await applyPendingNow(held.pending.id, made.code, T0)).toEqual({ ok: true });
    expect((await stored()).people).toEqual([]);
    expect((await loadPending()).value).toEqual([]);
  });

  it('Continue anyway checks the code and counts the wrong ones', async () => {
    const made = await setFriendCode(T0);
    if (!made.ok) throw new Error(made.message);
    expect(await checkContinueCode('nope', T0)).toMatchObject({ ok: false, reason: 'wrong' });
    expect((await loadFriendCode()).value?.failures).toBe(1);
    expect(await checkContinueCode(made.code, T0)).toEqual({ ok: true });
  });

  it('removing it goes through the lock', async () => {
    await settingsItem.setValue(locked());
    await setFriendCode(T0);
    expect(await proposeChange({ type: 'removeFriendCode' }, T0)).toMatchObject({ status: 'pending' });
    expect((await loadFriendCode()).value).not.toBeNull();
    await timePasses(T0, T0 + 24 * HOUR);
    expect((await loadFriendCode()).value).toBeNull();
  });

  it('a damaged code is kept as a backup and counts as not set, and options can say so', async () => {
    await friendCodeItem.setValue({ salt: 42 });
    expect(await checkContinueCode('anything', T0)).toEqual({ ok: false, reason: 'none', retryAt: 0 });
    expect(await backupsItem.getValue()).toMatchObject([{ item: 'friendCode', raw: { salt: 42 } }]);
    expect(await setFriendCode(T0)).toMatchObject({ ok: true });
  });
});

describe('custom sites’ hosts are given back when their removal applies', () => {
  beforeEach(() => fakeBrowser.reset());
  const site = (id: string, pattern: string): CustomSite => ({ id, name: id, pattern, kind: 'profile', identify: { by: 'url', after: '/members/' }, addedAt: 1 });
  const forum = site('custom-forum', 'https://forum.example.com/*');
  const forumChat = site('custom-forum-chat', 'https://forum.example.com/chat/*');
  const other = site('custom-other', 'https://other.example.org/*');
  const given = () => {
    const remove = vi.fn(async (_: { origins?: string[] }) => true);
    fakeBrowser.permissions.remove = remove as unknown as typeof fakeBrowser.permissions.remove;
    return remove;
  };

  it('at once without the lock', async () => {
    const remove = given();
    await settingsItem.setValue(locked({ lockHours: 0, customSites: [forum, other] }));
    expect(await proposeChange({ type: 'removeCustomSite', siteId: 'custom-forum' }, T0)).toEqual({ status: 'applied' });
    expect(remove.mock.calls).toEqual([[{ origins: ['https://forum.example.com/*'] }]]);
  });

  it('with the lock, only when the wait ends (the alarm), not when it is asked for', async () => {
    const remove = given();
    await settingsItem.setValue(locked({ customSites: [forum] }));
    expect(await proposeChange({ type: 'removeCustomSite', siteId: 'custom-forum' }, T0)).toMatchObject({ status: 'pending' });
    expect(remove).not.toHaveBeenCalled();
    expect(await timePasses(T0, T0 + 24 * HOUR)).toBe(1);
    expect((await stored()).customSites).toEqual([]);
    expect(remove.mock.calls).toEqual([[{ origins: ['https://forum.example.com/*'] }]]);
  });

  it('not while another of the user’s sites is on the same host; nothing else changes hands', async () => {
    const remove = given();
    await settingsItem.setValue(locked({ lockHours: 0, customSites: [forum, forumChat] }));
    await proposeChange({ type: 'removeCustomSite', siteId: 'custom-forum' }, T0);
    await proposeChange({ type: 'addPerson', id: 'p-jo', alias: 'Jo', identifiers: [] }, T0);
    expect(remove).not.toHaveBeenCalled();
    await proposeChange({ type: 'removeCustomSite', siteId: 'custom-forum-chat' }, T0);
    expect(remove.mock.calls).toEqual([[{ origins: ['https://forum.example.com/*'] }]]);
  });

  it('a browser that refuses to give a host back does not undo the removal', async () => {
    fakeBrowser.permissions.remove = (async () => {
      throw new Error('You cannot remove required permissions.');
    }) as unknown as typeof fakeBrowser.permissions.remove;
    await settingsItem.setValue(locked({ lockHours: 0, customSites: [forum] }));
    expect(await proposeChange({ type: 'removeCustomSite', siteId: 'custom-forum' }, T0)).toEqual({ status: 'applied' });
    expect((await stored()).customSites).toEqual([]);
  });
});
