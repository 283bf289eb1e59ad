import { TZDate } from '@date-fns/tz';
import { startOfDay } from 'date-fns';
import type { Attempt, Settings } from './schema';
import { localTimeZone } from './summary';

/**
 * An attempt's life, as pure rules: started when the screen goes up (or first heard of, whatever
 * message comes first), carried over a reload, left abandoned while its page went away, and ended
 * by a choice, a closed tab, or a page that did not come back. The log's writer
 * (utils/background/log.ts) reads what a rule needs, calls it, and writes what it returns, in one
 * transaction. Each rule returns the rows to write as `[before, after]` pairs (`before` null for a
 * new one).
 */
export type Put = readonly [before: Attempt | null, after: Attempt];

/** What a content script says of an attempt with every message (utils/protocol/requests.ts, AttemptRef). */
export interface AttemptRefLike {
  attemptId: string;
  personId: string;
  site: string;
  kind: Attempt['kind'];
  startedAt: number;
}

/** How long an abandoned screen may take to come back (a reload) before it counts as left. */
export const ABANDON_GRACE_MS = 10_000;
/**
 * A page that went away this shortly before its tab closed went away because the tab closed:
 * its unload can reach the background before the tab has left the tab strip.
 */
export const CLOSING_MS = 3_000;
/** How far back a content script's own start time is believed (a start message that never arrived). */
export const START_BELIEVED_MS = 24 * 60 * 60 * 1000;

/** The countdown for the next attempt, after `earlierToday` others today: longer each time, up to the cap. */
export function countdownFor(settings: Settings, earlierToday: number): number {
  return Math.min(settings.countdownCapSeconds, settings.countdownSeconds + settings.escalationSeconds * earlierToday);
}

/** Midnight of the day containing `time`, in the user's zone. */
export function startOfLocalDay(time: number, timeZone = localTimeZone()): number {
  return startOfDay(new TZDate(time, timeZone)).getTime();
}

/** The attempt ended with `outcome` at `now`; a screen that went away earlier ended then. */
export function ended(attempt: Attempt, outcome: Attempt['outcome'], now: number): Attempt {
  const end = attempt.abandonedAt ?? now;
  // Gone well before its tab closed: the user had left the page, not closed it.
  const wentAwayEarlier = attempt.abandonedAt !== null && now - attempt.abandonedAt > CLOSING_MS;
  return {
    ...attempt,
    outcome: outcome === 'closed' && wentAwayEarlier ? 'left' : outcome,
    endedAt: end,
    secondsOnScreen: Math.max(0, Math.round((end - attempt.startedAt) / 100) / 10),
    tabId: null,
    abandonedAt: null,
  };
}

/**
 * The attempt a content script speaks of, not stored yet, given the tab's other attempts. The same
 * screen shown again in the same tab (a reload, the page re-rendering) is the same attempt: the
 * earlier record is carried over to the new id, keeping its start. Another pending attempt in the
 * tab was left: the page moved on to someone else. A start time from the page is believed back to
 * a day, never in the future.
 */
export function started(ref: AttemptRefLike, tabId: number, inTab: readonly Attempt[], now: number): { attempt: Attempt; puts: Put[] } {
  const startedAt = Math.min(now, Math.max(ref.startedAt, now - START_BELIEVED_MS));
  const puts: Put[] = [];
  for (const other of inTab) {
    if (other.outcome !== 'pending') continue;
    if (other.personId === ref.personId && other.site === ref.site) {
      const carried: Attempt = { ...other, id: ref.attemptId, startedAt: Math.min(startedAt, other.startedAt), abandonedAt: null };
      return { attempt: carried, puts: [...puts, [other, carried]] };
    }
    puts.push([other, ended(other, 'left', now)]);
  }
  const attempt: Attempt = {
    id: ref.attemptId,
    startedAt,
    personId: ref.personId,
    site: ref.site,
    kind: ref.kind,
    outcome: 'pending',
    endedAt: null,
    secondsOnScreen: null,
    journalWritten: false,
    feeling: null,
    tabId,
    abandonedAt: null,
  };
  return { attempt, puts: [...puts, [null, attempt]] };
}

/** The screen came up again (a start heard for an attempt whose page had gone away): not abandoned. */
export function cameBack(attempt: Attempt): Put[] {
  return attempt.outcome === 'pending' && attempt.abandonedAt !== null ? [[attempt, { ...attempt, abandonedAt: null }]] : [];
}

/** The user chose on the screen; a choice heard for an attempt already ended changes nothing. */
export function chose(attempt: Attempt, choice: { outcome: 'left' | 'continued'; feeling: Attempt['feeling']; journalWritten: boolean }, now: number): Put[] {
  if (attempt.outcome !== 'pending') return [];
  return [[attempt, { ...ended(attempt, choice.outcome, now), feeling: choice.feeling, journalWritten: choice.journalWritten }]];
}

/** The page went away with the screen up: its tab closed (ended), or it may come back (a reload). */
export function abandoned(attempt: Attempt, tabClosed: boolean, now: number): Put[] {
  if (attempt.outcome !== 'pending') return [];
  return [[attempt, tabClosed ? ended(attempt, 'closed', now) : { ...attempt, abandonedAt: now }]];
}

/** Abandoned screens that did not come back within the grace period were left. */
export function settled(pending: readonly Attempt[], now: number): Put[] {
  return pending
    .filter((attempt) => attempt.abandonedAt !== null && now - attempt.abandonedAt >= ABANDON_GRACE_MS)
    .map((attempt) => [attempt, ended(attempt, 'left', now)] as const);
}

/** Pending attempts whose tab is gone (closed while the worker was stopped) were closed. */
export function tabsClosed(pending: readonly Attempt[], openTabs: readonly number[], now: number): Put[] {
  const open = new Set(openTabs);
  return pending
    .filter((attempt) => attempt.tabId === null || !open.has(attempt.tabId))
    .map((attempt) => [attempt, ended(attempt, 'closed', now)] as const);
}
