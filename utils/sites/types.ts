import type { IdentifierKind, MomentKind } from '../model/schema';

/** One identifier read off a page or a link: which kind, and its raw value. */
/** One key per identifier as the page shows it (kind and value, case aside): to tell identifiers apart on a page. */
export const seenKey = (identifier: SeenIdentifier) => `${identifier.kind}:${identifier.value.toLowerCase()}`;

export interface SeenIdentifier {
  kind: IdentifierKind;
  value: string;
}

/**
 * A person being reached on the open page: their profile, a thread with them, or a compose window.
 * Or, with `group`, a conversation the page positively shows to be nobody's (see `GroupSighting`).
 */
export type Sighting = PersonSighting | GroupSighting;

export interface PersonSighting {
  kind: MomentKind;
  identifiers: SeenIdentifier[];
  group?: undefined;
}

/**
 * An open conversation read from the page that is nobody's: a group, a community, a channel. Only
 * an adapter with a positive sign of one says so (a group's icon, a group's id, two members'
 * messages), never for a page it could not read: that one still counts for the health signal. It
 * carries no identifiers, so it never matches anyone and is never learned; it only tells the
 * health signal that the open chat was read (issue 13).
 */
export interface GroupSighting {
  kind: 'thread';
  identifiers: readonly [];
  group: true;
}

/** The kinds of place where someone turns up by chance (issue 24): each can be switched off on its own. */
export type PlaceKind = 'feed' | 'story' | 'suggestion' | 'comment' | 'inbox';

/**
 * Where a person can turn up by chance on a site: the items of one kind (posts in a feed, comments,
 * story bubbles, suggestion cards, inbox rows), and how each item names its own author. The content
 * script softens the items of someone watched in place (entrypoints/watch.content/soften.ts).
 */
export interface Place {
  kind: PlaceKind;
  /** A CSS selector for one item: its outermost element, the one to cover. */
  item: string;
  /**
   * What names the item's own author, as the page writes it (its author attribute, its header's
   * profile link, a row's peer id and title), read from the item itself, never from anything inside
   * its content: a mention, a "liked by", a quote card, the last sender shown in a group's row are
   * other people's items. Null when there is none. Cheap: it runs for every item the page adds.
   */
  read(item: Element): string | null;
  /**
   * Whose that is (pure, so the content script keeps the answer for each text it has read): an
   * identifier, or several where the item names its author in several ways (a chat row's peer id
   * and title: theirs when any of them is); null when it names nobody (a group's row).
   */
  author(read: string): SeenIdentifier | SeenIdentifier[] | null;
  /** Attributes whose change on an item can change whose it is (a row the app reuses for another). */
  attributes?: string[];
}

/** The sighting of an open group conversation (a fresh object each time: callers may keep it). */
export function groupThread(): GroupSighting {
  return { kind: 'thread', identifiers: [], group: true };
}

/**
 * An example URL kept beside the adapter (each adapter's file exports its `examples`): what
 * `fromUrl` must return for it.
 */
export interface UrlExample {
  url: string;
  sighting: Sighting | null;
}

/**
 * Everything Clean Break knows about one site. Site knowledge lives here and nowhere else
 * (STYLE.md): the hosts it runs on, what a URL says, and what the page shows.
 */
export interface SiteAdapter {
  /** Stable id, stored with identifiers and attempts: lower-case, no spaces. */
  id: string;
  name: string;
  /** Match patterns for the content script and host permissions: only this site's own hosts. */
  matches: string[];
  /**
   * Match patterns for share-link hosts (t.me, wa.me) that name a person but that the content
   * script never runs on: read by `fromUrl` only for links pasted in options.
   */
  linkHosts?: string[];
  /** Where Leave goes when the tab has no history to go back to. */
  home: string;
  /** Pure: what the address alone says (also used to read a pasted link). */
  fromUrl(url: URL): Sighting | null;
  /**
   * What the open page shows (chat headers, compose windows). Omitted when the URL says
   * everything. Must only read the DOM, never change it, and be cheap: it runs at most once
   * a frame while the page changes.
   */
  fromPage?(doc: Document, url: URL): Sighting[];
  /**
   * Match patterns for the pages whose address alone identifies this person (a profile URL),
   * or none. The background hides those pages from their first frame until the content
   * script has decided, so not one frame of them is painted before the pause screen.
   */
  veilPatterns?(identifier: SeenIdentifier): string[];
  /** Where people turn up by chance on this site, to be softened there (issue 24). */
  places?: Place[];
  /**
   * Its addresses name someone only as written (a custom site's patterns, read as the user gave
   * them). Built-in sites' names ignore case, as the content script's matching does (`seenKey`):
   * the rules that stop their addresses before the request (utils/background/stop-rules.ts) too.
   */
  caseSensitive?: boolean;
  /**
   * Attributes whose changes can change what `fromPage` reads, beyond the ones always watched
   * (href, aria-label, title). Keep it short: every listed attribute change on the page wakes
   * the content script.
   */
  watchAttributes?: string[];
  /**
   * Regions whose inside `fromPage` never reads, so that no change inside them can change who
   * is shown (a chat's message list filling as messages arrive): CSS selectors, one per layout.
   * A batch of DOM changes that all lie inside such regions is not looked at
   * (entrypoints/watch.content/quiet.ts); a change to a region's own attributes, or a region
   * added, replaced or removed (a chat opened), still is.
   */
  quiet?: string[];
  /**
   * The open shadow roots that hold what `fromPage` reads (LinkedIn's overlay, Reddit's chat).
   * The page's DOM observer does not see inside shadow roots; each one returned is observed
   * too, as it appears. Only called on sites where someone is watched.
   */
  shadowRoots?(doc: Document): ShadowRoot[];
  /**
   * The address is a link the site's own app takes out of the address bar at once and replaces,
   * once it has found the chat, with that chat's own address (Telegram's `#?tgaddr=` resolve
   * links, which t.me's "Open in Web" opens; WhatsApp's click-to-chat link, in case its app
   * does the same). Whom it names is carried over to those addresses while the pause screen is up
   * for them (entrypoints/watch.content/watch.ts).
   */
  resolvesInPlace?(url: URL): boolean;
  /**
   * The address is one of the person's stories, which tell them who watched: the pause screen says
   * so ("If you open it, they will see that you watched").
   */
  story?(url: URL): boolean;
  /**
   * Compose windows only: what Leave does instead of going back. Removes the matched
   * recipient from the open compose window and returns what had been written there (to keep
   * in the journal), or null when nothing was written. Nothing typed may be lost.
   */
  leaveCompose?(doc: Document, recipient: SeenIdentifier): string | null;
  /**
   * Threads that float over another page (chat bubbles, chat pop-ups): what Leave does
   * instead of going back. Closes the open one with this person where it is, as its own close
   * button would, and returns true; false when none is open (the thread is the page itself,
   * which Leave goes back from).
   */
  closeThread?(doc: Document, seen: SeenIdentifier): boolean;
  /**
   * Chat threads: the open thread's message box, for the check on the first send after
   * Continue. CSS selectors, one per layout. Where none of them matches anything on the page
   * (the site changed its markup) a generic text box is looked for instead (utils/sites/lib/composer.ts).
   */
  composer?: string[];
  /** Chat threads: the button that sends what the message box holds; same fallback. */
  sendButton?: string[];
}
