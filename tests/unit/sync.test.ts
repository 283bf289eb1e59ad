import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '@/utils/model/defaults';
import type { Person, Settings } from '@/utils/model/schema';
import { hashOf, INDEX_KEY, itemBytes, SYNC_QUOTA, stampLocal, zeroStamps, type SyncStamps } from '@/utils/model/sync';
import { joinFromSync, splitForSync, type Remote } from '@/utils/model/sync-packing';
import { mergeSync, syncStep, syncWrites } from '@/utils/model/sync-merge';
import type { Change } from '@/utils/model/changes';
import { setSync, syncNow } from '@/utils/background/sync';
import { loadSyncState } from '@/utils/store/sync-state';

const person = (id: string, identifiers = 1, length = 12, addedAt = 1): Person => ({
  id,
  alias: `Alias ${id}`,
  addedAt,
  identifiers: Array.from({ length: identifiers }, (_, i) => ({
    kind: 'handle' as const,
    value: `${String(i).padStart(4, '0')}${'x'.repeat(Math.max(0, length - 4))}`.slice(0, length),
    site: 'instagram',
  })),
});
const sam = person('p-sam');
const withPeople = (...people: Person[]): Settings => ({ ...defaultSettings(), people });

/** What the sync area holds after writing `settings` from a browser whose every entry changed at `at`. */
function areaOf(settings: Settings, at: number, device: string): Record<string, unknown> {
  const stamps = stampLocal({ fields: {}, people: {}, tomb: {} }, settings, at, device);
  const split = splitForSync(settings, stamps);
  if (!split.ok) throw new Error(split.problem.message);
  return split.items;
}
const remoteOf = (items: Record<string, unknown>): Remote => {
  const joined = joinFromSync(items);
  if (!joined.ok) throw new Error(joined.message);
  return joined.remote;
};
const sizes = (items: Record<string, unknown>) => Object.entries(items).map(([key, value]) => itemBytes(key, value));

