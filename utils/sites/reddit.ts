import type { Sighting, SiteAdapter, UrlExample } from './types';
import { pageAndBelow, asWrittenAndLower } from './lib/patterns';
import { profilePath } from './lib/profile-path';
import { siteNames } from './names';

/*
 * Reddit: profiles `/user/<name>/` (and `/u/<name>`, which redirects there) on every front end,
 * private messages written at `/message/compose/?to=<name>`, and chat at `/chat/room/<room id>`
 * (formerly chat.reddit.com/room/<room id>). The chat is Reddit's web-component app: its open
 * room's header lives inside open shadow roots, `rs-app` → `rs-room`, and carries the label
 * "Current chat, Direct chat with <username>" in English; the rooms list beside it marks the open
 * room's row, in every language. Over ordinary pages the same app opens in a floating window, one
 * shadow root deeper (`reddit-chat-host`). docs/sites/reddit.md#chat
 */

// Every front end serves the same profile and compose paths.
const ORIGINS = [
  'https://www.reddit.com',
  'https://old.reddit.com',
  'https://new.reddit.com',
  'https://sh.reddit.com',
  'https://reddit.com',
];
// Matrix-style room ids, as the chat's addresses carry them: !<opaque>:reddit.com.
const ROOM_ID = /^![A-Za-z0-9._=-]+:[a-z0-9.-]+$/;

export const profiles = profilePath({
  under: ['user', 'u'],
  // Letters, digits, underscores and hyphens, 3–20 characters (Reddit's username rules).
  name: /^[A-Za-z0-9_-]{3,20}$/,
  // /user/me is whoever is signed in.
  reserved: ['me'],
  // Profile tabs anyone can open; saved, upvoted, hidden… exist only for one's own profile.
  tabs: ['overview', 'submitted', 'comments', 'posts', 'gilded', 'about'],
  tabsAnyCase: true,
  // A post on their profile, /user/<name>/comments/<post id>/<slug>/: their own writing.
  below: ([page, id]) => page === 'comments' && id !== undefined,
});
// The header of a one-to-one chat, in English only: "Current chat, Direct chat with <username>"; a
// "Current chat, …" header not a direct chat is a group room. docs/sites/reddit.md#room-header
const CURRENT_CHAT_LABEL = 'Current chat, ';
const DIRECT_CHAT_LABEL = 'Current chat, Direct chat with ';
// The rooms list's row for the open room, its '.room-name' the peer's username (class names and
// structure: every language); docs/sites/reddit.md#open-room-row
const OPEN_ROOM_ROW = 'a.peer.container.selected';
const ROOMS_NAV = 'rs-rooms-nav';
// The open room's view: rs-room (in rs-room-overlay-manager or directly in the app) or, in other
// builds, rs-direct-chat; docs/sites/reddit.md#chat
const ROOM_VIEW = 'rs-room, rs-direct-chat';

function profile(username: string): Sighting {
  return { kind: 'profile', identifiers: [{ kind: 'handle', value: username }] };
}

