import { z } from './zod';
import { SiteRef } from './schema';
import { dayOf } from './health';

/**
 * "Seen by chance" (issue 24, point 3): how many times a watched person's items turned up and were
 * softened, per site and local day. Only the site's id, the day and the count are kept: nothing
 * about the item, whose it was, or the page. Written by the background only, from the content
 * scripts' counts (entrypoints/watch.content/soften.ts).
 */
export const TurnedUpDay = z.object({
  site: SiteRef,
  /** The local day, YYYY-MM-DD. */
  day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  count: z.int().check(z.positive()),
});
export type TurnedUpDay = z.infer<typeof TurnedUpDay>;

/** How many days of counts are kept (the popup speaks of this week; the month is room to grow). */
export const KEEP_DAYS = 40;
/** The most one message may add: a feed that loads a thousand of their posts at once is still one sighting a post. */
export const MOST_AT_ONCE = 1000;

/** The calendar day `days` before the local day of `time`. */
function daysBefore(time: number, days: number, timeZone: string): string {
  const [year, month, day] = dayOf(time, timeZone).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - days)).toISOString().slice(0, 10);
}

/** The counts with `count` more on `site` today; days older than KEEP_DAYS (or after today: a clock set back) are dropped. */
export function countTurnedUp(days: readonly TurnedUpDay[], site: string, count: number, now: number, timeZone: string): TurnedUpDay[] {
  const today = dayOf(now, timeZone);
  const oldest = daysBefore(now, KEEP_DAYS - 1, timeZone);
  const kept = days.filter((entry) => entry.day >= oldest && entry.day <= today);
  const add = Number.isFinite(count) ? Math.min(Math.max(0, Math.floor(count)), MOST_AT_ONCE) : 0;
  if (add === 0) return kept;
  const counted = kept.find((entry) => entry.site === site && entry.day === today);
  if (counted) return kept.map((entry) => (entry === counted ? { ...entry, count: entry.count + add } : entry));
  return [...kept, { site, day: today, count: add }];
}

/** How many times they turned up from the day `from` to `to` (YYYY-MM-DD, both included), on every site. */
export function turnedUpBetween(days: readonly TurnedUpDay[], from: string, to: string): number {
  return days.reduce((sum, entry) => (entry.day >= from && entry.day <= to ? sum + entry.count : sum), 0);
}
