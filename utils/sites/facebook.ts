import { sameIdentifier } from '../model/normalize';
import { asWrittenAndLower, pageAndBelow, withParameter } from './lib/patterns';
import { seenKey, type SeenIdentifier, type Sighting, type SiteAdapter, type UrlExample } from './types';
import { profileName, type NameRule } from './lib/profile-path';
import { siteNames } from './names';

// Vanity names, a profile's address (/<vanity>): letters, digits and periods (Facebook's own rule;
// old ones can be short), never one of Facebook's own pages (the reserved first segments).
// docs/sites/facebook.md#profiles
export const vanityNames: NameRule = {
  name: /^[A-Za-z0-9.]{1,50}$/,
  reserved: [
    'groups', 'people', 'photo', 'photos', 'watch', 'share', 'sharer', 'reel', 'reels', 'stories',
    'story', 'events', 'pages', 'marketplace', 'hashtag', 'posts', 'friends', 'saved', 'memories',
    'me', 'messages', 'messenger_media', 'notifications', 'settings', 'bookmarks', 'search',
    'gaming', 'games', 'fundraisers', 'donate', 'live', 'video', 'videos', 'media', 'permalink',
    'help', 'privacy', 'policies', 'policy', 'legal', 'terms', 'about', 'login', 'logout', 'recover',
    'checkpoint', 'reg', 'r', 'l', 'ads', 'adsmanager', 'business', 'business_help', 'careers',
    'dialog', 'plugins', 'tr', 'ajax', 'api', 'graph', 'developers', 'lite', 'mobile', 'dating',
    'jobs', 'news', 'feeds', 'offers', 'weather', 'commerce', 'shops', 'composer', 'notes',
    'find-friends', 'friends_center', 'pg', 'places', 'community', 'communities', 'latest', 'home',
    'onthisday', 'climatescienceinfo', 'coronavirus_info', 'your_information', 'security',
  ],
};
const isVanity = profileName(vanityNames);
const NUMERIC_ID = /^\d{5,20}$/;
// Profile sub-pages that still show the person's profile: /<vanity>/about, /friends, /photos…
// The path is read here, not by profilePath: that reader would put this script (and Messenger's,
// which carries it) over its 28 KiB gzipped limit.
const PROFILE_TAB = /^(about(_\w+)?|friends(_\w+)?|followers|following|photos(_\w+)?|videos(_\w+)?|reels(_tab)?|map|sports|music|movies|tv|books|likes|events|reviews(_\w+)?|check_ins|groups|games)$/;

function profile(identifier: SeenIdentifier): Sighting {
  return { kind: 'profile', identifiers: [identifier] };
}

/**
 * A thread id from a Facebook or Messenger chat URL. For one-to-one chats that are not
 * end-to-end encrypted the id is the other person's account id; a vanity name stands in for it in
 * links made by m.me/<vanity>. E2EE thread ids are ids of the thread only (docs/sites/facebook.md#thread-ids).
 */
export function threadFromId(id: string, encrypted: boolean): Sighting | null {
  if (NUMERIC_ID.test(id)) {
    const identifiers: SeenIdentifier[] = [{ kind: 'conversationId', value: id }];
    if (!encrypted) identifiers.push({ kind: 'accountId', value: id });
    return { kind: 'thread', identifiers };
  }
  if (!encrypted && isVanity(id)) {
    return { kind: 'thread', identifiers: [{ kind: 'handle', value: id }] };
  }
  return null;
}

