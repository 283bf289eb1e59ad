import { format } from 'date-fns';
import type { RecordDb } from './db';
import type { Attempt, JournalEntry, Settings } from './schema';
import { personName, siteName } from './stats';

/**
 * The log, exported: CSV for a spreadsheet (RFC 4180: a header row, CRLF line ends, a field
 * with a comma, a quote, CR or LF in quotes with its quotes doubled) and JSON for keeping
 * (versioned, with the journal). Rows are built from a cursor in chunks, so 100,000 attempts
 * never become one object array or one giant string concatenation.
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

/** The JSON export of a log held in memory (tests, small logs); the same text `exportJson` streams. */
export function logJson(attempts: readonly Attempt[], journal: readonly JournalEntry[], exportedAt: number): string {
  return `${jsonHead(exportedAt)}${attempts.map((a) => JSON.stringify(a)).join(',')}],"journal":[${journal.map((e) => JSON.stringify(e)).join(',')}]}`;
}

/** `clean-break-log-2026-12-01.csv`, by the local day. */
export function exportFileName(extension: 'csv' | 'json', now: number): string {
  return `clean-break-log-${format(now, 'yyyy-MM-dd')}.${extension}`;
}

const CHUNK = 1000;

/** Walks a table in key order, handing out joined chunks of `CHUNK` rows. */
async function chunked<T>(each: (visit: (row: T) => void) => Promise<void>, toText: (row: T) => string, separator = ''): Promise<string[]> {
  const parts: string[] = [];
  let batch: string[] = [];
  await each((row) => {
    batch.push(toText(row));
    if (batch.length === CHUNK) {
      parts.push((parts.length ? separator : '') + batch.join(separator));
      batch = [];
    }
  });
  if (batch.length) parts.push((parts.length ? separator : '') + batch.join(separator));
  return parts;
}

/** The log as CSV parts, oldest attempt first, read with a cursor. */
export async function exportCsv(db: RecordDb, settings: Pick<Settings, 'people' | 'customSites'>): Promise<string[]> {
  const rows = await db.transaction('r', db.attempts, () =>
    chunked<Attempt>((visit) => db.attempts.orderBy('startedAt').each(visit), (a) => attemptRow(a, settings)),
  );
  return [CSV_HEADER, ...rows];
}

/** The log and the journal as JSON parts (`{format, version, exportedAt, attempts, journal}`). */
export async function exportJson(db: RecordDb, now: number): Promise<string[]> {
  return db.transaction('r', db.attempts, db.journal, async () => {
    const attempts = await chunked<Attempt>((visit) => db.attempts.orderBy('startedAt').each(visit), (a) => JSON.stringify(a), ',');
    const journal = await chunked<JournalEntry>((visit) => db.journal.orderBy('writtenAt').each(visit), (e) => JSON.stringify(e), ',');
    return [jsonHead(now), ...attempts, '],"journal":[', ...journal, ']}'];
  });
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