describe('splitForSync: the sync area’s items, within its quotas', () => {
  it('puts the index, one item per setting and one per person, each under 8 KB', () => {
    const items = areaOf(withPeople(sam), 5, 'dev-a');
    expect(Object.keys(items).sort()).toEqual(
      [INDEX_KEY, 'p.p-sam', ...Object.keys(defaultSettings()).filter((f) => f !== 'people').map((f) => `s.${f}`)].sort(),
    );
    for (const size of sizes(items)) expect(size).toBeLessThanOrEqual(SYNC_QUOTA.itemBytes);
  });

  it('spreads a person with many long identifiers over several items, each under 8 KB, that read back whole', () => {
    const big = person('p-big', 200, 320);
    const items = areaOf(withPeople(big), 5, 'dev-a');
    const parts = Object.keys(items).filter((key) => key.startsWith('p.p-big'));
    expect(parts.length).toBeGreaterThanOrEqual(9);
    expect(parts).toContain('p.p-big#1');
    for (const size of sizes(items)) expect(size).toBeLessThanOrEqual(SYNC_QUOTA.itemBytes);
    expect(remoteOf(items).people['p-big']?.value).toEqual(big);
  });

  it('refuses a person with 1000 identifiers of 320 characters, saying who takes the room', () => {
    const split = splitForSync(withPeople(sam, person('p-max', 1000, 320)), zeroStamps(withPeople()));
    expect(split.ok).toBe(false);
    if (split.ok) return;
    expect(split.problem.kind).toBe('tooLarge');
    expect(split.problem.message).toMatch(
      /^Your settings take 3\d\d KB, more than your browser account’s sync holds for an extension \(100 KB\)\. The largest: Alias p-max’s 1,000 identifiers \(3\d\d KB\), /,
    );
  });

  it('fits 200 people, and reads them back in the order they were added', () => {
    const people = Array.from({ length: 200 }, (_, i) => person(crypto.randomUUID(), 2, 24, 1000 + i));
    const items = areaOf(withPeople(...people), 5, 'dev-a');
    // 200 people, 16 settings besides the people, the index.
    expect(Object.keys(items)).toHaveLength(200 + 16 + 1);
    expect(sizes(items).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(SYNC_QUOTA.totalBytes);
    const fresh = defaultSettings();
    const merged = mergeSync(fresh, zeroStamps(fresh), remoteOf(items), { now: 9, device: 'dev-b', keepProtection: false });
    expect(merged.settings.people).toEqual(people);
  });

  it('refuses a single value larger than an item (a support person’s very long link)', () => {
    const settings = { ...defaultSettings(), supportPerson: { name: 'Jo', link: `https://example.com/${'a'.repeat(9000)}` } };
    const split = splitForSync(settings, zeroStamps(settings));
    expect(split).toEqual({ ok: false, problem: { kind: 'itemTooLarge', message: expect.stringContaining('“supportPerson” is too large') } });
  });

  it('round-trips settings with every field changed, `<` and non-Latin text included', () => {
    const settings: Settings = {
      ...withPeople(sam, person('p-b#1', 3, 12, 2)),
      disabledSites: ['facebook'],
      questions: ['<script> ещё 你好?'],
      countdownSeconds: 42,
      typedPhrase: 'I choose myself',
      lockHours: 24,
      strictHours: { start: '22:00', end: '06:00', countdownSeconds: 90, require: 'phrase', phrase: 'not tonight' },
      supportPerson: { name: 'Jo', link: 'tel:+15551234' },
    };
    const items = areaOf(settings, 5, 'dev-a');
    expect(Object.keys(items)).toContain('p.p-b%231');
    const fresh = defaultSettings();
    const merged = mergeSync(fresh, zeroStamps(fresh), remoteOf(items), { now: 9, device: 'dev-b', keepProtection: false });
    expect(merged.settings).toEqual(settings);
    expect(merged.changed).toBe(true);
  });
});

describe('joinFromSync: what the sync area holds, checked', () => {
  const items = areaOf(withPeople(person('p-big', 200, 320)), 5, 'dev-a');

  it('takes nothing from an entry whose parts have not all arrived, and says it is in flight', () => {
    const { 'p.p-big#3': _, ...missing } = items;
    const remote = remoteOf(missing);
    expect(remote.people['p-big']).toBeUndefined();
    expect(remote.inFlight['p.p-big']).toEqual({ a: 5, d: 'dev-a', h: expect.any(String) });
    // A part from an older write (another hash) is not read as this one's.
    const older = areaOf(withPeople(person('p-big', 199, 320)), 4, 'dev-a');
    expect(remoteOf({ ...items, 'p.p-big#1': older['p.p-big#1'] }).inFlight['p.p-big']).toBeDefined();
  });

  it('sets aside values that fail the schema, naming the place, and never takes them', () => {
    const remote = remoteOf({
      ...items,
      's.countdownSeconds': { a: 9, d: 'dev-b', h: hashOf(-5), n: 1, v: -5 },
      's.questions': 'garbage',
      [INDEX_KEY]: { v: 1, tomb: 'all of them' },
    });
    expect(remote.fields.countdownSeconds).toBeUndefined();
    expect(remote.fields.questions).toBeUndefined();
    expect(remote.tomb).toEqual({});
    expect(remote.damaged.map((d) => d.key).sort()).toEqual([INDEX_KEY, 's.countdownSeconds', 's.questions']);
    expect(remote.damaged.find((d) => d.key === 's.countdownSeconds')?.reason).toMatch(/^value: Too small/);
  });

  it('reads nothing when another browser syncs a newer format', () => {
    expect(joinFromSync({ ...items, [INDEX_KEY]: { v: 2, tomb: {} } })).toEqual({
      ok: false,
      message: expect.stringContaining('newer version of Clean Break'),
    });
  });

  it('reads an empty sync area as holding nothing', () => {
    expect(remoteOf({})).toEqual({ fields: {}, people: {}, tomb: {}, inFlight: {}, damaged: [] });
  });
});

describe('syncWrites: one set() and one remove()', () => {
  it('sets what differs, removes what is ours and no longer wanted, and leaves held entries and others’ keys alone', () => {
    const current = {
      [INDEX_KEY]: { v: 1, tomb: {} },
      's.countdownSeconds': { a: 1, d: 'a', h: 'x', n: 1, v: 10 },
      'p.p-old': { a: 1, d: 'a', h: 'x', n: 2, v: {}, l: [] },
      'p.p-old#1': { h: 'x', k: 1, l: [] },
      'p.p-busy': { a: 9, d: 'b', h: 'y', n: 2, v: {}, l: [] },
      's.aSettingOfANewerVersion': { a: 1, d: 'b', h: 'z', n: 1, v: true },
    };
    const desired = {
      [INDEX_KEY]: { v: 1, tomb: {} },
      's.countdownSeconds': { v: 12, n: 1, h: 'w', d: 'a', a: 2 },
      'p.p-busy': { a: 1, d: 'a', h: 'q', n: 1, v: {} },
    };
    expect(syncWrites(current, desired, ['p.p-busy'])).toEqual({
      set: { 's.countdownSeconds': desired['s.countdownSeconds'] },
      remove: ['p.p-old', 'p.p-old#1'],
    });
    // The same value with its keys in another order is not written again.
    expect(syncWrites({ a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 } }, [])).toEqual({ set: {}, remove: [] });
  });
});

