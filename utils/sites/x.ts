import { groupThread, type SeenIdentifier, type Sighting, type SiteAdapter, type UrlExample } from './types';
import { pageAndBelow, asWrittenAndLower, withParameter } from './lib/patterns';
import { profilePath } from './lib/profile-path';
import { siteNames } from './names';

// Profiles: /<handle> and the sub-pages that still show the person's profile (the tabs, who they
// follow, their photos). Handles and tabs are case-insensitive. docs/sites/x.md#profiles
const HANDLE = /^[A-Za-z0-9_]{1,20}$/;
export const profiles = profilePath({
  name: HANDLE,
  // First path segments that are X's own pages, not handles; docs/sites/x.md#profiles
  reserved: [
    'home', 'explore', 'i', 'messages', 'notifications', 'search', 'search-advanced', 'settings',
    'compose', 'login', 'logout', 'signup', 'hashtag', 'lists', 'jobs', 'tos', 'privacy', 'account',
    'intent', 'share', 'download', 'welcome', 'bookmarks', 'communities', 'premium',
    'premium_sign_up', 'verified-choose', 'grok', 'topics', 'who_to_follow', 'connect_people',
    'onboarding', 'oauth', 'about', 'help', 'rules', 'signin', 'display', 'keyboard_shortcuts',
    'flow', 'spaces', 'follower_requests', 'places', 'ads', 'business', 'safety',
  ],
  tabs: [
    'with_replies', 'media', 'likes', 'highlights', 'articles', 'affiliates', 'superfollows',
    'followers', 'following', 'verified_followers', 'followers_you_follow', 'photo', 'header_photo',
  ],
  tabsAnyCase: true,
});
const ACCOUNT_ID = /^\d{1,20}$/;
// DM conversation ids: `<user id>-<user id>` for one-to-one chats, one number for groups
// (X's own id rule: ^([0-9]{1,19}-[0-9]{1,19}|[0-9]{15,19})$).
const ONE_TO_ONE = /^\d{1,20}-\d{1,20}$/;
const GROUP = /^\d{15,20}$/;
// XChat (2025–26, /i/chat/<id>): the same one-to-one ids; groups are `g<digits>`.
const XCHAT_GROUP = /^g\d{15,20}$/;
const HOSTS = new Set(['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com']);

function profile(identifier: SeenIdentifier): Sighting {
  return { kind: 'profile', identifiers: [identifier] };
}

function thread(conversationId: string): Sighting {
  return { kind: 'thread', identifiers: [{ kind: 'conversationId', value: conversationId }] };
}

function readUrl(url: URL): Sighting | null {
  const parts = url.pathname.split('/').filter(Boolean);
  const [first, second, third] = parts;
  if (!first) return null;
  const lower = first.toLowerCase();
  if (lower === 'messages') {
    // The "Message" button: /messages/compose?recipient_id=<their account id>.
    if (second === 'compose') {
      const recipient = url.searchParams.get('recipient_id');
      return recipient && ACCOUNT_ID.test(recipient)
        ? { kind: 'compose', identifiers: [{ kind: 'accountId', value: recipient }] }
        : null;
    }
    // The conversation, and its pages below it (/messages/<id>/info, its details).
    return second && (ONE_TO_ONE.test(second) || GROUP.test(second)) ? thread(second) : null;
  }
  if (lower === 'i') {
    // XChat's conversation, and its pages below it (/i/chat/<id>/info and the like).
    if (second === 'chat' && third && (ONE_TO_ONE.test(third) || XCHAT_GROUP.test(third))) {
      return thread(third);
    }
    // /i/user/<account id> opens that account's profile.
    if (second === 'user' && third && parts.length === 3 && ACCOUNT_ID.test(third)) {
      return profile({ kind: 'accountId', value: third });
    }
    return null;
  }
  // The profile card shown by follow links on other sites: /intent/user?screen_name=… or ?user_id=….
  if (lower === 'intent' && second === 'user') {
    const handle = url.searchParams.get('screen_name');
    if (handle && HANDLE.test(handle)) return profile({ kind: 'handle', value: handle });
    const id = url.searchParams.get('user_id');
    return id && ACCOUNT_ID.test(id) ? profile({ kind: 'accountId', value: id }) : null;
  }
  const handle = profiles.read(url);
  return handle ? profile({ kind: 'handle', value: handle }) : null;
}

