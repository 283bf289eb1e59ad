import type { Attempt } from './schema';

const DAY = 24 * 60 * 60 * 1000;

/** Midnight (local time) of the day containing `time`. */
export function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Whole calendar days from `from` to `to` (local time), never negative. */
export function daysBetween(from: number, to: number): number {
  return Math.max(0, Math.round((startOfDay(to) - startOfDay(from)) / DAY));
}

export function isLeft(attempt: Attempt): boolean {
  return attempt.outcome === 'left' || attempt.outcome === 'closed';
}

export interface DashboardStats {
  /** Days since the last Continue, or since the day set by hand, or since the first attempt. */
  daysNoContact: number | null;
  today: number;
  week: number;
  month: number;
  left: number;
  continued: number;
  recent: Attempt[];
}

/**
 * The popup's figures, a pure function of the log. `since` is the day the user counts from
 * (YYYY-MM-DD) when they set one.
 */
export function dashboardStats(attempts: readonly Attempt[], now: number, since: string | null): DashboardStats {
  const today = startOfDay(now);
  const lastContinue = attempts.reduce<number | null>(
    (latest, a) => (a.outcome === 'continued' && (latest === null || a.startedAt > latest) ? a.startedAt : latest),
    null,
  );
  const sinceTime = since ? new Date(`${since}T00:00:00`).getTime() : null;
  const from = Math.max(lastContinue ?? -Infinity, sinceTime ?? -Infinity);
  return {
    daysNoContact: Number.isFinite(from) ? daysBetween(from, now) : null,
    today: attempts.filter((a) => a.startedAt >= today).length,
    week: attempts.filter((a) => a.startedAt >= today - 6 * DAY).length,
    month: attempts.filter((a) => a.startedAt >= today - 29 * DAY).length,
    left: attempts.filter(isLeft).length,
    continued: attempts.filter((a) => a.outcome === 'continued').length,
    recent: [...attempts].sort((a, b) => b.startedAt - a.startedAt).slice(0, 10),
  };
}