describe('stampLocal: this browser’s own changes', () => {
  it('keeps the stamps of what did not change, stamps what did, and tombstones who was removed', () => {
    const before = withPeople(sam, person('p-kim'));
    const stamps = stampLocal({ fields: {}, people: {}, tomb: {} }, before, 10, 'dev-a');
    const after = { ...before, people: [{ ...sam, alias: 'S.' }], countdownSeconds: 30 };
    const next = stampLocal(stamps, after, 20, 'dev-a');
    expect(next.fields.questions).toEqual(stamps.fields.questions);
    expect(next.fields.countdownSeconds).toEqual({ a: 20, d: 'dev-a', h: hashOf(30) });
    expect(next.people['p-sam']?.a).toBe(20);
    expect(next.people['p-kim']).toBeUndefined();
    expect(next.tomb).toEqual({ 'p-kim': 20 });
    // A clock that went back still moves a changed entry forward.
    expect(stampLocal(next, { ...after, countdownSeconds: 31 }, 15, 'dev-a').fields.countdownSeconds?.a).toBe(21);
  });
});

describe('mergeSync: two browsers’ settings meet', () => {
  const base = withPeople(sam, person('p-kim'));
  // Both browsers knew `base` as of time 10.
  const known = stampLocal({ fields: {}, people: {}, tomb: {} }, base, 10, 'dev-a');
  const theirs = (settings: Settings, at: number, device = 'dev-b', stamps: SyncStamps = known) => {
    const stamped = stampLocal(stamps, settings, at, device);
    const split = splitForSync(settings, stamped);
    if (!split.ok) throw new Error(split.problem.message);
    return remoteOf(split.items);
  };
  const meet = (local: Settings, stamps: SyncStamps, remote: Remote, keepProtection = false) =>
    mergeSync(local, stamps, remote, { now: 100, device: 'dev-a', keepProtection });

  const cases: {
    name: string;
    local: Settings;
    localAt?: number;
    remote: Settings;
    remoteAt: number;
    keepProtection?: boolean;
    expect: (merged: Settings) => void;
  }[] = [
    {
      name: 'a setting changed on the other browser, newer, wins',
      local: base,
      remote: { ...base, countdownSeconds: 30 },
      remoteAt: 20,
      expect: (s) => expect(s.countdownSeconds).toBe(30),
    },
    {
      name: 'a setting changed here later than there stays',
      local: { ...base, countdownSeconds: 45 },
      localAt: 30,
      remote: { ...base, countdownSeconds: 30 },
      remoteAt: 20,
      expect: (s) => expect(s.countdownSeconds).toBe(45),
    },
    {
      name: 'changes to different settings on each browser both stay',
      local: { ...base, snoozeMinutes: 5 },
      localAt: 30,
      remote: { ...base, countdownSeconds: 30 },
      remoteAt: 20,
      expect: (s) => expect([s.countdownSeconds, s.snoozeMinutes]).toEqual([30, 5]),
    },
    {
      name: 'a person added there is added here, after the people here',
      local: base,
      remote: withPeople(sam, person('p-kim'), person('p-lee')),
      remoteAt: 20,
      expect: (s) => expect(s.people.map((p) => p.id)).toEqual(['p-sam', 'p-kim', 'p-lee']),
    },
    {
      name: 'a person removed there (a newer tombstone) is removed here',
      local: base,
      remote: withPeople(sam),
      remoteAt: 20,
      expect: (s) => expect(s.people.map((p) => p.id)).toEqual(['p-sam']),
    },
    {
      name: 'a person removed there but changed here afterwards comes back',
      local: withPeople(sam, { ...person('p-kim'), alias: 'K.' }),
      localAt: 30,
      remote: withPeople(sam),
      remoteAt: 20,
      expect: (s) => expect(s.people.map((p) => p.alias)).toEqual(['Alias p-sam', 'K.']),
    },
    {
      name: 'per person, the newer change wins: a name there, identifiers here on another person',
      local: withPeople(sam, person('p-kim', 3)),
      localAt: 30,
      remote: withPeople({ ...sam, alias: 'Sammy' }, person('p-kim')),
      remoteAt: 20,
      expect: (s) => expect(s.people.map((p) => [p.alias, p.identifiers.length])).toEqual([['Sammy', 1], ['Alias p-kim', 3]]),
    },
    {
      name: 'with sync just turned on and the lock on here, a shorter countdown from sync is not taken',
      local: { ...base, lockHours: 24, countdownSeconds: 30 },
      remote: { ...base, countdownSeconds: 5, lockHours: 24 },
      remoteAt: 20,
      keepProtection: true,
      expect: (s) => expect(s.countdownSeconds).toBe(30),
    },
    {
      name: 'with sync just turned on and the lock on here, a longer countdown and a new person are taken',
      local: { ...base, lockHours: 24 },
      remote: { ...withPeople(sam, person('p-kim'), person('p-lee')), countdownSeconds: 40, lockHours: 24 },
      remoteAt: 20,
      keepProtection: true,
      expect: (s) => expect([s.countdownSeconds, s.people.length]).toEqual([40, 3]),
    },
    {
      name: 'with sync just turned on and the lock on here, nobody is removed and the lock is not shortened',
      local: { ...base, lockHours: 72 },
      remote: { ...withPeople(sam), lockHours: 1 },
      remoteAt: 20,
      keepProtection: true,
      expect: (s) => expect([s.people.length, s.lockHours]).toEqual([2, 72]),
    },
    {
      name: 'with no lock here, a weakening from the other browser applies',
      local: base,
      remote: { ...withPeople(sam), lockHours: 72 },
      remoteAt: 20,
      expect: (s) => expect(s.people.length).toBe(1),
    },
    {
      name: 'with the lock on here, long synced, a removal decided by the other browser’s own lock is not taken',
      local: { ...base, lockHours: 72 },
      remote: { ...withPeople(sam), lockHours: 72 },
      remoteAt: 20,
      keepProtection: true,
      expect: (s) => expect(s.people.length).toBe(2),
    },
  ];
  it.each(cases)('$name', (c) => {
    const localStamps = c.localAt ? stampLocal(known, c.local, c.localAt, 'dev-a') : known;
    const merged = meet(c.local, localStamps, theirs(c.remote, c.remoteAt), c.keepProtection);
    c.expect(merged.settings);
  });

  it('a protected setting is stamped as the newer here, so this browser’s value is what syncs', () => {
    const local = { ...base, lockHours: 24 as const, countdownSeconds: 30 };
    const merged = meet(local, stampLocal(known, local, 10, 'dev-a'), theirs({ ...base, countdownSeconds: 5 }, 20), true);
    expect(merged.stamps.fields.countdownSeconds).toEqual({ a: 100, d: 'dev-a', h: hashOf(30) });
  });

  it('the same stamp time on both browsers is broken by the browser’s id, the same way on both sides', () => {
    const a = { ...base, countdownSeconds: 20 };
    const b = { ...base, countdownSeconds: 25 };
    const aStamps = stampLocal(known, a, 50, 'dev-a');
    const bStamps = stampLocal(known, b, 50, 'dev-b');
    const onA = mergeSync(a, aStamps, theirs(b, 50, 'dev-b'), { now: 60, device: 'dev-a', keepProtection: false });
    const onB = mergeSync(b, bStamps, theirs(a, 50, 'dev-a'), { now: 60, device: 'dev-b', keepProtection: false });
    expect([onA.settings.countdownSeconds, onB.settings.countdownSeconds]).toEqual([25, 25]);
  });

  it('a person missing from sync without a tombstone stays (not known there is not removed)', () => {
    const remote = theirs(base, 20);
    delete remote.people['p-kim'];
    expect(meet(base, known, remote).settings.people).toHaveLength(2);
  });

  it('an entry another browser is still writing, newer than ours, is held (not taken, not written over)', () => {
    const remote = theirs({ ...base, countdownSeconds: 30 }, 20);
    delete remote.fields.countdownSeconds;
    remote.inFlight['s.countdownSeconds'] = { a: 20, d: 'dev-b', h: 'x' };
    const merged = meet(base, known, remote);
    expect(merged.settings.countdownSeconds).toBe(10);
    expect(merged.hold).toEqual(['s.countdownSeconds']);
  });

  it('a person another browser is adding, not all arrived yet, is held: neither taken nor removed', () => {
    const big = person('p-big', 200, 320);
    const { 'p.p-big#2': _, ...arriving } = { ...areaOf(base, 10, 'dev-a'), ...areaOf(withPeople(big), 20, 'dev-b') };
    const merged = meet(base, known, remoteOf(arriving));
    expect(merged.settings.people.map((p) => p.id)).toEqual(['p-sam', 'p-kim']);
    expect(merged.hold).toEqual(['p.p-big']);
    const split = splitForSync(merged.settings, merged.stamps);
    if (!split.ok) throw new Error(split.problem.message);
    expect(syncWrites(arriving, split.items, merged.hold).remove.filter((key) => key.startsWith('p.p-big'))).toEqual([]);
  });

  it('keeps at most 200 people, saying who was left out', () => {
    const many = Array.from({ length: 200 }, (_, i) => person(`p-${i}`, 1, 12, i));
    const local = withPeople(...many);
    const merged = meet(local, stampLocal({ fields: {}, people: {}, tomb: {} }, local, 10, 'dev-a'), remoteOf(areaOf(withPeople(person('p-extra', 1, 12, 500)), 20, 'dev-b')));
    expect(merged.settings.people).toHaveLength(200);
    expect(merged.notes).toEqual([expect.stringContaining('Alias p-extra from your other browsers was not added here')]);
  });
});

