import { z } from './zod';
import { weakenings } from './changes';
import { formatList, plural, t } from './i18n';
import { Person, Settings } from './schema';

/**
 * Settings in the browser account's sync (`storage.sync`), as an option. Pure: what goes into
 * the sync area, what comes out of it, and how two browsers' settings meet. The shell that reads
 * and writes the areas is utils/background/sync.ts.
 *
 * What is synced: the settings (people, sites, the pause, the lock). Never: the log, the journal,
 * the friend's code, the changes the lock holds, the backups; they stay in this browser.
 *
 * The sync area, item by item (quotas: 8,192 bytes an item counting key and JSON value, 102,400
 * in all, 512 items; every write is one set() and at most one remove()):
 * - `i`, the index: the format's version and the tombstones of removed people.
 * - `s.<field>`: one item per top-level setting (countdownSeconds, questions …); a list too long
 *   for one item goes on in `s.<field>#1`, `#2` …
 * - `p.<id>`: one item per person; a person with many identifiers goes on in `p.<id>#1` ….
 * The first item of each entry carries its stamp (when it changed, on which browser), the number
 * of its parts and a hash of the whole; the other parts carry the hash, so an entry whose parts
 * have not all arrived yet is seen as such and waited for, not read half.
 *
 * How two browsers meet: per person and per top-level setting, the newer change wins (its time,
 * then the browser's id, then the hash break ties, so both sides pick the same one). A person
 * removed on one browser stays removed: its tombstone is newer than the person's last change
 * (a person changed after the removal comes back; on a tie the person stays). A person or
 * setting missing from the sync area without a tombstone is not removed, only not known there.
 *
 * The lock: a change from sync was decided by the other browser's lock (lockHours syncs too),
 * so it applies here. When sync is turned on, what the account holds wins over this browser's
 * settings (this browser's stamps start at 0), except where it would weaken this browser's
 * protection while this browser's lock is on: there this browser's value stays and is synced
 * as the newer, so turning sync on is never a way round the lock.
 *
 * Any change to Settings' schema bumps SYNC_VERSION: a browser finding a newer version in the
 * index reads and writes nothing, rather than overwrite what it cannot read.
 */
export const SYNC_VERSION = 1;
export const SYNC_QUOTA = { itemBytes: 8_192, totalBytes: 102_400, maxItems: 512 } as const;
/**
 * What this side packs to: Chromium counts the item as its own JSON writer writes it, which
 * spells numbers and a few characters differently from JSON.stringify; the room left covers that.
 */
export const PACK_BUDGET = { itemBytes: SYNC_QUOTA.itemBytes - 192, totalBytes: SYNC_QUOTA.totalBytes - 4_096 } as const;

export const INDEX_KEY = 'i';
const FIELD_PREFIX = 's.';
const PERSON_PREFIX = 'p.';
const fieldKey = (field: SyncedField) => `${FIELD_PREFIX}${field}`;
// Escaped: a person's id may hold `#`, which separates the parts.
const personKey = (id: string) => `${PERSON_PREFIX}${encodeURIComponent(id)}`;
const partKey = (base: string, part: number) => (part === 0 ? base : `${base}#${part}`);

export type SyncedField = Exclude<keyof Settings, 'people'>;
export const SYNCED_FIELDS = (Object.keys(Settings.shape) as (keyof Settings)[]).filter(
  (field): field is SyncedField => field !== 'people',
);

/** When an entry last changed, and on which browser; `h` is its value's hash. */
export const Stamp = z.object({
  a: z.int().check(z.nonnegative()),
  d: z.string().check(z.maxLength(64)),
  h: z.string().check(z.maxLength(32)),
});
export type Stamp = z.infer<typeof Stamp>;

/** This browser's stamps: what it last knew of each entry, and the people it saw removed. */
export const SyncStamps = z.object({
  fields: z.record(z.string(), Stamp),
  people: z.record(z.string(), Stamp),
  tomb: z.record(z.string(), z.int().check(z.nonnegative())),
});
export type SyncStamps = z.infer<typeof SyncStamps>;

