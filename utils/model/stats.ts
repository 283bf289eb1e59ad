import { TZDate } from '@date-fns/tz';
import {
  addDays,
  differenceInCalendarDays,
  differenceInCalendarMonths,
  differenceInCalendarYears,
  isValid,
  parseISO,
  startOfDay,
  startOfMonth,
  startOfWeek,
} from 'date-fns';
import { formatDate, formatRelative, t } from './i18n';
import { FEELING_LABEL, type Feeling, type Settings } from './schema';
import { builtInSiteName } from '../sites/names';
import type { DayCounts, Summary } from './summary';

/**
 * The dashboard's figures: pure functions of the log's summary (utils/model/summary.ts), the settings
 * and a clock (`now` and the zone days are counted in). Every day boundary is the user's local
 * midnight, found by date-fns on a TZDate, so a 23-hour or 25-hour day (DST) is still one day.
 */
export interface Clock {
  now: number;
  timeZone: string;
}

/** Local midnight of `now`'s day, as a date in the clock's zone. */
const today = ({ now, timeZone }: Clock) => startOfDay(new TZDate(now, timeZone));

/**
 * `yyyy-MM-dd` as date-fns's `parse` reads it (up to 4, 2 and 2 digits, a year from 1; whitespace after), done
 * by hand: `parse` and `format` brought every token's parser and formatter and a locale, 35 KiB
 * of each page that counts days (issue 12).
 */
const DAY_KEY = /^(\d{1,4})-(\d{1,2})-(\d{1,2})\s*$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** A `yyyy-MM-dd` day as local midnight in the clock's zone; an invalid date when it is no day. */
function dayOf(key: string, clock: Clock): TZDate {
  const invalid = new TZDate(NaN, clock.timeZone);
  const parts = DAY_KEY.exec(key);
  if (!parts) return invalid;
  const [year, month, date] = [Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])];
  if (year < 1 || month < 0 || month > 11) return invalid;
  // In parse's steps and with its checks, so a zone's odd midnights (and TZDate's) come out as they did.
  const day = today(clock);
  day.setFullYear(year, 0, 1);
  day.setHours(0, 0, 0, 0);
  day.setMonth(month, 1);
  day.setHours(0, 0, 0, 0);
  const days = DAYS_IN_MONTH[day.getMonth()]! + (day.getMonth() === 1 && leapYear(day.getFullYear()) ? 1 : 0);
  if (date < 1 || date > days) return invalid;
  day.setDate(date);
  day.setHours(0, 0, 0, 0);
  // Its last step: the wall-clock time made again in the zone.
  const made = new TZDate(0, clock.timeZone);
  made.setFullYear(day.getFullYear(), day.getMonth(), day.getDate());
  made.setHours(day.getHours(), day.getMinutes(), day.getSeconds(), day.getMilliseconds());
  return new TZDate(+made, clock.timeZone);
}

/** A day's `yyyy-MM-dd` in its own calendar (a TZDate's zone's), as date-fns's `format` writes it. */
export function keyOf(day: Date): string {
  if (Number.isNaN(day.getTime())) throw new RangeError('Invalid time value');
  const year = day.getFullYear();
  const digits = (value: number, width: number) => String(value).padStart(width, '0');
  return `${digits(year > 0 ? year : 1 - year, 4)}-${digits(day.getMonth() + 1, 2)}-${digits(day.getDate(), 2)}`;
}

/** Today's `yyyy-MM-dd` in the clock's zone. */
export const todayKey = (clock: Clock) => keyOf(today(clock));
/** This week's Monday, YYYY-MM-DD: the week the popup's figures count. */
export const weekStartKey = (clock: Clock) => keyOf(startOfWeek(today(clock), { weekStartsOn: 1 }));

const counts = (summary: Summary | null, key: string): DayCounts =>
  summary?.byDay[key] ?? { attempts: 0, left: 0, continued: 0 };

/** What the streak counts from, for the wording beside the number. */
export type StreakFrom = 'continue' | 'set' | 'install' | 'today';

