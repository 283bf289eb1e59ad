import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import type { Attempt } from '@/utils/model/schema';
import { applyToSummary, dayKey, emptySummary, summarize } from '@/utils/model/summary';

const attempt = (id: string, startedAt: number, extra: Partial<Attempt> = {}): Attempt => ({
  id,
  startedAt,
  personId: 'p1',
  site: 'instagram',
  kind: 'profile',
  outcome: 'left',
  endedAt: null,
  secondsOnScreen: null,
  journalWritten: false,
  feeling: null,
  tabId: null,
  abandonedAt: null,
  ...extra,
});

describe('the figures kept beside the log', () => {
  it('counts days, hours and weekdays in the zone it was built in, as date-fns does, across DST changes', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'];
    // Every 13 minutes for three hours either side of each DST change of 2026 in Europe, New York and Lord Howe (a half-hour change).
    const changes = ['2026-03-29T01:00Z', '2026-10-25T01:00Z', '2026-03-08T07:00Z', '2026-11-01T06:00Z', '2026-04-04T15:00Z', '2026-10-03T15:30Z'];
    const times = changes.flatMap((change) => Array.from({ length: 28 }, (_, i) => Date.parse(change) + (i - 14) * 13 * 60_000));
    for (const zone of zones) {
      const summary = summarize(times.map((time, i) => attempt(`a${i}`, time)), zone);
      const expected = emptySummary(zone);
      for (const time of times) {
        const local = new TZDate(time, zone);
        expect(dayKey(time, zone)).toBe(format(local, 'yyyy-MM-dd'));
        expected.byHour[local.getHours()]! += 1;
        expected.byWeekday[(local.getDay() + 6) % 7]! += 1;
      }
      expect(summary.byHour).toEqual(expected.byHour);
      expect(summary.byWeekday).toEqual(expected.byWeekday);
    }
  }, 30_000);

  it('puts the same moment on different days in different zones', () => {
    const lateInNewYork = Date.UTC(2026, 10, 26, 3, 30); // 22:30 on the 25th in New York, 12:30 on the 26th in Tokyo
    expect(summarize([attempt('a', lateInNewYork)], 'America/New_York').byDay).toEqual({ '2026-11-25': { attempts: 1, left: 1, continued: 0 } });
    expect(summarize([attempt('a', lateInNewYork)], 'Asia/Tokyo').byDay).toEqual({ '2026-11-26': { attempts: 1, left: 1, continued: 0 } });
  });

  it('changes by exactly one attempt, and forgets what is taken away', () => {
    const pending = attempt('a', Date.UTC(2026, 0, 1, 12), { outcome: 'pending', tabId: 1 });
    const continued = { ...pending, outcome: 'continued' as const, feeling: 'lonely' as const, journalWritten: true, tabId: null };
    let summary = applyToSummary(emptySummary('UTC'), null, pending);
    expect(summary.outcomes).toEqual({ pending: 1, left: 0, continued: 0 });
    summary = applyToSummary(summary, pending, continued);
    expect(summary).toEqual(summarize([continued], 'UTC'));
    expect(summary).toMatchObject({ total: 1, byFeeling: { lonely: 1 }, withJournal: 1, byDay: { '2026-01-01': { attempts: 1, continued: 1, left: 0 } } });
    expect(applyToSummary(summary, continued, null)).toEqual(emptySummary('UTC'));
  });

  it('shows a closed tab, and a screen that went away, as left', () => {
    const summary = summarize([attempt('a', 0, { outcome: 'closed' }), attempt('b', 0, { outcome: 'pending', abandonedAt: 5 })], 'UTC');
    expect(summary.outcomes).toEqual({ pending: 0, left: 2, continued: 0 });
  });
});
