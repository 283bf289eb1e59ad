import type { RecordDb } from './db';
import { BACKUP_FORMAT, BACKUP_VERSION, type Attempt, type JournalEntry, type Settings } from '../model/schema';
import { attemptRow, CSV_HEADER, iso, jsonHead } from '../model/export';

/** The record read out of the database as files: the CSV and JSON exports and the backup, a page at a time. */
const PAGE = 2000;

/**
 * Every attempt, oldest first, a page at a time: each page is one `getAll` on the time index
 * from where the last one ended (a cursor's step per row is several times slower at 100,000).
 * Attempts sharing the boundary's time are read again and skipped by id.
 */
export async function* attemptsByTime(db: RecordDb, page = PAGE): AsyncGenerator<Attempt[]> {
  let from = -Infinity;
  let seen = new Set<string>();
  for (;;) {
    const batch = await db.attempts.where('startedAt').between(from, Infinity, true, true).limit(page + seen.size).toArray();
    const fresh = batch.filter((attempt) => !seen.has(attempt.id));
    if (fresh.length) yield fresh;
    if (batch.length < page + seen.size || fresh.length === 0) return;
    from = batch[batch.length - 1]!.startedAt;
    seen = new Set(batch.filter((attempt) => attempt.startedAt === from).map((attempt) => attempt.id));
  }
}

async function joined<T>(pages: AsyncIterable<T[]>, toText: (row: T) => string, separator = ''): Promise<string[]> {
  const parts: string[] = [];
  for await (const rows of pages) parts.push((parts.length ? separator : '') + rows.map(toText).join(separator));
  return parts;
}

async function* journalPages(db: RecordDb): AsyncGenerator<JournalEntry[]> {
  const entries = await db.journal.orderBy('writtenAt').toArray();
  if (entries.length) yield entries;
}

/**
 * The log as CSV parts, oldest attempt first. Each page is its own read (a transaction cannot
 * stay open across the generator's awaits): an attempt recorded meanwhile is in the file or not.
 */
export async function exportCsv(db: RecordDb, settings: Pick<Settings, 'people' | 'customSites'>): Promise<string[]> {
  return [CSV_HEADER, ...(await joined(attemptsByTime(db), (a) => attemptRow(a, settings)))];
}

/** The log and the journal as JSON parts (`{format, version, exportedAt, attempts, journal}`). */
export async function exportJson(db: RecordDb, now: number): Promise<string[]> {
  return [jsonHead(now), ...(await logJson(db))];
}

/** The attempts' array's items, then the journal's, closing the object they are in. */
async function logJson(db: RecordDb): Promise<string[]> {
  const attempts = await joined(attemptsByTime(db), (a) => JSON.stringify(a), ',');
  const journal = await joined(journalPages(db), (e) => JSON.stringify(e), ',');
  return [...attempts, '],"journal":[', ...journal, ']}'];
}

/**
 * Everything, as the backup file (utils/model/backup.ts): `{format, version, exportedAt, settings,
 * attempts, journal}`, the log read a page at a time as for the JSON export.
 */
export async function exportBackup(db: RecordDb, settings: Settings, now: number): Promise<string[]> {
  const head = `{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},"exportedAt":${JSON.stringify(iso(now))},"settings":${JSON.stringify(settings)},"attempts":[`;
  return [head, ...(await logJson(db))];
}
