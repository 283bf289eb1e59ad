import { describe, expect, it } from 'vitest';
import { carry, decide, initialState, BLANK_GRACE_MS, LEAVING_MS, report, type Decision, type Found, type Report, type WatchEvent, type ThreadReading, type WatchState } from '@/entrypoints/watch.content/decide';
import type { Person } from '@/utils/model/schema';
import type { Sighting } from '@/utils/sites/types';

const NOW = 1_800_000_000_000;
const person = (id: string): Person => ({ id, alias: id.toUpperCase(), identifiers: [{ kind: 'handle', value: id, site: 'instagram' }], addedAt: 1 });
/** How the page names a person: by the key of their handle. */
const key = (who: Person) => `handle:${who.id}`;
const sam = person('sam');
const jo = person('jo');
const found = (who: Person, kind: Found['kind'] = 'profile', leavesInPlace = false): Found => ({
  person: who,
  kind,
  seen: { kind: 'handle', value: who.id },
  leavesInPlace,
});

const SAMS_PAGE = 'https://www.instagram.com/sam/';
const HOME = 'https://www.instagram.com/';
// A page looked at before; with `paused`, a screen was put up on their page.
const looked = { ...initialState('instagram').carry, looked: true };
const state = (extra: Partial<WatchState> = {}): WatchState => ({
  ...initialState('instagram'),
  carry: looked,
  snoozeMinutes: 10,
  ...(extra.paused ? { pausedOn: { url: SAMS_PAGE, blankSince: null, named: [key(extra.paused.person)] } } : {}),
  ...extra,
});
// Nobody watched on the page: by default it names nobody at all (`someoneElse`: it names someone not watched).
const page = (who: Found | null, url = SAMS_PAGE, someoneElse = false): WatchEvent => ({
  type: 'page',
  url,
  found: who,
  named: [...(who ? [key(who.person)] : []), ...(someoneElse ? ['name:someone else'] : [])],
});

interface Case {
  name: string;
  state: WatchState;
  sighting: WatchEvent;
  decision: Decision;
  /** What changes in the state (the rest stays as it was). */
  changes?: Partial<WatchState>;
}

