import type { Sighting, SiteAdapter, UrlExample } from './types';
import { pageAndBelow, asWrittenAndLower } from './patterns';
import { siteNames } from './names';

/*
 * Reddit: profiles `/user/<name>/` (and `/u/<name>`, which redirects there) on every front end,
 * private messages written at `/message/compose/?to=<name>`, and chat at `/chat/room/<room id>`
 * (formerly chat.reddit.com/room/<room id>). The chat is Reddit's web-component app: its open
 * room's header lives inside open shadow roots, `rs-app` → `rs-room` (chat readers and bots,
 * 2023–26), and carries the label "Current chat, Direct chat with <username>". Over ordinary
 * pages the same app opens in a floating window, one shadow root deeper (`reddit-chat-host`).
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

// Letters, digits, underscores and hyphens, 3–20 characters (Reddit's username rules).
const USERNAME = /^[A-Za-z0-9_-]{3,20}$/;
// Profile tabs anyone can open; saved, upvoted, hidden… exist only for one's own profile.
const PROFILE_TABS = new Set(['overview', 'submitted', 'comments', 'posts', 'gilded', 'about']);
// The header of a one-to-one chat (the English label; other languages are unverified). Only a
// header labelled as a direct chat counts: a group room is no direct chat with any of its members
// (its own label is unverified).
const DIRECT_CHAT_LABEL = 'Current chat, Direct chat with ';

function profile(username: string): Sighting {
  return { kind: 'profile', identifiers: [{ kind: 'handle', value: username }] };
}

function username(raw: string | null | undefined): string | null {
  // Compose accepts "name", "u/name" and "/u/name"; "/r/<subreddit>" writes to its moderators.
  const name = raw?.trim().replace(/^\/?(u|user)\//i, '');
  return name && USERNAME.test(name) && name.toLowerCase() !== 'me' ? name : null;
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

/** The open shadow roots of one chat app: its own, and each open room's (which holds its header). */
function appRoots(app: Element | null | undefined): ShadowRoot[] {
  const root = app?.shadowRoot;
  if (!root) return [];
  // rs-room: the room view, in rs-room-overlay-manager or directly in the app; rs-direct-chat: the
  // one-to-one chat's own element in other builds ('rs-app').shadowRoot.querySelector('rs-direct-chat')
  // .shadowRoot … 'rs-message-composer' in a Reddit DM bot, public index, find_string
  // "rs-room-overlay-manager").
  const rooms = [...root.querySelectorAll('rs-room, rs-direct-chat')];
  return [root, ...rooms.flatMap((room) => (room.shadowRoot ? [room.shadowRoot] : []))];
}

// The floating chat window over ordinary pages: reddit-chat-host, in the page header, holds its own
// rs-app in an open shadow root (a Selenium test's path from the home page's chat button,
// 'shreddit-app/reddit-header-large/…/reddit-chat-host//div/…/rs-app//div[2]/rs-room-overlay-manager/rs-room//main/rs-message-composer',
// and a Reddit clean-up extension naming 'reddit-chat-host' "the chat window"; public index,
// find_string "reddit-chat-host").
const CHAT_WINDOW_HOST = 'reddit-chat-host';

/** The full-page chat app's roots (www.reddit.com/chat, chat.reddit.com): rs-app in the page itself. */
function pageChatRoots(doc: Document): ShadowRoot[] {
  return appRoots(doc.querySelector('rs-app'));
}

/** The floating chat window's roots: the host's own, its rs-app's, and its rooms'. */
function windowChatRoots(doc: Document): ShadowRoot[] {
  return [...doc.querySelectorAll(CHAT_WINDOW_HOST)].flatMap((host) =>
    host.shadowRoot ? [host.shadowRoot, ...appRoots(host.shadowRoot.querySelector('rs-app'))] : [],
  );
}

/** Every chat root the page can hold, for the content script to observe as they appear. */
function chatRoots(doc: Document): ShadowRoot[] {
  return [...pageChatRoots(doc), ...windowChatRoots(doc)];
}

/** Whether an element is drawn: the chat window stays in the DOM while closed. */
function shown(element: Element): boolean {
  const check = (element as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(element) : true;
}

/** The partner of the open one-to-one chat, read from its header inside the chat's shadow roots. */
function chatPartner(roots: ShadowRoot[]): string | null {
  for (const root of roots) {
    const header = root.querySelector(`[aria-label^="${DIRECT_CHAT_LABEL}"]`);
    if (!header || !shown(header)) continue;
    const fromLabel = username(header.getAttribute('aria-label')?.slice(DIRECT_CHAT_LABEL.length));
    return fromLabel ?? username(header.textContent);
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
    const [first, second, third, fourth] = parts;
    if (url.hostname === 'chat.reddit.com') {
      return first === 'room' && second ? room(second) : null;
    }
    if ((first === 'user' || first === 'u') && second) {
      const name = username(second);
      if (!name) return null;
      if (parts.length === 2) return profile(name);
      if (parts.length === 3 && third && PROFILE_TABS.has(third.toLowerCase())) return profile(name);
      // A post on their profile, /user/<name>/comments/<post id>/<slug>/: their own writing.
      if (third === 'comments' && fourth) return profile(name);
      return null;
    }
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
    const partner = chatPartner(fullPage ? chatRoots(doc) : windowChatRoots(doc));
    return partner ? [{ kind: 'thread', identifiers: [{ kind: 'handle', value: partner }] }] : [];
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
