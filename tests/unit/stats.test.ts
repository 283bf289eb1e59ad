import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { byFeeling, byHour, byPerson, bySite, byWeekday, calendar, dayRange, periods, relativeTime, share, streak, type Clock } from '@/utils/model/stats';
import { summarize } from '@/utils/model/summary';
import type { Attempt, CustomSite, Person } from '@/utils/model/schema';

const NY = 'America/New_York';
const TOKYO = 'Asia/Tokyo';

/** A wall-clock time in a zone: `local(NY, '2026-11-01 23:30')`. */
function local(timeZone: string, text: string): number {
  const [date, time = '12:00'] = text.split(' ');
  const [y, m, d] = date!.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  return new TZDate(y!, m! - 1, d!, h!, min!, timeZone).getTime();
}

let counter = 0;
function attempt(startedAt: number, outcome: Attempt['outcome'], extra: Partial<Attempt> = {}): Attempt {
  counter += 1;
  return {
    id: `a${counter}`,
    startedAt,
    personId: 'p1',
    site: 'instagram',
    kind: 'profile',
    outcome,
    endedAt: outcome === 'pending' ? null : startedAt + 1000,
    secondsOnScreen: outcome === 'pending' ? null : 1,
    journalWritten: false,
    feeling: null,
    tabId: null,
    abandonedAt: null,
    ...extra,
  };
}

const clockAt = (timeZone: string, text: string): Clock => ({ now: local(timeZone, text), timeZone });
const nobodySet = { noContactSince: null, installedAt: null };

