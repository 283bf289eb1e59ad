import { z } from './zod';
import { SiteRef } from './schema';

/**
 * The health signal (PRODUCT.md, "Detection that keeps working"): chats whose address said a
 * conversation was open while nobody could be read from the page, counted per site and local day.
 * Only the site's id, the day and the count are kept: nothing about the page or its people.
 */
/** A count for one site on one local day: all that is kept of the health signal and of "seen by chance". */
export const SiteDayCount = z.object({
  site: SiteRef,
  /** The local day, YYYY-MM-DD. */
  day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  count: z.int().check(z.positive()),
});
export type SiteDayCount = z.infer<typeof SiteDayCount>;
export const UnreadDay = SiteDayCount;
export type UnreadDay = SiteDayCount;

/** How many days of counts are kept. */
export const KEEP_DAYS = 30;
/** The popup speaks of a site from this many unread chats in the last WEEK_DAYS days. */
export const WEAK_FROM = 3;
export const WEEK_DAYS = 7;

/** The local day of `time` in `timeZone`, YYYY-MM-DD (from the parts: no locale's order is relied on). */
export function dayOf(time: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(time);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The calendar day `days` before the local day of `time` (calendar arithmetic: no DST hour to trip on). */
function daysBefore(time: number, days: number, timeZone: string): string {
  const [year, month, day] = dayOf(time, timeZone).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - days)).toISOString().slice(0, 10);
}

/** The counts with one more unread chat on `site` today; days older than KEEP_DAYS are dropped. */
export function countUnread(days: readonly UnreadDay[], site: string, now: number, timeZone: string): UnreadDay[] {
  return addToToday(days, site, 1, now, timeZone, KEEP_DAYS);
}

/**
 * The counts with `count` (a positive whole number) more on `site` today; days older than
 * `keepDays`, and days after today (a clock set back), are dropped.
 */
export function addToToday(days: readonly SiteDayCount[], site: string, count: number, now: number, timeZone: string, keepDays: number): SiteDayCount[] {
  const today = dayOf(now, timeZone);
  const oldest = daysBefore(now, keepDays - 1, timeZone);
  const kept = days.filter((entry) => entry.day >= oldest && entry.day <= today);
  if (count <= 0) return kept;
  const counted = kept.find((entry) => entry.site === site && entry.day === today);
  if (counted) return kept.map((entry) => (entry === counted ? { ...entry, count: entry.count + count } : entry));
  return [...kept, { site, day: today, count }];
}

/** The sites with at least WEAK_FROM unread chats in the last WEEK_DAYS days (today included), most first. */
export function weakSites(days: readonly UnreadDay[], now: number, timeZone: string): { site: string; count: number }[] {
  const today = dayOf(now, timeZone);
  const oldest = daysBefore(now, WEEK_DAYS - 1, timeZone);
  const bySite = new Map<string, number>();
  for (const entry of days) {
    if (entry.day < oldest || entry.day > today) continue;
    bySite.set(entry.site, (bySite.get(entry.site) ?? 0) + entry.count);
  }
  return [...bySite]
    .filter(([, count]) => count >= WEAK_FROM)
    .map(([site, count]) => ({ site, count }))
    .sort((a, b) => b.count - a.count || a.site.localeCompare(b.site));
}