export interface Streak {
  /**
   * Days of no contact, counting today: 1 on the first day. 0 only on a day the person
   * continued (the dashboard then speaks of a fresh start, not of zero).
   */
  days: number;
  from: StreakFrom;
  /** The day the count starts from (`yyyy-MM-dd`): the first day of no contact. */
  since: string;
  /** The longest run of days without contact, today's run included. */
  longest: number;
}

export interface StreakInput {
  /** The day the person set by hand (YYYY-MM-DD), their first day of no contact. */
  noContactSince: string | null;
  /** When Clean Break was installed (ms), if known. */
  installedAt: number | null;
}

/**
 * Days of no contact since the last Continue or the day the person set, whichever is later; a
 * person who never continued counts from the day they installed (Day 1 that day), never from 0.
 * A day with a Continue is a day of contact: the run after it starts the next day.
 */
export function streak(summary: Summary | null, input: StreakInput, clock: Clock): Streak {
  const lastDay = todayKey(clock);
  const continueDays = Object.entries(summary?.byDay ?? {})
    .filter(([key, day]) => day.continued > 0 && key <= lastDay)
    .map(([key]) => key)
    .sort();
  // A day set in the future (a typo) counts from today.
  const set = input.noContactSince && isValid(dayOf(input.noContactSince, clock)) ? minKey(input.noContactSince, lastDay) : null;
  const firstAttempt = Object.keys(summary?.byDay ?? {}).sort()[0] ?? null;
  const installed = input.installedAt === null ? null : keyOf(startOfDay(new TZDate(input.installedAt, clock.timeZone)));
  const known = [installed, firstAttempt, set].filter((key): key is string => key !== null && key <= lastDay);
  const origin = known.length ? known.sort()[0]! : lastDay;

  // The last day of contact before each run: the day before the origin, the day before the set
  // day, and every day with a Continue.
  // Between two day keys the count of days is a matter of the calendar alone, whatever the zone:
  // plain dates for it (a TZDate per day made the popup's first render grow with years of history).
  const before = (key: string) => keyOf(addDays(parseISO(key), -1));
  const contacts = [...new Set([before(origin), ...(set ? [before(set)] : []), ...continueDays])].sort();
  const last = contacts[contacts.length - 1]!;
  const gap = (from: string, to: string) => differenceInCalendarDays(parseISO(to), parseISO(from));
  const days = gap(last, lastDay);
  let longest = days;
  for (let i = 1; i < contacts.length; i++) longest = Math.max(longest, gap(contacts[i - 1]!, contacts[i]!) - 1);

  const lastContinue = continueDays[continueDays.length - 1];
  const from: StreakFrom =
    days === 0
      ? 'today'
      : last === lastContinue
        ? 'continue'
        : set && last === before(set)
          ? 'set'
          : 'install';
  return { days, from, since: days === 0 ? lastDay : keyOf(addDays(parseISO(last), 1)), longest };
}

const minKey = (a: string, b: string) => (a < b ? a : b);

export interface Period {
  attempts: number;
  left: number;
  continued: number;
}

/** Sums the days from `from` to today, both included. */
function sumDays(summary: Summary | null, from: Date, clock: Clock): Period {
  const total: Period = { attempts: 0, left: 0, continued: 0 };
  const last = today(clock);
  for (let day = from; day <= last; day = addDays(day, 1)) {
    const c = counts(summary, keyOf(day));
    total.attempts += c.attempts;
    total.left += c.left;
    total.continued += c.continued;
  }
  return total;
}

export interface Periods {
  today: Period;
  /** Since Monday. */
  week: Period;
  /** Since the 1st. */
  month: Period;
}

export function periods(summary: Summary | null, clock: Clock): Periods {
  const day = today(clock);
  return {
    today: sumDays(summary, day, clock),
    week: sumDays(summary, startOfWeek(day, { weekStartsOn: 1 }), clock),
    month: sumDays(summary, startOfMonth(day), clock),
  };
}

