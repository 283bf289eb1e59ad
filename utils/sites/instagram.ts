import { groupThread, type Sighting, type SiteAdapter, type UrlExample } from './types';
import { pageAndBelow, asWrittenAndLower } from './lib/patterns';
import { profilePath } from './lib/profile-path';
import { siteNames } from './names';

// Profiles: /<username>/ and the sub-pages that still show the person's profile; docs/sites/instagram.md#profiles
const USERNAME = /^[A-Za-z0-9_.]{1,30}$/;
export const profiles = profilePath({
  name: USERNAME,
  // First path segments that are Instagram's own pages, not usernames.
  reserved: [
    'p', 'reel', 'reels', 'stories', 'tv', 'live', 'explore', 'accounts', 'direct', 's',
    'about', 'legal', 'privacy', 'terms', 'developer', 'developers', 'emails', 'challenge',
    'web', 'api', 'graphql', 'ajax', 'static', 'oauth', 'session', 'login', 'logout',
    'signup', 'nametag', 'qr', 'ar', 'threads', 'create', 'your_activity', 'locations',
    'topics', 'audio', 'music', 'guide', 'press', 'lite', 'download', 'invites', 'push',
  ],
  tabs: ['reels', 'tagged', 'reposts', 'saved', 'followers', 'following', 'feed', 'guides', 'related_profiles'],
});

// The thread header's title: an h2 in the link to the partner's profile, which inbox rows and sender
// avatars never hold (2025–26 web). Structure and href only: the label is localised.
// docs/sites/instagram.md#thread-header
const HEADER_TITLE = 'a[href] h2';
// Columns that are never the header, by data-pagelet (stable across builds and languages).
const NOT_HEADER = [
  // The open thread's message list (2025–26); docs/sites/instagram.md#not-the-header
  '[data-pagelet="IGDMessagesList"]',
  // Its older name; docs/sites/instagram.md#not-the-header
  '[data-pagelet="IGDOpenMessageList"]',
  // The inbox's thread list, and the navigation around it; docs/sites/instagram.md#not-the-header
  '[data-pagelet="IGDInboxThreadListScrollableAreaPagelet"]',
  '[role="navigation"]',
].join(', ');
// The open thread's message list, where each message from someone else carries its sender's avatar
// (a link to their profile around an image); docs/sites/instagram.md#groups
const MESSAGE_LIST = '[data-pagelet="IGDMessagesList"], [data-pagelet="IGDOpenMessageList"]';
// The messages tray over other pages (feed, profiles, reels; newer builds '…OffMsys'). Its open chat
// is read by the thread header's rule, an assumption; docs/sites/instagram.md#messages-tray
const TRAY = '[data-pagelet^="IGDChatTabsRootContent"]';

function profile(username: string): Sighting {
  return { kind: 'profile', identifiers: [{ kind: 'handle', value: username }] };
}

export const instagram: SiteAdapter = {
  id: 'instagram',
  name: siteNames.instagram,
  matches: ['https://www.instagram.com/*', 'https://instagram.com/*'],
  home: 'https://www.instagram.com/',

  fromUrl(url) {
    const parts = url.pathname.split('/').filter(Boolean);
    const [first, second, third] = parts;
    if (!first) return null;
    if (first === 'direct' && second === 't' && third) {
      return { kind: 'thread', identifiers: [{ kind: 'conversationId', value: third }] };
    }
    // Watching someone's story is looking at them: /stories/<username>/<story id>/.
    if (first === 'stories' && second && USERNAME.test(second) && second !== 'highlights') {
      return profile(second);
    }
    const username = profiles.read(url);
    return username ? profile(username) : null;
  },

  fromPage(doc, url) {
    // A thread at /direct/t/<id>/ fills the page; elsewhere a chat can be open in the tray.
    const thread = url.pathname.startsWith('/direct/t/');
    const roots: ParentNode[] = thread ? [doc] : [...doc.querySelectorAll(TRAY)];
    const partners = new Set(roots.flatMap(headerPartners));
    if (partners.size === 1) {
      return [{ kind: 'thread', identifiers: [...partners].map((value) => ({ kind: 'handle' as const, value })) }];
    }
    // Nobody named by the header: a group's thread when it shows a group's header (below), or a
    // thread the reader cannot read (which the health signal counts). Two people named by thread
    // headers at once: the page is mid-change; read nothing.
    return thread && partners.size === 0 && showsGroup(doc) ? [groupThread()] : [];
  },

  // Instagram shows the author of a story who viewed it.
  story(url) {
    const [first, second] = url.pathname.split('/').filter(Boolean);
    return first === 'stories' && second !== undefined && second !== 'highlights';
  },

  veilPatterns(identifier) {
    const origins = ['https://www.instagram.com', 'https://instagram.com'];
    if (identifier.kind === 'conversationId') {
      // Thread ids are long numbers in the links seen; other safe characters are let through in case that changes.
      const id = identifier.value.trim();
      return /^[A-Za-z0-9_-]{1,100}$/.test(id) ? pageAndBelow(...origins.map((origin) => `${origin}/direct/t/${id}`)) : [];
    }
    if (identifier.kind !== 'handle') return [];
    const username = identifier.value.trim().replace(/^@/, '');
    if (!profiles.named(username)) return [];
    // Instagram links usernames in lower case; a typed name may not be. Their stories are
    // /stories/<username>/<story id>/ ("highlights" there is Instagram's own page).
    return asWrittenAndLower(username).flatMap((name) =>
      pageAndBelow(
        ...origins.map((origin) => `${origin}/${name}`),
        ...(name === 'highlights' ? [] : origins.map((origin) => `${origin}/stories/${name}`)),
      ),
    );
  },

  // The open thread's message box. Its send button (2023–26) is a div[role="button"] labelled only
  // by its text, "Send": no selector can say that, so the generic rule finds it (utils/sites/lib/composer.ts).
  composer: [
    // 2023–26 Lexical editor, labelled "Message" (English UI); docs/sites/instagram.md#composer
    'div[role="textbox"][contenteditable="true"][aria-label="Message"]',
    // 2019–22 textarea, placeholder "Message..."; docs/sites/instagram.md#composer
    'textarea[placeholder="Message..."]',
  ],

  // The inbox's thread list, which the reader passes over (NOT_HEADER), so that inbox rows moving as
  // messages arrive are not looked at. Not the open thread's message list: its senders' avatars say
  // whether the thread is a group's (MESSAGE_LIST). docs/sites/instagram.md#quiet
  quiet: ['[data-pagelet="IGDInboxThreadListScrollableAreaPagelet"]'],
};