// Where the open conversation names itself in a label. Each entry: the elements to read, and how
// their label gives the conversation's title. Only the wordings a public source quotes are carried;
// thread pages are also read by structure alone (threadPageSightings below), which needs no label.
// docs/sites/facebook.md#conversation-labels
const CONVERSATION_LABELS: { selector: string; attribute: string | null; pattern: RegExp }[] = [
  // Message list, role="log" (2023–26: facebook.com/messages, messenger.com, chat pop-ups); docs/sites/facebook.md#message-list
  {
    selector: '[role="log"][aria-label^="Messages in conversation "]',
    attribute: 'aria-label',
    pattern: /^Messages in conversation (?:titled|with) (.+)$/,
  },
  // Message list, role="grid" (older Messenger layout, 2020–23); docs/sites/facebook.md#older-message-list
  {
    selector: '[role="grid"][aria-label^="Messages in conversation "]',
    attribute: 'aria-label',
    pattern: /^Messages in conversation (?:titled|with) (.+)$/,
  },
  // The open thread's region, role="main", in English, Spanish and Portuguese; docs/sites/facebook.md#thread-region
  {
    selector: [
      '[role="main"][aria-label^="Conversation titled "]',
      '[role="main"][aria-label^="Conversation with "]',
      '[role="main"][aria-label^="Conversación titulada "]',
      '[role="main"][aria-label^="Conversa intitulada "]',
    ].join(', '),
    attribute: 'aria-label',
    pattern: /^(?:Conversation titled|Conversation with|Conversación titulada|Conversa intitulada) (.+)$/,
  },
  // The composer of an open thread or chat pop-up (Lexical editor), "Write to <Name>" (English);
  // a profile's "Write something to …" does not match. docs/sites/facebook.md#composer-label
  {
    selector: '[role="textbox"][aria-label^="Write to "]',
    attribute: 'aria-label',
    pattern: /^Write to (.+)$/,
  },
  // Composer variant that carries the same words as its placeholder only; docs/sites/facebook.md#composer-placeholder
  {
    selector: '[role="textbox"][aria-placeholder^="Write to "]',
    attribute: 'aria-placeholder',
    pattern: /^Write to (.+)$/,
  },
  // A chat pop-up's title by its test id, in every language (2020–22; unproven today); docs/sites/facebook.md#pop-up-title
  {
    selector: '[data-pagelet="ChatTab"] [data-testid="messenger-chat-title-text"]',
    attribute: null,
    pattern: /^(.+)$/,
  },
];
const ANY_CONVERSATION_LABEL = CONVERSATION_LABELS.map(({ selector }) => selector).join(', ');

/** The conversation's name in a title, as Facebook shows it. */
function personOfTitle(title: string | undefined): string | undefined {
  // Marketplace chats are titled "<Name> · <listing>": the person is the part before the dot.
  return title?.split(' · ')[0]?.trim() || undefined;
}

/**
 * The names of the conversations open on the page: the thread in view and any chat pop-ups.
 * Chat lists (the inbox, Messenger's left rail, the Messenger menu) carry no such labels.
 */
export function openConversations(doc: ParentNode): Sighting[] {
  return namesToSightings(conversationNames(doc));
}

function conversationNames(doc: ParentNode): Set<string> {
  const names = new Set<string>();
  // One walk of the page for all variants: this runs once a frame while Facebook's page changes.
  for (const element of doc.querySelectorAll(ANY_CONVERSATION_LABEL)) {
    for (const { selector, attribute, pattern } of CONVERSATION_LABELS) {
      if (!element.matches(selector)) continue;
      const label = attribute === null ? element.textContent : element.getAttribute(attribute);
      const name = personOfTitle(pattern.exec(label?.trim() ?? '')?.[1]);
      if (name) names.add(name);
    }
  }
  return names;
}

function namesToSightings(names: Set<string>): Sighting[] {
  return [...names].map((name) => ({ kind: 'thread', identifiers: [{ kind: 'name', value: name }] }));
}

// The chat list's row for the open conversation, marked aria-current="page" and linking to the
// thread's address (2025–26); structure and href only, so in every language. docs/sites/facebook.md#current-row
const CURRENT_ROW = '[role="row"] [aria-current="page"][href]';
// The open thread's header (2025–26, and its other name): its title links to the partner's profile.
// A group has no profile: a header linking to more than one profile, or none, names nobody.
// docs/sites/facebook.md#header-profile-link
const THREAD_HEADER_LINKS = [
  '[data-pagelet="MWInboxDetail_MessageList_Header"] a[href]',
  '[data-pagelet="MWThreadHeaderContent"] a[href]',
].join(', ');
const FACEBOOK_HOSTS = new Set(['www.facebook.com', 'facebook.com', 'web.facebook.com', 'm.facebook.com']);

