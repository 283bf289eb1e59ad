import { META_CHAT_COMPOSER, META_SEND_BUTTON, openConversations, threadFromId, threadPageSightings } from './facebook';
import { asWrittenAndLower, pageAndBelow } from './lib/patterns';
import type { SiteAdapter, UrlExample } from './types';
import { siteNames } from './names';

/** The thread id of /t/<id>/ and /e2ee/t/<id>/ (a folder may come first, as in /requests/t/<id>/). */
function threadIdOf(url: URL): string | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  const t = parts.indexOf('t');
  return t >= 0 && t <= 1 ? parts[t + 1] : undefined;
}

// Messenger's web app is Facebook's messaging app on its own host: the same thread ids and the
// same conversation markup, so it reads both with Facebook's helpers (docs/sites/messenger.md).
export const messenger: SiteAdapter = {
  id: 'messenger',
  name: siteNames.messenger,
  matches: ['https://www.messenger.com/*', 'https://messenger.com/*'],
  home: 'https://www.messenger.com/',

  fromUrl(url) {
    const id = threadIdOf(url);
    return id ? threadFromId(id, url.pathname.split('/').filter(Boolean)[0] === 'e2ee') : null;
  },

  // The open thread's message list and composer name the conversation, and so do its row in the
  // left rail (the one for the tab's own address, never another) and its header's profile link; the
  // URL changes with it, but the page arrives later than the address when the app renders the thread.
  fromPage(doc, url) {
    const id = threadIdOf(url);
    return id ? threadPageSightings(doc, url, id) : openConversations(doc);
  },

  veilPatterns(identifier) {
    const value = identifier.kind === 'handle' ? identifier.value.trim().replace(/^@/, '') : identifier.value.trim();
    // Only what a thread address carries for this kind: numeric ids, vanity names (threadFromId's rules).
    if (!threadFromId(value, false)?.identifiers.some((seen) => seen.kind === identifier.kind)) return [];
    const ids = identifier.kind === 'handle' ? asWrittenAndLower(value) : [value];
    // /t/<id>/, /e2ee/t/<id>/ and in a folder (/requests/t/<id>/).
    return ['https://www.messenger.com', 'https://messenger.com'].flatMap((origin) =>
      pageAndBelow(...ids.map((id) => `${origin}/*t/${id}`)),
    );
  },

  // Facebook's composer variant is read from aria-placeholder.
  watchAttributes: ['aria-placeholder'],

  composer: META_CHAT_COMPOSER,
  sendButton: META_SEND_BUTTON,

  // Conversations' message lists: the reader reads a list's own label, and around it the composer,
  // the thread's header and the chat list's current row, never a message row, so rows arriving are
  // not looked at (a change to the label itself still is).
  // 2023–26 role="log", 2020–23 the labelled role="grid"; docs/sites/messenger.md#quiet
  quiet: ['[role="log"]', '[role="grid"][aria-label^="Messages in conversation "]'],
};

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  {
    url: 'https://www.messenger.com/t/100012345678901/',
    sighting: {
      kind: 'thread',
      identifiers: [{ kind: 'conversationId', value: '100012345678901' }, { kind: 'accountId', value: '100012345678901' }],
    },
  },
  {
    url: 'https://messenger.com/t/100012345678901',
    sighting: {
      kind: 'thread',
      identifiers: [{ kind: 'conversationId', value: '100012345678901' }, { kind: 'accountId', value: '100012345678901' }],
    },
  },
  {
    url: 'https://www.messenger.com/e2ee/t/7712345678901234/',
    sighting: { kind: 'thread', identifiers: [{ kind: 'conversationId', value: '7712345678901234' }] },
  },
  { url: 'https://www.messenger.com/t/sam.lee.52/', sighting: { kind: 'thread', identifiers: [{ kind: 'handle', value: 'sam.lee.52' }] } },
  { url: 'https://www.messenger.com/', sighting: null },
  { url: 'https://www.messenger.com/t/', sighting: null },
  { url: 'https://www.messenger.com/new', sighting: null },
  { url: 'https://www.messenger.com/requests/', sighting: null },
  { url: 'https://www.messenger.com/marketplace/', sighting: null },
  { url: 'https://www.messenger.com/login/', sighting: null },
  { url: 'https://www.messenger.com/groupcall/ROOM:1234567890/', sighting: null },
];