/**
 * Two browsers taking turns over one sync area, each running syncStep on its own settings and
 * stamps, as the background does after each change.
 */
describe('two browsers, one sync area', () => {
  interface Browser {
    device: string;
    settings: Settings;
    stamps: SyncStamps;
    fresh: boolean;
  }
  let area: Record<string, unknown>;
  let clock: number;
  /** What each browser was asked to hold through its lock. */
  let held: { device: string; change: Change }[];
  const turnOn = (device: string, settings: Settings): Browser => ({ device, settings, stamps: zeroStamps(settings), fresh: true });
  /** One browser meets the area; returns how many items it wrote or removed. */
  function turn(browser: Browser): number {
    clock += 1;
    const step = syncStep(browser.settings, browser.stamps, area, {
      now: clock,
      device: browser.device,
      // As the background does (utils/background/sync.ts): under this browser's lock.
      keepProtection: browser.settings.lockHours > 0,
    });
    held.push(...(step.ok ? step.held.map((change) => ({ device: browser.device, change })) : []));
    if (!step.ok || !step.writes) throw new Error(step.ok ? (step.problem ?? '') : step.message);
    browser.settings = step.settings;
    browser.stamps = step.stamps;
    browser.fresh = false;
    area = { ...area, ...step.writes.set };
    for (const key of step.writes.remove) delete area[key];
    return Object.keys(step.writes.set).length + step.writes.remove.length;
  }
  const change = (browser: Browser, update: (s: Settings) => Settings) => {
    browser.settings = update(browser.settings);
  };

  beforeEach(() => {
    area = {};
    clock = 1_000;
    held = [];
  });

  it('a second browser’s own code lowers its lock and removes a person: this browser, under its lock, holds both and syncs them back', () => {
    const a = turnOn('dev-a', { ...withPeople(sam, person('p-kim')), lockHours: 72 });
    turn(a);
    const b = turnOn('dev-b', defaultSettings());
    turn(b);
    expect(b.settings.lockHours).toBe(72);
    // On B, its own friend's code let both through at once (B's code is never synced).
    change(b, (s) => ({ ...s, lockHours: 0, people: s.people.filter((p) => p.id !== 'p-kim') }));
    turn(b);
    turn(a);
    expect([a.settings.lockHours, a.settings.people.map((p) => p.id)]).toEqual([72, ['p-sam', 'p-kim']]);
    expect(held).toEqual([
      { device: 'dev-a', change: { type: 'removePerson', personId: 'p-kim' } },
      { device: 'dev-a', change: { type: 'setLock', hours: 0 } },
    ]);
    // A's values are the newer: B gets Kim and the lock back.
    turn(b);
    expect([b.settings.lockHours, b.settings.people.map((p) => p.id)]).toEqual([72, ['p-sam', 'p-kim']]);
    expect(turn(a) + turn(b)).toBe(0);
  });

  it('meet in the defined way: newer per setting and per person, removals kept, and then they are quiet', () => {
    const a = turnOn('dev-a', { ...withPeople(sam), countdownSeconds: 20 });
    turn(a);
    const b = turnOn('dev-b', defaultSettings());
    turn(b);
    // Turning sync on in B took what A had put there.
    expect(b.settings).toEqual(a.settings);

    // Each changes a different setting before seeing the other's: both changes stay.
    change(a, (s) => ({ ...s, snoozeMinutes: 5 }));
    change(b, (s) => ({ ...s, escalationSeconds: 9 }));
    turn(a);
    turn(b);
    turn(a);
    expect([a.settings.snoozeMinutes, a.settings.escalationSeconds]).toEqual([5, 9]);
    expect(b.settings).toEqual(a.settings);

    // Both change the same setting: the later change wins on both.
    change(a, (s) => ({ ...s, countdownSeconds: 30 }));
    turn(a);
    change(b, (s) => ({ ...s, countdownSeconds: 40 }));
    turn(b);
    turn(a);
    expect([a.settings.countdownSeconds, b.settings.countdownSeconds]).toEqual([40, 40]);

    // B adds Kim; A removes Sam; each sees the other's.
    change(b, (s) => ({ ...s, people: [...s.people, person('p-kim')] }));
    turn(b);
    change(a, (s) => ({ ...s, people: s.people.filter((p) => p.id !== 'p-sam') }));
    turn(a);
    turn(b);
    expect(a.settings.people.map((p) => p.id)).toEqual(['p-kim']);
    expect(b.settings.people.map((p) => p.id)).toEqual(['p-kim']);
    expect(area[INDEX_KEY]).toEqual({ v: 1, tomb: { 'p-sam': expect.any(Number) } });
    expect(area['p.p-sam']).toBeUndefined();

    // Sam's removal stays removed: B's stale write of Sam does not bring Sam back on A.
    const before = { ...area };
    area = { ...area, ...areaOf(withPeople(sam), 1_001, 'dev-b') };
    area[INDEX_KEY] = before[INDEX_KEY];
    turn(a);
    expect(a.settings.people.map((p) => p.id)).toEqual(['p-kim']);

    // Nothing changes any more: nobody writes.
    expect(turn(b) + turn(a) + turn(b)).toBe(0);
  });

  it('a person removed on one browser while changed on the other later comes back with the change', () => {
    const a = turnOn('dev-a', withPeople(sam, person('p-kim')));
    turn(a);
    const b = turnOn('dev-b', defaultSettings());
    turn(b);
    change(a, (s) => ({ ...s, people: s.people.filter((p) => p.id !== 'p-kim') }));
    turn(a);
    change(b, (s) => ({ ...s, people: s.people.map((p) => (p.id === 'p-kim' ? { ...p, alias: 'Kim (again)' } : p)) }));
    turn(b);
    turn(a);
    expect(a.settings.people.map((p) => p.alias)).toEqual(['Alias p-sam', 'Kim (again)']);
    expect(turn(b) + turn(a)).toBe(0);
  });

  it('turning sync on with the lock on here does not weaken this browser, and its stronger values reach the other', () => {
    const a = turnOn('dev-a', { ...withPeople(sam), countdownSeconds: 5 });
    turn(a);
    const b = turnOn('dev-b', { ...withPeople(sam, person('p-kim')), countdownSeconds: 30, lockHours: 24 });
    turn(b);
    expect([b.settings.countdownSeconds, b.settings.people.length, b.settings.lockHours]).toEqual([30, 2, 24]);
    turn(a);
    expect([a.settings.countdownSeconds, a.settings.people.length, a.settings.lockHours]).toEqual([30, 2, 24]);
  });
});