const cases: Case[] = [
  // The first look at a page, and coming back from the back/forward cache.
  {
    name: 'the first look at the page is remembered',
    state: { ...state(), carry: { ...looked, looked: false } },
    sighting: page(null, HOME),
    decision: { do: 'letThrough' },
    changes: { carry: looked },
  },
  {
    name: 'back from the cache: a Leave and a Continue on the way out are over, the next look decides',
    state: state({ leaving: { personId: 'sam', from: SAMS_PAGE, until: NOW + 1 }, through: { personId: 'jo', kind: 'profile', until: null, url: HOME, blankSince: null } }),
    sighting: { type: 'shownAgain' },
    decision: { do: 'nothing' },
    changes: { leaving: null, through: null, backFromCache: true },
  },
  {
    name: 'back from the cache still showing them: the screen kept over the page goes on',
    state: state({ paused: found(sam), backFromCache: true }),
    sighting: page(found(sam)),
    decision: { do: 'resume' },
    changes: { backFromCache: false },
  },
  {
    name: 'back from the cache showing someone else: their screen instead, no resume',
    state: state({ paused: found(sam), backFromCache: true }),
    sighting: page(found(jo)),
    decision: { do: 'show', found: found(jo) },
    changes: { paused: found(jo), pausedOn: { url: SAMS_PAGE, blankSince: null, named: [key(jo)] }, backFromCache: false },
  },
  {
    name: 'back from the cache showing nobody: the screen stays for the blank grace, not resumed',
    state: state({ paused: found(sam), backFromCache: true }),
    sighting: page(null),
    decision: { do: 'nothing' },
    changes: { backFromCache: false, pausedOn: { url: SAMS_PAGE, blankSince: NOW, named: [key(sam)] } },
  },
  // Presses and keys in the page (followed where a link is replaced in place).
  {
    name: 'a press in the page with no screen up is remembered',
    state: state(),
    sighting: { type: 'touched' },
    decision: { do: 'nothing' },
    changes: { carry: { ...looked, touched: true } },
  },
  { name: 'a press while the screen is up is on the screen: not counted', state: state({ paused: found(sam) }), sighting: { type: 'touched' }, decision: { do: 'nothing' } },
  {
    name: 'a new screen forgets the presses before it',
    state: state({ carry: { ...looked, touched: true } }),
    sighting: page(found(sam)),
    decision: { do: 'show', found: found(sam) },
    changes: { paused: found(sam), pausedOn: { url: SAMS_PAGE, blankSince: null, named: [key(sam)] }, carry: looked },
  },
  // The page.
  { name: 'nobody watched on the page: let it through', state: state(), sighting: page(null, HOME), decision: { do: 'letThrough' } },
  {
    name: 'a watched person: show the screen',
    state: state(),
    sighting: page(found(sam)),
    decision: { do: 'show', found: found(sam) },
    changes: { paused: found(sam), pausedOn: { url: SAMS_PAGE, blankSince: null, named: [key(sam)] } },
  },
  { name: 'the screen is already up for them: nothing', state: state({ paused: found(sam) }), sighting: page(found(sam)), decision: { do: 'nothing' } },
  {
    name: 'someone else now: show the screen for them instead',
    state: state({ paused: found(sam) }),
    sighting: page(found(jo)),
    decision: { do: 'show', found: found(jo) },
    changes: { paused: found(jo), pausedOn: { url: SAMS_PAGE, blankSince: null, named: [key(jo)] } },
  },
  {
    name: 'the person is gone from the page: dismiss',
    state: state({ paused: found(sam) }),
    sighting: page(null, HOME),
    decision: { do: 'dismiss' },
    changes: { paused: null, pausedOn: null },
  },
  {
    name: 'snoozed on this site: let them through',
    state: state({ snoozes: [{ personId: 'sam', site: 'instagram', until: NOW + 1 }] }),
    sighting: page(found(sam)),
    decision: { do: 'letThrough' },
  },
  {
    name: 'a snooze that ran out: show',
    state: state({ snoozes: [{ personId: 'sam', site: 'instagram', until: NOW }] }),
    sighting: page(found(sam)),
    decision: { do: 'show', found: found(sam) },
    changes: { paused: found(sam), pausedOn: { url: SAMS_PAGE, blankSince: null, named: [key(sam)] } },
  },
  {
    name: 'snoozed on another site only: show',
    state: state({ snoozes: [{ personId: 'sam', site: 'x', until: NOW + 60_000 }] }),
    sighting: page(found(sam)),
    decision: { do: 'show', found: found(sam) },
    changes: { paused: found(sam), pausedOn: { url: SAMS_PAGE, blankSince: null, named: [key(sam)] } },
  },
  {
    name: 'the screen is up and a snoozed person shows: the screen stays',
    state: state({ paused: found(jo), snoozes: [{ personId: 'sam', site: 'instagram', until: NOW + 1 }] }),
    sighting: page(found(sam)),
    decision: { do: 'nothing' },
  },
  // Leaving.
  {
    name: 'leaving them, and the address has not changed yet: wait',
    state: state({ leaving: { personId: 'sam', from: SAMS_PAGE, until: NOW + 1 } }),
    sighting: page(found(sam)),
    decision: { do: 'nothing' },
  },
  {
    name: 'leaving them, and going back landed on them again: go home',
    state: state({ leaving: { personId: 'sam', from: SAMS_PAGE, until: NOW + 1 } }),
    sighting: page(found(sam), 'https://www.instagram.com/sam/tagged/'),
    decision: { do: 'leave', to: 'home' },
  },
  {
    name: 'leaving them, and someone else shows: show',
    state: state({ leaving: { personId: 'sam', from: SAMS_PAGE, until: NOW + 1 } }),
    sighting: page(found(jo), 'https://www.instagram.com/jo/'),
    decision: { do: 'show', found: found(jo) },
    changes: { paused: found(jo), pausedOn: { url: 'https://www.instagram.com/jo/', blankSince: null, named: [key(jo)] } },
  },
  {
    name: 'left them long enough ago: show again',
    state: state({ leaving: { personId: 'sam', from: SAMS_PAGE, until: NOW } }),
    sighting: page(found(sam)),
    decision: { do: 'show', found: found(sam) },
    changes: { paused: found(sam), pausedOn: { url: SAMS_PAGE, blankSince: null, named: [key(sam)] } },
  },
  // The send check.
  {
    name: 'their thread still open after Continue: the send check stays',
    state: state({ sendCheck: 'sam', snoozes: [{ personId: 'sam', site: 'instagram', until: NOW + 1 }] }),
    sighting: page(found(sam, 'thread')),
    decision: { do: 'letThrough' },
  },
  {
    name: 'their thread closed: the send check goes',
    state: state({ sendCheck: 'sam' }),
    sighting: page(null, HOME),
    decision: { do: 'letThrough' },
    changes: { sendCheck: null },
  },
  {
    name: 'their profile instead of their thread: the send check goes',
    state: state({ sendCheck: 'sam', snoozes: [{ personId: 'sam', site: 'instagram', until: NOW + 1 }] }),
    sighting: page(found(sam, 'profile')),
    decision: { do: 'letThrough' },
    changes: { sendCheck: null },
  },
  {
    name: "someone else's thread: the send check goes, and they are paused",
    state: state({ sendCheck: 'sam' }),
    sighting: page(found(jo, 'thread')),
    decision: { do: 'show', found: found(jo, 'thread') },
    changes: { sendCheck: null, paused: found(jo, 'thread'), pausedOn: { url: SAMS_PAGE, blankSince: null, named: [key(jo)] } },
  },
  // Choices on the screen.
  {
    name: 'Leave on a profile: go back, and do not pause them meanwhile',
    state: state({ paused: found(sam) }),
    sighting: { type: 'chose', outcome: 'left', url: SAMS_PAGE },
    decision: { do: 'leave', to: 'back', closeChat: null },
    changes: { paused: null, pausedOn: null, leaving: { personId: 'sam', from: SAMS_PAGE, until: NOW + LEAVING_MS } },
  },
  {
    name: 'Leave in a chat: close the chat (or go back)',
    state: state({ paused: found(sam, 'thread') }),
    sighting: { type: 'chose', outcome: 'left', url: HOME },
    decision: { do: 'leave', to: 'back', closeChat: { kind: 'handle', value: 'sam' } },
    changes: { paused: null, pausedOn: null, leaving: { personId: 'sam', from: HOME, until: NOW + LEAVING_MS } },
  },
  {
    name: 'Leave in a compose window: left in place, nothing more',
    state: state({ paused: found(sam, 'compose', true) }),
    sighting: { type: 'chose', outcome: 'left', url: HOME },
    decision: { do: 'nothing' },
    changes: { paused: null, pausedOn: null },
  },
  {
    name: 'Leave in a compose window that cannot be left in place: go back',
    state: state({ paused: found(sam, 'compose') }),
    sighting: { type: 'chose', outcome: 'left', url: HOME },
    decision: { do: 'leave', to: 'back', closeChat: null },
    changes: { paused: null, pausedOn: null, leaving: { personId: 'sam', from: HOME, until: NOW + LEAVING_MS } },
  },
  {
    name: 'Continue on a profile: let them through here at once, for the snooze',
    state: state({ paused: found(sam) }),
    sighting: { type: 'chose', outcome: 'continued', url: SAMS_PAGE },
    decision: { do: 'letThrough' },
    changes: {
      paused: null, pausedOn: null,
      through: { personId: 'sam', kind: 'profile', until: NOW + 10 * 60_000, url: SAMS_PAGE, blankSince: null },
      snoozes: [{ personId: 'sam', site: 'instagram', until: NOW + 10 * 60_000 }],
    },
  },
  {
    name: 'Continue into a thread: let them through and arm the send check',
    state: state({ paused: found(sam, 'thread') }),
    sighting: { type: 'chose', outcome: 'continued', url: SAMS_PAGE },
    decision: { do: 'armSendCheck', person: sam },
    changes: {
      paused: null, pausedOn: null,
      sendCheck: 'sam',
      through: { personId: 'sam', kind: 'thread', until: NOW + 10 * 60_000, url: SAMS_PAGE, blankSince: null },
      snoozes: [{ personId: 'sam', site: 'instagram', until: NOW + 10 * 60_000 }],
    },
  },
  {
    name: 'their chat opened by a Continue on the pause page (a snooze that asks on send): let through, the send check armed once',
    state: state({ snoozes: [{ personId: 'sam', site: 'instagram', until: NOW + 10 * 60_000, sendCheckUntil: NOW + 60_000 }] }),
    sighting: page(found(sam, 'thread')),
    decision: { do: 'armSendCheck', person: sam },
    changes: {
      sendCheck: 'sam',
      stopSendCheck: true,
      through: { personId: 'sam', kind: 'thread', until: NOW + 10 * 60_000, url: SAMS_PAGE, blankSince: null },
    },
  },
  {
    name: 'the same chat looked at again, the send check already armed on this page: nothing more',
    state: state({
      snoozes: [{ personId: 'sam', site: 'instagram', until: NOW + 10 * 60_000, sendCheckUntil: NOW + 60_000 }],
      stopSendCheck: true,
      sendCheck: null,
    }),
    sighting: page(found(sam, 'thread')),
    decision: { do: 'letThrough' },
    changes: {},
  },
  {
    name: 'a chat opened after the pause page’s minute is over: an ordinary snooze, no send check',
    state: state({ snoozes: [{ personId: 'sam', site: 'instagram', until: NOW + 10 * 60_000, sendCheckUntil: NOW - 1 }] }),
    sighting: page(found(sam, 'thread')),
    decision: { do: 'letThrough' },
    changes: {},
  },
  {
    name: 'their profile let through from the pause page: no send check on a profile',
    state: state({ snoozes: [{ personId: 'sam', site: 'instagram', until: NOW + 10 * 60_000, sendCheckUntil: NOW + 60_000 }] }),
    sighting: page(found(sam)),
    decision: { do: 'letThrough' },
    changes: {},
  },
  {
    name: 'Continue on a profile with a send check armed for someone else: it goes',
    state: state({ paused: found(sam), sendCheck: 'jo' }),
    sighting: { type: 'chose', outcome: 'continued', url: SAMS_PAGE },
    decision: { do: 'letThrough' },
    changes: {
      paused: null, pausedOn: null,
      sendCheck: null,
      through: { personId: 'sam', kind: 'profile', until: NOW + 10 * 60_000, url: SAMS_PAGE, blankSince: null },
      snoozes: [{ personId: 'sam', site: 'instagram', until: NOW + 10 * 60_000 }],
    },
  },
  { name: 'a choice with no screen up: nothing', state: state(), sighting: { type: 'chose', outcome: 'left', url: SAMS_PAGE }, decision: { do: 'nothing' } },
  // Settings and snoozes.
  {
    name: 'new snoozes and settings, people still watched: remembered, and the page is looked at next',
    state: state({ paused: found(sam) }),
    sighting: { type: 'watched', snoozes: [{ personId: 'sam', site: 'instagram', until: NOW + 1 }], snoozeMinutes: 5, empty: false },
    decision: { do: 'nothing' },
    changes: { snoozes: [{ personId: 'sam', site: 'instagram', until: NOW + 1 }], snoozeMinutes: 5 },
  },
  {
    name: 'nobody watched here any more, with the screen up: dismiss, and no send check',
    state: state({ paused: found(sam), sendCheck: 'jo' }),
    sighting: { type: 'watched', snoozes: [], snoozeMinutes: 10, empty: true },
    decision: { do: 'dismiss' },
    changes: { paused: null, pausedOn: null, sendCheck: null },
  },
  {
    name: 'nobody watched here: let the page through',
    state: state({ sendCheck: 'jo' }),
    sighting: { type: 'watched', snoozes: [], snoozeMinutes: 10, empty: true },
    decision: { do: 'letThrough' },
    changes: { sendCheck: null },
  },
];