describe('days of no contact', () => {
  it('an empty log on the day of installing is Day 1, never 0', () => {
    const clock = clockAt(NY, '2026-11-20 09:00');
    expect(streak(null, { noContactSince: null, installedAt: local(NY, '2026-11-20 08:55') }, clock)).toEqual({
      days: 1,
      from: 'install',
      since: '2026-11-20',
      longest: 1,
    });
    expect(streak(summarize([], NY), nobodySet, clock)).toMatchObject({ days: 1, longest: 1 });
  });

  it('a new user who never continued counts from the day they installed, attempts or not', () => {
    const clock = clockAt(NY, '2026-11-20 09:00');
    const log = summarize([attempt(local(NY, '2026-11-18 22:00'), 'left'), attempt(local(NY, '2026-11-19 23:00'), 'closed')], NY);
    expect(streak(log, { noContactSince: null, installedAt: local(NY, '2026-11-17 10:00') }, clock)).toEqual({
      days: 4,
      from: 'install',
      since: '2026-11-17',
      longest: 4,
    });
  });

  it('one attempt, left: still counting from the install', () => {
    const clock = clockAt(NY, '2026-11-20 09:00');
    const log = summarize([attempt(local(NY, '2026-11-20 08:00'), 'left')], NY);
    expect(streak(log, { noContactSince: null, installedAt: local(NY, '2026-11-20 07:00') }, clock)).toMatchObject({ days: 1, from: 'install' });
  });

  it('one attempt, continued today: a fresh start (0), the run before it kept as the longest', () => {
    const clock = clockAt(NY, '2026-11-20 21:00');
    const log = summarize([attempt(local(NY, '2026-11-20 08:00'), 'continued')], NY);
    expect(streak(log, { noContactSince: null, installedAt: local(NY, '2026-11-10 07:00') }, clock)).toEqual({
      days: 0,
      from: 'today',
      since: '2026-11-20',
      longest: 10,
    });
  });

  it('counts from the day after the last Continue, and keeps the longest run', () => {
    const clock = clockAt(NY, '2026-11-30 12:00');
    const log = summarize(
      [
        attempt(local(NY, '2026-11-02 12:00'), 'continued'),
        attempt(local(NY, '2026-11-03 12:00'), 'left'),
        attempt(local(NY, '2026-11-20 12:00'), 'continued'),
        attempt(local(NY, '2026-11-20 13:00'), 'continued'),
        attempt(local(NY, '2026-11-28 12:00'), 'left'),
      ],
      NY,
    );
    // Nov 3 … Nov 19 is 17 days; Nov 21 … Nov 30 is 10.
    expect(streak(log, { noContactSince: null, installedAt: local(NY, '2026-11-01 12:00') }, clock)).toEqual({
      days: 10,
      from: 'continue',
      since: '2026-11-21',
      longest: 17,
    });
  });

  it('the day the person set counts when it is later than the last Continue, and not when earlier', () => {
    const clock = clockAt(NY, '2026-11-30 12:00');
    const log = summarize([attempt(local(NY, '2026-11-10 12:00'), 'continued')], NY);
    const installedAt = local(NY, '2026-11-01 12:00');
    expect(streak(log, { noContactSince: '2026-11-25', installedAt }, clock)).toMatchObject({ days: 6, from: 'set', since: '2026-11-25' });
    expect(streak(log, { noContactSince: '2026-11-05', installedAt }, clock)).toMatchObject({ days: 20, from: 'continue', since: '2026-11-11' });
    // Set before installing, never continued: from the day set.
    expect(streak(null, { noContactSince: '2026-10-01', installedAt }, clock)).toMatchObject({ days: 61, from: 'set', longest: 61 });
    // A day in the future counts from today.
    expect(streak(null, { noContactSince: '2027-01-01', installedAt }, clock)).toMatchObject({ days: 1, from: 'set', since: '2026-11-30' });
  });

  it('counts local days: the same Continue is yesterday in New York and today in Tokyo', () => {
    const continued = Date.UTC(2026, 10, 3, 3, 0); // 2 Nov 22:00 in New York, 3 Nov 12:00 in Tokyo
    const now = Date.UTC(2026, 10, 3, 6, 0); // 3 Nov 01:00 in New York, 15:00 in Tokyo
    const input = { noContactSince: null, installedAt: Date.UTC(2026, 9, 1) };
    expect(streak(summarize([attempt(continued, 'continued')], NY), input, { now, timeZone: NY })).toMatchObject({ days: 1, since: '2026-11-03' });
    expect(streak(summarize([attempt(continued, 'continued')], TOKYO), input, { now, timeZone: TOKYO })).toMatchObject({ days: 0 });
  });

  it('a 25-hour day (DST ends) and a 23-hour day (DST starts) are one day each', () => {
    // New York: 1 November 2026 has 25 hours; 8 March 2026 has 23.
    const fall = summarize([attempt(local(NY, '2026-10-31 23:30'), 'continued')], NY);
    expect(streak(fall, nobodySet, clockAt(NY, '2026-11-01 23:30')).days).toBe(1);
    expect(streak(fall, nobodySet, clockAt(NY, '2026-11-02 00:30')).days).toBe(2);
    const spring = summarize([attempt(local(NY, '2026-03-07 23:30'), 'continued')], NY);
    expect(streak(spring, nobodySet, clockAt(NY, '2026-03-08 00:30')).days).toBe(1);
    expect(streak(spring, nobodySet, clockAt(NY, '2026-03-08 23:30')).days).toBe(1);
    expect(streak(spring, nobodySet, clockAt(NY, '2026-03-09 00:10')).days).toBe(2);
  });
});