/** The thread id of a chat address (its path's segment after "t"), or null. */
function threadIdOfPath(pathname: string): string | null {
  const parts = pathname.split('/').filter(Boolean);
  const t = parts.indexOf('t');
  return t >= 0 ? (parts[t + 1] ?? null) : null;
}

function resolved(href: string | null, base: URL): URL | null {
  if (!href) return null;
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/**
 * What an open thread's page says by its structure alone, at a thread address with this id: the
 * title of the chat list's row for it, and the profile its header links to. Neither depends on
 * the UI's language.
 */
export function threadPageSightings(doc: ParentNode, url: URL, threadId: string): Sighting[] {
  const names = conversationNames(doc);
  for (const row of doc.querySelectorAll(CURRENT_ROW)) {
    // A row still marked current from the thread before (the address changes first) is not this one.
    if (threadIdOfPath(resolved(row.getAttribute('href'), url)?.pathname ?? '') !== threadId) continue;
    const title = [...row.querySelectorAll('span[dir="auto"]')].map((span) => span.textContent?.trim()).find(Boolean);
    const name = personOfTitle(title);
    if (name) names.add(name);
  }
  const sightings = namesToSightings(names);
  const profiles = new Map<string, SeenIdentifier>();
  for (const link of doc.querySelectorAll(THREAD_HEADER_LINKS)) {
    const target = resolved(link.getAttribute('href'), url);
    if (!target || !FACEBOOK_HOSTS.has(target.hostname)) continue;
    const seen = readUrl(target);
    const identifier = seen?.kind === 'profile' ? seen.identifiers[0] : undefined;
    if (identifier) profiles.set(seenKey(identifier), identifier);
  }
  if (profiles.size === 1) sightings.push({ kind: 'thread', identifiers: [...profiles.values()] });
  return sightings;
}

function readUrl(url: URL): Sighting | null {
  const parts = url.pathname.split('/').filter(Boolean);
  const [first, second, third, fourth] = parts;
  if (!first) return null;
  const lower = first.toLowerCase();
  if (lower === 'messages') {
    // /messages/t/<id>/, /messages/e2ee/t/<id>/ (and folders such as /messages/requests/t/<id>/).
    const t = parts.indexOf('t');
    const id = t > 0 ? parts[t + 1] : undefined;
    return id ? threadFromId(id, parts.slice(1, t).includes('e2ee')) : null;
  }
  // Marketplace chats: /marketplace/t/<thread id>/ (the id of the thread, not of a person).
  if (lower === 'marketplace' && second === 't' && third && NUMERIC_ID.test(third)) {
    return { kind: 'thread', identifiers: [{ kind: 'conversationId', value: third }] };
  }
  if (lower === 'profile.php') {
    const id = url.searchParams.get('id');
    return id && NUMERIC_ID.test(id) ? profile({ kind: 'accountId', value: id }) : null;
  }
  // /people/<Name>/<id>/: a profile without a vanity name.
  if (lower === 'people' && second && third && NUMERIC_ID.test(third)) {
    return profile({ kind: 'accountId', value: third });
  }
  // /stories/<bucket id>/<card id>/: a story bucket, theirs when its id is their account id (one
  // space of ids for all of Facebook's objects). docs/sites/facebook.md#stories
  if (lower === 'stories' && second && NUMERIC_ID.test(second)) {
    return profile({ kind: 'accountId', value: second });
  }
  // /groups/<group>/user/<id>/: a member's profile inside a group.
  if (lower === 'groups' && third === 'user' && fourth && NUMERIC_ID.test(fourth)) {
    return profile({ kind: 'accountId', value: fourth });
  }
  // Any other `*.php` is an app page too (profile.php is read above).
  if (lower.endsWith('.php') || !isVanity(first)) return null;
  if (parts.length > 2 || (second && !PROFILE_TAB.test(second))) return null;
  return profile(NUMERIC_ID.test(first) ? { kind: 'accountId', value: first } : { kind: 'handle', value: first });
}

/** Meta's chat message box (facebook.com/messages, chat pop-ups, messenger.com), one entry per layout. */
export const META_CHAT_COMPOSER = [
  // 2023–26 Lexical editor, labelled "Write to <Name>"; docs/sites/facebook.md#composer
  '[role="textbox"][contenteditable="true"][aria-label^="Write to "]',
  // The variant that carries those words as its placeholder only; docs/sites/facebook.md#composer
  '[role="textbox"][contenteditable="true"][aria-placeholder^="Write to "]',
  // 2020–23 layouts: labelled "Message", placeholder "Aa"; docs/sites/facebook.md#composer
  '[role="textbox"][contenteditable="true"][aria-label="Message"]',
  '[role="textbox"][contenteditable="true"][aria-placeholder="Aa"]',
  // The Spanish UI's "Mensaje" (other languages: the generic rule, lib/composer.ts); docs/sites/facebook.md#composer
  '[role="textbox"][contenteditable="true"][aria-label="Mensaje"]',
];

/** Meta's chat send button, shown while the message box holds text. */
export const META_SEND_BUTTON = [
  // 2020–26 paper plane, "Press Enter to send" (either capitalisation); docs/sites/facebook.md#composer
  '[role="button"][aria-label="Press enter to send" i]',
  // Layouts that label it plainly; docs/sites/facebook.md#composer
  '[role="button"][aria-label="Send"]',
];

// A chat pop-up's close button (2020–26), by its label in the languages a public source quotes. A
// pop-up is only closed once its conversation is read; else Leave goes back.
// docs/sites/facebook.md#chat-pop-up-close-button
const CLOSE_CHAT = ['Close chat', 'Đóng đoạn chat', 'Cerrar chat', 'Fechar chat', 'Fermer le chat', 'Fermer la discussion', 'Chat schließen']
  .map((label) => `[role="button"][aria-label="${label}"]`)
  .join(', ');

/**
 * Closes the chat pop-up with this person, as its close button does; false when none is open.
 * A pop-up is the nearest box around its close button that holds a conversation label and no
 * other pop-up's close button.
 */
function closeChatPopup(doc: Document, seen: SeenIdentifier): boolean {
  for (const close of doc.querySelectorAll<HTMLElement>(CLOSE_CHAT)) {
    let popup = close.parentElement;
    while (popup && !popup.querySelector(ANY_CONVERSATION_LABEL)) popup = popup.parentElement;
    if (!popup || popup.querySelectorAll(CLOSE_CHAT).length !== 1) continue;
    if (!openConversations(popup).some((sighting) => sighting.identifiers.some((identifier) => sameIdentifier(identifier, seen)))) continue;
    close.click();
    return true;
  }
  return false;
}

export const facebook: SiteAdapter = {
  id: 'facebook',
  name: siteNames.facebook,
  matches: [
    'https://www.facebook.com/*',
    'https://facebook.com/*',
    'https://web.facebook.com/*',
    'https://m.facebook.com/*',
  ],
  home: 'https://www.facebook.com/',

  fromUrl: readUrl,

  fromPage(doc, url) {
    const fromUrl = readUrl(url);
    // A thread page (/messages/t/<id>/, /messages/e2ee/t/<id>/) is read by structure too; chat
    // pop-ups over other pages by their labels only.
    const threadId = url.pathname.toLowerCase().startsWith('/messages/') && fromUrl?.kind === 'thread' ? threadIdOfPath(url.pathname) : null;
    const sightings = threadId ? threadPageSightings(doc, url, threadId) : openConversations(doc);
    // On a profile, its header names the person: for people watched by name only.
    if (fromUrl?.kind === 'profile') {
      const name = doc.querySelector('[role="main"] h1')?.textContent?.trim();
      if (name) sightings.push({ kind: 'profile', identifiers: [{ kind: 'name', value: name }] });
    }
    return sightings;
  },

  veilPatterns(identifier) {
    const origins = ['https://www.facebook.com', 'https://facebook.com', 'https://web.facebook.com', 'https://m.facebook.com'];
    const value = identifier.value.trim();
    // Their chats: /messages/t/<id>/, /messages/e2ee/t/<id>/ and in folders (/messages/requests/t/<id>/).
    const chats = (id: string) => origins.flatMap((origin) => pageAndBelow(`${origin}/messages/*t/${id}`));
    if (identifier.kind === 'conversationId') {
      return NUMERIC_ID.test(value) ? [...chats(value), ...origins.flatMap((origin) => pageAndBelow(`${origin}/marketplace/t/${value}`))] : [];
    }
    if (identifier.kind === 'accountId') {
      if (!NUMERIC_ID.test(value)) return [];
      return [
        ...chats(value),
        ...origins.flatMap((origin) => [
          ...withParameter(`${origin}/profile.php`, 'id', value),
          ...pageAndBelow(`${origin}/${value}`, `${origin}/people/*/${value}`, `${origin}/groups/*/user/${value}`, `${origin}/stories/${value}`),
        ]),
      ];
    }
    if (identifier.kind !== 'handle') return [];
    const vanity = value.replace(/^@/, '');
    if (vanity.toLowerCase().endsWith('.php') || !isVanity(vanity)) return [];
    // Links carry vanity names as their owner cased them, or in lower case.
    return asWrittenAndLower(vanity).flatMap((name) => [...origins.flatMap((origin) => pageAndBelow(`${origin}/${name}`)), ...chats(name)]);
  },

  // The composer variant above is read from aria-placeholder.
  watchAttributes: ['aria-placeholder'],

  // Facebook shows the owner of a story who viewed it (docs/sites/facebook.md#stories).
  story: (url) => /^\/stories\/\d/i.test(url.pathname),

  // Leave closes the person's chat pop-up and stays on the page beneath it.
  closeThread: closeChatPopup,

  // Its chats (facebook.com/messages and the chat pop-ups) are Messenger's.
  composer: META_CHAT_COMPOSER,
  sendButton: META_SEND_BUTTON,

  // Conversations' message lists: the reader reads a list's own label, and around it the composer,
  // the thread's header and the chat list's current row, never a message row, so rows arriving are
  // not looked at (a change to the label itself still is).
  // 2023–26 role="log", 2020–23 the labelled role="grid"; docs/sites/facebook.md#quiet
  quiet: ['[role="log"]', '[role="grid"][aria-label^="Messages in conversation "]'],
};

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  { url: 'https://www.facebook.com/sam.lee.52', sighting: profile({ kind: 'handle', value: 'sam.lee.52' }) },
  { url: 'https://www.facebook.com/sam.lee.52/', sighting: profile({ kind: 'handle', value: 'sam.lee.52' }) },
  { url: 'https://facebook.com/Sam.Lee.52?ref=bookmarks', sighting: profile({ kind: 'handle', value: 'Sam.Lee.52' }) },
  { url: 'https://m.facebook.com/sam.lee.52', sighting: profile({ kind: 'handle', value: 'sam.lee.52' }) },
  { url: 'https://www.facebook.com/sam.lee.52/about', sighting: profile({ kind: 'handle', value: 'sam.lee.52' }) },
  { url: 'https://www.facebook.com/sam.lee.52/photos_by', sighting: profile({ kind: 'handle', value: 'sam.lee.52' }) },
  { url: 'https://www.facebook.com/sam.lee.52/friends_mutual', sighting: profile({ kind: 'handle', value: 'sam.lee.52' }) },
  { url: 'https://www.facebook.com/profile.php?id=100012345678901', sighting: profile({ kind: 'accountId', value: '100012345678901' }) },
  { url: 'https://www.facebook.com/profile.php?id=100012345678901&sk=photos', sighting: profile({ kind: 'accountId', value: '100012345678901' }) },
  { url: 'https://www.facebook.com/100012345678901', sighting: profile({ kind: 'accountId', value: '100012345678901' }) },
  { url: 'https://www.facebook.com/people/Sam-Lee/100012345678901/', sighting: profile({ kind: 'accountId', value: '100012345678901' }) },
  { url: 'https://www.facebook.com/groups/123456789012345/user/100012345678901/', sighting: profile({ kind: 'accountId', value: '100012345678901' }) },
  {
    url: 'https://www.facebook.com/messages/t/100012345678901/',
    sighting: {
      kind: 'thread',
      identifiers: [{ kind: 'conversationId', value: '100012345678901' }, { kind: 'accountId', value: '100012345678901' }],
    },
  },
  {
    url: 'https://www.facebook.com/messages/e2ee/t/7712345678901234/',
    sighting: { kind: 'thread', identifiers: [{ kind: 'conversationId', value: '7712345678901234' }] },
  },
  { url: 'https://www.facebook.com/messages/t/sam.lee.52', sighting: { kind: 'thread', identifiers: [{ kind: 'handle', value: 'sam.lee.52' }] } },
  {
    url: 'https://www.facebook.com/marketplace/t/24123456789012345/',
    sighting: { kind: 'thread', identifiers: [{ kind: 'conversationId', value: '24123456789012345' }] },
  },
  { url: 'https://www.facebook.com/', sighting: null },
  { url: 'https://www.facebook.com/marketplace/inbox/', sighting: null },
  { url: 'https://www.facebook.com/home.php', sighting: null },
  { url: 'https://www.facebook.com/messages/', sighting: null },
  { url: 'https://www.facebook.com/messages/t/', sighting: null },
  { url: 'https://www.facebook.com/profile.php', sighting: null },
  { url: 'https://www.facebook.com/people/', sighting: null },
  { url: 'https://www.facebook.com/groups/123456789012345/', sighting: null },
  { url: 'https://www.facebook.com/groups/123456789012345/posts/987654321098765/', sighting: null },
  { url: 'https://www.facebook.com/photo/?fbid=123456789012345&set=a.12345678901', sighting: null },
  { url: 'https://www.facebook.com/photos/', sighting: null },
  { url: 'https://www.facebook.com/watch/?v=123456789012345', sighting: null },
  { url: 'https://www.facebook.com/reel/123456789012345', sighting: null },
  { url: 'https://www.facebook.com/stories/100012345678901/UzpfSVNDOjE/', sighting: profile({ kind: 'accountId', value: '100012345678901' }) },
  { url: 'https://web.facebook.com/stories/100012345678901', sighting: profile({ kind: 'accountId', value: '100012345678901' }) },
  { url: 'https://www.facebook.com/stories/', sighting: null },
  { url: 'https://www.facebook.com/stories/create', sighting: null },
  { url: 'https://www.facebook.com/events/123456789012345/', sighting: null },
  { url: 'https://www.facebook.com/marketplace/item/123456789012345/', sighting: null },
  { url: 'https://www.facebook.com/hashtag/breakup', sighting: null },
  { url: 'https://www.facebook.com/friends/requests', sighting: null },
  { url: 'https://www.facebook.com/saved/', sighting: null },
  { url: 'https://www.facebook.com/memories/', sighting: null },
  { url: 'https://www.facebook.com/me/', sighting: null },
  { url: 'https://www.facebook.com/search/people/?q=sam%20lee', sighting: null },
  { url: 'https://www.facebook.com/notifications', sighting: null },
  { url: 'https://www.facebook.com/permalink.php?story_fbid=123&id=100012345678901', sighting: null },
  { url: 'https://www.facebook.com/sam.lee.52/posts/pfbid02abcDEF', sighting: null },
  { url: 'https://www.facebook.com/sam.lee.52/photos/a.123/456/', sighting: null },
];
