import { z } from './zod';

/**
 * The time the extension has seen pass, which the protection lock's cool-off is counted in: the
 * system clock is the user's to move, and a removal held for 7 days must not apply because the
 * clock was moved 8 days on. The background looks at the clock once a minute while a change is
 * held (an alarm), at every start and before every change it handles, and counts each step
 * between two looks, up to a few minutes: a step back counts nothing, a jump forward (the clock
 * moved, or the computer asleep, or the browser closed) counts no more than a late look would.
 * A held change applies once both have passed: its time by the wall clock (never earlier than
 * the date the user was shown) and its cool-off in time seen. Pure.
 */
export const LockClock = z.object({
  /** The wall clock at the last look. */
  wallAt: z.int().check(z.nonnegative()),
  /** All the time seen pass, in milliseconds. */
  seenMs: z.int().check(z.nonnegative()),
});
export type LockClock = z.infer<typeof LockClock>;

/** How often the background looks while a change is held. */
export const LOOK_EVERY_MINUTES = 1;
/** The most one step between two looks counts: a look a little late (a busy or waking worker). */
export const MAX_STEP_MS = 5 * 60_000;

/** The clock after a look at `now` (the first look starts it). */
export function look(clock: LockClock | null, now: number): LockClock {
  if (!clock) return { wallAt: now, seenMs: 0 };
  const step = Math.min(Math.max(now - clock.wallAt, 0), MAX_STEP_MS);
  return { wallAt: now, seenMs: clock.seenMs + step };
}

/** A held change's two times: by the wall clock, and (for those held since the clock counts) in time seen. */
export interface Held {
  appliesAt: number;
  seenDue?: number | undefined;
}

/** Whether a held change's time has come, by both clocks. */
export function isDue(held: Held, clock: LockClock, now: number): boolean {
  return now >= held.appliesAt && (held.seenDue === undefined || clock.seenMs >= held.seenDue);
}

/** How long at the least until a held change's time comes (for the next look's alarm). */
export function leastUntilDue(held: Held, clock: LockClock, now: number): number {
  return Math.max(held.appliesAt - now, held.seenDue === undefined ? 0 : held.seenDue - clock.seenMs, 0);
}
