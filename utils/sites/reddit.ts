import type { SiteAdapter, Sighting } from './types';
import { pageAndBelow, asWrittenAndLower } from './patterns';

/*
 * Reddit: profiles `/user/<name>/` (and `/u/<name>`, which redirects there) on every front end,
 * private messages written at `/message/compose/?to=<name>`, and chat at `/chat/room/<room id>`
 * (formerly chat.reddit.com/room/<room id>). The chat is Reddit's web-component app: its open
 * room's header lives inside open shadow roots, `rs-app` → `rs-room` (chat readers and bots,
 * 2023–26), and carries the label "Current chat, Direct chat with <username>".
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

/**
 * The chat app's shadow roots. Only the known custom elements are opened: rs-app's root holds
 * every rs-room (the full page room, or one inside rs-room-overlay-manager), and each room's
 * root holds its header.
 */
function chatRoots(doc: Document): ShadowRoot[] {
  const app = doc.querySelector('rs-app')?.shadowRoot;
  if (!app) return [];
  return [app, ...[...app.querySelectorAll('rs-room')].flatMap((room) => (room.shadowRoot ? [room.shadowRoot] : []))];
}

/** The partner of the open one-to-one chat, read from its header inside the chat app's shadow roots. */
function chatPartner(doc: Document): string | null {
  for (const root of chatRoots(doc)) {
    const header = root.querySelector(`[aria-label^="${DIRECT_CHAT_LABEL}"]`);
    if (!header) continue;
    const fromLabel = username(header.getAttribute('aria-label')?.slice(DIRECT_CHAT_LABEL.length));
    return fromLabel ?? username(header.textContent);
  }
  return null;
}

export const reddit: SiteAdapter = {
  id: 'reddit',
  name: 'Reddit',
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
    // The full-page chat only. The chat pop-up over other pages can stay in the DOM while closed
    // (a public Reddit chat reader checks its visibility before trusting this header).
    if (url.hostname !== 'chat.reddit.com' && !/^\/chat(\/|$)/.test(url.pathname)) return [];
    const partner = chatPartner(doc);
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

  examples: [
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
  ],
};
