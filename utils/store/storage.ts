import { splitQuestions } from '../model/migrate-settings';
import { storage } from 'wxt/utils/storage';
import { z } from '../model/zod';
import { defaultSettings } from '../model/defaults';
import { UnreadDay } from '../model/health';
import { TurnedUpDay } from '../model/turned-up';
import { CustomSite, Person, Settings, Snooze } from '../model/schema';
import { PendingChange } from '../model/changes';
import { LockClock } from '../model/lock-clock';

/**
 * Every storage item, defined once. Each is versioned; a bump adds a migration here and a
 * test seeding the old shape (tests/unit/storage.test.ts). Reads are validated: a value that
 * no longer parses is salvaged item by item, and the raw value is kept under a backup key,
 * so nothing the user had is lost and nothing throws into a page.
 */
export const settingsItem = storage.defineItem<unknown>('local:settings', {
  fallback: null,
  version: 1,
});
/**
 * The attempt log and the journal lived under `local:attempts` and `local:journal` (version 1,
 * the shapes in utils/model/schema.ts) until they moved to IndexedDB (utils/store/db.ts); utils/background/migrate.ts
 * moves whatever is still found there. Nothing else reads or writes these keys.
 */
export const LEGACY_LOG_KEYS = { attempts: 'attempts', journal: 'journal' } as const;
export const snoozesItem = storage.defineItem<unknown>('local:snoozes', {
  fallback: [],
  version: 1,
});

/**
 * The health signal: per site and local day, how many chats the address said were open while
 * nobody could be read from the page (utils/model/health.ts). Written by the background only.
 */
export const healthItem = storage.defineItem<unknown>('local:health', {
  fallback: [],
  version: 1,
});

/**
 * "Seen by chance": per site and local day, how many times a watched person's items turned up and
 * were softened (utils/model/turned-up.ts). Written by the background only.
 */
export const turnedUpItem = storage.defineItem<unknown>('local:turnedUp', {
  fallback: [],
  version: 1,
});

/**
 * Changes that weaken protection, held by the lock until their time (utils/background/settings-writer.ts).
 * Written by the background only.
 */
export const pendingItem = storage.defineItem<unknown>('local:pending', { fallback: [], version: 1 });

/** The time the extension has seen pass, for the lock (utils/model/lock-clock.ts). Written by the background only. */
export const lockClockItem = storage.defineItem<unknown>('local:lockClock', { fallback: null, version: 1 });

/**
 * The friend's code, as a salted PBKDF2 hash only (utils/background/friend-code.ts), and the wrong tries
 * counted against it. Never exported, never synced.
 */
export const friendCodeItem = storage.defineItem<unknown>('local:friendCode', { fallback: null, version: 1 });
export const FriendCode = z.object({
  salt: z.string().check(z.minLength(1)),
  hash: z.string().check(z.minLength(1)),
  iterations: z.int().check(z.positive()),
  createdAt: z.int().check(z.nonnegative()),
  failures: z.int().check(z.nonnegative()),
  /** No try is checked before this time (wrong codes slow down). */
  blockedUntil: z.int().check(z.nonnegative()),
  /**
   * Nor before the time the extension has seen pass reaches this (utils/model/lock-clock.ts), so a
   * clock moved on does not end the wait. Missing on codes slowed before it was counted: the wall clock alone, as then.
   */
  blockedSeen: z.optional(z.int().check(z.nonnegative())),
});
export type FriendCode = z.infer<typeof FriendCode>;

/**
 * Whether these settings are kept in the browser account's sync, this browser's stamps and the
 * last sync problem (utils/model/sync.ts; read by loadSyncState in utils/store/sync-state.ts, kept apart so
 * the content script's bundle does not carry it). Written by the background only; never synced
 * itself. The sync area's own keys are laid out in utils/model/sync.ts.
 */
export const syncStateItem = storage.defineItem<unknown>('local:sync', { fallback: null, version: 1 });

/*
 * The watch index (`local:watch:<site>`, `local:watchCustomSites`): per site, what its content
 * script is given, derived from the settings and snoozes and written by the background only. Its
 * keys and shape are in utils/store/watch-index.ts, not here: the content scripts read it, and this
 * module would bring them zod and WXT's storage (issue 12).
 */

/**
 * The key the stopping rules give the pause page (utils/background/stop-rules.ts), so it can tell
 * a rule's redirect from a page that opens it itself. Made once; in storage.local, which content
 * scripts cannot read in Chromium (utils/background/storage-access.ts).
 */
export const stopKeyItem = storage.defineItem<string | null>('local:stopKey', { fallback: null });

/** When Clean Break was installed: a new user counts days of no contact from here. */
export const installedAtItem = storage.defineItem<number | null>('local:installedAt', { fallback: null });

/**
 * Log writes that failed even after retrying, kept here to be written again (at the next
 * start of the background, or after the next write that succeeds), and what the popup and
 * the badge say about them. Never swallowed.
 */
export const unwrittenItem = storage.defineItem<unknown>('local:unwritten', { fallback: [] });
export const recordProblemItem = storage.defineItem<RecordProblem | null>('local:recordProblem', { fallback: null });
export interface RecordProblem {
  since: number;
  message: string;
  /** How many changes are waiting to be written. */
  waiting: number;
}

/** Raw values that failed validation, newest last, at most BACKUP_LIMIT per item. */
export const backupsItem = storage.defineItem<unknown>('local:backups', { fallback: [], version: 1 });
const BACKUP_LIMIT = 10;
const Backup = z.object({ item: z.string(), savedAt: z.number(), raw: z.unknown() });
export type Backup = z.infer<typeof Backup>;

