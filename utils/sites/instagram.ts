import type { SiteAdapter, Sighting } from './types';
import { pageAndBelow, asWrittenAndLower } from './patterns';

// First path segments that are Instagram's own pages, not usernames.
const RESERVED = new Set([
  'p', 'reel', 'reels', 'stories', 'tv', 'live', 'explore', 'accounts', 'direct', 's',
  'about', 'legal', 'privacy', 'terms', 'developer', 'developers', 'emails', 'challenge',
  'web', 'api', 'graphql', 'ajax', 'static', 'oauth', 'session', 'login', 'logout',
  'signup', 'nametag', 'qr', 'ar', 'threads', 'create', 'your_activity', 'locations',
  'topics', 'audio', 'music', 'guide', 'press', 'lite', 'download', 'invites', 'push',
]);
const USERNAME = /^[A-Za-z0-9_.]{1,30}$/;
// Profile sub-pages that still show the person's profile.
const PROFILE_TABS = new Set(['reels', 'tagged', 'saved', 'followers', 'following', 'feed', 'guides', 'related_profiles']);

function profile(username: string): Sighting {
  return { kind: 'profile', identifiers: [{ kind: 'handle', value: username }] };
}

export const instagram: SiteAdapter = {
  id: 'instagram',
  name: 'Instagram',
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
    if (RESERVED.has(first.toLowerCase()) || !USERNAME.test(first)) return null;
    if (parts.length === 1 || (parts.length === 2 && second && PROFILE_TABS.has(second))) {
      return profile(first);
    }
    return null;
  },

  fromPage(doc, url) {
    if (!url.pathname.startsWith('/direct/t/')) return [];
    // The open thread's header links to the partner's profile; inbox rows do not.
    // 2024–26 layout: the header's avatar and name link, labelled (English) "Open the profile page of <username>".
    const headerLink = doc.querySelector<HTMLAnchorElement>('a[aria-label^="Open the profile page of "]');
    const username = headerLink ? usernameFromHref(headerLink.getAttribute('href')) : null;
    if (!username) return [];
    return [{ kind: 'thread', identifiers: [{ kind: 'handle', value: username }] }];
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
    if (!USERNAME.test(username) || RESERVED.has(username.toLowerCase())) return [];
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
  // by its text, "Send": no selector can say that, so the generic rule finds it (utils/composer.ts).
  composer: [
    // 2023–26 Lexical editor, labelled "Message" (English UI).
    'div[role="textbox"][contenteditable="true"][aria-label="Message"]',
    // 2019–22: a textarea with the placeholder "Message...".
    'textarea[placeholder="Message..."]',
  ],

  examples: [
    { url: 'https://www.instagram.com/sam.lee/', sighting: profile('sam.lee') },
    { url: 'https://www.instagram.com/sam.lee/?hl=en', sighting: profile('sam.lee') },
    { url: 'https://instagram.com/Sam_Lee', sighting: profile('Sam_Lee') },
    { url: 'https://www.instagram.com/sam.lee/reels/', sighting: profile('sam.lee') },
    { url: 'https://www.instagram.com/sam.lee/tagged/', sighting: profile('sam.lee') },
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
  ],
};

function usernameFromHref(href: string | null): string | null {
  if (!href) return null;
  const match = /^\/([A-Za-z0-9_.]{1,30})\/?$/.exec(href.replace(/^https:\/\/(www\.)?instagram\.com/, ''));
  return match?.[1] && !RESERVED.has(match[1].toLowerCase()) ? match[1] : null;
}
