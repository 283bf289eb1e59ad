import type { WatchIndex } from '@/utils/model/matching';
import type { PageReading } from '@/utils/protocol/requests';
import type { SeenIdentifier, SiteAdapter, Sighting } from '@/utils/sites/types';
import type { Found, LearnedId, ThreadReading } from './decide';

/**
 * The content script's readers: what the address and the page say, and whom of the watched they
 * name. Pure but for reading the document they are given (`sightingsOf` reads this page's); the
 * shell (watch.ts) calls them, and decide.ts decides what to do about what they read.
 */

/** What the address says, and what the page shows (for sites read from the DOM). */
export interface Seen {
  address: Sighting | null;
  page: Sighting[];
  /** The address is a chat's own that a link naming someone was replaced with (its identifiers are in `address`). */
  resolved?: boolean;
}

export function sightingsOf(adapter: SiteAdapter, url: URL): Seen {
  return { address: adapter.fromUrl(url), page: adapter.fromPage && document.documentElement ? adapter.fromPage(document, url) : [] };
}

const allOf = ({ address, page }: Seen): Sighting[] => (address ? [address, ...page] : page);

/**
 * What learning threads and the health signal need: whether the address says a chat is open and
 * carries its id, whom the address and the page each name, and whether the page shows the chat is
 * a group's. A group chat or one with someone not watched is nobody's (the adapters read no partner
 * in a group; those with a positive sign of one say so, with a group sighting).
 */
export function threadReading(index: WatchIndex, url: URL, { address, page, resolved = false }: Seen): ThreadReading {
  const thread = address?.kind === 'thread';
  const byPage = page.find((sighting) => sighting.kind === 'thread' && index.match(sighting));
  return {
    url: url.href,
    thread,
    conversation: thread ? learnable(address.identifiers) : null,
    byAddress: (address && index.match(address)?.person.id) ?? null,
    byPage: (byPage && index.match(byPage)?.person.id) ?? null,
    pageRead: page.some((sighting) => sighting.identifiers.length > 0),
    pageAccount: pageAccountOf(index, page),
    resolved,
    group: page.some((sighting) => sighting.group === true),
  };
}

/** The one account id the page shows for its one open conversation, if no watched person has it yet. */
function pageAccountOf(index: WatchIndex, page: readonly Sighting[]): string | null {
  const threads = page.filter((sighting) => sighting.kind === 'thread');
  if (threads.length !== 1) return null;
  const accounts = threads[0]!.identifiers.filter((identifier) => identifier.kind === 'accountId');
  const value = accounts.length === 1 ? accounts[0]!.value.trim() : '';
  return value && !index.match({ kind: 'thread', identifiers: [{ kind: 'accountId', value }] }) ? value : null;
}

/**
 * The id a thread's address opens it by: its conversation id, or, on an address with none that
 * names the chat by the partner's account (Telegram `#<user id>`), that account id. Handles and
 * phone numbers in an address are the user's own words for a person, not a conversation's id.
 */
function learnable(identifiers: readonly SeenIdentifier[]): LearnedId | null {
  for (const kind of ['conversationId', 'accountId'] as const) {
    const value = identifiers.find((identifier) => identifier.kind === kind)?.value.trim();
    if (value) return { kind, value };
  }
  return null;
}

export function readPage(adapter: SiteAdapter, url: URL): PageReading {
  const seen = new Map<string, SeenIdentifier>();
  for (const sighting of allOf(sightingsOf(adapter, url))) {
    for (const identifier of sighting.identifiers) seen.set(`${identifier.kind}|${identifier.value}`, identifier);
  }
  return { site: adapter.id, siteName: adapter.name, identifiers: [...seen.values()] };
}

export function findWatched(adapter: SiteAdapter, index: WatchIndex, seen: Seen): Found | null {
  for (const sighting of allOf(seen)) {
    const match = index.match(sighting);
    if (match) {
      const leavesInPlace = sighting.kind === 'compose' && adapter.leaveCompose !== undefined;
      return { person: match.person, kind: sighting.kind, seen: match.seen, leavesInPlace };
    }
  }
  return null;
}