export interface Loaded<T> {
  value: T;
  /** False when the stored value did not parse and `value` was salvaged from it, or could not be read. */
  valid: boolean;
  /**
   * False when storage could not be read at all: `value` is then the defaults, to keep
   * protecting with, and must never be written back over what is stored.
   */
  readable: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keeps every field (and every person) that still parses; the rest fall back to defaults. */
export function salvageSettings(stored: unknown): Loaded<Settings> {
  if (stored === null || stored === undefined) return { value: defaultSettings(), valid: true, readable: true };
  // Settings from before the two sets of questions are read as split (utils/model/migrate-settings.ts),
  // here on every read rather than by a write of their own: what is stored changes only with the
  // next change the background writes, and a value that does not parse is backed up as it was.
  const raw = splitQuestions(stored);
  const parsed = Settings.safeParse(raw);
  if (parsed.success) return { value: parsed.data, valid: true, readable: true };
  const value = defaultSettings();
  if (isRecord(raw)) {
    const fields = Settings.shape;
    for (const field of Object.keys(fields) as (keyof Settings)[]) {
      if (field === 'people' || field === 'customSites') continue;
      const result = fields[field].safeParse(raw[field]);
      if (result.success) Object.assign(value, { [field]: result.data });
    }
    if (Array.isArray(raw.people)) value.people = salvageList(raw.people, Person);
    if (Array.isArray(raw.customSites)) value.customSites = salvageList(raw.customSites, CustomSite);
  }
  return { value, valid: false, readable: true };
}

/** Keeps the entries of a stored list that still parse. */
export function salvageList<T>(raw: unknown, schema: z.ZodMiniType<T>): T[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const result = schema.safeParse(entry);
    return result.success ? [result.data] : [];
  });
}

function loadList<T>(raw: unknown, schema: z.ZodMiniType<T>): Loaded<T[]> {
  if (raw === null || raw === undefined) return { value: [], valid: true, readable: true };
  const parsed = z.array(schema).safeParse(raw);
  if (parsed.success) return { value: parsed.data, valid: true, readable: true };
  return { value: salvageList(raw, schema), valid: false, readable: true };
}

const UNREAD = Symbol('unread');

/** The stored value, or UNREAD when storage could not be read (which is not "nothing stored"). */
async function readRaw(item: { getValue(): Promise<unknown> }): Promise<unknown> {
  try {
    return await item.getValue();
  } catch {
    return UNREAD;
  }
}

export async function keepBackup(itemName: string, raw: unknown): Promise<void> {
  const stored = await readRaw(backupsItem);
  // Backups that cannot be read are not written over.
  if (stored === UNREAD) throw new Error('the backups could not be read');
  const backups = salvageList(stored, Backup);
  // Backups that are themselves damaged are kept too, as one backup, not written over.
  const damaged = stored !== null && stored !== undefined && (!Array.isArray(stored) || backups.length !== stored.length);
  if (damaged) backups.push({ item: 'backups', savedAt: Date.now(), raw: stored });
  backups.push({ item: itemName, savedAt: Date.now(), raw });
  await backupsItem.setValue(backups.slice(-BACKUP_LIMIT));
}

/**
 * Reads and validates one item. With `heal` (the background, the only writer), an invalid
 * value is backed up and replaced by what was salvaged from it; other contexts only read.
 */
export async function load<T>(
  name: string,
  item: { getValue(): Promise<unknown>; setValue(value: unknown): Promise<void> },
  parse: (raw: unknown) => Loaded<T>,
  heal: boolean,
): Promise<Loaded<T>> {
  const raw = await readRaw(item);
  if (raw === UNREAD) {
    // Protect with the defaults meanwhile, but heal nothing: the stored value may be fine.
    return { ...parse(undefined), valid: false, readable: false };
  }
  const loaded = parse(raw);
  if (!loaded.valid && heal) {
    await keepBackup(name, raw);
    await item.setValue(loaded.value);
  }
  return loaded;
}

export const loadSettings = (heal = false) => load('settings', settingsItem, salvageSettings, heal);
export const loadSnoozes = (heal = false) => load('snoozes', snoozesItem, (raw) => loadList(raw, Snooze), heal);
export const loadHealth = (heal = false) => load('health', healthItem, (raw) => loadList(raw, UnreadDay), heal);
export const loadTurnedUp = (heal = false) => load('turnedUp', turnedUpItem, (raw) => loadList(raw, TurnedUpDay), heal);
export const loadPending = (heal = false) => load('pending', pendingItem, (raw) => loadList(raw, PendingChange), heal);
/**
 * The lock's clock. One that does not parse starts again from nothing: held changes then wait
 * longer, never less (kept as a backup with `heal`).
 */
export const loadLockClock = (heal = false) =>
  load('lockClock', lockClockItem, (raw): Loaded<LockClock | null> => {
    if (raw === null || raw === undefined) return { value: null, valid: true, readable: true };
    const parsed = LockClock.safeParse(raw);
    return parsed.success ? { value: parsed.data, valid: true, readable: true } : { value: null, valid: false, readable: true };
  }, heal);
/**
 * The friend's code. A value that does not parse cannot be checked against anything: it is
 * kept as a backup (with `heal`), the code counts as not set, and options say so.
 */
export const loadFriendCode = (heal = false) =>
  load('friendCode', friendCodeItem, (raw): Loaded<FriendCode | null> => {
    if (raw === null || raw === undefined) return { value: null, valid: true, readable: true };
    const parsed = FriendCode.safeParse(raw);
    return parsed.success ? { value: parsed.data, valid: true, readable: true } : { value: null, valid: false, readable: true };
  }, heal);
