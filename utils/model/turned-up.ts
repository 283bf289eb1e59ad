import { addToToday, SiteDayCount } from './health';

/**
 * "Seen by chance" (issue 24, point 3): how many times a watched person's items turned up and were
 * softened, per site and local day. Only the site's id, the day and the count are kept: nothing
 * about the item, whose it was, or the page. Written by the background only, from the content
 * scripts' counts (entrypoints/watch.content/soften.ts).
 */
export const TurnedUpDay = SiteDayCount;
export type TurnedUpDay = SiteDayCount;

/** How many days of counts are kept (the popup speaks of this week; the month is room to grow). */
export const KEEP_DAYS = 40;
/** The most one message may add: a feed that loads a thousand of their posts at once is still one sighting a post. */
export const MOST_AT_ONCE = 1000;

/** The counts with `count` more on `site` today; days older than KEEP_DAYS (or after today: a clock set back) are dropped. */
export function countTurnedUp(days: readonly TurnedUpDay[], site: string, count: number, now: number, timeZone: string): TurnedUpDay[] {
  const add = Number.isFinite(count) ? Math.min(Math.max(0, Math.floor(count)), MOST_AT_ONCE) : 0;
  return addToToday(days, site, add, now, timeZone, KEEP_DAYS);
}

/** How many times they turned up from the day `from` to `to` (YYYY-MM-DD, both included), on every site. */
export function turnedUpBetween(days: readonly TurnedUpDay[], from: string, to: string): number {
  return days.reduce((sum, entry) => (entry.day >= from && entry.day <= to ? sum + entry.count : sum), 0);
}