function usernameFromHref(href: string | null): string | null {
  if (!href) return null;
  const match = /^\/([^/]+)\/?$/.exec(href.replace(/^https:\/\/(www\.)?instagram\.com/, ''));
  return match?.[1] && profiles.named(match[1]) ? match[1] : null;
}

/** The usernames that thread headers under `root` link to (in lower case: Instagram links them so). */
function headerPartners(root: ParentNode): string[] {
  const partners: string[] = [];
  for (const title of root.querySelectorAll(HEADER_TITLE)) {
    const link = title.closest('a[href]');
    if (!link || link.closest(NOT_HEADER)) continue;
    const username = usernameFromHref(link.getAttribute('href'));
    if (username) partners.push(username.toLowerCase());
  }
  return partners;
}

/**
 * Whether the open thread is a group's, by signs only a group's thread shows together: a header
 * title (h2) in no link to a profile (a group's header links to no one), over messages from two or
 * more different people, each marked by its sender's avatar link (a one-to-one thread has only its
 * partner's). Avatar links are links around an image and no text: a shared post's author link
 * carries the author's name beside the image. A header that lost its link (the markup changed)
 * over one person's messages is no group: that thread still counts as unread.
 * docs/sites/instagram.md#groups
 */
function showsGroup(doc: Document): boolean {
  const titled = [...doc.querySelectorAll('h2')].some((title) => !title.closest('a[href]') && !title.closest(NOT_HEADER));
  if (!titled) return false;
  const senders = new Set<string>();
  for (const list of doc.querySelectorAll(MESSAGE_LIST)) {
    for (const link of list.querySelectorAll('a[href]')) {
      if (!link.querySelector('img') || link.textContent?.trim()) continue;
      const username = usernameFromHref(link.getAttribute('href'));
      if (username) senders.add(username.toLowerCase());
      // Two senders say it: the rest of a long list (read once a frame while messages arrive) is not.
      if (senders.size > 1) return true;
    }
  }
  return false;
}

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  { url: 'https://www.instagram.com/sam.lee/', sighting: profile('sam.lee') },
  { url: 'https://www.instagram.com/sam.lee/?hl=en', sighting: profile('sam.lee') },
  { url: 'https://instagram.com/Sam_Lee', sighting: profile('Sam_Lee') },
  { url: 'https://www.instagram.com/sam.lee/reels/', sighting: profile('sam.lee') },
  { url: 'https://www.instagram.com/sam.lee/tagged/', sighting: profile('sam.lee') },
  { url: 'https://www.instagram.com/sam.lee/reposts/', sighting: profile('sam.lee') },
  { url: 'https://www.instagram.com/stories/sam.lee/3312345678901234567/', sighting: profile('sam.lee') },
  {
    url: 'https://www.instagram.com/direct/t/340282366841710300949128171234567890/',
    sighting: { kind: 'thread', identifiers: [{ kind: 'conversationId', value: '340282366841710300949128171234567890' }] },
  },
  { url: 'https://www.instagram.com/', sighting: null },
  { url: 'https://www.instagram.com/explore/', sighting: null },
  { url: 'https://www.instagram.com/p/C9xYzAbCdEf/', sighting: null },
  { url: 'https://www.instagram.com/reel/C9xYzAbCdEf/', sighting: null },
  { url: 'https://www.instagram.com/reels/', sighting: null },
  { url: 'https://www.instagram.com/direct/inbox/', sighting: null },
  { url: 'https://www.instagram.com/accounts/edit/', sighting: null },
  { url: 'https://www.instagram.com/stories/highlights/17912345678901234/', sighting: null },
  { url: 'https://www.instagram.com/sam.lee/p/C9xYzAbCdEf/', sighting: null },
];