export interface Share {
  left: number;
  continued: number;
  /** Percent of the decided attempts that were left, 0–100, or null when none was decided. */
  leftPercent: number | null;
}

/** Left vs continued, as a share of the attempts that were decided (not those still on screen). */
export function share(summary: Summary | null): Share {
  const left = summary?.outcomes.left ?? 0;
  const continued = summary?.outcomes.continued ?? 0;
  const decided = left + continued;
  return { left, continued, leftPercent: decided ? Math.round((left / decided) * 100) : null };
}

/** "Tuesday 3 November", in the UI language's order. */
const DAY_LABEL: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };

export interface CalendarDay extends DayCounts {
  key: string;
  /** "Tuesday 3 November", in the UI language */
  label: string;
  /** The month, short ("Nov"), in the UI language. */
  month: string;
  /** Monday 0 … Sunday 6. */
  weekday: number;
  /** 0 for none, 1–4 from few to the most in the shown weeks. */
  level: 0 | 1 | 2 | 3 | 4;
}

export interface CalendarWeek {
  /** The Monday, `yyyy-MM-dd`. */
  start: string;
  /** Up to 7 days, Monday first; the current week stops at today. */
  days: CalendarDay[];
}

/** The last `weeks` calendar weeks, Monday first, ending with this week (up to today). */
export function calendar(summary: Summary | null, clock: Clock, weeks = 12): CalendarWeek[] {
  const last = today(clock);
  const first = addDays(startOfWeek(last, { weekStartsOn: 1 }), -7 * (weeks - 1));
  const result: CalendarWeek[] = [];
  let most = 0;
  for (let w = 0; w < weeks; w++) {
    const monday = addDays(first, 7 * w);
    const days: CalendarDay[] = [];
    for (let d = 0; d < 7; d++) {
      const day = addDays(monday, d);
      if (day > last) break;
      const key = keyOf(day);
      const c = counts(summary, key);
      most = Math.max(most, c.attempts);
      days.push({ key, label: formatDate(day.getTime(), clock.timeZone, DAY_LABEL), month: formatDate(day.getTime(), clock.timeZone, { month: 'short' }), weekday: d, level: 0, ...c });
    }
    result.push({ start: keyOf(monday), days });
  }
  for (const week of result) for (const day of week.days) day.level = level(day.attempts, most);
  return result;
}

function level(count: number, most: number): CalendarDay['level'] {
  if (count === 0 || most === 0) return 0;
  return Math.max(1, Math.ceil((count / most) * 4)) as CalendarDay['level'];
}

export { FEELING_LABEL };

/** A Monday at noon UTC, to name the weekdays from. */
const A_MONDAY = Date.UTC(2024, 0, 1, 12);

/** The weekdays in the UI language, Monday first: "Monday", or "Mon" when `short`. */
export function weekdayNames(width: 'long' | 'short' = 'long'): string[] {
  return Array.from({ length: 7 }, (_, i) => formatDate(A_MONDAY + i * 86_400_000, 'UTC', { weekday: width }));
}

/** An hour of the day as the UI language writes it ("22:00", or "10 PM"). */
export const hourName = (hour: number) => formatDate(Date.UTC(2024, 0, 1, hour), 'UTC', { hour: '2-digit', minute: '2-digit' });

export interface Count {
  /** The person's alias, the site's name, the feeling's label. */
  name: string;
  count: number;
}

const byCount = (a: Count, b: Count) => b.count - a.count || a.name.localeCompare(b.name);

export function byFeeling(summary: Summary | null): Count[] {
  return Object.entries(summary?.byFeeling ?? {})
    .map(([feeling, count]) => ({ name: feeling in FEELING_LABEL ? t(FEELING_LABEL[feeling as Feeling]) : feeling, count }))
    .sort(byCount);
}

export function byWeekday(summary: Summary | null): Count[] {
  return weekdayNames().map((name, i) => ({ name, count: summary?.byWeekday[i] ?? 0 }));
}

