import { weakeningChanges, weakenings, type Change } from './changes';
import { plural, t } from './i18n';
import { Person, Settings } from './schema';
import { INDEX_KEY, PERSON_PREFIX, SYNCED_FIELDS, Stamp, SyncStamps, canonical, fieldKey, hashOf, newer, personKey, stampLocal } from './sync';
import { FIELD_OF_KEY, joinFromSync, problemText, splitForSync, type Remote, type RemoteEntry } from './sync-packing';

/**
 * How two browsers' settings meet (the rules are described in sync.ts), and one step of sync as the
 * background's shell runs it. Pure.
 */
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
  /** As in MergeOptions: this browser's lock is on. */
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
      /**
       * What the other browsers asked for that would weaken this browser's protection, kept out
       * under its lock (`keepProtection`): the changes to propose here, through the lock, so they
       * wait out its cool-off like any change made on this browser.
       */
      held: Change[];
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
  const held = options.keepProtection ? weakeningChanges(local, mergeSync(local, stamped, joined.remote, { ...options, keepProtection: false }).settings) : [];
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
      held: [],
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
    held,
  };
}