describe('decide', () => {
  it.each(cases)('$name', ({ state: before, sighting, decision, changes }) => {
    const frozen = structuredClone(before);
    const result = decide(before, sighting, NOW);
    expect(result.decision).toEqual(decision);
    expect(result.state).toEqual({ ...before, ...changes });
    // Pure: the state it was given is not changed.
    expect(before).toEqual(frozen);
  });

  // A chat re-rendered under the screen names nobody for a few frames: taking the screen down would
  // paint the page beneath for a frame, and start the countdown again.
  it('the screen up for them stays over a blank of a moment on the same address, and goes after longer', () => {
    const up = decide(state(), page(found(sam, 'thread')), NOW).state;
    const blank = decide(up, page(null), NOW + 100);
    expect(blank.decision).toEqual({ do: 'nothing' });
    expect(blank.state.paused).toEqual(found(sam, 'thread'));
    const back = decide(blank.state, page(found(sam, 'thread')), NOW + 100 + BLANK_GRACE_MS - 1);
    expect(back.decision).toEqual({ do: 'nothing' });
    expect(back.state.pausedOn).toEqual({ url: SAMS_PAGE, blankSince: null, named: [key(sam)] });
    // Still blank after the grace: gone.
    const stillBlank = decide(blank.state, page(null), NOW + 100 + BLANK_GRACE_MS);
    expect(stillBlank.decision).toEqual({ do: 'dismiss' });
    expect(stillBlank.state.paused).toBeNull();
  });

  // Facebook's chat pop-ups: another person's pop-up left open beside theirs stays named while
  // theirs re-renders. That is still a blank of theirs; someone the page did not name before is not.
  it('the screen up for them stays while their chat re-renders beside another chat left open; someone new named takes it down at once', () => {
    const withJo = (who: Found | null, ...more: string[]): WatchEvent => ({
      type: 'page',
      url: SAMS_PAGE,
      found: who,
      named: [...(who ? [key(who.person)] : []), 'name:jo other', ...more],
    });
    const up = decide(state(), withJo(found(sam, 'thread')), NOW);
    expect(up.decision).toEqual({ do: 'show', found: found(sam, 'thread') });
    expect(up.state.pausedOn).toEqual({ url: SAMS_PAGE, blankSince: null, named: [key(sam), 'name:jo other'] });
    const blank = decide(up.state, withJo(null), NOW + 100);
    expect(blank.decision).toEqual({ do: 'nothing' });
    expect(blank.state.pausedOn?.blankSince).toBe(NOW + 100);
    expect(decide(blank.state, withJo(found(sam, 'thread')), NOW + 200).decision).toEqual({ do: 'nothing' });
    // Theirs gone for longer than a re-render, the other chat still open: the screen goes.
    expect(decide(blank.state, withJo(null), NOW + 100 + BLANK_GRACE_MS).decision).toEqual({ do: 'dismiss' });
    // A chat the page did not show beside theirs: at once.
    expect(decide(up.state, withJo(null, 'name:alex new'), NOW + 100).decision).toEqual({ do: 'dismiss' });
    // The page naming someone new beside them is looked at again: a blank then is measured against that.
    const alexToo = decide(up.state, withJo(found(sam, 'thread'), 'name:alex new'), NOW + 100).state;
    expect(alexToo.pausedOn?.named).toEqual([key(sam), 'name:jo other', 'name:alex new']);
    expect(decide(alexToo, withJo(null, 'name:alex new'), NOW + 200).decision).toEqual({ do: 'nothing' });
  });

  it('after Continue, a blank only while the page names nobody at all: the other chat left open ends the letting through', () => {
    const continued = decide(state({ snoozeMinutes: 0, paused: found(sam, 'thread') }), { type: 'chose', outcome: 'continued', url: SAMS_PAGE }, NOW).state;
    const seen = decide(continued, { type: 'page', url: SAMS_PAGE, found: found(sam, 'thread'), named: [key(sam), 'name:jo other'] }, NOW + 100).state;
    const joOnly = decide(seen, { type: 'page', url: SAMS_PAGE, found: null, named: ['name:jo other'] }, NOW + 200).state;
    expect(joOnly.through).toBeNull();
    expect(joOnly.sendCheck).toBeNull();
  });

  it('the screen goes at once when the page names someone not watched, or on another address', () => {
    const up = decide(state(), page(found(sam, 'thread')), NOW).state;
    expect(decide(up, page(null, SAMS_PAGE, true), NOW + 100).decision).toEqual({ do: 'dismiss' });
    expect(decide(up, page(null, HOME), NOW + 100).decision).toEqual({ do: 'dismiss' });
  });

  it('a Continue lets them through at once, before the background writes the snooze', () => {
    const continued = decide(state({ paused: found(sam) }), { type: 'chose', outcome: 'continued', url: SAMS_PAGE }, NOW).state;
    expect(decide(continued, page(found(sam)), NOW + 1000).decision).toEqual({ do: 'letThrough' });
    expect(decide(continued, page(found(sam)), NOW + 10 * 60_000).decision).toEqual({ do: 'show', found: found(sam) });
  });

  // With no snooze (0 minutes), one Continue is one visit: not a new screen on the page's next
  // change while they are still on it (a chat changes many times a second), but on coming back.
  const continuedNoSnooze = (kind: Found['kind']) =>
    decide(state({ snoozeMinutes: 0, paused: found(sam, kind) }), { type: 'chose', outcome: 'continued', url: SAMS_PAGE }, NOW).state;

  it('no snooze: after Continue, the page still showing them is let through, however long they stay', () => {
    let after = continuedNoSnooze('profile');
    for (const at of [NOW, NOW + 1, NOW + 60_000, NOW + 3 * 3600_000]) {
      const next = decide(after, page(found(sam)), at);
      expect(next.decision).toEqual({ do: 'letThrough' });
      after = next.state;
    }
    expect(after.paused).toBeNull();
  });

  it('no snooze: away from them and back, the screen again', () => {
    const away = decide(continuedNoSnooze('profile'), page(null, HOME), NOW + 1000).state;
    expect(away.through).toBeNull();
    expect(decide(away, page(found(sam)), NOW + 2000).decision).toEqual({ do: 'show', found: found(sam) });
  });

  it('no snooze: from their profile into their chat is a new moment: the screen', () => {
    expect(decide(continuedNoSnooze('profile'), page(found(sam, 'thread')), NOW + 1000).decision).toEqual({
      do: 'show',
      found: found(sam, 'thread'),
    });
  });

  it('no snooze: someone else watched on the page is paused, and the letting through ends', () => {
    const other = decide(continuedNoSnooze('profile'), page(found(jo)), NOW + 1000);
    expect(other.decision).toEqual({ do: 'show', found: found(jo) });
    expect(other.state.through).toBeNull();
  });

  it('no snooze: in their chat after Continue, the send check stays armed while it changes', () => {
    const first = decide(continuedNoSnooze('thread'), page(found(sam, 'thread')), NOW + 1000);
    expect(first.decision).toEqual({ do: 'letThrough' });
    expect(first.state.sendCheck).toBe('sam');
    expect(decide(first.state, page(found(sam, 'thread')), NOW + 2000).decision).toEqual({ do: 'letThrough' });
  });

  // A site re-rendering the chat has it empty for a few frames: that is not leaving them.
  it('no snooze: a blank of a moment on the same address keeps them let through, and the send check armed', () => {
    const seen = decide(continuedNoSnooze('thread'), page(found(sam, 'thread')), NOW + 1000).state;
    const blank = decide(seen, page(null), NOW + 1100);
    expect(blank.decision).toEqual({ do: 'letThrough' });
    expect(blank.state.sendCheck).toBe('sam');
    const stillBlank = decide(blank.state, page(null), NOW + 1200).state;
    const back = decide(stillBlank, page(found(sam, 'thread')), NOW + 1100 + BLANK_GRACE_MS - 1);
    expect(back.decision).toEqual({ do: 'letThrough' });
    expect(back.state.sendCheck).toBe('sam');
    expect(back.state.through).toMatchObject({ personId: 'sam', blankSince: null });
  });

  it('no snooze: their chat closed on the same address and opened again later: the screen', () => {
    const closed = decide(continuedNoSnooze('thread'), page(null), NOW + 1000).state;
    expect(decide(closed, page(found(sam, 'thread')), NOW + 1000 + BLANK_GRACE_MS).decision).toEqual({
      do: 'show',
      found: found(sam, 'thread'),
    });
    // Or the page, still showing nobody, is looked at again after the grace: they are gone.
    const gone = decide(closed, page(null), NOW + 1000 + BLANK_GRACE_MS);
    expect(gone.state.through).toBeNull();
    expect(gone.state.sendCheck).toBeNull();
  });

  it('no snooze: someone not watched on the same address (another chat opened) ends the letting through at once', () => {
    const other = decide(continuedNoSnooze('thread'), page(null, SAMS_PAGE, true), NOW + 1000);
    expect(other.state.through).toBeNull();
    expect(other.state.sendCheck).toBeNull();
    expect(decide(other.state, page(found(sam, 'thread')), NOW + 1100).decision).toEqual({ do: 'show', found: found(sam, 'thread') });
  });

  it('no snooze: nobody on another address ends the letting through at once', () => {
    const away = decide(continuedNoSnooze('thread'), page(null, HOME), NOW + 1000);
    expect(away.state.through).toBeNull();
    expect(away.state.sendCheck).toBeNull();
    expect(decide(away.state, page(found(sam, 'thread')), NOW + 1100).decision).toEqual({ do: 'show', found: found(sam, 'thread') });
  });

  it('nobody watched any more: the letting through ends with the rest', () => {
    const emptied = decide(continuedNoSnooze('profile'), { type: 'watched', empty: true, snoozes: [], snoozeMinutes: 0 }, NOW + 1000);
    expect(emptied.state.through).toBeNull();
  });
});

