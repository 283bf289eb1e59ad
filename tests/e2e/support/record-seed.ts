import { addDays, startOfDay } from 'date-fns';

/**
 * A log as a person would have it after three weeks: 40 attempts with two people on two sites,
 * three of them continued (20, 12 and 5 days ago), two today. Days are local days of this
 * machine's zone, which the browser the tests start shares.
 */
export const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };
export const alex = { id: 'p-alex', alias: 'A.', identifiers: [{ kind: 'name', value: 'Alex Kim', site: 'whatsapp' }] };

export interface SeedAttempt {
  id: string;
  startedAt: number;
  personId: string;
  site: string;
  kind: 'profile' | 'thread';
  outcome: 'left' | 'closed' | 'continued';
  endedAt: number;
  secondsOnScreen: number;
  journalWritten: boolean;
  feeling: string | null;
  tabId: null;
  abandonedAt: null;
}

/** `hour` o'clock `daysAgo` local days before `now`; today's are a few seconds before now. */
export function localTime(now: number, daysAgo: number, hour: number, minute = 0): number {
  if (daysAgo === 0) return Math.max(startOfDay(now).getTime(), now - (hour + 1) * 1000);
  const day = addDays(startOfDay(now), -daysAgo);
  day.setHours(hour, minute);
  return day.getTime();
}

export function threeWeeks(now: number): SeedAttempt[] {
  const attempts: SeedAttempt[] = [];
  const add = (daysAgo: number, hour: number, person: string, site: string, outcome: SeedAttempt['outcome'], feeling: string | null = null) => {
    const startedAt = localTime(now, daysAgo, hour, attempts.length % 60);
    attempts.push({
      id: `seed-${String(attempts.length).padStart(2, '0')}`,
      startedAt,
      personId: person,
      site,
      kind: site === 'whatsapp' ? 'thread' : 'profile',
      outcome,
      endedAt: startedAt + 12_000,
      secondsOnScreen: 12,
      journalWritten: false,
      feeling,
      tabId: null,
      abandonedAt: null,
    });
  };
  add(20, 21, sam.id, 'instagram', 'continued', 'missing-them');
  add(12, 22, alex.id, 'whatsapp', 'continued', 'lonely');
  add(5, 23, sam.id, 'instagram', 'continued', 'lonely');
  add(0, 1, sam.id, 'instagram', 'left', 'lonely');
  add(0, 2, alex.id, 'whatsapp', 'left');
  // 35 more over days 1 to 20: Sam on Instagram twice as often as Alex on WhatsApp, mostly at night.
  for (let i = 0; i < 35; i++) {
    const withAlex = i % 3 === 2;
    add(1 + (i % 20), 19 + (i % 5), withAlex ? alex.id : sam.id, withAlex ? 'whatsapp' : 'instagram', i % 7 === 0 ? 'closed' : 'left', i % 4 === 0 ? 'bored' : null);
  }
  return attempts;
}
