import type { MomentKind, Person, Snooze } from '@/utils/model/schema';
import type { SeenIdentifier, Sighting } from '@/utils/sites/types';

/** A watched person the page shows: in what (a profile, a chat, a compose window), and by which identifier. */
export interface Found {
  person: Person;
  kind: MomentKind;
  seen: SeenIdentifier;
  /** Leave takes them out of the compose window's recipients, without navigating. */
  leavesInPlace: boolean;
}

/** What the content script remembers of this tab between two looks at the page. */
export interface WatchState {
  site: string;
  snoozeMinutes: number;
  /** Who is let through, on which site and until when: as stored, and a Continue's own at once. */
  snoozes: readonly Snooze[];
  /** Whom the pause screen is up for. */
  paused: Found | null;
  /** Where the screen last saw them (see `LastSeen`), and whom the page named then. */
  pausedOn: (LastSeen & { named: readonly string[] }) | null;
  /**
   * After Continue: whom the page is let through for, and in what (a profile, a chat, a compose
   * window), while it goes on showing them so, until the snooze ends; with no snooze (0 minutes),
   * for as long as they stay (paused again on coming back, not on the page's next change).
   */
  through: (LastSeen & { personId: string; kind: MomentKind; until: number | null }) | null;
  /** After Leave: this person is on the way out of this tab; never paused again meanwhile. */
  leaving: { personId: string; from: string; until: number } | null;
  /** After Continue into a chat thread: whose first send asks once more, while the thread stays open. */
  sendCheck: string | null;
  /** A Continue on the pause page into a chat (a snooze's `sendCheckUntil`) has armed the send check on this page: once. */
  stopSendCheck: boolean;
  /** The addresses whose conversation was sent to the background to learn, and those reported unread: once each. */
  reported: { learned: readonly string[]; unread: readonly string[] };
  /** A link the site's app replaces in place, carried to the chat it opens (see `carry`). */
  carry: Carry;
  /** The page came back from the back/forward cache and has not been looked at since. */
  backFromCache: boolean;
}

/**
 * A link the app replaces in place (an adapter's `resolvesInPlace`: Telegram's `#?tgaddr=`) names
 * someone; the app takes it out of the address, then puts the chat's own there (see `carry`).
 */
export interface Carry {
  /** Whom the link named, while it is carried: the app has not yet put the chat's own address there. */
  from: Sighting | null;
  /** The chats' own addresses the app put there for such a link, with whom the link named. */
  resolved: readonly { url: string; from: Sighting }[];
  /** The user pressed or typed in the page since the last screen went up (a chat they opened may be anyone's). */
  touched: boolean;
  /** The page has been looked at. */
  looked: boolean;
}

/** The address a person was last seen on, and since when the page has named nobody there, if it has. */
export interface LastSeen {
  url: string;
  blankSince: number | null;
}

export type WatchEvent =
  /**
   * The page as it is now: its address, the watched person it shows, and everyone it names,
   * watched or not, as `kind:value` keys ('group' for a group's chat). Naming nobody at all is a
   * chat between two renders, not another person's chat.
   */
  | { type: 'page'; url: string; found: Found | null; named: readonly string[] }
  /** A choice on the pause screen, made on this address. */
  | { type: 'chose'; outcome: 'left' | 'continued'; url: string }
  /** The settings and snoozes as stored now; `empty`: nobody is watched on this site. */
  | { type: 'watched'; snoozes: readonly Snooze[]; snoozeMinutes: number; empty: boolean }
  /** A trusted press or key in the page itself (on the screen they come while it is up, and do not count). */
  | { type: 'touched' }
  /** The page was shown again from the back/forward cache, before its next look. */
  | { type: 'shownAgain' };