// Learned threads and the health signal: what the page's reading tells the background.
const THREAD = 'https://www.instagram.com/direct/t/3402/';
const reading = (extra: Partial<ThreadReading> = {}): ThreadReading => ({
  url: THREAD,
  thread: true,
  conversation: { kind: 'conversationId', value: '3402' },
  byAddress: null,
  byPage: null,
  pageRead: false,
  pageAccount: null,
  resolved: false,
  group: false,
  ...extra,
});
const reported = (learned: string[] = [], unread: string[] = []) => state({ reported: { learned, unread } });
const wait: Report = { send: 'nothing', awaitSettle: true };
const quiet: Report = { send: 'nothing', awaitSettle: false };

interface ReportCase {
  name: string;
  state: WatchState;
  reading: ThreadReading;
  settled: boolean;
  report: Report;
  changes?: Partial<WatchState>;
}

const reportCases: ReportCase[] = [
  {
    name: 'the page shows a watched person in a thread its address names: learn it',
    state: state(),
    reading: reading({ byPage: 'sam', pageRead: true }),
    settled: false,
    report: { send: 'learnThread', personId: 'sam', conversation: { kind: 'conversationId', value: '3402' } },
    changes: { reported: { learned: [THREAD], unread: [] } },
  },
  {
    name: 'learned on this address already: not again (no message storm)',
    state: reported([THREAD]),
    reading: reading({ byPage: 'sam', pageRead: true }),
    settled: false,
    report: quiet,
  },
  {
    name: 'the address itself names them (a saved or learned id): nothing to learn',
    state: state(),
    reading: reading({ byAddress: 'sam', byPage: 'sam', pageRead: true }),
    settled: false,
    report: quiet,
  },
  {
    name: 'someone not watched, or a group (nobody’s): nothing to learn, and the chat was read',
    state: state(),
    reading: reading({ pageRead: true }),
    settled: true,
    report: quiet,
  },
  {
    name: 'their chat floats over a page whose address names no conversation: nothing to learn',
    state: state(),
    reading: reading({ thread: false, conversation: null, byPage: 'sam', pageRead: true }),
    settled: false,
    report: quiet,
  },
  {
    name: 'a thread whose address has no id (read from the page only): nothing to learn',
    state: state(),
    reading: reading({ conversation: null, byPage: 'sam', pageRead: true }),
    settled: false,
    report: quiet,
  },
  {
    name: 'the address names them by a handle and the page shows the chat’s account id: wait for the page to settle',
    state: state(),
    reading: reading({ conversation: null, byAddress: 'sam', pageRead: true, pageAccount: '123456789' }),
    settled: false,
    report: wait,
  },
  {
    name: 'still so once settled: learn the account id for them',
    state: state(),
    reading: reading({ conversation: null, byAddress: 'sam', pageRead: true, pageAccount: '123456789' }),
    settled: true,
    report: { send: 'learnThread', personId: 'sam', conversation: { kind: 'accountId', value: '123456789' } },
    changes: { reported: { learned: [THREAD], unread: [] } },
  },
  {
    name: 'the page names someone else watched there: no account is learned for either',
    state: state(),
    reading: reading({ conversation: null, byAddress: 'sam', byPage: 'jo', pageRead: true, pageAccount: '123456789' }),
    settled: true,
    report: quiet,
  },
  {
    name: 'an account learned on this address already: not again',
    state: reported([THREAD]),
    reading: reading({ conversation: null, byAddress: 'sam', pageRead: true, pageAccount: '123456789' }),
    settled: true,
    report: quiet,
  },
  {
    name: 'the app put the chat’s own address in place of a link naming them (Telegram’s tgaddr): learn its id at once',
    state: state(),
    reading: reading({ conversation: { kind: 'accountId', value: '123456789' }, byAddress: 'sam', resolved: true }),
    settled: false,
    report: { send: 'learnThread', personId: 'sam', conversation: { kind: 'accountId', value: '123456789' } },
    changes: { reported: { learned: [THREAD], unread: [] } },
  },
  {
    name: 'a resolved chat learned on this address already: not again',
    state: reported([THREAD]),
    reading: reading({ conversation: { kind: 'accountId', value: '123456789' }, byAddress: 'sam', resolved: true }),
    settled: false,
    report: quiet,
  },
  {
    name: 'a resolved chat whose page names someone else watched: its id is learned for neither',
    state: state(),
    reading: reading({ conversation: { kind: 'accountId', value: '123456789' }, byAddress: 'sam', byPage: 'jo', pageRead: true, resolved: true }),
    settled: true,
    report: quiet,
  },
  {
    name: 'a resolved chat that is a group’s: nothing learned',
    state: state(),
    reading: reading({ conversation: { kind: 'accountId', value: '123456789' }, byAddress: 'sam', resolved: true, group: true }),
    settled: true,
    report: quiet,
  },
  {
    name: 'a group’s chat (the page shows one): read, nobody’s; not counted once settled',
    state: state(),
    reading: reading({ group: true }),
    settled: true,
    report: quiet,
  },
  {
    name: 'a group’s chat before the page settles: nothing to wait for',
    state: state(),
    reading: reading({ group: true }),
    settled: false,
    report: quiet,
  },
  {
    name: 'a group’s chat whose page also names a watched person (mid-change): its id is nobody’s, never learned',
    state: state(),
    reading: reading({ byPage: 'sam', pageRead: true, group: true }),
    settled: false,
    report: quiet,
  },
  {
    name: 'a group’s chat opened by an address that names them: no account is learned from it',
    state: state(),
    reading: reading({ conversation: null, byAddress: 'sam', pageRead: true, pageAccount: '123456789', group: true }),
    settled: true,
    report: quiet,
  },
  {
    name: 'a chat is open and nobody is read yet: wait for the page to settle',
    state: state(),
    reading: reading(),
    settled: false,
    report: wait,
  },
  {
    name: 'still nobody once the page has settled: count it',
    state: state(),
    reading: reading(),
    settled: true,
    report: { send: 'unreadThread' },
    changes: { reported: { learned: [], unread: [THREAD] } },
  },
  {
    name: 'counted on this address already: not again',
    state: reported([], [THREAD]),
    reading: reading(),
    settled: true,
    report: quiet,
  },
  {
    name: 'the address names them though the page does not: caught, not counted',
    state: state(),
    reading: reading({ byAddress: 'sam' }),
    settled: true,
    report: quiet,
  },
  {
    name: 'no conversation open (a feed, a profile): nothing',
    state: state(),
    reading: reading({ thread: false, conversation: null }),
    settled: true,
    report: quiet,
  },
];