function username(raw: string | null | undefined): string | null {
  // Compose accepts "name", "u/name" and "/u/name"; "/r/<subreddit>" writes to its moderators.
  const name = raw?.trim().replace(/^\/?(u|user)\//i, '');
  return name && profiles.named(name) ? name : null;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function room(id: string): Sighting {
  return { kind: 'thread', identifiers: [{ kind: 'conversationId', value: decoded(id) }] };
}

/** One chat app on the page: its own root, each open room's root, and its rooms list's root. */
interface ChatApp {
  root: ShadowRoot;
  rooms: ShadowRoot[];
  nav: ShadowRoot[];
}

function shadowsOf(elements: Iterable<Element>): ShadowRoot[] {
  return [...elements].flatMap((element) => (element.shadowRoot ? [element.shadowRoot] : []));
}

/** The open shadow roots of one chat app: its own, each open room's (which holds its header), its rooms list's. */
function chatApp(app: Element | null | undefined): ChatApp[] {
  const root = app?.shadowRoot;
  if (!root) return [];
  // The room views (ROOM_VIEW) and the rooms list (rs-rooms-nav), each in its own shadow root; docs/sites/reddit.md#chat
  return [{ root, rooms: shadowsOf(root.querySelectorAll(ROOM_VIEW)), nav: shadowsOf(root.querySelectorAll(ROOMS_NAV)) }];
}

function rootsOf(apps: ChatApp[]): ShadowRoot[] {
  return apps.flatMap(({ root, rooms, nav }) => [root, ...rooms, ...nav]);
}

// The floating chat window over ordinary pages: reddit-chat-host, in the page header, holds its own
// rs-app in an open shadow root; docs/sites/reddit.md#floating-chat-window
const CHAT_WINDOW_HOST = 'reddit-chat-host';

/** The full-page chat app (www.reddit.com/chat, chat.reddit.com): rs-app in the page itself. */
function pageChat(doc: Document): ChatApp[] {
  return chatApp(doc.querySelector('rs-app'));
}

/** The floating chat window's app, one shadow root deeper. */
function windowChat(doc: Document): ChatApp[] {
  return [...doc.querySelectorAll(CHAT_WINDOW_HOST)].flatMap((host) => (host.shadowRoot ? chatApp(host.shadowRoot.querySelector('rs-app')) : []));
}

/** Every chat root the page can hold, for the content script to observe as they appear. */
function chatRoots(doc: Document): ShadowRoot[] {
  return [...rootsOf(pageChat(doc)), ...windowRoots(doc)];
}

/** The window's roots: the host's own, and its app's. */
function windowRoots(doc: Document): ShadowRoot[] {
  return [...doc.querySelectorAll(CHAT_WINDOW_HOST)].flatMap((host) =>
    host.shadowRoot ? [host.shadowRoot, ...rootsOf(chatApp(host.shadowRoot.querySelector('rs-app')))] : [],
  );
}

/** Whether an element is drawn: the chat window stays in the DOM while closed. */
function shown(element: Element): boolean {
  const check = (element as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(element) : true;
}

/**
 * The partner of the one-to-one room open in a chat app: named by its header's English label, or,
 * in any language, by the rooms list's row for the open room. Null for a group room, or none open.
 */
function roomPartner({ rooms, nav }: ChatApp): string | null {
  let open = false;
  for (const room of rooms) {
    const header = room.querySelector(`[aria-label^="${CURRENT_CHAT_LABEL}"]`);
    const view = room.host;
    if (!shown(view)) continue;
    open = true;
    if (!header || !shown(header)) continue;
    const label = header.getAttribute('aria-label') ?? '';
    // An English header says what the room is: a group's names nobody.
    if (!label.startsWith(DIRECT_CHAT_LABEL)) return null;
    return username(label.slice(DIRECT_CHAT_LABEL.length)) ?? username(header.textContent);
  }
  if (!open) return null;
  for (const list of nav) {
    const row = list.querySelector(OPEN_ROOM_ROW);
    if (row && shown(row)) return username(row.querySelector('.room-name')?.textContent);
  }
  return null;
}

export const reddit: SiteAdapter = {
  id: 'reddit',
  name: siteNames.reddit,
  matches: [...ORIGINS, 'https://chat.reddit.com'].map((origin) => `${origin}/*`),
  home: 'https://www.reddit.com/',

  fromUrl(url) {
    const parts = url.pathname.split('/').filter(Boolean);
    const [first, second, third] = parts;
    if (url.hostname === 'chat.reddit.com') {
      return first === 'room' && second ? room(second) : null;
    }
    const name = profiles.read(url);
    if (name) return profile(name);
    if (first === 'message' && second === 'compose' && !third) {
      const to = username(url.searchParams.get('to'));
      return to ? { kind: 'compose', identifiers: [{ kind: 'handle', value: to }] } : null;
    }
    if (first === 'chat' && second === 'room' && third && parts.length === 3) return room(third);
    return null;
  },

  fromPage(doc, url) {
    // On the full-page chat its own rs-app; over every other page only the floating chat window. A
    // document-level rs-app elsewhere is a page left over from the chat, not an open chat.
    const fullPage = url.hostname === 'chat.reddit.com' || /^\/chat(\/|$)/.test(url.pathname);
    for (const app of fullPage ? [...pageChat(doc), ...windowChat(doc)] : windowChat(doc)) {
      const partner = roomPartner(app);
      if (partner) return [{ kind: 'thread', identifiers: [{ kind: 'handle', value: partner }] }];
    }
    return [];
  },

  veilPatterns(identifier) {
    if (identifier.kind === 'conversationId') {
      const id = identifier.value.trim();
      if (!ROOM_ID.test(id)) return [];
      // The app percent-encodes the id (":" at least, "!" in some builds); a pasted link may not.
      const encoded = encodeURIComponent(id);
      return [...new Set([id, encoded, encoded.replace(/!/g, '%21')])].flatMap((form) => [
        `https://www.reddit.com/chat/room/${form}*`,
        `https://chat.reddit.com/room/${form}*`,
      ]);
    }
    const name = identifier.kind === 'handle' ? username(identifier.value.replace(/^@+/, '')) : null;
    if (!name) return [];
    // Links carry the owner's casing; a typed name may be in lower case.
    return asWrittenAndLower(name).flatMap((spelling) =>
      ORIGINS.flatMap((origin) => [
        ...pageAndBelow(`${origin}/user/${spelling}`, `${origin}/u/${spelling}`),
        // A private message to them: ?to=<name>, u/<name>, %2Fu%2F<name>.
        `${origin}/message/compose*to=*${spelling}*`,
      ]),
    );
  },

  shadowRoots: chatRoots,
  // The rooms list names the open room in this attribute of rs-rooms-nav: a change of room in place.
  watchAttributes: ['activeroom'],
};

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  { url: 'https://www.reddit.com/user/sam_lee/', sighting: profile('sam_lee') },
  { url: 'https://www.reddit.com/u/sam_lee', sighting: profile('sam_lee') },
  { url: 'https://old.reddit.com/user/Sam-Lee/submitted/', sighting: profile('Sam-Lee') },
  { url: 'https://new.reddit.com/user/sam_lee/comments/', sighting: profile('sam_lee') },
  { url: 'https://sh.reddit.com/user/sam_lee/?sort=top', sighting: profile('sam_lee') },
  { url: 'https://reddit.com/u/sam_lee/', sighting: profile('sam_lee') },
  { url: 'https://www.reddit.com/user/sam_lee/comments/1abcde/my_weekend/', sighting: profile('sam_lee') },
  {
    url: 'https://www.reddit.com/message/compose/?to=sam_lee',
    sighting: { kind: 'compose', identifiers: [{ kind: 'handle', value: 'sam_lee' }] },
  },
  {
    url: 'https://old.reddit.com/message/compose?to=%2Fu%2Fsam_lee&subject=hi',
    sighting: { kind: 'compose', identifiers: [{ kind: 'handle', value: 'sam_lee' }] },
  },
  {
    url: 'https://www.reddit.com/message/compose/?to=u/sam_lee',
    sighting: { kind: 'compose', identifiers: [{ kind: 'handle', value: 'sam_lee' }] },
  },
  { url: 'https://www.reddit.com/chat/room/%21AbCdEf123456%3Areddit.com', sighting: room('!AbCdEf123456:reddit.com') },
  { url: 'https://chat.reddit.com/room/!AbCdEf123456:reddit.com', sighting: room('!AbCdEf123456:reddit.com') },
  { url: 'https://www.reddit.com/', sighting: null },
  { url: 'https://www.reddit.com/r/AskReddit/', sighting: null },
  { url: 'https://www.reddit.com/r/AskReddit/comments/1abcde/what_is_your_favourite/', sighting: null },
  { url: 'https://www.reddit.com/user/me/', sighting: null },
  { url: 'https://www.reddit.com/user/sam_lee/saved/', sighting: null },
  { url: 'https://www.reddit.com/user/sam_lee/m/cooking/', sighting: null },
  { url: 'https://www.reddit.com/message/compose/', sighting: null },
  { url: 'https://www.reddit.com/message/compose/?to=/r/AskReddit', sighting: null },
  { url: 'https://www.reddit.com/message/inbox/', sighting: null },
  { url: 'https://www.reddit.com/chat', sighting: null },
  { url: 'https://www.reddit.com/chat/room/', sighting: null },
  { url: 'https://chat.reddit.com/', sighting: null },
  { url: 'https://www.reddit.com/search/?q=sam_lee&type=user', sighting: null },
  { url: 'https://www.reddit.com/settings/profile', sighting: null },
];
