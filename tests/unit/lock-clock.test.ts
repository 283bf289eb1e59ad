import { describe, expect, it } from 'vitest';
import { isDue, leastUntilDue, look, MAX_STEP_MS, type LockClock } from '@/utils/model/lock-clock';

const T0 = 1_800_000_000_000;
const MIN = 60_000;
const at = (seenMs: number, wallAt = T0): LockClock => ({ wallAt, seenMs });

describe('the lock’s clock: the time the extension has seen pass', () => {
  it.each([
    ['the first look starts it', null, T0, at(0)],
    ['a minute between looks is a minute seen', at(0), T0 + MIN, at(MIN, T0 + MIN)],
    ['a look a little late still counts', at(0), T0 + 4 * MIN, at(4 * MIN, T0 + 4 * MIN)],
    ['the clock moved 8 days on: a step counts no more than a late look', at(0), T0 + 8 * 24 * 60 * MIN, at(MAX_STEP_MS, T0 + 8 * 24 * 60 * MIN)],
    ['the clock moved back: nothing counted, and counting goes on from there', at(10 * MIN), T0 - 60 * MIN, at(10 * MIN, T0 - 60 * MIN)],
  ] as const)('%s', (_name, clock, now, after) => {
    expect(look(clock, now)).toEqual(after);
  });

  it('a day seen is a day of looks a minute apart', () => {
    let clock = look(null, T0);
    for (let minute = 1; minute <= 24 * 60; minute++) clock = look(clock, T0 + minute * MIN);
    expect(clock.seenMs).toBe(24 * 60 * MIN);
  });

  it.each([
    ['neither time has come', { appliesAt: T0 + 10, seenDue: 100 }, at(50), T0, false, 50],
    ['the wall clock says yes, the time seen no (the clock was moved)', { appliesAt: T0 - 1, seenDue: 100 }, at(50), T0, false, 50],
    ['the time seen says yes, the wall clock no (never before the date shown)', { appliesAt: T0 + 10, seenDue: 100 }, at(200), T0, false, 10],
    ['both', { appliesAt: T0, seenDue: 100 }, at(100), T0, true, 0],
    ['held before the clock was counted: by the wall clock alone', { appliesAt: T0 }, at(0), T0, true, 0],
  ] as const)('%s', (_name, held, clock, now, due, least) => {
    expect(isDue(held, clock, now)).toBe(due);
    expect(leastUntilDue(held, clock, now)).toBe(least);
  });
});
