import Dexie, { type EntityTable } from 'dexie';
import type { Attempt, JournalEntry } from '../model/schema';
import { Summary } from '../model/summary';

/**
 * The attempt log and the journal: IndexedDB in the extension's own origin, through Dexie.
 * Dexie because it gives versioned schemas with upgrade functions (`version(n).stores().upgrade()`),
 * indexes with compound keys, transactions across tables, and `liveQuery`, which tells every
 * context of the origin (popup, history, journal pages) when a query's rows changed, including
 * writes made by the service worker. Only the background writes (utils/background/log.ts); pages read.
 * Content scripts never open it: they run in the sites' origins, where it does not exist.
 */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** The keys of the `meta` table. */
export const META = {
  /** The log's figures (utils/model/summary.ts), kept in step with every write. */
  summary: 'summary',
} as const;

export class RecordDb extends Dexie {
  attempts!: EntityTable<Attempt, 'id'>;
  journal!: EntityTable<JournalEntry, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = 'clean-break') {
    super(name);
    // A new version adds `this.version(2).stores({...}).upgrade(tx => ...)` below this one,
    // with a unit test that opens a database written by version 1 (tests/unit/db.test.ts).
    this.version(1).stores({
      // tabId: pending attempts in a tab. outcome: the pending ones. The compounds serve the
      // history's filters and the journal's "the decision that led here" in time order.
      attempts: 'id, startedAt, outcome, tabId, [personId+startedAt], [site+startedAt], [personId+site+startedAt]',
      journal: 'id, writtenAt, personId, attemptId',
      meta: 'key',
    });
  }
}

let instance: RecordDb | null = null;

/** The one database of this context, opened on first use. */
export function recordDb(): RecordDb {
  instance ??= new RecordDb();
  return instance;
}

/** Tests: forget the open database (after fake-indexeddb is reset). */
export function closeRecordDb(): void {
  instance?.close();
  instance = null;
}

/**
 * A read that could fail. "Could not read" is never "nothing there": only `ok` values may be
 * shown as the person's record, and nothing is ever written on the strength of a failed read.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

export const describeError = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** The stored summary, or null when none was written yet (an empty log). */
export async function readSummary(db = recordDb()): Promise<Read<Summary | null>> {
  try {
    const row = await db.meta.get(META.summary);
    if (!row) return { ok: true, value: null };
    const parsed = Summary.safeParse(row.value);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: 'the saved figures do not parse' };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}