export type Decision =
  /** Put the pause screen up for them (taking down one up for someone else). */
  | { do: 'show'; found: Found }
  /** Take the screen down (the person is no longer on the page) and show the page. */
  | { do: 'dismiss' }
  /** Leave chosen: close their chat where it floats over the page, or go back. */
  | { do: 'leave'; to: 'back'; closeChat: SeenIdentifier | null }
  /** Going back landed on the person being left: go to the site's home instead. */
  | { do: 'leave'; to: 'home' }
  /** Nobody to pause: show the page (lift the veil). */
  | { do: 'letThrough' }
  /** Continue into their chat thread: show the page, and hold its first send to ask once more. */
  | { do: 'armSendCheck'; person: Person }
  /** Back from the cache still showing them: the screen kept over the page goes on, as the same attempt. */
  | { do: 'resume' }
  | { do: 'nothing' };

export interface Decided {
  state: WatchState;
  decision: Decision;
}

/** How long after Leave the person being left is not paused again in this tab (going back is asynchronous). */
export const LEAVING_MS = 3000;

/**
 * How long the page may name nobody on the same address and still be showing them: a site
 * re-rendering its chat (a layout switch, a header rebuilt) has it empty for a few frames. The
 * screen up for them stays over it; after Continue it is the same visit let through. A chat closed
 * and opened again after longer is a new moment.
 */
export const BLANK_GRACE_MS = 2000;

export function initialState(site: string): WatchState {
  return {
    site,
    snoozeMinutes: 0,
    snoozes: [],
    paused: null,
    pausedOn: null,
    through: null,
    leaving: null,
    sendCheck: null,
    stopSendCheck: false,
    reported: { learned: [], unread: [] },
    carry: { from: null, resolved: [], touched: false, looked: false },
    backFromCache: false,
  };
}

const nothing: Decision = { do: 'nothing' };

const snoozed = (state: WatchState, personId: string, now: number) =>
  state.snoozes.some((s) => s.personId === personId && s.site === state.site && s.until > now);

/**
 * The content script's rules, one place: what to do about what the page shows, a choice made
 * on the screen, or new settings. Pure: the shell (watch.ts) looks at the page, asks, and does it.
 */
export function decide(state: WatchState, sighting: WatchEvent, now: number): Decided {
  switch (sighting.type) {
    case 'page':
      return decidePage(state, sighting, now);
    case 'chose':
      return decideChoice(state, sighting.outcome, sighting.url, now);
    case 'watched': {
      const next = { ...state, snoozes: sighting.snoozes, snoozeMinutes: sighting.snoozeMinutes };
      if (!sighting.empty) return { state: next, decision: nothing };
      return { state: { ...next, paused: null, pausedOn: null, through: null, sendCheck: null }, decision: { do: state.paused ? 'dismiss' : 'letThrough' } };
    }
    case 'touched':
      if (state.paused || state.carry.touched) return { state, decision: nothing };
      return { state: { ...state, carry: { ...state.carry, touched: true } }, decision: nothing };
    case 'shownAgain':
      // Back from the cache: a Leave on the way out of it is over (the user came back themselves),
      // so is a Continue's letting them through (coming back is a new decision; a snooze still
      // holds). The page is looked at afresh next, in this task, before a frame is painted.
      return { state: { ...state, leaving: null, through: null, backFromCache: true }, decision: nothing };
  }
}