/** The handle a link points at, when it is a profile link on X (relative or absolute). */
function handleFromHref(href: string | null): string | null {
  if (!href) return null;
  let target: URL;
  try {
    target = new URL(href, 'https://x.com');
  } catch {
    return null;
  }
  if (!HOSTS.has(target.hostname)) return null;
  const match = /^\/([^/]+)\/?$/.exec(target.pathname);
  return match?.[1] && profiles.named(match[1]) ? match[1] : null;
}

// XChat (2025–26) is its own app, rendered into this element's open shadow root. A document query
// stops at that boundary: XChat's markup is read in the document and in each such root. docs/sites/x.md#xchat
const XCHAT_HOST = '[data-testid="xchatEmbedRoute"]';
// XChat's inbox rows, message requests and inbox panel: they list people, not the open conversation.
// docs/sites/x.md#xchat-lists
const XCHAT_ROWS = '[data-testid^="dm-conversation-item-"], [data-testid^="dm-message-request-item-"], [data-testid="dm-inbox-panel"]';
// Where an open one-to-one conversation links to the other person's profile. Each entry: the
// layout it serves. Chat lists are left out by `notIn`.
// Legacy DMs (2019–26, /messages/<a>-<b>): header and message avatars; inbox rows left out. docs/sites/x.md#legacy-dms
const LEGACY_PARTNER = {
  selector: 'a[data-testid="DM_Conversation_Avatar"], [data-testid="DM_Conversation_Avatar"] a[href]',
  notIn: '[data-testid="conversation"]',
};
// XChat (2025–26, /i/chat/<a>-<b>): the conversation header and the profile summary; a group's
// header links to each of its participants. docs/sites/x.md#xchat-conversation
const XCHAT_HEADER_LINKS = '[data-testid="dm-conversation-header"] a[href]';
const XCHAT_PARTNER = {
  selector: '[data-testid="dm-conversation-header"] a[href], [data-testid="dm-conversation-header-item"] a[href]',
  notIn: XCHAT_ROWS,
};
// Where an open one-to-one conversation links to the other person's profile; chat lists are left out by `notIn`.
const PARTNER_LINKS = [LEGACY_PARTNER, XCHAT_PARTNER];
// XChat's header shows the display name, for people watched by name; docs/sites/x.md#xchat-display-name
const PARTNER_NAME = '[data-testid="dm-conversation-username"]';

// The messages drawer over other pages, by X's own test ids (2024–25; replaced by XChat's in 2026
// builds). Its subtitle, "@<screen name>", is set for one-to-one conversations only. docs/sites/x.md#legacy-messages-drawer
const LEGACY_DRAWER = '[data-testid="DMDrawer"]';
const LEGACY_DRAWER_HEADER = '[data-testid="DMDrawerHeader"], [data-testid="DMDrawerHeaderHighlighted"]';
// The conversation being shown in the drawer: its composer; docs/sites/x.md#legacy-messages-drawer
const LEGACY_DRAWER_OPEN = '[data-testid="dmComposerTextInput"]';
// XChat's own drawer (2025–26), in the document. Read as XChat's conversation view is, in the drawer
// and in the XChat shadow roots under it: an assumption (no source shows one). docs/sites/x.md#xchat-drawer
const XCHAT_DRAWER = '[data-testid="chat-drawer-root"]';
const DRAWERS = `${LEGACY_DRAWER}, ${XCHAT_DRAWER}`;
const SCREEN_NAME = /^@([A-Za-z0-9_]{1,20})$/;

/**
 * The one person whose conversation a drawer shows; a group's conversation (nobody's); or none (the
 * inbox, collapsed, unreadable).
 */
