import type { Sighting, SiteAdapter, UrlExample } from './types';
import { asWrittenAndLower } from './lib/patterns';
import { siteNames } from './names';

/*
 * Snapchat: public profiles `/add/<username>` and `/@<username>`; the web client at `/web/`,
 * whose open chat is `/web/<conversation id>`. Read from the address only: its chat header has no
 * stable selector for the partner's name (docs/sites/snapchat.md#no-stable-chat-header). The
 * conversation id is still an identifier: "Watch this person here" from the open chat saves it.
 */

const ORIGINS = ['https://www.snapchat.com', 'https://snapchat.com'];
// Letters, digits and one of - _ . inside; 3–15 characters, starting with a letter.
const USERNAME = /^[A-Za-z][A-Za-z0-9._-]{1,13}[A-Za-z0-9]$/;
const CONVERSATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function profile(username: string): Sighting {
  return { kind: 'profile', identifiers: [{ kind: 'handle', value: username }] };
}

export const snapchat: SiteAdapter = {
  id: 'snapchat',
  name: siteNames.snapchat,
  matches: ORIGINS.map((origin) => `${origin}/*`),
  home: 'https://www.snapchat.com/web/',

  fromUrl(url) {
    const parts = url.pathname.split('/').filter(Boolean);
    const [first, second] = parts;
    if (first === 'add' && second && parts.length === 2 && USERNAME.test(second)) return profile(second);
    if (first?.startsWith('@') && parts.length === 1 && USERNAME.test(first.slice(1))) return profile(first.slice(1));
    if (first === 'web' && second && parts.length === 2 && CONVERSATION_ID.test(second)) {
      return { kind: 'thread', identifiers: [{ kind: 'conversationId', value: second.toLowerCase() }] };
    }
    return null;
  },

  veilPatterns(identifier) {
    const value = identifier.value.trim().replace(/^@+/, '');
    if (identifier.kind === 'conversationId') {
      return CONVERSATION_ID.test(value)
        ? asWrittenAndLower(value).flatMap((id) => [
            `https://www.snapchat.com/web/${id}`,
            `https://www.snapchat.com/web/${id}?*`,
          ])
        : [];
    }
    if (identifier.kind !== 'handle' || !USERNAME.test(value)) return [];
    // Links carry usernames in lower case; a typed one may not be.
    return asWrittenAndLower(value).flatMap((name) =>
      ORIGINS.flatMap((origin) => [
        `${origin}/add/${name}`,
        `${origin}/add/${name}/*`,
        `${origin}/add/${name}?*`,
        `${origin}/@${name}`,
        `${origin}/@${name}?*`,
      ]),
    );
  },
};

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  { url: 'https://www.snapchat.com/add/sam.lee', sighting: profile('sam.lee') },
  { url: 'https://www.snapchat.com/add/sam.lee?share_id=AbC123&locale=en_GB', sighting: profile('sam.lee') },
  { url: 'https://snapchat.com/add/Sam_Lee/', sighting: profile('Sam_Lee') },
  { url: 'https://www.snapchat.com/@sam.lee', sighting: profile('sam.lee') },
  {
    url: 'https://www.snapchat.com/web/5c3a2b1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d',
    sighting: { kind: 'thread', identifiers: [{ kind: 'conversationId', value: '5c3a2b1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d' }] },
  },
  { url: 'https://www.snapchat.com/', sighting: null },
  { url: 'https://www.snapchat.com/web/', sighting: null },
  { url: 'https://www.snapchat.com/web', sighting: null },
  { url: 'https://www.snapchat.com/add/', sighting: null },
  { url: 'https://www.snapchat.com/spotlight/W7_EDlXWTBiXAEEniNoMPwAAYc2Jkd2RtYmNlAZE', sighting: null },
  { url: 'https://www.snapchat.com/lens/f6476c9100404360912c2f50c76be9f6', sighting: null },
  { url: 'https://www.snapchat.com/discover', sighting: null },
  { url: 'https://www.snapchat.com/download', sighting: null },
  { url: 'https://www.snapchat.com/web/settings', sighting: null },
];
