import type { Attempt, Settings } from './schema';
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

/**
 * One field, quoted when it must be. Text that a spreadsheet would take for a formula (starting
 * with `=`, `+`, `-`, `@`, a tab or a CR: OWASP's CSV injection advice) is kept as text by a leading
 * `'`, so an alias or a name can never run as one.
 */
export function csvField(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (fields: readonly (string | number | boolean | null)[]) => `${fields.map(csvField).join(',')}\r\n`;

export const CSV_HEADER = csvRow(CSV_COLUMNS);

export const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

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