function drawerConversation(doc: Document): Sighting | null {
  let group = false;
  for (const drawer of doc.querySelectorAll(LEGACY_DRAWER)) {
    if (!drawer.querySelector(LEGACY_DRAWER_OPEN)) continue;
    const header = drawer.querySelector(LEGACY_DRAWER_HEADER);
    const subtitle = header ? screenNames(header) : [];
    const members = new Set<string>();
    for (const link of drawer.querySelectorAll(LEGACY_PARTNER.selector)) {
      if (link.closest(LEGACY_PARTNER.notIn)) continue;
      const handle = handleFromHref(link.getAttribute('href'));
      if (handle) members.add(handle.toLowerCase());
    }
    // No screen name under the title: X's bundle sets one only for one-to-one conversations. With
    // the avatars of two different people beside the messages, the open conversation is a group's
    // (a one-to-one one shows only its partner's); with fewer, the markup may have changed.
    if (subtitle.length === 0) {
      if (members.size > 1) group = true;
      continue;
    }
    const handles = new Set([...subtitle, ...members]);
    if (handles.size === 1) return { kind: 'thread', identifiers: [{ kind: 'handle', value: [...handles][0]! }] };
  }
  for (const drawer of doc.querySelectorAll(XCHAT_DRAWER)) {
    const roots = withXChat(drawer);
    // A group's header links to each of its participants.
    if (linkedHandles(roots, XCHAT_HEADER_LINKS, XCHAT_ROWS).size > 1) {
      group = true;
      continue;
    }
    const handles = linkedHandles(roots, XCHAT_PARTNER.selector, XCHAT_PARTNER.notIn);
    // Two people at once (the header and the profile summary disagree): a page mid-change.
    if (handles.size !== 1) continue;
    const identifiers: SeenIdentifier[] = [{ kind: 'handle', value: [...handles][0]! }];
    const name = xchatName(roots);
    if (name) identifiers.push({ kind: 'name', value: name });
    return { kind: 'thread', identifiers };
  }
  return group ? groupThread() : null;
}

/** `scope`, and the open shadow roots of the XChat hosts under it. */
function withXChat(scope: ParentNode): ParentNode[] {
  return [scope, ...[...scope.querySelectorAll(XCHAT_HOST)].flatMap((host) => (host.shadowRoot ? [host.shadowRoot] : []))];
}

/** The handles the links matching `selector` under `roots` point at, in lower case; links under `notIn` left out. */
function linkedHandles(roots: readonly ParentNode[], selector: string, notIn: string): Set<string> {
  const handles = new Set<string>();
  for (const root of roots) {
    for (const link of root.querySelectorAll(selector)) {
      if (link.closest(notIn)) continue;
      const handle = handleFromHref(link.getAttribute('href'));
      if (handle) handles.add(handle.toLowerCase());
    }
  }
  return handles;
}

/** XChat's display name of the open conversation under `roots`, outside its lists (and `notIn`). */
function xchatName(roots: readonly ParentNode[], notIn = XCHAT_ROWS): string | undefined {
  for (const root of roots) {
    const element = [...root.querySelectorAll(PARTNER_NAME)].find((candidate) => !candidate.closest(notIn));
    const name = element?.textContent?.replace(/\s+/g, ' ').trim();
    if (name) return name;
  }
  return undefined;
}

/** The "@handle" texts under an element, in lower case. */
function screenNames(root: Element): string[] {
  const names: string[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const match = SCREEN_NAME.exec(node.textContent?.trim() ?? '');
    if (match?.[1]) names.push(match[1].toLowerCase());
  }
  return names;
}

/**
 * The conversation open at a /messages/<id> or /i/chat/<id> address: its partner, when one-to-one;
 * a group's conversation (nobody's), when its id is a group's.
 */
function conversationPage(doc: Document, url: URL): Sighting[] {
  // Only a one-to-one conversation names one person: a group's avatars are its members, and
  // the inbox lists everyone. A group's id says what it is (X's id rule above: one number for a
  // legacy group, g<digits> in XChat).
  const open = readUrl(url);
  const id = open?.kind === 'thread' ? open.identifiers[0]?.value : undefined;
  if (id && (GROUP.test(id) || XCHAT_GROUP.test(id))) return [groupThread()];
  if (!id || !ONE_TO_ONE.test(id)) return [];
  // The page and XChat's shadow roots in it, but not the drawers' (hidden on these pages anyway).
  const roots = [doc, ...withXChat(doc).slice(1).filter((root) => !(root as ShadowRoot).host.closest(DRAWERS))];
  const handles = new Set<string>();
  for (const { selector, notIn } of PARTNER_LINKS) {
    for (const handle of linkedHandles(roots, selector, `${notIn}, ${DRAWERS}`)) handles.add(handle);
  }
  // Two different people linked from a one-to-one view: the page is mid-change; read nothing.
  if (handles.size > 1) return [];
  const identifiers: SeenIdentifier[] = [...handles].map((value) => ({ kind: 'handle', value }));
  const name = xchatName(roots, `${XCHAT_ROWS}, ${DRAWERS}`);
  if (name) identifiers.push({ kind: 'name', value: name });
  return identifiers.length ? [{ kind: 'thread', identifiers }] : [];
}

