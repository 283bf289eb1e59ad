import type { Sighting, SiteAdapter, UrlExample } from './types';
import { pageAndBelow, asWrittenAndLower } from './lib/patterns';
import { profilePath } from './lib/profile-path';
import { siteNames } from './names';

/*
 * Threads (threads.net, renamed threads.com in 2025; both still serve): a profile is
 * `/@<username>` with the person's Instagram username, and a post is `/@<author>/post/<code>`.
 * Every app page (/search, /activity, /login, /settings, /saved…) is a path without the `@`.
 */

export const profiles = profilePath({
  prefix: '@',
  // Instagram's username rules: letters, digits, underscores and periods, up to 30 characters.
  // docs/sites/threads.md
  name: /^[A-Za-z0-9_.]{1,30}$/,
  // Profile tabs that still show the person's profile.
  tabs: ['replies', 'media', 'reposts'],
  // Their post (the address names its author, not whoever it replies to): reading it is looking at
  // them, as on their profile.
  below: ([page, code]) => page === 'post' && code !== undefined,
});

function profile(username: string): Sighting {
  return { kind: 'profile', identifiers: [{ kind: 'handle', value: username }] };
}

const ORIGINS = ['https://www.threads.com', 'https://www.threads.net', 'https://threads.com', 'https://threads.net'];

export const threads: SiteAdapter = {
  id: 'threads',
  name: siteNames.threads,
  matches: ORIGINS.map((origin) => `${origin}/*`),
  home: 'https://www.threads.com/',

  fromUrl(url) {
    const username = profiles.read(url);
    return username ? profile(username) : null;
  },

  veilPatterns(identifier) {
    const username = identifier.value.trim().replace(/^@+/, '');
    if (identifier.kind !== 'handle' || !profiles.named(username)) return [];
    // Links carry usernames in lower case; a typed one may not be.
    return asWrittenAndLower(username).flatMap((name) => pageAndBelow(...ORIGINS.map((origin) => `${origin}/@${name}`)));
  },
};

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  { url: 'https://www.threads.com/@sam.lee', sighting: profile('sam.lee') },
  { url: 'https://www.threads.net/@sam.lee?hl=en', sighting: profile('sam.lee') },
  { url: 'https://threads.net/@Sam_Lee/', sighting: profile('Sam_Lee') },
  { url: 'https://threads.com/@sam.lee/replies', sighting: profile('sam.lee') },
  { url: 'https://www.threads.com/@sam.lee/reposts', sighting: profile('sam.lee') },
  { url: 'https://www.threads.com/@sam.lee/post/C9xYzAbCdEf', sighting: profile('sam.lee') },
  { url: 'https://www.threads.net/@sam.lee/post/C9xYzAbCdEf/media?xmt=abc', sighting: profile('sam.lee') },
  { url: 'https://www.threads.com/', sighting: null },
  { url: 'https://www.threads.com/search?q=sam.lee', sighting: null },
  { url: 'https://www.threads.com/activity', sighting: null },
  { url: 'https://www.threads.com/login', sighting: null },
  { url: 'https://www.threads.com/settings/account', sighting: null },
  { url: 'https://www.threads.com/saved', sighting: null },
  { url: 'https://www.threads.com/following', sighting: null },
  { url: 'https://www.threads.com/@', sighting: null },
  { url: 'https://www.threads.com/@sam.lee/replies/extra', sighting: null },
];
