import { describe, expect, it } from 'vitest';
import { dashboardStats, daysBetween } from '@/utils/stats';
import type { Attempt } from '@/utils/schema';

const at = (day: number, hour = 12) => new Date(2026, 10, day, hour).getTime();
const attempt = (startedAt: number, outcome: Attempt['outcome']): Attempt => ({
  id: String(startedAt),
  startedAt,
  personId: 'p1',
  site: 'instagram',
  kind: 'profile',
  outcome,
  endedAt: startedAt + 1000,
  secondsOnScreen: 1,
  journalWritten: false,
  feeling: null,
  tabId: null,
  abandonedAt: null,
});

describe('the dashboard figures', () => {
  const now = at(25, 18);
  const log = [attempt(at(1), 'left'), attempt(at(10), 'continued'), attempt(at(20), 'closed'), attempt(at(25, 9), 'left'), attempt(at(25, 10), 'left')];

  it('counts today, this week and this month', () => {
    const stats = dashboardStats(log, now, null);
    expect(stats).toMatchObject({ today: 2, week: 3, month: 5, left: 4, continued: 1 });
    expect(stats.recent.map((a) => a.startedAt)).toEqual([at(25, 10), at(25, 9), at(20), at(10), at(1)]);
  });

  it('counts days of no contact from the last Continue, or the day set by hand if later', () => {
    expect(dashboardStats(log, now, null).daysNoContact).toBe(15);
    expect(dashboardStats(log, now, '2026-11-20').daysNoContact).toBe(5);
    expect(dashboardStats(log, now, '2026-11-01').daysNoContact).toBe(15);
    expect(dashboardStats([], now, null).daysNoContact).toBeNull();
  });

  it('counts calendar days, not 24-hour spans', () => {
    expect(daysBetween(at(24, 23), at(25, 1))).toBe(1);
    expect(daysBetween(at(25, 1), at(24, 23))).toBe(0);
  });
});
