import { describe, expect, it } from 'vitest';
import { abandoned, ABANDON_GRACE_MS, cameBack, chose, CLOSING_MS, ended, settled, started, START_BELIEVED_MS, tabsClosed, type Put } from '@/utils/model/attempt-lifecycle';
import type { Attempt } from '@/utils/model/schema';

const NOW = 1_800_000_000_000;
const attempt = (extra: Partial<Attempt> = {}): Attempt => ({
  id: 'a1',
  startedAt: NOW - 20_000,
  personId: 'sam',
  site: 'instagram',
  kind: 'profile',
  outcome: 'pending',
  endedAt: null,
  secondsOnScreen: null,
  journalWritten: false,
  feeling: null,
  tabId: 7,
  abandonedAt: null,
  ...extra,
});
const endedAt = (extra: Partial<Attempt>, at = NOW) => attempt({ endedAt: at, tabId: null, abandonedAt: null, ...extra });
const ref = { attemptId: 'a2', personId: 'sam', site: 'instagram', kind: 'profile' as const, startedAt: NOW - 1_000 };

interface Case {
  name: string;
  puts: () => Put[];
  expected: Put[];
}

/** Each rule of an attempt's life, and the rows it asks the log to write. */
const cases: Case[] = [
  // Started.
  {
    name: 'a first screen in the tab: a new pending attempt, started when the page says',
    puts: () => started(ref, 7, [], NOW).puts,
    expected: [[null, attempt({ id: 'a2', startedAt: NOW - 1_000 })]],
  },
  {
    name: 'a start time from the future is now',
    puts: () => started({ ...ref, startedAt: NOW + 60_000 }, 7, [], NOW).puts,
    expected: [[null, attempt({ id: 'a2', startedAt: NOW })]],
  },
  {
    name: 'a start time from long ago is believed back a day only',
    puts: () => started({ ...ref, startedAt: 0 }, 7, [], NOW).puts,
    expected: [[null, attempt({ id: 'a2', startedAt: NOW - START_BELIEVED_MS })]],
  },
  {
    name: 'the same person again in the tab (a reload): the attempt carried over to the new id, keeping its start',
    puts: () => started(ref, 7, [attempt({ abandonedAt: NOW - 500 })], NOW).puts,
    expected: [[attempt({ abandonedAt: NOW - 500 }), attempt({ id: 'a2', abandonedAt: null })]],
  },
  {
    name: 'someone else pending in the tab: that one was left, this one starts',
    puts: () => started(ref, 7, [attempt({ id: 'jo1', personId: 'jo' })], NOW).puts,
    expected: [
      [attempt({ id: 'jo1', personId: 'jo' }), endedAt({ id: 'jo1', personId: 'jo', outcome: 'left', secondsOnScreen: 20 })],
      [null, attempt({ id: 'a2', startedAt: NOW - 1_000 })],
    ],
  },
  {
    name: 'ended attempts in the tab are left as they are',
    puts: () => started(ref, 7, [endedAt({ id: 'old', outcome: 'left', secondsOnScreen: 3 })], NOW).puts,
    expected: [[null, attempt({ id: 'a2', startedAt: NOW - 1_000 })]],
  },
  // Came back.
  { name: 'a start heard again for a screen still up: nothing', puts: () => cameBack(attempt()), expected: [] },
  {
    name: 'a start heard for a screen whose page had gone away: not abandoned any more',
    puts: () => cameBack(attempt({ abandonedAt: NOW - 1 })),
    expected: [[attempt({ abandonedAt: NOW - 1 }), attempt()]],
  },
  // Chose.
  {
    name: 'Leave: ended as left, with the time on the screen',
    puts: () => chose(attempt(), { outcome: 'left', feeling: null, journalWritten: false }, NOW),
    expected: [[attempt(), endedAt({ outcome: 'left', secondsOnScreen: 20 })]],
  },
  {
    name: 'Continue with a feeling and words in the journal',
    puts: () => chose(attempt(), { outcome: 'continued', feeling: 'lonely', journalWritten: true }, NOW),
    expected: [[attempt(), endedAt({ outcome: 'continued', secondsOnScreen: 20, feeling: 'lonely', journalWritten: true })]],
  },
  {
    name: 'a choice heard for an attempt already ended: nothing',
    puts: () => chose(endedAt({ outcome: 'left', secondsOnScreen: 3 }), { outcome: 'continued', feeling: null, journalWritten: false }, NOW),
    expected: [],
  },
  // Abandoned.
  {
    name: 'the page went away (a reload may bring it back): marked, still pending',
    puts: () => abandoned(attempt(), false, NOW),
    expected: [[attempt(), attempt({ abandonedAt: NOW })]],
  },
  {
    name: 'the tab closed with the screen up: closed',
    puts: () => abandoned(attempt(), true, NOW),
    expected: [[attempt(), endedAt({ outcome: 'closed', secondsOnScreen: 20 })]],
  },
  {
    name: 'the tab closed long after its page went away: the user had left it',
    puts: () => tabsClosed([attempt({ abandonedAt: NOW - CLOSING_MS - 1 })], [], NOW),
    expected: [[attempt({ abandonedAt: NOW - CLOSING_MS - 1 }), endedAt({ outcome: 'left', secondsOnScreen: 17 }, NOW - CLOSING_MS - 1)]],
  },
  {
    name: 'the tab closed just after its page went away (its unload came first): closed, ended when it went',
    puts: () => tabsClosed([attempt({ abandonedAt: NOW - 500 })], [], NOW),
    expected: [[attempt({ abandonedAt: NOW - 500 }), endedAt({ outcome: 'closed', secondsOnScreen: 19.5 }, NOW - 500)]],
  },
  { name: 'a pending attempt whose tab is still open: nothing', puts: () => tabsClosed([attempt()], [7], NOW), expected: [] },
  // Settled.
  { name: 'an abandoned screen within the grace: nothing yet', puts: () => settled([attempt({ abandonedAt: NOW - ABANDON_GRACE_MS + 1 })], NOW), expected: [] },
  {
    name: 'an abandoned screen that did not come back within the grace: left, when it went',
    puts: () => settled([attempt({ abandonedAt: NOW - ABANDON_GRACE_MS })], NOW),
    expected: [[attempt({ abandonedAt: NOW - ABANDON_GRACE_MS }), endedAt({ outcome: 'left', secondsOnScreen: 10 }, NOW - ABANDON_GRACE_MS)]],
  },
  { name: 'a screen still up is not settled', puts: () => settled([attempt()], NOW + 10 * ABANDON_GRACE_MS), expected: [] },
];

describe('an attempt’s life', () => {
  it.each(cases)('$name', ({ puts, expected }) => {
    expect(puts()).toEqual(expected);
  });

  it('the attempt a start returns is the one it writes last', () => {
    const { attempt: carried, puts } = started(ref, 7, [attempt()], NOW);
    expect(carried).toEqual(puts.at(-1)![1]);
  });

  it('the seconds on the screen are never negative (a clock moved back)', () => {
    expect(ended(attempt({ startedAt: NOW + 5_000 }), 'left', NOW).secondsOnScreen).toBe(0);
  });
});
