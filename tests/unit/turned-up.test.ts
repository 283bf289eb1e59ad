import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { noteTurnedUp } from '@/utils/background/turned-up';
import { loadTurnedUp, turnedUpItem } from '@/utils/store/storage';
import { countTurnedUp, KEEP_DAYS, MOST_AT_ONCE, turnedUpBetween, type TurnedUpDay } from '@/utils/model/turned-up';

/* "Seen by chance" (issue 24, point 3): counts per site and local day, nothing else. */

const ZONE = 'Europe/Paris';
// Monday 7 December 2026, 10:00 in Paris.
const MONDAY = Date.UTC(2026, 11, 7, 9);
const DAY = 86_400_000;

describe('counting their items that turned up', () => {
  it('adds to today’s count for the site, apart from other sites and days', () => {
    let days: TurnedUpDay[] = [];
    days = countTurnedUp(days, 'bluesky', 3, MONDAY, ZONE);
    days = countTurnedUp(days, 'bluesky', 2, MONDAY + 3600_000, ZONE);
    days = countTurnedUp(days, 'x', 1, MONDAY, ZONE);
    days = countTurnedUp(days, 'x', 4, MONDAY + DAY, ZONE);
    expect(days).toEqual([
      { site: 'bluesky', day: '2026-12-07', count: 5 },
      { site: 'x', day: '2026-12-07', count: 1 },
      { site: 'x', day: '2026-12-08', count: 4 },
    ]);
  });

  it('days are the user’s local days', () => {
    // 23:30 UTC on Sunday is already Monday in Paris.
    expect(countTurnedUp([], 'x', 1, Date.UTC(2026, 11, 6, 23, 30), ZONE)).toEqual([{ site: 'x', day: '2026-12-07', count: 1 }]);
  });

  it('keeps KEEP_DAYS days, and drops days after today (a clock set back)', () => {
    const old = [
      { site: 'x', day: '2026-10-01', count: 9 },
      { site: 'x', day: '2026-11-01', count: 2 },
      { site: 'x', day: '2026-12-09', count: 7 },
    ];
    const days = countTurnedUp(old, 'x', 1, MONDAY, ZONE);
    expect(days.map((d) => d.day)).toEqual(['2026-11-01', '2026-12-07']);
    expect(KEEP_DAYS).toBeGreaterThanOrEqual(31);
  });

  it('a count that is not a positive whole number adds nothing; a huge one adds at most MOST_AT_ONCE', () => {
    for (const count of [0, -3, Number.NaN, 0.4]) expect(countTurnedUp([], 'x', count, MONDAY, ZONE)).toEqual([]);
    expect(countTurnedUp([], 'x', 1e9, MONDAY, ZONE)).toEqual([{ site: 'x', day: '2026-12-07', count: MOST_AT_ONCE }]);
  });

  it('sums the days of a week across sites', () => {
    const days = [
      { site: 'x', day: '2026-12-06', count: 4 },
      { site: 'x', day: '2026-12-07', count: 2 },
      { site: 'bluesky', day: '2026-12-09', count: 7 },
      { site: 'bluesky', day: '2026-12-14', count: 1 },
    ];
    expect(turnedUpBetween(days, '2026-12-07', '2026-12-13')).toBe(9);
    expect(turnedUpBetween([], '2026-12-07', '2026-12-13')).toBe(0);
  });
});

describe('the background’s count', () => {
  beforeEach(() => fakeBrowser.reset());

  it('stores only the site, the day and the count; salvages a corrupt store (backed up) and leaves an unreadable one alone', async () => {
    await noteTurnedUp('bluesky', 3, MONDAY, ZONE);
    await noteTurnedUp('bluesky', 2, MONDAY + 60_000, ZONE);
    expect(await turnedUpItem.getValue()).toEqual([{ site: 'bluesky', day: '2026-12-07', count: 5 }]);

    // A corrupt store is salvaged entry by entry, the old value kept as a backup.
    await turnedUpItem.setValue([{ site: 'bluesky', day: '2026-12-07', count: 5 }, { site: 7 }]);
    await noteTurnedUp('x', 1, MONDAY, ZONE);
    expect((await loadTurnedUp()).value).toEqual([
      { site: 'bluesky', day: '2026-12-07', count: 5 },
      { site: 'x', day: '2026-12-07', count: 1 },
    ]);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).toContain('"site":7');

    // Storage that cannot be read is not written over with a fresh count.
    const get = fakeBrowser.storage.local.get;
    fakeBrowser.storage.local.get = () => Promise.reject(new Error('read failed'));
    try {
      await noteTurnedUp('x', 4, MONDAY, ZONE);
    } finally {
      fakeBrowser.storage.local.get = get;
    }
    expect((await loadTurnedUp()).value).toEqual([
      { site: 'bluesky', day: '2026-12-07', count: 5 },
      { site: 'x', day: '2026-12-07', count: 1 },
    ]);
  });
});
