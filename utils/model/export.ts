import type { RecordDb } from '../store/db';
import { BACKUP_FORMAT, BACKUP_VERSION, type Attempt, type JournalEntry, type Settings } from './schema';
import { keyOf, personName, siteName } from './stats';

/**
 * The log, exported: CSV for a spreadsheet (RFC 4180: a header row, CRLF line ends, a field
 * with a comma, a quote, CR or LF in quotes with its quotes doubled) and JSON for keeping
 * (versioned, with the journal). Rows are read a page at a time and joined per page, so
 * 100,000 attempts never become one object array or one giant string concatenation.
 */
export const CSV_COLUMNS = [
  'started_at',
  'ended_at',
  'person',
  'site',
  'kind',
  'outcome',
  'seconds_on_screen',
  'feeling',
  'journal_written',
  'id',
] as const;

/** One field, quoted when it must be. */
export function csvField(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (fields: readonly (string | number | boolean | null)[]) => `${fields.map(csvField).join(',')}\r\n`;

export const CSV_HEADER = csvRow(CSV_COLUMNS);

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

/** An attempt as a CSV row: ISO times (UTC), the person's alias, the site's name. */
export function attemptRow(attempt: Attempt, settings: Pick<Settings, 'people' | 'customSites'>): string {
  return csvRow([
    iso(attempt.startedAt),
    iso(attempt.endedAt),
    personName(attempt.personId, settings),
    siteName(attempt.site, settings),
    attempt.kind,
    attempt.outcome,
    attempt.secondsOnScreen === null ? null : Math.round(attempt.secondsOnScreen * 10) / 10,
    attempt.feeling,
    attempt.journalWritten ? 'yes' : 'no',
    attempt.id,
  ]);
}

/** The whole CSV of some attempts (oldest first as given), as one string. */
export function attemptsCsv(attempts: Iterable<Attempt>, settings: Pick<Settings, 'people' | 'customSites'>): string {
  let text = CSV_HEADER;
  for (const attempt of attempts) text += attemptRow(attempt, settings);
  return text;
}

export const EXPORT_FORMAT = 'clean-break-log';
export const EXPORT_VERSION = 1;

/** The opening of the JSON export, up to the attempts' array. */
export function jsonHead(exportedAt: number): string {
  return `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"exportedAt":${JSON.stringify(iso(exportedAt))},"attempts":[`;
}

/** `clean-break-log-2026-12-01.csv`, by the local day. */
export function exportFileName(extension: 'csv' | 'json', now: number): string {
  return `clean-break-log-${keyOf(new Date(now))}.${extension}`;
}

/** `clean-break-backup-2026-12-01.json`, by the local day. */
export function backupFileName(now: number): string {
  return `clean-break-backup-${keyOf(new Date(now))}.json`;
}

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

/** Saves text as a file through a download link: no permission needed. */
export function download(parts: BlobPart[], fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the blob by the time the next task runs.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