/** The handle a link's address names when it is a profile's (`/<handle>`), or null for any other. */
function handleOfHref(href: string): SeenIdentifier | null {
  let name: string | null = null;
  try {
    name = profiles.read(new URL(href, 'https://x.com/'));
  } catch {
    // Not an address: nobody.
  }
  return name ? { kind: 'handle', value: name } : null;
}
const hrefOf = (link: Element | null) => link?.getAttribute('href') ?? null;

export const x: SiteAdapter = {
  id: 'x',
  name: siteNames.x,
  matches: [
    'https://x.com/*',
    'https://www.x.com/*',
    'https://mobile.x.com/*',
    'https://twitter.com/*',
    'https://www.twitter.com/*',
    'https://mobile.twitter.com/*',
  ],
  home: 'https://x.com/home',

  fromUrl: readUrl,

  fromPage(doc, url) {
    const drawer = drawerConversation(doc);
    return [...conversationPage(doc, url), ...(drawer ? [drawer] : [])];
  },

  // Where they turn up (docs/sites/x.md#posts-and-suggestions): a post's own author is its first
  // User-Name link, before any quoted post's (Control Panel for Twitter, script.js: `$tweet.querySelector(
  // '[data-testid="User-Name"] a')` is the quoting author); a suggestion's card leads with its avatar link.
  places: [
    { kind: 'feed', item: '[data-testid="tweet"]', read: (item) => hrefOf(item.querySelector('[data-testid="User-Name"] a[href]')), author: handleOfHref },
    { kind: 'suggestion', item: '[data-testid="UserCell"]', read: (item) => hrefOf(item.querySelector('a[href]')), author: handleOfHref },
  ],

  // XChat's app, in its open shadow roots, for the page's observer to follow as they appear.
  shadowRoots: (doc) => [...doc.querySelectorAll(XCHAT_HOST)].flatMap((host) => (host.shadowRoot ? [host.shadowRoot] : [])),

  veilPatterns(identifier) {
    const origins = [...HOSTS].map((host) => `https://${host}`);
    const value = identifier.value.trim();
    if (identifier.kind === 'accountId') {
      if (!ACCOUNT_ID.test(value)) return [];
      return origins.flatMap((origin) => [
        ...pageAndBelow(`${origin}/i/user/${value}`),
        ...withParameter(`${origin}/intent/user`, 'user_id', value),
        ...withParameter(`${origin}/messages/compose`, 'recipient_id', value),
      ]);
    }
    if (identifier.kind === 'conversationId') {
      // The same ids as readUrl takes: legacy DMs at /messages/<id>, XChat at /i/chat/<id>.
      const paths = [
        ...(ONE_TO_ONE.test(value) || GROUP.test(value) ? [`/messages/${value}`] : []),
        ...(ONE_TO_ONE.test(value) || XCHAT_GROUP.test(value) ? [`/i/chat/${value}`] : []),
      ];
      return origins.flatMap((origin) => pageAndBelow(...paths.map((path) => `${origin}${path}`)));
    }
    if (identifier.kind !== 'handle') return [];
    const handle = value.replace(/^@/, '');
    if (!profiles.named(handle)) return [];
    // X writes handles as their owner cased them; links and typed names may be in lower case.
    return asWrittenAndLower(handle).flatMap((name) =>
      origins.flatMap((origin) => [
        ...pageAndBelow(`${origin}/${name}`),
        ...withParameter(`${origin}/intent/user`, 'screen_name', name),
      ]),
    );
  },

  composer: [
    // Legacy DMs (2019–26): the Draft.js editor; docs/sites/x.md#composer
    '[data-testid="dmComposerTextInput"]',
    // XChat (2025–26): a textarea; docs/sites/x.md#composer
    '[data-testid="dm-composer-textarea"]',
  ],
  sendButton: [
    // Legacy DMs; docs/sites/x.md#composer
    '[data-testid="dmComposerSendButton"]',
    // XChat; docs/sites/x.md#composer
    '[data-testid="dm-composer-send-button"]',
  ],
};

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  { url: 'https://x.com/sam_lee', sighting: profile({ kind: 'handle', value: 'sam_lee' }) },
  { url: 'https://x.com/Sam_Lee/', sighting: profile({ kind: 'handle', value: 'Sam_Lee' }) },
  { url: 'https://twitter.com/sam_lee?lang=en', sighting: profile({ kind: 'handle', value: 'sam_lee' }) },
  { url: 'https://mobile.twitter.com/sam_lee', sighting: profile({ kind: 'handle', value: 'sam_lee' }) },
  { url: 'https://www.x.com/sam_lee/with_replies', sighting: profile({ kind: 'handle', value: 'sam_lee' }) },
  { url: 'https://x.com/sam_lee/media', sighting: profile({ kind: 'handle', value: 'sam_lee' }) },
  { url: 'https://x.com/sam_lee/likes', sighting: profile({ kind: 'handle', value: 'sam_lee' }) },
  { url: 'https://x.com/sam_lee/following', sighting: profile({ kind: 'handle', value: 'sam_lee' }) },
  { url: 'https://x.com/sam_lee/photo', sighting: profile({ kind: 'handle', value: 'sam_lee' }) },
  { url: 'https://x.com/i/user/1234567890', sighting: profile({ kind: 'accountId', value: '1234567890' }) },
  { url: 'https://twitter.com/intent/user?screen_name=sam_lee', sighting: profile({ kind: 'handle', value: 'sam_lee' }) },
  { url: 'https://x.com/intent/user?user_id=1234567890', sighting: profile({ kind: 'accountId', value: '1234567890' }) },
  { url: 'https://x.com/messages/1234567890-44196397', sighting: thread('1234567890-44196397') },
  { url: 'https://twitter.com/messages/1234567890-44196397', sighting: thread('1234567890-44196397') },
  { url: 'https://x.com/messages/1590123456789012345', sighting: thread('1590123456789012345') },
  {
    url: 'https://x.com/messages/compose?recipient_id=1234567890&text=hi',
    sighting: { kind: 'compose', identifiers: [{ kind: 'accountId', value: '1234567890' }] },
  },
  { url: 'https://x.com/i/chat/1234567890-44196397', sighting: thread('1234567890-44196397') },
  { url: 'https://x.com/i/chat/g1890123456789012345', sighting: thread('g1890123456789012345') },
  { url: 'https://x.com/i/chat/1234567890-44196397/info', sighting: thread('1234567890-44196397') },
  { url: 'https://x.com/messages/1234567890-44196397/info', sighting: thread('1234567890-44196397') },
  { url: 'https://x.com/', sighting: null },
  { url: 'https://x.com/home', sighting: null },
  { url: 'https://x.com/explore', sighting: null },
  { url: 'https://x.com/notifications', sighting: null },
  { url: 'https://x.com/search?q=sam_lee&src=typed_query', sighting: null },
  { url: 'https://x.com/settings/account', sighting: null },
  { url: 'https://x.com/compose/post', sighting: null },
  { url: 'https://x.com/hashtag/breakup', sighting: null },
  { url: 'https://x.com/i/bookmarks', sighting: null },
  { url: 'https://x.com/i/flow/login', sighting: null },
  { url: 'https://x.com/i/chat', sighting: null },
  { url: 'https://x.com/i/chat/pin/recovery', sighting: null },
  { url: 'https://x.com/messages', sighting: null },
  { url: 'https://x.com/messages/requests', sighting: null },
  { url: 'https://x.com/messages/compose', sighting: null },
  { url: 'https://x.com/messages/settings', sighting: null },
  { url: 'https://x.com/sam_lee/status/1790123456789012345', sighting: null },
  { url: 'https://x.com/sam_lee/status/1790123456789012345/photo/1', sighting: null },
  { url: 'https://x.com/sam_lee/lists', sighting: null },
  { url: 'https://x.com/this_handle_is_far_too_long', sighting: null },
  { url: 'https://x.com/tos', sighting: null },
];