describe('today, this week, this month', () => {
  it('are all zero for an empty log', () => {
    const none = { attempts: 0, left: 0, continued: 0 };
    expect(periods(null, clockAt(NY, '2026-11-20 09:00'))).toEqual({ today: none, week: none, month: none });
  });

  it('count by local day, week from Monday, month from the 1st', () => {
    // Friday 20 November 2026.
    const log = summarize(
      [
        attempt(local(NY, '2026-10-31 23:59'), 'left'),
        attempt(local(NY, '2026-11-01 00:00'), 'left'),
        attempt(local(NY, '2026-11-15 12:00'), 'continued'), // Sunday before
        attempt(local(NY, '2026-11-16 00:01'), 'left'), // Monday
        attempt(local(NY, '2026-11-20 00:00'), 'closed'),
        attempt(local(NY, '2026-11-20 08:00'), 'continued'),
        attempt(local(NY, '2026-11-20 08:30'), 'pending'),
      ],
      NY,
    );
    expect(periods(log, clockAt(NY, '2026-11-20 09:00'))).toEqual({
      today: { attempts: 3, left: 1, continued: 1 },
      week: { attempts: 4, left: 2, continued: 1 },
      month: { attempts: 6, left: 3, continued: 2 },
    });
  });

  it('count the attempts of a 25-hour day as one day', () => {
    const log = summarize([attempt(local(NY, '2026-11-01 00:30'), 'left'), attempt(local(NY, '2026-11-01 23:30'), 'left')], NY);
    expect(periods(log, clockAt(NY, '2026-11-01 23:45')).today.attempts).toBe(2);
    expect(periods(log, clockAt(NY, '2026-11-02 00:15')).today.attempts).toBe(0);
  });
});

describe('left vs continued', () => {
  it('is a share of the decided attempts; none decided is no share', () => {
    expect(share(null)).toEqual({ left: 0, continued: 0, leftPercent: null });
    const log = summarize(
      [attempt(1, 'left'), attempt(2, 'closed'), attempt(3, 'continued'), attempt(4, 'pending'), attempt(5, 'pending', { abandonedAt: 6 })],
      NY,
    );
    expect(share(log)).toEqual({ left: 3, continued: 1, leftPercent: 75 });
  });
});