describe('report', () => {
  it.each(reportCases)('$name', ({ state: before, reading: read, settled, report: expected, changes }) => {
    const frozen = structuredClone(before);
    const result = report(before, read, settled);
    expect(result.report).toEqual(expected);
    expect(result.state).toEqual({ ...before, ...changes });
    expect(before).toEqual(frozen);
  });

  it('another address in the same page is learned and counted afresh', () => {
    const other = 'https://www.instagram.com/direct/t/9999/';
    const after = report(report(state(), reading({ byPage: 'sam', pageRead: true }), false).state, reading(), true).state;
    expect(report(after, reading({ url: other, conversation: { kind: 'conversationId', value: '9999' }, byPage: 'sam', pageRead: true }), false).report).toEqual({
      send: 'learnThread',
      personId: 'sam',
      conversation: { kind: 'conversationId', value: '9999' },
    });
    expect(report(after, reading({ url: other, conversation: { kind: 'conversationId', value: '9999' } }), true).report).toEqual({ send: 'unreadThread' });
  });
});

// The in-place link rule (decide.ts, `carry`): Telegram A takes `#?tgaddr=tg://resolve?domain=sam`
// out of the address as it starts, then puts the chat's own `#<id>` there once found.
describe('carry', () => {
  const LINK = 'https://web.telegram.org/a/#?tgaddr=tg%3A%2F%2Fresolve%3Fdomain%3Dsam';
  const BLANK = 'https://web.telegram.org/a/';
  const CHAT = 'https://web.telegram.org/a/#777';
  const OTHER = 'https://web.telegram.org/a/#888';
  const link: Sighting = { kind: 'thread', identifiers: [{ kind: 'handle', value: 'sam' }] };
  const chat = (id: string): Sighting => ({ kind: 'thread', identifiers: [{ kind: 'accountId', value: id }] });
  const personOf = (sighting: { identifiers: readonly { value: string }[] }) => (sighting.identifiers.some((i) => i.value === 'sam') ? 'sam' : undefined);
  const carrying = (from: Sighting | null, extra: Partial<WatchState['carry']> = {}) => ({ ...looked, from, ...extra });
  const through = { personId: 'sam', kind: 'thread' as const, until: null, url: BLANK, blankSince: null };

  interface CarryCase {
    name: string;
    state: WatchState;
    at: { url: string; address: Sighting | null; inPlace: boolean };
    address: unknown;
    resolved: boolean;
    carry: WatchState['carry'];
  }
  const carryCases: CarryCase[] = [
    {
      name: 'a link replaced in place: whom it names is held',
      state: state(),
      at: { url: LINK, address: link, inPlace: true },
      address: link,
      resolved: false,
      carry: carrying(link),
    },
    {
      name: 'the link gone, no chat address yet, before the first look: carried',
      state: { ...state(), carry: { ...carrying(link), looked: false } },
      at: { url: BLANK, address: null, inPlace: false },
      address: link,
      resolved: false,
      carry: { ...carrying(link), looked: false },
    },
    {
      name: 'the screen up for them: carried while no chat address',
      state: state({ paused: found(sam, 'thread'), carry: carrying(link) }),
      at: { url: BLANK, address: null, inPlace: false },
      address: link,
      resolved: false,
      carry: carrying(link),
    },
    {
      name: 'the chat opened at its own address while the screen is up: it names them from now on',
      state: state({ paused: found(sam, 'thread'), carry: carrying(link) }),
      at: { url: CHAT, address: chat('777'), inPlace: false },
      address: { kind: 'thread', identifiers: [{ kind: 'accountId', value: '777' }, { kind: 'handle', value: 'sam' }] },
      resolved: true,
      carry: carrying(null, { resolved: [{ url: CHAT, from: link }] }),
    },
    {
      name: 'after Continue, untouched: the chat the app opens is theirs',
      state: state({ through, carry: carrying(link) }),
      at: { url: CHAT, address: chat('777'), inPlace: false },
      address: { kind: 'thread', identifiers: [{ kind: 'accountId', value: '777' }, { kind: 'handle', value: 'sam' }] },
      resolved: true,
      carry: carrying(null, { resolved: [{ url: CHAT, from: link }] }),
    },
    {
      name: 'after Continue, the user pressed in the page: the chat may be anyone’s, nothing carried',
      state: state({ through, carry: carrying(link, { touched: true }) }),
      at: { url: OTHER, address: chat('888'), inPlace: false },
      address: chat('888'),
      resolved: false,
      carry: carrying(null, { touched: true }),
    },
    {
      name: 'nobody held for them (no screen, no Continue): dropped',
      state: state({ carry: carrying(link) }),
      at: { url: BLANK, address: null, inPlace: false },
      address: null,
      resolved: false,
      carry: carrying(null),
    },
    {
      name: 'a profile instead of a chat: dropped',
      state: state({ paused: found(sam, 'thread'), carry: carrying(link) }),
      at: { url: 'https://web.telegram.org/a/#@jo', address: { kind: 'profile', identifiers: [{ kind: 'handle', value: 'jo' }] }, inPlace: false },
      address: { kind: 'profile', identifiers: [{ kind: 'handle', value: 'jo' }] },
      resolved: false,
      carry: carrying(null),
    },
    {
      name: 'back at a chat address the app opened for the link: still theirs',
      state: state({ carry: carrying(null, { resolved: [{ url: CHAT, from: link }] }) }),
      at: { url: CHAT, address: chat('777'), inPlace: false },
      address: { kind: 'thread', identifiers: [{ kind: 'accountId', value: '777' }, { kind: 'handle', value: 'sam' }] },
      resolved: true,
      carry: carrying(null, { resolved: [{ url: CHAT, from: link }] }),
    },
  ];

  it.each(carryCases)('$name', ({ state: before, at, address, resolved, carry: after }) => {
    const frozen = structuredClone(before);
    const result = carry(before, at, personOf);
    expect(result.address).toEqual(address);
    expect(result.resolved).toBe(resolved);
    expect(result.state).toEqual({ ...before, carry: after });
    expect(before).toEqual(frozen);
  });
});
