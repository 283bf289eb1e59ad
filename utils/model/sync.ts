import { z } from './zod';
import { Settings } from './schema';

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
 * The lock: a change from sync is this browser's lock's to decide, as a change made here is. While
 * this browser's lock is on, what another browser asks for that would weaken protection here (a
 * person or an identifier removed, a site switched off, a shorter pause, a lower lock; a friend's
 * code made there, which is never synced, lets nothing through here) is not taken: this browser's
 * value stays and is synced as the newer, and the change is proposed here through the lock, to
 * wait out its cool-off (utils/background/sync.ts). So turning sync on, or a second browser with a
 * lock of its own, is never a way round this one.
 *
 * A change to the shape of a synced setting bumps SYNC_VERSION: a browser finding a newer version
 * in the index reads and writes nothing, rather than overwrite what it cannot read. A new setting
 * does not (`incomingQuestions`, after version 1): a browser that does not know its key neither
 * reads nor removes it, and one that knows it gives it its default until the item arrives.
 */
export const SYNC_VERSION = 1;
export const SYNC_QUOTA = { itemBytes: 8_192, totalBytes: 102_400, maxItems: 512 } as const;
/**
 * What this side packs to: Chromium counts the item as its own JSON writer writes it, which
 * spells numbers and a few characters differently from JSON.stringify; the room left covers that.
 */
export const PACK_BUDGET = { itemBytes: SYNC_QUOTA.itemBytes - 192, totalBytes: SYNC_QUOTA.totalBytes - 4_096 } as const;

export const INDEX_KEY = 'i';
export const FIELD_PREFIX = 's.';
export const PERSON_PREFIX = 'p.';
export const fieldKey = (field: SyncedField) => `${FIELD_PREFIX}${field}`;
// Escaped: a person's id may hold `#`, which separates the parts.
export const personKey = (id: string) => `${PERSON_PREFIX}${encodeURIComponent(id)}`;
export const partKey = (base: string, part: number) => (part === 0 ? base : `${base}#${part}`);

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
export function canonical(value: unknown): string {
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