/** 24 counts, midnight first, each named by its hour ("22:00"). */
export function byHour(summary: Summary | null): Count[] {
  return Array.from({ length: 24 }, (_, hour) => ({ name: hourName(hour), count: summary?.byHour[hour] ?? 0 }));
}

/** The person of an attempt, when they are no longer in the settings. */
export const isRemovedPerson = (id: string | null, settings: Pick<Settings, 'people'>) => !settings.people.some((person) => person.id === id);

/** The alias of a person by id; people no longer in the settings are one "someone you removed". */
export function personName(id: string | null, settings: Pick<Settings, 'people'>): string {
  return settings.people.find((person) => person.id === id)?.alias ?? t('removed_person');
}

/** A built-in site by its adapter's name, a custom site by the name the user gave it. */
export function siteName(id: string | null, settings: Pick<Settings, 'customSites'>): string {
  if (id === null) return t('removed_site');
  return builtInSiteName(id) ?? settings.customSites.find((site) => site.id === id)?.name ?? t('removed_site');
}

/** Counts under names: entries that share a name (several removed people) are one row. */
function named(raw: Record<string, number>, name: (id: string) => string): Count[] {
  const merged = new Map<string, number>();
  for (const [id, count] of Object.entries(raw)) merged.set(name(id), (merged.get(name(id)) ?? 0) + count);
  return [...merged].map(([name, count]) => ({ name, count })).sort(byCount);
}

export function byPerson(summary: Summary | null, settings: Pick<Settings, 'people'>): Count[] {
  return named(summary?.byPerson ?? {}, (id) => personName(id, settings));
}

export function bySite(summary: Summary | null, settings: Pick<Settings, 'customSites'>): Count[] {
  return named(summary?.bySite ?? {}, (id) => siteName(id, settings));
}

/** "just now", "5 minutes ago", "yesterday", "3 days ago", "last month": days by the local calendar. */
export function relativeTime(time: number, clock: Clock): string {
  const seconds = Math.round((clock.now - time) / 1000);
  if (seconds < 45) return t('just_now');
  if (seconds < 3600) return formatRelative(-Math.max(1, Math.round(seconds / 60)), 'minute');
  const then = new TZDate(time, clock.timeZone);
  const now = new TZDate(clock.now, clock.timeZone);
  const days = differenceInCalendarDays(now, then);
  if (days === 0) return formatRelative(-Math.round(seconds / 3600), 'hour');
  if (days < 7) return formatRelative(-days, 'day');
  if (days < 30) return formatRelative(-Math.floor(days / 7), 'week');
  const months = differenceInCalendarMonths(now, then);
  if (months < 12) return formatRelative(-Math.max(1, months), 'month');
  return formatRelative(-differenceInCalendarYears(now, then), 'year');
}

/** "Tuesday 3 November 2026 at 21:04" (as the UI language writes it), in the zone. */
export function longDate(time: number, timeZone: string): string {
  return formatDate(time, timeZone, { dateStyle: 'full', timeStyle: 'short' });
}

/** "3 November" (and the year when it is not this one), as the UI language writes it. */
export function shortDay(key: string, clock: Clock): string {
  const day = dayOf(key, clock);
  const year = day.getFullYear() === today(clock).getFullYear() ? {} : { year: 'numeric' as const };
  return formatDate(day.getTime(), clock.timeZone, { day: 'numeric', month: 'long', ...year });
}

/**
 * The times from local midnight starting `from` to local midnight ending `to` (both days
 * included; the end is excluded), in `timeZone`; an open end is unbounded.
 */
export function dayRange(from: string | null, to: string | null, timeZone: string): [number, number] {
  const clock = { now: 0, timeZone };
  const start = from ? dayOf(from, clock) : null;
  const end = to ? addDays(dayOf(to, clock), 1) : null;
  return [start && isValid(start) ? start.getTime() : -Infinity, end && isValid(end) ? end.getTime() : Infinity];
}