/** Whether this browser syncs, as `local:sync` holds it (utils/store/storage.ts). Never synced itself. */
export const SyncState = z.object({
  enabled: z.boolean(),
  /** This browser's id in the stamps; made when sync is first turned on. */
  deviceId: z.string().check(z.maxLength(64)),
  stamps: SyncStamps,
  /** The last thing that stopped sync, said for the options page; null once a sync works. */
  problem: z.nullable(z.object({ at: z.number(), message: z.string() })),
  syncedAt: z.nullable(z.number()),
});
export type SyncState = z.infer<typeof SyncState>;

export const defaultSyncState = (): SyncState => ({
  enabled: false,
  deviceId: '',
  stamps: { fields: {}, people: {}, tomb: {} },
  problem: null,
  syncedAt: null,
});

/** JSON with its keys sorted, so the same value always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** cyrb53: a 53-bit hash of the canonical JSON, in base 36. Not for secrets: it tells changes apart. */
export function hashOf(value: unknown): string {
  const text = canonical(value);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const encoder = new TextEncoder();
/** Bytes as Chromium counts them: UTF-8, with `<` and U+2028/U+2029 escaped by its JSON writer. */
export const jsonBytes = (value: unknown) =>
  encoder.encode(JSON.stringify(value).replace(/[<\u2028\u2029]/g, '\\u0000')).length;
export const itemBytes = (key: string, value: unknown) => encoder.encode(key).length + jsonBytes(value);

/** Is `r` a newer change than `l`? A total order: time, then browser, then hash. */
export function newer(r: Stamp, l: Stamp | undefined): boolean {
  if (!l) return true;
  if (r.a !== l.a) return r.a > l.a;
  if (r.d !== l.d) return r.d > l.d;
  return r.h > l.h;
}

/**
 * The stamps for settings this browser has not changed since sync was turned on: older than
 * anything synced (time 0 and no browser's id). What this browser then puts into the sync area
 * itself is claimed with its id (mergeSync), so the next browser to turn sync on takes it.
 */
export function zeroStamps(settings: Settings): SyncStamps {
  return {
    fields: Object.fromEntries(SYNCED_FIELDS.map((field) => [field, { a: 0, d: '', h: hashOf(settings[field]) }])),
    people: Object.fromEntries(settings.people.map((person) => [person.id, { a: 0, d: '', h: hashOf(person) }])),
    tomb: {},
  };
}

/**
 * The stamps after this browser's own changes: an entry whose value no longer matches its hash
 * changed here, now; a person known before and gone now was removed here (a tombstone).
 */
export function stampLocal(stamps: SyncStamps, settings: Settings, now: number, device: string): SyncStamps {
  const at = (old: Stamp | undefined) => ({ a: Math.max(now, (old?.a ?? -1) + 1), d: device });
  const fields: Record<string, Stamp> = { ...stamps.fields };
  for (const field of SYNCED_FIELDS) {
    const h = hashOf(settings[field]);
    if (fields[field]?.h !== h) fields[field] = { ...at(fields[field]), h };
  }
  const people: Record<string, Stamp> = {};
  const tomb = { ...stamps.tomb };
  for (const person of settings.people) {
    const h = hashOf(person);
    const old = stamps.people[person.id];
    people[person.id] = old?.h === h ? old : { ...at(old), h };
    delete tomb[person.id];
  }
  for (const [id, old] of Object.entries(stamps.people)) if (!people[id]) tomb[id] = Math.max(now, old.a + 1);
  return { fields, people, tomb };
}

export interface SyncProblem {
  kind: 'tooLarge' | 'itemTooLarge' | 'tooManyItems';
  message: string;
}
export type Split = { ok: true; items: Record<string, unknown> } | { ok: false; problem: SyncProblem };

const Part0 = z.object({
  a: z.int().check(z.nonnegative()),
  d: z.string().check(z.maxLength(64)),
  h: z.string().check(z.maxLength(32)),
  n: z.int().check(z.gte(1), z.lte(SYNC_QUOTA.maxItems)),
  v: z.optional(z.unknown()),
  l: z.optional(z.array(z.unknown())),
});
const PartK = z.object({ h: z.string().check(z.maxLength(32)), k: z.int().check(z.gte(1)), l: z.array(z.unknown()) });
const Index = z.object({ v: z.int().check(z.positive()), tomb: z.record(z.string(), z.int().check(z.nonnegative())) });

/**
 * One entry packed into items: `head` whole in the first, `list` (if any) spread over as many
 * as it needs. Null when one element alone is too large for an item.
 */
function pack(base: string, stamp: Stamp, head: unknown, list: readonly unknown[] | undefined): Record<string, unknown> | null {
  if (!list) {
    const item = { a: stamp.a, d: stamp.d, h: stamp.h, n: 1, v: head };
    return itemBytes(base, item) <= PACK_BUDGET.itemBytes ? { [base]: item } : null;
  }
  // Sizes counted with the largest part number the quota allows, so the count can be filled in after.
  const emptyFirst = itemBytes(base, { a: stamp.a, d: stamp.d, h: stamp.h, n: SYNC_QUOTA.maxItems, v: head, l: [] });
  const emptyPart = (part: number) => itemBytes(partKey(base, part), { h: stamp.h, k: part, l: [] });
  let current: unknown[] = [];
  const slices: unknown[][] = [current];
  let used = emptyFirst;
  for (const element of list) {
    const size = jsonBytes(element);
    const grown = used + size + (current.length ? 1 : 0);
    if (grown <= PACK_BUDGET.itemBytes) {
      current.push(element);
      used = grown;
      continue;
    }
    const fresh = emptyPart(slices.length) + size;
    if (fresh > PACK_BUDGET.itemBytes) return null;
    current = [element];
    slices.push(current);
    used = fresh;
  }
  const items: Record<string, unknown> = {};
  slices.forEach((slice, part) => {
    items[partKey(base, part)] =
      part === 0
        ? { a: stamp.a, d: stamp.d, h: stamp.h, n: slices.length, ...(head === undefined ? {} : { v: head }), l: slice }
        : { h: stamp.h, k: part, l: slice };
  });
  return items;
}

const personHead = ({ identifiers: _, ...head }: Person) => head;
const kb = (bytes: number) => t('sync_kilobytes', { size: Math.ceil(bytes / 1024) });

/**
 * The sync area's items for these settings and stamps, within the quotas, or why they cannot
 * fit (then nothing is written and this browser's settings stay as they are).
 */
export function splitForSync(settings: Settings, stamps: SyncStamps): Split {
  const items: Record<string, unknown> = {};
  // What each part is, in words, is only worked out for a refusal that names it.
  const sizes: { what: () => string; bytes: number }[] = [];
  const add = (what: () => string, packed: Record<string, unknown>) => {
    Object.assign(items, packed);
    sizes.push({ what, bytes: Object.entries(packed).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0) });
  };
  const stampOf = (stamp: Stamp | undefined, value: unknown): Stamp => ({ a: stamp?.a ?? 0, d: stamp?.d ?? '', h: hashOf(value) });
  for (const field of SYNCED_FIELDS) {
    const value = settings[field];
    const packed = pack(fieldKey(field), stampOf(stamps.fields[field], value), Array.isArray(value) ? undefined : value, Array.isArray(value) ? value : undefined);
    if (!packed) {
      return { ok: false, problem: { kind: 'itemTooLarge', message: t('sync_field_too_large', { field }) } };
    }
    add(() => t('sync_part_field', { field }), packed);
  }
  for (const person of settings.people) {
    const packed = pack(personKey(person.id), stampOf(stamps.people[person.id], person), personHead(person), person.identifiers);
    if (!packed) {
      return { ok: false, problem: { kind: 'itemTooLarge', message: t('sync_person_too_large', { alias: person.alias }) } };
    }
    add(() => plural('sync_part_person', person.identifiers.length, { alias: person.alias }), packed);
  }
  // The newest tombstones that fit in the index; older ones are let go (a person they removed
  // could come back from a browser that was away longer than that: more protection, not less).
  const tomb: Record<string, number> = {};
  for (const [id, at] of Object.entries(stamps.tomb).sort(([, a], [, b]) => b - a)) {
    if (itemBytes(INDEX_KEY, { v: SYNC_VERSION, tomb: { ...tomb, [id]: at } }) > PACK_BUDGET.itemBytes) break;
    tomb[id] = at;
  }
  add(() => t('sync_part_index'), { [INDEX_KEY]: { v: SYNC_VERSION, tomb } });

  const count = Object.keys(items).length;
  if (count > SYNC_QUOTA.maxItems) {
    return { ok: false, problem: { kind: 'tooManyItems', message: t('sync_too_many_items', { count, most: SYNC_QUOTA.maxItems }) } };
  }
  const total = sizes.reduce((sum, size) => sum + size.bytes, 0);
  if (total > PACK_BUDGET.totalBytes) {
    const largest = [...sizes]
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 2)
      .map((size) => t('sync_part_size', { part: size.what(), size: kb(size.bytes) }));
    return {
      ok: false,
      problem: {
        kind: 'tooLarge',
        message: t('sync_too_large', { size: kb(total), most: kb(SYNC_QUOTA.totalBytes), largest: formatList(largest) }),
      },
    };
  }
  return { ok: true, items };
}