function decidePage(state: WatchState, { url, found, named }: WatchEvent & { type: 'page' }, now: number): Decided {
  let next = state;
  const { backFromCache } = state;
  if (backFromCache || !state.carry.looked) next = { ...next, backFromCache: false, carry: { ...next.carry, looked: true } };
  // A Continue's letting them through lasts while the page shows them in what it was made on,
  // across a moment's blank on the same address: one that names nobody at all (another chat the
  // user opens names someone, and is never asked about).
  const through = stillThrough(next.through, url, found, named.length === 0, now);
  if (through !== next.through) next = { ...next, through };
  // So does the send check, while their thread is open.
  const blank = !found && through !== null && through.personId === next.sendCheck;
  if (next.sendCheck && !blank && (found?.person.id !== next.sendCheck || found.kind !== 'thread')) next = { ...next, sendCheck: null };
  const { leaving } = next;
  if (found && leaving && leaving.personId === found.person.id && leaving.until > now) {
    // history.back() is asynchronous: until the address changes, wait. If going back landed on
    // the same person again, go to the site's home instead.
    return { state: next, decision: url !== leaving.from ? { do: 'leave', to: 'home' } : nothing };
  }
  // Their chat opened by a Continue on the pause page (the address was stopped before its
  // request): the first send asks once, as after Continue on the page itself.
  if (found?.kind === 'thread' && !next.through && !next.stopSendCheck) {
    const { person } = found;
    const fromStop = next.snoozes.find((s) => s.personId === person.id && s.site === next.site && s.until > now && (s.sendCheckUntil ?? 0) > now);
    if (fromStop) {
      const through = { personId: person.id, kind: 'thread' as const, until: fromStop.until, url, blankSince: null };
      return { state: { ...next, through, sendCheck: person.id, stopSendCheck: true }, decision: { do: 'armSendCheck', person } };
    }
  }
  if (found && !next.through && !snoozed(next, found.person.id, now)) {
    const pausedOn = { url, blankSince: null, named };
    if (next.paused?.person.id === found.person.id) {
      const last = next.pausedOn;
      const same = last?.url === url && last.blankSince === null && sameKeys(last.named, named);
      // A screen taken into the cache with the page and still over them goes on (its attempt resumes).
      return { state: same ? next : { ...next, pausedOn }, decision: backFromCache ? { do: 'resume' } : nothing };
    }
    const carry = next.carry.touched ? { ...next.carry, touched: false } : next.carry;
    return { state: { ...next, paused: found, pausedOn, carry }, decision: { do: 'show', found } };
  }
  if (next.paused && !found) {
    // A chat re-rendered beneath the screen (nobody can use the page meanwhile): the screen stays,
    // so no frame of it is painted and the countdown goes on, while the page names nobody it did
    // not name beside them (another chat pop-up left open stays named). Someone new named is the
    // page moving on, and the screen goes at once, as it does on another address.
    const blank = next.pausedOn !== null && named.every((key) => next.pausedOn!.named.includes(key));
    const pausedOn = next.pausedOn && duringBlank(next.pausedOn, url, blank, now);
    if (pausedOn) return { state: pausedOn === next.pausedOn ? next : { ...next, pausedOn }, decision: nothing };
    return { state: { ...next, paused: null, pausedOn: null }, decision: { do: 'dismiss' } };
  }
  return { state: next, decision: next.paused ? nothing : { do: 'letThrough' } };
}

function stillThrough(
  through: WatchState['through'],
  url: string,
  found: Found | null,
  namesNobody: boolean,
  now: number,
): WatchState['through'] {
  if (!through || (through.until !== null && through.until <= now)) return null;
  if (!found) return duringBlank(through, url, namesNobody, now);
  if (found.person.id !== through.personId || found.kind !== through.kind) return null;
  if (through.blankSince !== null) return now - through.blankSince < BLANK_GRACE_MS ? { ...through, url, blankSince: null } : null;
  return through.url === url ? through : { ...through, url };
}

const sameKeys = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((key, i) => key === b[i]);

/**
 * A look that found nobody watched, for someone last seen as `last`: still the same showing of them
 * if the page is `blank` (names nobody new), on the same address, for under BLANK_GRACE_MS (a chat
 * between two renders), with when the blank began; null once they are gone (someone else named,
 * another address, or blank for longer).
 */
function duringBlank<T extends LastSeen>(last: T, url: string, blank: boolean, now: number): T | null {
  if (!blank || url !== last.url) return null;
  if (last.blankSince === null) return { ...last, blankSince: now };
  return now - last.blankSince < BLANK_GRACE_MS ? last : null;
}

