import { z } from './zod';
import { formatList, plural, t } from './i18n';
import { Person, Settings } from './schema';
import { INDEX_KEY, PACK_BUDGET, PERSON_PREFIX, SYNCED_FIELDS, SYNC_QUOTA, SYNC_VERSION, Stamp, SyncStamps, type SyncedField, fieldKey, hashOf, itemBytes, jsonBytes, partKey, personKey } from './sync';

/**
 * Settings split into the sync area's items within its quotas, and read back out of them entry by
 * entry (the layout is described in sync.ts). Pure.
 */
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

export const FIELD_OF_KEY = new Map(SYNCED_FIELDS.map((field) => [fieldKey(field), field]));
export const problemText = (error: z.core.$ZodError) =>
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