export interface RemoteEntry<T> {
  value: T;
  stamp: Stamp;
}

/** What the sync area holds, read entry by entry. */
export interface Remote {
  fields: { [F in SyncedField]?: RemoteEntry<Settings[F]> };
  people: Record<string, RemoteEntry<Person>>;
  tomb: Record<string, number>;
  /** Entries whose parts have not all arrived, by key, with the stamp their first part claims. */
  inFlight: Record<string, Stamp | null>;
  /** Items that fail the schema: never taken; kept as a backup before they are written over. */
  damaged: { key: string; raw: unknown; reason: string }[];
}
export type Joined = { ok: true; remote: Remote } | { ok: false; message: string };

const FIELD_OF_KEY = new Map(SYNCED_FIELDS.map((field) => [fieldKey(field), field]));
const problemText = (error: z.core.$ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`).join('; ');

/** The entries of the sync area, each checked against the schema; an entry not whole is in flight, not read. */
export function joinFromSync(items: Record<string, unknown>): Joined {
  const remote: Remote = { fields: {}, people: {}, tomb: {}, inFlight: {}, damaged: [] };
  if (INDEX_KEY in items) {
    const index = Index.safeParse(items[INDEX_KEY]);
    if (!index.success) remote.damaged.push({ key: INDEX_KEY, raw: items[INDEX_KEY], reason: problemText(index.error) });
    else if (index.data.v > SYNC_VERSION) {
      return {
        ok: false,
        message: t('sync_newer'),
      };
    } else remote.tomb = index.data.tomb;
  }
  for (const [key, raw] of Object.entries(items)) {
    const field = FIELD_OF_KEY.get(key);
    if (!field && !(key.startsWith(PERSON_PREFIX) && !key.includes('#'))) continue;
    const first = Part0.safeParse(raw);
    if (!first.success) {
      remote.damaged.push({ key, raw, reason: problemText(first.error) });
      continue;
    }
    const { a, d, h, n, v, l } = first.data;
    const stamp = { a, d, h };
    // A part missing, or from another write than the first's: that write has not all arrived yet.
    let list = l;
    for (let part = 1; part < n && list; part++) {
      const next = PartK.safeParse(items[partKey(key, part)]);
      list = next.success && next.data.h === h && next.data.k === part ? [...list, ...next.data.l] : undefined;
    }
    if (!list && (n > 1 || !field)) {
      remote.inFlight[key] = stamp;
      continue;
    }
    const value = field ? (l ? list : v) : { ...(typeof v === 'object' ? v : {}), identifiers: list };
    if (hashOf(value) !== h) {
      remote.damaged.push({ key, raw, reason: 'its value does not match its hash' });
      continue;
    }
    if (field) {
      const parsed = Settings.shape[field].safeParse(value);
      if (parsed.success) Object.assign(remote.fields, { [field]: { value: parsed.data, stamp } });
      else remote.damaged.push({ key, raw, reason: problemText(parsed.error) });
    } else {
      const parsed = Person.safeParse(value);
      if (parsed.success && personKey(parsed.data.id) === key) remote.people[parsed.data.id] = { value: parsed.data, stamp };
      else remote.damaged.push({ key, raw, reason: parsed.success ? 'the person’s id does not match its key' : problemText(parsed.error) });
    }
  }
  return { ok: true, remote };
}

export interface Merged {
  settings: Settings;
  stamps: SyncStamps;
  /** Whether the settings differ from this browser's. */
  changed: boolean;
  /** Keys of entries being written by another browser right now: left alone until they are whole. */
  hold: string[];
  /** What could not be taken, in words. */
  notes: string[];
}

export interface MergeOptions {
  now: number;
  device: string;
  /**
   * Sync was just turned on and this browser's lock is on: nothing from sync may weaken this
   * browser's protection; where it would, this browser's value stays, stamped as the newer.
   */
  keepProtection: boolean;
}

const MAX_PEOPLE = 200;

/** This browser's settings met with the sync area's, by the rules at the top of this file. */
export function mergeSync(local: Settings, stamps: SyncStamps, remote: Remote, options: MergeOptions): Merged {
  const next: Settings = { ...local };
  const fields: Record<string, Stamp> = { ...stamps.fields };
  const hold: string[] = [];
  const notes: string[] = [];
  const mine = (value: unknown): Stamp => ({ a: options.now, d: options.device, h: hashOf(value) });
  const claimed = (stamp: Stamp): Stamp => (stamp.d === '' ? { ...stamp, d: options.device } : stamp);

  for (const field of SYNCED_FIELDS) {
    const theirs = remote.fields[field];
    const writing = remote.inFlight[fieldKey(field)];
    if (writing && newer(writing, fields[field])) hold.push(fieldKey(field));
    if (!theirs || !newer(theirs.stamp, fields[field])) {
      if (fields[field]) fields[field] = claimed(fields[field]);
      continue;
    }
    const weakens = options.keepProtection && weakenings(local, { ...local, [field]: theirs.value }).length > 0;
    if (weakens) {
      fields[field] = mine(local[field]);
      continue;
    }
    Object.assign(next, { [field]: theirs.value });
    fields[field] = theirs.stamp;
  }

  const people: Person[] = [];
  const personStamps: Record<string, Stamp> = {};
  const tomb: Record<string, number> = {};
  for (const [id, at] of [...Object.entries(stamps.tomb), ...Object.entries(remote.tomb)]) tomb[id] = Math.max(tomb[id] ?? 0, at);
  const remoteOnly = Object.values(remote.people)
    .filter((entry) => !local.people.some((person) => person.id === entry.value.id))
    .sort((x, y) => x.value.addedAt - y.value.addedAt || (x.value.id < y.value.id ? -1 : 1))
    .map((entry) => entry.value.id);
  for (const id of [...local.people.map((person) => person.id), ...remoteOnly]) {
    const here = local.people.find((person) => person.id === id);
    const hereStamp = here ? (stamps.people[id] ?? { a: 0, d: '', h: hashOf(here) }) : undefined;
    const theirs = remote.people[id];
    const writing = remote.inFlight[personKey(id)];
    if (writing && newer(writing, hereStamp)) hold.push(personKey(id));
    let chosen: RemoteEntry<Person> =
      here && hereStamp && !(theirs && newer(theirs.stamp, hereStamp)) ? { value: here, stamp: hereStamp } : theirs!;
    const removed = tomb[id] !== undefined && tomb[id] > chosen.stamp.a;
    if (options.keepProtection && here && (removed || chosen.value !== here)) {
      const after = removed ? [] : [chosen.value];
      const weakens = weakenings({ ...local, people: [here] }, { ...local, people: after }).length > 0;
      if (weakens) chosen = { value: here, stamp: mine(here) };
    }
    if (tomb[id] !== undefined && tomb[id] > chosen.stamp.a) continue;
    delete tomb[id];
    if (people.length >= MAX_PEOPLE) {
      notes.push(t('sync_too_many_people', { alias: chosen.value.alias, most: MAX_PEOPLE }));
      continue;
    }
    people.push(chosen.value);
    personStamps[id] = claimed(chosen.stamp);
  }
  next.people = people;
  // A person another browser is adding, not all arrived yet: not known here, and not to be removed.
  for (const key of Object.keys(remote.inFlight)) {
    if (key.startsWith(PERSON_PREFIX) && !hold.includes(key) && !local.people.some((person) => personKey(person.id) === key)) hold.push(key);
  }

  const parsed = Settings.safeParse(next);
  if (!parsed.success) {
    return { settings: local, stamps, changed: false, hold, notes: [...notes, t('sync_not_fitting', { problems: problemText(parsed.error) })] };
  }
  return {
    settings: parsed.data,
    stamps: { fields, people: personStamps, tomb },
    changed: hashOf(parsed.data) !== hashOf(local),
    hold,
    notes,
  };
}

/** The writes that bring the sync area from `current` to `desired`: one set() and one remove() at most. */
export function syncWrites(
  current: Record<string, unknown>,
  desired: Record<string, unknown>,
  hold: readonly string[],
): { set: Record<string, unknown>; remove: string[] } {
  const held = (key: string) => hold.some((base) => key === base || key.startsWith(`${base}#`));
  const ours = (key: string) => key === INDEX_KEY || key.startsWith(PERSON_PREFIX) || FIELD_OF_KEY.has(key.split('#')[0] ?? '');
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(desired)) {
    if (!held(key) && canonical(current[key]) !== canonical(value)) set[key] = value;
  }
  const remove = Object.keys(current).filter((key) => ours(key) && !(key in desired) && !held(key));
  return { set, remove };
}