describe('the calendar', () => {
  it('shows 12 weeks, Monday first, ending today, each day labelled and shaded by its count', () => {
    const clock = clockAt(NY, '2026-11-04 09:00'); // a Wednesday
    const log = summarize(
      [attempt(local(NY, '2026-11-03 08:00'), 'left'), attempt(local(NY, '2026-11-03 09:00'), 'continued'), attempt(local(NY, '2026-11-02 12:00'), 'left')],
      NY,
    );
    const weeks = calendar(log, clock);
    expect(weeks).toHaveLength(12);
    expect(weeks[0]!.start).toBe('2026-08-17');
    expect(weeks[0]!.days.map((d) => d.weekday)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const last = weeks[11]!;
    expect(last.days.map((d) => d.key)).toEqual(['2026-11-02', '2026-11-03', '2026-11-04']);
    expect(last.days[1]).toMatchObject({ label: 'Tuesday 3 November', attempts: 2, left: 1, continued: 1, level: 4 });
    expect(last.days[0]).toMatchObject({ label: 'Monday 2 November', attempts: 1, level: 2 });
    expect(last.days[2]).toMatchObject({ attempts: 0, level: 0 });
    expect(weeks.flatMap((w) => w.days)).toHaveLength(7 * 11 + 3);
  });

  it('has one cell per day across both DST changes', () => {
    const days = calendar(null, clockAt(NY, '2026-11-10 12:00'), 40).flatMap((w) => w.days.map((d) => d.key));
    expect(new Set(days).size).toBe(days.length);
    expect(days).toContain('2026-11-01');
    expect(days).toContain('2026-03-08');
    expect(days[days.length - 1]).toBe('2026-11-10');
  });
});

describe('when it happens', () => {
  it('by hour and weekday in the local zone, by feeling with its label', () => {
    const log = summarize(
      [
        attempt(local(TOKYO, '2026-11-02 23:10'), 'left', { feeling: 'lonely' }), // a Monday
        attempt(local(TOKYO, '2026-11-03 23:50'), 'left', { feeling: 'lonely' }),
        attempt(local(TOKYO, '2026-11-08 07:00'), 'continued', { feeling: 'missing-them' }), // a Sunday
      ],
      TOKYO,
    );
    expect(byHour(log)[23]).toEqual({ name: '23:00', count: 2 });
    expect(byHour(log)[7]).toEqual({ name: '07:00', count: 1 });
    expect(byWeekday(log).map((d) => d.count)).toEqual([1, 1, 0, 0, 0, 0, 1]);
    expect(byWeekday(log)[0]!.name).toBe('Monday');
    expect(byFeeling(log)).toEqual([
      { name: 'Lonely', count: 2 },
      { name: 'Missing them', count: 1 },
    ]);
    expect(byHour(null)).toHaveLength(24);
  });
});

describe('per person and per site', () => {
  const person = (id: string, alias: string): Person => ({ id, alias, identifiers: [], addedAt: 1 });
  const custom: CustomSite = {
    id: 'custom-forum',
    name: 'Book club',
    pattern: 'https://forum.example.com/*',
    kind: 'profile',
    identify: { by: 'url', after: '/members/' },
    addedAt: 1,
  };

  it('names many people by alias, most first; removed people are one row', () => {
    const people = Array.from({ length: 150 }, (_, i) => person(`p${i}`, `Person ${i}`));
    const attempts = people.flatMap((p, i) => Array.from({ length: (i % 5) + 1 }, () => attempt(i * 1000, 'left', { personId: p.id })));
    attempts.push(attempt(1, 'left', { personId: 'gone-1' }), attempt(2, 'left', { personId: 'gone-2' }));
    const counts = byPerson(summarize(attempts, NY), { people });
    expect(counts).toHaveLength(151);
    expect(counts[0]).toEqual({ name: 'Person 104', count: 5 });
    expect(counts.find((c) => c.name === 'Someone you removed')).toEqual({ name: 'Someone you removed', count: 2 });
    expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(attempts.length);
  });

  it('names built-in sites by their adapter, custom sites by the user’s name', () => {
    const log = summarize(
      [attempt(1, 'left'), attempt(2, 'left'), attempt(3, 'left', { site: 'custom-forum' }), attempt(4, 'left', { site: 'whatsapp' }), attempt(5, 'left', { site: 'custom-gone' })],
      NY,
    );
    expect(bySite(log, { customSites: [custom] })).toEqual([
      { name: 'Instagram', count: 2 },
      { name: 'A site you removed', count: 1 },
      { name: 'Book club', count: 1 },
      { name: 'WhatsApp Web', count: 1 },
    ]);
  });
});

describe('relative time', () => {
  const clock = clockAt(NY, '2026-11-20 09:00');
  it('speaks in minutes, hours, calendar days and weeks', () => {
    expect(relativeTime(clock.now - 10_000, clock)).toBe('just now');
    expect(relativeTime(clock.now - 5 * 60_000, clock)).toBe('5 minutes ago');
    expect(relativeTime(local(NY, '2026-11-20 06:00'), clock)).toBe('3 hours ago');
    expect(relativeTime(local(NY, '2026-11-19 23:00'), clock)).toBe('yesterday');
    expect(relativeTime(local(NY, '2026-11-17 23:00'), clock)).toBe('3 days ago');
    expect(relativeTime(local(NY, '2026-11-06 12:00'), clock)).toBe('2 weeks ago');
    expect(relativeTime(local(NY, '2026-08-06 12:00'), clock)).toBe('3 months ago');
  });
});

describe('a range of days', () => {
  it('runs from local midnight to local midnight, 25 hours on the day DST ends', () => {
    const [start, end] = dayRange('2026-11-01', '2026-11-01', NY);
    expect(start).toBe(local(NY, '2026-11-01 00:00'));
    expect(end).toBe(local(NY, '2026-11-02 00:00'));
    expect((end - start) / 3_600_000).toBe(25);
    expect(dayRange(null, null, TOKYO)).toEqual([-Infinity, Infinity]);
    expect(dayRange('2026-11-03', null, TOKYO)[0]).toBe(Date.UTC(2026, 10, 2, 15));
  });
});
