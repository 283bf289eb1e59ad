import type { SeenIdentifier, Sighting, SiteAdapter, UrlExample } from './types';
import { pageAndBelow, asWrittenAndLower } from './lib/patterns';
import { profilePath } from './lib/profile-path';
import { siteNames } from './names';

/*
 * Bluesky (bsky.app): a profile is `/profile/<handle or DID>`, a post `/profile/<actor>/post/<rkey>`,
 * and a chat `/messages/<convo id>`. The chat's address never names the partner: the open
 * conversation's header links to their profile, the first link of its "convoScreen" (2025–26; a
 * group's header links to the group's settings). docs/sites/bluesky.md#conversation-header
 */

// A domain-name handle (alice.bsky.social, alice.example.com).
const HANDLE = /^(?=.{3,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const DID = /^did:(plc:[a-z2-7]{24}|web:[A-Za-z0-9.%-]+)$/;
// Lists of who reacted to a post: still that post.
const POST_TABS = new Set(['liked-by', 'reposted-by', 'quotes']);
// /messages/<segment> pages that are not conversations.
const MESSAGES_PAGES = new Set(['settings', 'inbox']);
const CONVO_ID = /^[A-Za-z0-9_-]{6,64}$/;

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A profile address segment as an identifier: a DID is an account id, a domain name a handle. */
function actor(segment: string): SeenIdentifier | null {
  const value = decoded(segment).replace(/^@/, '');
  if (DID.test(value)) return { kind: 'accountId', value };
  if (HANDLE.test(value)) return { kind: 'handle', value };
  return null;
}

export const profiles = profilePath({
  under: ['profile'],
  name: { test: (segment) => actor(segment) !== null },
  // Profile sub-pages that still show the person.
  tabs: ['followers', 'follows', 'known-followers'],
  // Their post, and who reacted to it: reading it is looking at them, as on their profile.
  below: ([page, rkey, tab, ...more]) => page === 'post' && rkey !== undefined && (tab === undefined || (POST_TABS.has(tab) && more.length === 0)),
});

function profile(identifier: SeenIdentifier): Sighting {
  return { kind: 'profile', identifiers: [identifier] };
}

function actorFromHref(href: string | null): SeenIdentifier | null {
  const match = /^(?:https:\/\/bsky\.app)?\/profile\/([^/?#]+)\/?$/.exec(href ?? '');
  return match?.[1] ? actor(match[1]) : null;
}

/**
 * An item whose test id names its author's handle: `feedItem-by-<handle>` (a post in any feed, a
 * repost of it included: the id carries the post's author) and `postThreadItem-by-<handle>` (a post
 * and its replies on a thread's page). Sources: bluesky-social/social-app
 * `src/view/com/posts/PostFeedItem.tsx` (`testID={\`feedItem-by-${post.author.handle}\`}`) and
 * `src/screens/PostThread/components/ThreadItemPost.tsx` (`postThreadItem-by-…`); react-native-web
 * writes a testID as `data-testid`. docs/sites/bluesky.md#feed-items
 */
const testId = (item: Element) => item.getAttribute('data-testid');
const byTestId = (prefix: string) => (read: string) => actor(read.slice(prefix.length));

export const bluesky: SiteAdapter = {
  id: 'bluesky',
  name: siteNames.bluesky,
  matches: ['https://bsky.app/*'],
  home: 'https://bsky.app/',

  fromUrl(url) {
    const parts = url.pathname.split('/').filter(Boolean);
    const [first, second] = parts;
    const segment = profiles.read(url);
    const identifier = segment ? actor(segment) : null;
    if (identifier) return profile(identifier);
    if (first === 'messages' && second && parts.length === 2 && !MESSAGES_PAGES.has(second) && CONVO_ID.test(second)) {
      return { kind: 'thread', identifiers: [{ kind: 'conversationId', value: second }] };
    }
    return null;
  },

  fromPage(doc, url) {
    if (!/^\/messages\/[^/]+\/?$/.test(url.pathname)) return [];
    // The navigator may keep an earlier conversation mounted (hidden) beneath the open one:
    // the last screen in the document is the one on top.
    const screens = doc.querySelectorAll('[data-testid="convoScreen"]');
    const screen = screens[screens.length - 1];
    const partner = actorFromHref(screen?.querySelector('a[href]')?.getAttribute('href') ?? null);
    return partner ? [{ kind: 'thread', identifiers: [partner] }] : [];
  },

  places: [
    { kind: 'feed', item: '[data-testid^="feedItem-by-"]', read: testId, author: byTestId('feedItem-by-'), attributes: ['data-testid'] },
    { kind: 'comment', item: '[data-testid^="postThreadItem-by-"]', read: testId, author: byTestId('postThreadItem-by-'), attributes: ['data-testid'] },
    // A chat list's row (src/screens/Messages/components/ChatListItem.tsx): the link into the
    // conversation, whose sibling before it holds the other member's avatar, a link to their profile.
    // A group's row has no such link (docs/sites/bluesky.md#chat-list-rows).
    {
      kind: 'inbox',
      item: 'a[href^="/messages/"][role="link"]',
      read: (item) => item.previousElementSibling?.querySelector('a[href^="/profile/"]')?.getAttribute('href') ?? null,
      author: actorFromHref,
    },
  ],

  veilPatterns(identifier) {
    const value = identifier.value.trim().replace(/^@+/, '');
    if (identifier.kind === 'conversationId') {
      return CONVO_ID.test(value) && !MESSAGES_PAGES.has(value)
        ? [`https://bsky.app/messages/${value}`, `https://bsky.app/messages/${value}?*`]
        : [];
    }
    let forms: string[] = [];
    // The app writes a DID as is; a pasted link may carry it percent-encoded.
    if (identifier.kind === 'accountId' && DID.test(value)) forms = [value, encodeURIComponent(value)];
    // Bluesky writes handles in lower case; a typed one may not be.
    if (identifier.kind === 'handle' && HANDLE.test(value)) forms = asWrittenAndLower(value);
    return pageAndBelow(...new Set(forms.map((form) => `https://bsky.app/profile/${form}`)));
  },

  // Web (2024–26, react-native-web): a textarea whose only name is its placeholder (English UI),
  // and a pressable labelled "Send message". docs/sites/bluesky.md#composer
  composer: ['textarea[placeholder="Write a message"]'],
  sendButton: ['[role="button"][aria-label="Send message"]'],
};

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  { url: 'https://bsky.app/profile/sam.bsky.social', sighting: profile({ kind: 'handle', value: 'sam.bsky.social' }) },
  { url: 'https://bsky.app/profile/Sam.Example.com/', sighting: profile({ kind: 'handle', value: 'Sam.Example.com' }) },
  {
    url: 'https://bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx',
    sighting: profile({ kind: 'accountId', value: 'did:plc:abcdefghijklmnopqrstuvwx' }),
  },
  {
    url: 'https://bsky.app/profile/did%3Aplc%3Aabcdefghijklmnopqrstuvwx/post/3kabc2defgh2i',
    sighting: profile({ kind: 'accountId', value: 'did:plc:abcdefghijklmnopqrstuvwx' }),
  },
  { url: 'https://bsky.app/profile/sam.bsky.social/post/3kabc2defgh2i', sighting: profile({ kind: 'handle', value: 'sam.bsky.social' }) },
  { url: 'https://bsky.app/profile/sam.bsky.social/post/3kabc2defgh2i/liked-by', sighting: profile({ kind: 'handle', value: 'sam.bsky.social' }) },
  { url: 'https://bsky.app/profile/sam.bsky.social/followers', sighting: profile({ kind: 'handle', value: 'sam.bsky.social' }) },
  {
    url: 'https://bsky.app/messages/3ku7w6h4vog2d',
    sighting: { kind: 'thread', identifiers: [{ kind: 'conversationId', value: '3ku7w6h4vog2d' }] },
  },
  { url: 'https://bsky.app/', sighting: null },
  { url: 'https://bsky.app/messages', sighting: null },
  { url: 'https://bsky.app/messages/', sighting: null },
  { url: 'https://bsky.app/messages/settings', sighting: null },
  { url: 'https://bsky.app/messages/inbox', sighting: null },
  { url: 'https://bsky.app/messages/3ku7w6h4vog2d/settings', sighting: null },
  { url: 'https://bsky.app/notifications', sighting: null },
  { url: 'https://bsky.app/search?q=sam.bsky.social', sighting: null },
  { url: 'https://bsky.app/profile', sighting: null },
  { url: 'https://bsky.app/profile/sam.bsky.social/feed/aaa-feed', sighting: null },
  { url: 'https://bsky.app/profile/sam.bsky.social/lists/3kabc2defgh2i', sighting: null },
  { url: 'https://bsky.app/profile/not_a_handle', sighting: null },
  { url: 'https://bsky.app/settings', sighting: null },
];