function decideChoice(state: WatchState, outcome: 'left' | 'continued', url: string, now: number): Decided {
  const { paused } = state;
  if (!paused) return { state, decision: nothing };
  const next = { ...state, paused: null, pausedOn: null };
  if (outcome === 'left') {
    // A compose window was left in place (the person taken out of its recipients).
    if (paused.leavesInPlace) return { state: next, decision: nothing };
    const leaving = { personId: paused.person.id, from: url, until: now + LEAVING_MS };
    // A chat floating over another page (a bubble, a pop-up) is closed where it is; a thread
    // that is the page itself is left by going back.
    return { state: { ...next, leaving }, decision: { do: 'leave', to: 'back', closeChat: paused.kind === 'thread' ? paused.seen : null } };
  }
  // Continue lets this person through here at once; the background records the snooze too.
  const snooze = { personId: paused.person.id, site: state.site, until: now + state.snoozeMinutes * 60_000 };
  const snoozes = [...state.snoozes, snooze];
  const through = { personId: paused.person.id, kind: paused.kind, until: state.snoozeMinutes > 0 ? snooze.until : null, url, blankSince: null };
  if (paused.kind === 'thread') {
    return { state: { ...next, snoozes, through, sendCheck: paused.person.id }, decision: { do: 'armSendCheck', person: paused.person } };
  }
  return { state: { ...next, snoozes, through, sendCheck: null }, decision: { do: 'letThrough' } };
}

/** What an address says once a link replaced in place is carried over it (see `carry`). */
export interface Carried {
  state: WatchState;
  address: Sighting | null;
  /** The address is a chat's own that the app put there for a link naming someone (its identifiers are in `address`). */
  resolved: boolean;
}

/**
 * The in-place link rule. A link the app replaces in place (`inPlace`: Telegram's `#?tgaddr=`)
 * names someone; the app takes it out of the address, then puts the chat's own there. Whom it named
 * is carried over both: while the screen is up for them (nobody can use the page meanwhile), while a
 * Continue lets them through and the user has not touched the page since (the chat then opened is
 * the app's answer, theirs: no second screen, the send check stays armed; a chat the user opened
 * may be anyone's), or before the first look. The chat's own address then names them too, for the
 * life of the page (and its id is learned: `report`, `resolved`). `personOf`: whom of the watched a
 * sighting names. Pure.
 */
export function carry(
  state: WatchState,
  { url, address, inPlace }: { url: string; address: Sighting | null; inPlace: boolean },
  personOf: (sighting: Sighting) => string | undefined,
): Carried {
  let held = state.carry;
  if (inPlace) held = { ...held, from: address };
  else if (held.from) {
    const from = held.from;
    const heldFor = state.paused?.person.id ?? (held.touched ? undefined : state.through?.personId);
    const carrying = !held.looked || (heldFor !== undefined && personOf(from) === heldFor);
    if (!carrying || (address && address.kind !== 'thread')) held = { ...held, from: null };
    // The chat is open at its own address: found.
    else if (address) held = { ...held, from: null, resolved: [...held.resolved.filter((r) => r.url !== url), { url, from }].slice(-REMEMBERED) };
    // No address yet: still being found.
    else return { state: { ...state, carry: held }, address: from, resolved: false };
  }
  const next = held === state.carry ? state : { ...state, carry: held };
  const from = held.resolved.find((r) => r.url === url)?.from;
  if (!from || address?.kind !== 'thread' || address.group) return { state: next, address, resolved: false };
  return { state: next, address: { kind: 'thread', identifiers: [...address.identifiers, ...from.identifiers] }, resolved: true };
}

/**
 * An id a conversation's address carries, remembered for the person once the page showed them in
 * it: the conversation's own id on most sites, or, where a person's chat is addressed by their
 * account (Telegram's `#<user id>`: a private chat's id is the partner's user id), that account id.
 */
export interface LearnedId {
  kind: 'conversationId' | 'accountId';
  value: string;
}

