import { afterEach, describe, expect, it, vi } from 'vitest';
import { pickReminder } from '@/utils/model/reminder';

const reminders = ['first', 'second', 'third'];

/** The reminder shown at a wall-clock time in a timezone (TZ is read by Date on every call). */
function shownAt(timeZone: string, localTime: string): string {
  process.env.TZ = timeZone;
  vi.setSystemTime(new Date(localTime));
  return pickReminder(reminders);
}

describe('the reminder of the day', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    vi.useRealTimers();
    process.env.TZ = tz;
  });

  // [timezone, early that day, late that day (the UTC date differs from the early one), the next morning]
  it.each([
    ['America/Los_Angeles', '2026-03-10T00:30:00', '2026-03-10T23:30:00', '2026-03-11T00:30:00'],
    ['Pacific/Auckland', '2026-03-10T00:30:00', '2026-03-10T23:30:00', '2026-03-11T00:30:00'],
    ['Asia/Kolkata', '2026-03-10T00:30:00', '2026-03-10T23:30:00', '2026-03-11T00:30:00'],
    ['UTC', '2026-03-10T00:30:00', '2026-03-10T23:30:00', '2026-03-11T00:30:00'],
  ])('in %s it is the same all day and changes at local midnight', (timeZone, early, late, nextMorning) => {
    vi.useFakeTimers();
    const today = shownAt(timeZone, early);
    expect(shownAt(timeZone, late)).toBe(today);
    const tomorrow = shownAt(timeZone, nextMorning);
    expect(tomorrow).not.toBe(today);
    expect(reminders.indexOf(tomorrow)).toBe((reminders.indexOf(today) + 1) % reminders.length);
  });

  it('is the same for everyone on the same calendar day, wherever they are', () => {
    vi.useFakeTimers();
    expect(shownAt('Pacific/Auckland', '2026-03-10T09:00:00')).toBe(shownAt('America/Los_Angeles', '2026-03-10T09:00:00'));
  });

  it('is empty with no reminders', () => {
    expect(pickReminder([])).toBe('');
  });
});
