import { z } from './zod';
import type { Attempt } from './schema';

/**
 * The log's figures, kept beside it and updated in the same transaction as each attempt, so
 * the popup reads one record whatever the log's length (years of it: 100,000 attempts).
 * Every count is a sum of each attempt's contribution, so a change is exact: take the old
 * version's contribution away, add the new one's. Days, hours and weekdays are the attempt's
 * own, in the time zone the summary was built in; the background rebuilds it when that changes.
 */
export const DayCounts = z.object({
  attempts: z.int().check(z.nonnegative()),
  left: z.int().check(z.nonnegative()),
  continued: z.int().check(z.nonnegative()),
});
export type DayCounts = z.infer<typeof DayCounts>;

/**
 * Counts by an id (a person's, a site's, a feeling): every own key kept as it is, `__proto__`,
 * `constructor` and `toString` included (ids in an imported file can be anything; a record schema
 * drops `__proto__`, and `counts[key]` reads Object.prototype's members for the others).
 */
const Counts = z.custom<Record<string, number>>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((count) => Number.isSafeInteger(count) && (count as number) >= 0),
  'counts by id: whole numbers, none below 0',
);

/** A count by an id, own keys only. */
export const countOf = (counts: Readonly<Record<string, number>>, key: string): number => (Object.hasOwn(counts, key) ? counts[key]! : 0);

export const Summary = z.object({
  version: z.literal(1),
  /** The IANA zone days and hours are counted in (the user's, when it was built). */
  timeZone: z.string().check(z.minLength(1)),
  total: z.int().check(z.nonnegative()),
  /** Left counts `closed` too: the tab was closed with the screen up. */
  outcomes: z.object({
    pending: z.int().check(z.nonnegative()),
    left: z.int().check(z.nonnegative()),
    continued: z.int().check(z.nonnegative()),
  }),
  /** By local day, `yyyy-MM-dd`: only days with attempts. */
  byDay: z.record(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), DayCounts),
  /** 24 counts, midnight first. */
  byHour: z.array(z.int().check(z.nonnegative())).check(z.length(24)),
  /** 7 counts, Monday first. */
  byWeekday: z.array(z.int().check(z.nonnegative())).check(z.length(7)),
  /** Attempts with a feeling given, by feeling. */
  byFeeling: Counts,
  byPerson: Counts,
  bySite: Counts,
  withJournal: z.int().check(z.nonnegative()),
});
export type Summary = z.infer<typeof Summary>;

export function emptySummary(timeZone: string): Summary {
  return {
    version: 1,
    timeZone,
    total: 0,
    outcomes: { pending: 0, left: 0, continued: 0 },
    byDay: {},
    byHour: Array<number>(24).fill(0),
    byWeekday: Array<number>(7).fill(0),
    byFeeling: {},
    byPerson: {},
    bySite: {},
    withJournal: 0,
  };
}

/** The user's time zone, as this context's clock sees it. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

interface LocalParts {
  day: string;
  hour: number;
  /** 0 for Monday. */
  weekday: number;
}

/**
 * A time's local day, hour and weekday in a zone, by the platform's own zone rules (Intl).
 * Every zone's offset is a whole number of quarter hours, so one answer serves a quarter hour:
 * a summary of 100,000 attempts asks Intl a few thousand times, not 100,000 (TZDate took 7 s for 40,000).
 */
const QUARTER_HOUR = 15 * 60 * 1000;
const formats = new Map<string, Intl.DateTimeFormat>();
const parts = new Map<string, LocalParts>();
function localParts(time: number, timeZone: string): LocalParts {
  const key = `${timeZone}|${Math.floor(time / QUARTER_HOUR)}`;
  const known = parts.get(key);
  if (known) return known;
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const field = Object.fromEntries(format.formatToParts(time).map((part) => [part.type, part.value]));
  const [year, month, day] = [Number(field.year), Number(field.month), Number(field.day)];
  const local: LocalParts = {
    day: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    hour: Number(field.hour) % 24,
    weekday: (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7,
  };
  if (parts.size > 50_000) parts.clear();
  parts.set(key, local);
  return local;
}

/** The local day (`yyyy-MM-dd`) of a time, in a zone. */
export function dayKey(time: number, timeZone: string): string {
  return localParts(time, timeZone).day;
}

/**
 * What the person is shown for an attempt: a screen that went away (a reload that did not
 * come back) is being settled as left.
 */
export function shownOutcome(attempt: Pick<Attempt, 'outcome' | 'abandonedAt'>): 'pending' | 'left' | 'continued' {
  if (attempt.outcome === 'closed') return 'left';
  if (attempt.outcome === 'pending' && attempt.abandonedAt !== null) return 'left';
  return attempt.outcome;
}

const bump = (counts: Record<string, number>, key: string, by: number) => {
  const next = countOf(counts, key) + by;
  // Defined, not assigned: `counts.__proto__ = n` would be taken for the object's prototype.
  if (next > 0) Object.defineProperty(counts, key, { value: next, enumerable: true, writable: true, configurable: true });
  else delete counts[key];
};

/** Adds (`sign` 1) or takes away (`sign` -1) one attempt's contribution, in place. */
function contribute(summary: Summary, attempt: Attempt, sign: 1 | -1): void {
  const when = localParts(attempt.startedAt, summary.timeZone);
  const outcome = shownOutcome(attempt);
  summary.total += sign;
  summary.outcomes[outcome] = Math.max(0, summary.outcomes[outcome] + sign);
  const key = when.day;
  const day = summary.byDay[key] ?? { attempts: 0, left: 0, continued: 0 };
  day.attempts += sign;
  if (outcome === 'left') day.left += sign;
  if (outcome === 'continued') day.continued += sign;
  if (day.attempts > 0) summary.byDay[key] = day;
  else delete summary.byDay[key];
  summary.byHour[when.hour] = Math.max(0, (summary.byHour[when.hour] ?? 0) + sign);
  summary.byWeekday[when.weekday] = Math.max(0, (summary.byWeekday[when.weekday] ?? 0) + sign);
  if (attempt.feeling) bump(summary.byFeeling, attempt.feeling, sign);
  bump(summary.byPerson, attempt.personId, sign);
  bump(summary.bySite, attempt.site, sign);
  if (attempt.journalWritten) summary.withJournal = Math.max(0, summary.withJournal + sign);
}

/**
 * The summary after one attempt changed: `before` is what was stored (null for a new
 * attempt), `after` what is stored now (null for a removed one). Returns a new summary.
 */
export function applyToSummary(summary: Summary, before: Attempt | null, after: Attempt | null): Summary {
  const next = structuredClone(summary);
  if (before) contribute(next, before, -1);
  if (after) contribute(next, after, 1);
  return next;
}

/** The summary of a whole log, from scratch (a migration, a rebuild, a check). */
export function summarize(attempts: Iterable<Attempt>, timeZone: string): Summary {
  const summary = emptySummary(timeZone);
  for (const attempt of attempts) contribute(summary, attempt, 1);
  return summary;
}