describe('the background’s shell', () => {
  beforeEach(() => fakeBrowser.reset());
  const settings = withPeople(sam);
  const stored = async () => (await fakeBrowser.storage.local.get('settings')).settings;

  it('turning sync on writes this browser’s settings into the sync area, and a change from another browser arrives here', async () => {
    await fakeBrowser.storage.local.set({ settings });
    expect(await setSync(true)).toEqual({ ok: true });
    const area = await fakeBrowser.storage.sync.get(null);
    expect(area['p.p-sam']).toMatchObject({ n: 1, v: { id: 'p-sam', alias: 'Alias p-sam' } });
    expect((await loadSyncState()).value).toMatchObject({ enabled: true, problem: null, syncedAt: expect.any(Number) });

    const now = Date.now() + 60_000;
    await fakeBrowser.storage.sync.set(areaOf({ ...settings, countdownSeconds: 33, people: [sam, person('p-kim')] }, now, 'zz-other'));
    await syncNow(now + 1);
    expect(await stored()).toMatchObject({ countdownSeconds: 33, people: [sam, person('p-kim')] });
  });

  it('a quota error leaves this browser’s settings as they were and says so', async () => {
    await fakeBrowser.storage.local.set({ settings });
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    await setSync(true);
    expect(await stored()).toEqual(settings);
    expect((await loadSyncState()).value.problem?.message).toBe(
      'Your browser account’s sync refused the settings (QUOTA_BYTES quota exceeded). Your settings on this browser are as they were.',
    );
  });

  it('settings too large for sync are not written, this browser’s stay, and the options page is told why', async () => {
    const huge = withPeople(sam, person('p-max', 1000, 320));
    await fakeBrowser.storage.local.set({ settings: huge });
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set');
    await setSync(true);
    expect(set).not.toHaveBeenCalled();
    expect(await stored()).toEqual(huge);
    expect((await loadSyncState()).value.problem?.message).toMatch(/^Your settings take .* Nothing was synced, and your settings on this browser are as they were\.$/);
  });

  it('a value in sync that fails the schema never reaches this browser’s settings; it is kept as a backup and written over', async () => {
    await fakeBrowser.storage.local.set({ settings });
    await fakeBrowser.storage.sync.set({ 's.countdownSeconds': { a: Date.now() + 1e6, d: 'zz', h: hashOf('ten'), n: 1, v: 'ten' } });
    await setSync(true);
    expect(await stored()).toEqual(settings);
    expect((await fakeBrowser.storage.sync.get('s.countdownSeconds'))['s.countdownSeconds']).toMatchObject({ v: 10 });
    expect((await fakeBrowser.storage.local.get('backups')).backups).toEqual([
      { item: 'sync', savedAt: expect.any(Number), raw: { key: 's.countdownSeconds', raw: expect.objectContaining({ v: 'ten' }), reason: expect.any(String) } },
    ]);
    expect((await loadSyncState()).value.problem?.message).toContain('One item in your account’s sync could not be read');
  });

  it('a damaged sync state turns sync off, is kept as a backup, and leaves the settings alone', async () => {
    await fakeBrowser.storage.local.set({ settings, sync: { enabled: 'yes' } });
    const loaded = await loadSyncState(true);
    expect(loaded).toMatchObject({ valid: false, readable: true, value: { enabled: false } });
    expect((await fakeBrowser.storage.local.get('backups')).backups).toEqual([{ item: 'sync', savedAt: expect.any(Number), raw: { enabled: 'yes' } }]);
    expect(await stored()).toEqual(settings);
  });

  it('with the lock on here, a removal from another browser waits here as a held change, and the person is still watched', async () => {
    const locked = { ...withPeople(sam, person('p-kim')), lockHours: 24 as const };
    await fakeBrowser.storage.local.set({ settings: locked });
    await setSync(true);
    const now = Date.now() + 60_000;
    // Another browser removed Kim, later.
    await fakeBrowser.storage.sync.set(areaOf({ ...locked, people: [sam] }, now, 'zz-other'));
    const index = (await fakeBrowser.storage.sync.get(INDEX_KEY))[INDEX_KEY] as { v: number; tomb: Record<string, number> };
    await fakeBrowser.storage.sync.set({ [INDEX_KEY]: { ...index, tomb: { 'p-kim': now } } });
    await syncNow(now + 1);
    expect(((await stored()) as Settings).people.map((p) => p.id)).toEqual(['p-sam', 'p-kim']);
    const { pending } = await fakeBrowser.storage.local.get('pending');
    expect(pending).toEqual([expect.objectContaining({ change: { type: 'removePerson', personId: 'p-kim' } })]);
    // The other browser removes Kim again, later still: the same change is not held twice.
    await fakeBrowser.storage.sync.set(areaOf({ ...locked, people: [sam] }, now + 5, 'zz-other'));
    await fakeBrowser.storage.sync.set({ [INDEX_KEY]: { ...index, tomb: { 'p-kim': now + 5 } } });
    await syncNow(now + 6);
    expect(((await stored()) as Settings).people.map((p) => p.id)).toEqual(['p-sam', 'p-kim']);
    expect((await fakeBrowser.storage.local.get('pending')).pending).toHaveLength(1);
  });

  it('with sync off, nothing is read or written', async () => {
    await fakeBrowser.storage.local.set({ settings });
    await fakeBrowser.storage.sync.set(areaOf({ ...settings, countdownSeconds: 33 }, Date.now() + 1e6, 'zz'));
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set');
    await syncNow();
    expect(set).not.toHaveBeenCalled();
    expect(await stored()).toEqual(settings);
  });
});