export interface StepOptions {
  now: number;
  device: string;
  /** As in MergeOptions: sync was just turned on and this browser's lock is on. */
  keepProtection: boolean;
}

export type Step =
  | { ok: false; message: string }
  | {
      ok: true;
      /** The settings this browser should hold, and whether they differ from what it holds. */
      settings: Settings;
      changed: boolean;
      stamps: SyncStamps;
      /** What to write to the sync area; null when the settings cannot fit (then `problem` says why). */
      writes: { set: Record<string, unknown>; remove: string[] } | null;
      problem: string | null;
      damaged: Remote['damaged'];
    };

/**
 * One meeting of this browser's settings with the sync area: its own changes stamped, the
 * newer of each entry taken, and the writes that bring the sync area up to date. When they
 * cannot fit the quotas, this browser's settings are left exactly as they are and nothing is written.
 */
export function syncStep(local: Settings, stamps: SyncStamps, items: Record<string, unknown>, options: StepOptions): Step {
  const joined = joinFromSync(items);
  if (!joined.ok) return joined;
  const stamped = stampLocal(stamps, local, options.now, options.device);
  const merged = mergeSync(local, stamped, joined.remote, options);
  const split = splitForSync(merged.settings, merged.stamps);
  if (!split.ok) {
    return {
      ok: true,
      settings: local,
      changed: false,
      stamps: stamped,
      writes: null,
      problem: t('sync_nothing_synced', { problem: split.problem.message }),
      damaged: [],
    };
  }
  const damaged = joined.remote.damaged.length ? [plural('sync_damaged', joined.remote.damaged.length)] : [];
  const notes = [...merged.notes, ...damaged];
  return {
    ok: true,
    settings: merged.settings,
    changed: merged.changed,
    stamps: merged.stamps,
    writes: syncWrites(items, split.items, merged.hold),
    problem: notes.length ? notes.reduce((first, second) => t('sentences_two', { first, second })) : null,
    damaged: joined.remote.damaged,
  };
}
