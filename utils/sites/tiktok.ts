import type { SeenIdentifier, Sighting, SiteAdapter, UrlExample } from './types';
import { pageAndBelow, asWrittenAndLower } from './lib/patterns';
import { profilePath } from './lib/profile-path';
import { siteNames } from './names';

/*
 * TikTok: a profile is `/@<username>`. Messages live at `/messages`, and opening a chat there
 * never changes the address, so the open chat is read from its header: `[data-e2e="chat-uniqueid"]`
 * (the partner's @username) and the nickname beside it. Both exist only in the open chat's header;
 * conversation rows use other hooks. docs/sites/tiktok.md
 */

const ORIGINS = ['https://www.tiktok.com', 'https://tiktok.com'];
// Letters, digits, underscores and periods, 2–24 characters (TikTok's username rules).
const USERNAME = /^[A-Za-z0-9_.]{2,24}$/;
const POST_ID = /^\d{5,25}$/;
export const profiles = profilePath({
  prefix: '@',
  name: USERNAME,
  // Their live.
  tabs: ['live'],
  // One of their videos or photo posts: the address names the author, and watching their video is
  // looking at them (as watching their Instagram story is).
  below: ([page, id, ...more]) => (page === 'video' || page === 'photo') && id !== undefined && POST_ID.test(id) && more.length === 0,
});

// The open chat, newest layout first. Scoping to it keeps list rows and message bubbles out.
const CHAT_ROOTS = [
  // 2025–26 messages page: the open chat; docs/sites/tiktok.md#chat-header
  '[data-e2e="dm-new-chatbox"]',
  // 2022–24 layout: the header's styled component (only the class suffix is stable); docs/sites/tiktok.md#chat-header
  '[class*="DivChatHeader"]',
];
// The partner's "@username" line in the chat header, in both layouts; docs/sites/tiktok.md#chat-header
const HANDLE_SELECTORS = ['[data-e2e="chat-uniqueid"]'];
const NAME_SELECTORS = [
  // 2025–26 layout; docs/sites/tiktok.md#chat-header
  '[data-e2e="dm-new-chat-nickname"]',
  // 2022–24 layout; docs/sites/tiktok.md#chat-header
  '[data-e2e="chat-nickname"]',
];

function profile(username: string): Sighting {
  return { kind: 'profile', identifiers: [{ kind: 'handle', value: username }] };
}

function firstMatch(root: ParentNode, selectors: string[]): Element | null {
  for (const selector of selectors) {
    const element = root.querySelector(selector);
    if (element) return element;
  }
  return null;
}

function text(element: Element | null): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export const tiktok: SiteAdapter = {
  id: 'tiktok',
  name: siteNames.tiktok,
  matches: ORIGINS.map((origin) => `${origin}/*`),
  home: 'https://www.tiktok.com/',

  fromUrl(url) {
    const username = profiles.read(url);
    return username ? profile(username) : null;
  },

  fromPage(doc, url) {
    if (!/^\/messages(\/|$)/.test(url.pathname)) return [];
    const chat = firstMatch(doc, CHAT_ROOTS);
    if (!chat) return [];
    const username = text(firstMatch(chat, HANDLE_SELECTORS)).replace(/^@/, '');
    // Only a header showing an @username counts: a group chat has no single one to show.
    if (!USERNAME.test(username)) return [];
    const identifiers: SeenIdentifier[] = [{ kind: 'handle', value: username }];
    const name = text(firstMatch(chat, NAME_SELECTORS));
    if (name) identifiers.push({ kind: 'name', value: name });
    return [{ kind: 'thread', identifiers }];
  },

  veilPatterns(identifier) {
    const username = identifier.value.trim().replace(/^@+/, '');
    if (identifier.kind !== 'handle' || !profiles.named(username)) return [];
    // Links carry usernames in lower case; a typed one may not be. `/@<name>/*` covers their
    // videos and live too (and veils their other sub-pages only until the content script decides).
    return asWrittenAndLower(username).flatMap((name) => pageAndBelow(...ORIGINS.map((origin) => `${origin}/@${name}`)));
  },
};

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  { url: 'https://www.tiktok.com/@sam.lee', sighting: profile('sam.lee') },
  { url: 'https://www.tiktok.com/@sam.lee?lang=en', sighting: profile('sam.lee') },
  { url: 'https://tiktok.com/@Sam_Lee/', sighting: profile('Sam_Lee') },
  { url: 'https://www.tiktok.com/@sam.lee/video/7312345678901234567', sighting: profile('sam.lee') },
  { url: 'https://www.tiktok.com/@sam.lee/photo/7312345678901234567?is_from_webapp=1', sighting: profile('sam.lee') },
  { url: 'https://www.tiktok.com/@sam.lee/live', sighting: profile('sam.lee') },
  { url: 'https://www.tiktok.com/', sighting: null },
  { url: 'https://www.tiktok.com/foryou', sighting: null },
  { url: 'https://www.tiktok.com/explore', sighting: null },
  { url: 'https://www.tiktok.com/following', sighting: null },
  { url: 'https://www.tiktok.com/messages?lang=en', sighting: null },
  { url: 'https://www.tiktok.com/search?q=sam.lee', sighting: null },
  { url: 'https://www.tiktok.com/search/user?q=sam.lee', sighting: null },
  { url: 'https://www.tiktok.com/tag/sunset', sighting: null },
  { url: 'https://www.tiktok.com/music/original-sound-7312345678901234567', sighting: null },
  { url: 'https://www.tiktok.com/live', sighting: null },
  { url: 'https://www.tiktok.com/upload', sighting: null },
  { url: 'https://www.tiktok.com/@', sighting: null },
  { url: 'https://www.tiktok.com/@sam.lee/playlist/summer-7312345678901234567', sighting: null },
];