/** What the address and the page say of a conversation, for learning it and for the health signal. */
export interface ThreadReading {
  url: string;
  /** The address says a conversation is open (the adapter's fromUrl gives a thread). */
  thread: boolean;
  /** The id the address opens the conversation by, if any (what is learned): see `LearnedId`. */
  conversation: LearnedId | null;
  /** The watched person the address alone names (a saved or learned id), if any. */
  byAddress: string | null;
  /** The watched person the page itself (fromPage) shows in a conversation, if any. */
  byPage: string | null;
  /** The page's own reading gave any identifier at all, watched or not. */
  pageRead: boolean;
  /**
   * The account id the page shows for the open conversation (Telegram K's header), when it shows
   * exactly one conversation with one, and no watched person has it yet.
   */
  pageAccount: string | null;
  /**
   * The address is the chat's own, put there by the site's app in place of a link naming the
   * person (Telegram's `#?tgaddr=`), while the screen was up for them: `byAddress` is theirs.
   */
  resolved: boolean;
  /**
   * The page shows the open chat to be a group's (an adapter's positive sign of one): read, and
   * nobody's. Nothing is learned from it for anyone.
   */
  group: boolean;
}

export type Report =
  /** Remember this conversation by its address: the page showed them in it. */
  | { send: 'learnThread'; personId: string; conversation: LearnedId }
  /** A chat was open and nobody could be read from its page, after it settled. */
  | { send: 'unreadThread' }
  /** `awaitSettle`: nobody is read yet in the open chat; read again once the page has been still a while. */
  | { send: 'nothing'; awaitSettle: boolean };

/** How long the page must go without a change before a chat nobody is read in counts as unread. */
export const SETTLE_MS = 3000;
/** How many addresses a page remembers having reported (a long session in a single-page app). */
const REMEMBERED = 100;

const remember = (list: readonly string[], url: string) => [...list, url].slice(-REMEMBERED);

/**
 * The reports to the background about what the page reads, one place: a conversation recognised
 * from the page (not from its address) whose address carries its id is learned, unless the page
 * shows it is a group's (its id is no one person's); so is the id of a chat the site's app opened
 * in place of a link naming them (`resolved`), at once; so is the account id the page shows in a
 * conversation whose address names the person, once the page settled; a chat the address says is
 * open, with nobody read from the page once it has `settled`, no sign of a group, and nobody named
 * by the address either, is counted as unread. Each once per address for the life of the page. Pure.
 */
export function report(state: WatchState, reading: ThreadReading, settled: boolean): { state: WatchState; report: Report } {
  const { reported } = state;
  const { url, conversation, byPage, byAddress, group } = reading;
  const quiet = { state, report: { send: 'nothing', awaitSettle: false } } as const;
  // Learned once per address for the life of the page.
  const learn = (personId: string, learned: LearnedId) =>
    reported.learned.includes(url)
      ? quiet
      : {
          state: { ...state, reported: { ...reported, learned: remember(reported.learned, url) } },
          report: { send: 'learnThread', personId, conversation: learned } as const,
        };
  // The app itself opened this chat for a link naming them: its id is theirs, at once.
  if (reading.resolved && byAddress && conversation && !group && (byPage === null || byPage === byAddress)) {
    return learn(byAddress, conversation);
  }
  if (byPage && conversation && !byAddress && !group) return learn(byPage, conversation);
  // The address names them by a handle (Telegram K's `#@<username>`) and the page shows the chat's
  // account id, which Telegram A's address carries instead: learn it, once the page has been still
  // for SETTLE_MS, so a header left over from the chat before (mid-transition) is not taken for theirs.
  const { pageAccount } = reading;
  if (byAddress && pageAccount && !group && (byPage === null || byPage === byAddress) && !reported.learned.includes(url)) {
    if (!settled) return { state, report: { send: 'nothing', awaitSettle: true } };
    return learn(byAddress, { kind: 'accountId', value: pageAccount });
  }
  // Someone the address names is caught by it: the chat was read, whatever the page shows. A
  // group's chat was read too: it is nobody's.
  if (!reading.thread || reading.pageRead || group || byAddress || reported.unread.includes(url)) return quiet;
  if (!settled) return { state, report: { send: 'nothing', awaitSettle: true } };
  return { state: { ...state, reported: { ...reported, unread: remember(reported.unread, url) } }, report: { send: 'unreadThread' } };
}
