import { groupThread, seenKey, type SeenIdentifier, type Sighting, type SiteAdapter, type UrlExample } from './types';
import { sameIdentifier } from '../model/normalize';
import { asWrittenAndLower, pageAndBelow, withParameter } from './lib/patterns';
import { siteNames } from './names';

// LinkedIn's opaque member ids (fsd_profile ids) stand in for the vanity name in /in/ links
// from messaging and search: /in/ACoAAB…. The vanity name and the id are two identifiers.
const MEMBER_ID = /^ACoAA[A-Za-z0-9_-]{10,}$/;
const SLUG = /^[\p{L}\p{N}_-]{2,100}$/u;

/** A /in/<slug> segment as an identifier: the opaque member id, or the vanity name. */
function member(segment: string | undefined): SeenIdentifier | null {
  if (!segment) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(segment);
  } catch {
    return null;
  }
  if (MEMBER_ID.test(slug)) return { kind: 'accountId', value: slug };
  return SLUG.test(slug) ? { kind: 'handle', value: slug } : null;
}

function readUrl(url: URL): Sighting | null {
  const parts = url.pathname.split('/').filter(Boolean);
  const [first, second, third] = parts;
  // /in/<slug>/ and its sub-pages (/details/experience/, /recent-activity/all/, /overlay/contact-info/).
  if (first === 'in') {
    const identifier = member(second);
    return identifier ? { kind: 'profile', identifiers: [identifier] } : null;
  }
  if (first === 'messaging' && second === 'thread' && third && third !== 'new') {
    let id: string;
    try {
      id = decodeURIComponent(third);
    } catch {
      return null;
    }
    return { kind: 'thread', identifiers: [{ kind: 'conversationId', value: id }] };
  }
  // A profile's Message button: /messaging/compose/?profileUrn=urn:li:fsd_profile:<id>&recipient=<id>.
  if (first === 'messaging' && second === 'compose') {
    const urn = /^urn:li:fsd_profile:(ACoAA[A-Za-z0-9_-]+)$/.exec(url.searchParams.get('profileUrn') ?? '')?.[1];
    const identifier = urn ? member(urn) : member(url.searchParams.get('recipient') ?? undefined);
    return identifier ? { kind: 'compose', identifiers: [identifier] } : null;
  }
  return null;
}

/** The member a link points at, when it is a LinkedIn profile link (relative or absolute). */
function memberFromHref(href: string | null): SeenIdentifier | null {
  if (!href) return null;
  try {
    const target = new URL(href, 'https://www.linkedin.com');
    if (target.hostname !== 'www.linkedin.com' && target.hostname !== 'linkedin.com') return null;
    const [first, second] = target.pathname.split('/').filter(Boolean);
    return first === 'in' ? member(second) : null;
  } catch {
    return null;
  }
}

/** The text a person sees: LinkedIn repeats names for screen readers in .visually-hidden spans. */
function visibleText(element: Element | null | undefined): string {
  if (!element) return '';
  let text = '';
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) text += child.nodeValue ?? '';
      else if (child.nodeType === 1 && !(child as Element).matches('.visually-hidden, .a11y-text')) walk(child);
    }
  };
  walk(element);
  return text.replace(/\s+/g, ' ').trim();
}

// A group conversation shows a facepile of its members (LinkedIn's own group-size class); a
// one-to-one one shows one face. docs/sites/linkedin.md#groups
const GROUP_MARK = '[class*="msg-facepile-grid--group-size-"]';

// Profile links in a conversation header (title bar, 2024–26 lockup, bubble title, profile card);
// docs/sites/linkedin.md#thread-header
const PROFILE_LINK = 'a[href*="/in/"]';

/**
 * The person a conversation header names; a group's conversation (nobody's) where the header shows
 * a group's facepile; or null. `titles` are tried in order inside
 * `header`; profile links are read there and in `card`, the one-to-one profile card at the top of
 * the messages.
 */
function partner(header: Element, titles: string[], card?: Element | null): Sighting | null {
  if (header.querySelector(GROUP_MARK)) return groupThread();
  const found = new Map<string, SeenIdentifier>();
  for (const scope of [header, card]) {
    for (const link of scope?.querySelectorAll(PROFILE_LINK) ?? []) {
      const identifier = memberFromHref(link.getAttribute('href'));
      if (identifier) found.set(seenKey(identifier), identifier);
    }
  }
  // Links to more than one member: a group whose header links its members.
  if (found.size > 1) return null;
  const identifiers: SeenIdentifier[] = [];
  for (const selector of titles) {
    const name = visibleText(header.querySelector(selector));
    if (name) {
      identifiers.push({ kind: 'name', value: name });
      break;
    }
  }
  identifiers.push(...found.values());
  return identifiers.length ? { kind: 'thread', identifiers } : null;
}

// The open thread's header on the messaging page. Each entry: the layout it serves. The
// conversation list (.msg-conversations-container) is never a scope.
const THREAD_HEADERS = [
  // 2021–26 thread title bar: h2 inside a.msg-thread__link-to-profile; docs/sites/linkedin.md#thread-header
  '.msg-title-bar',
  // 2024–26 thread header: an entity lockup; docs/sites/linkedin.md#thread-header
  '.msg-thread .msg-entity-lockup',
  '.scaffold-layout__detail .msg-entity-lockup',
];
const THREAD_TITLES = ['.msg-entity-lockup__entity-title', 'h2'];
// The thread's one-to-one profile card above its first message.
const PROFILE_CARD = '.msg-s-profile-card';

// Chat bubbles float over every page (2016–26), one per open conversation; minimised or collapsed
// ones show only their header and are not an open conversation. docs/sites/linkedin.md#chat-bubbles
const BUBBLES = [
  '.msg-overlay-conversation-bubble',
  ':not(.msg-overlay-conversation-bubble--is-minimized)',
  ':not(.msg-overlay-conversation-bubble--is-collapsed)',
].join('');
const MINIMISED_HEADER = '.msg-overlay-bubble-header--is-minimized';
const BUBBLE_HEADERS = ['.msg-overlay-bubble-header', 'header'];
// Bubble titles: 2018–26 h2/h4.msg-overlay-bubble-header__title; docs/sites/linkedin.md#chat-bubbles
const BUBBLE_TITLES = ['.msg-overlay-bubble-header__title', 'h2'];

// 2025–26 pages render the messaging overlay (and other legacy widgets) inside this open shadow
// root; docs/sites/linkedin.md#shadow-root
const SHADOW_HOSTS = '#interop-outlet, [data-testid="interop-shadowdom"]';

// A bubble's close control. Each entry: the layout it serves.
const CLOSE_BUBBLE = [
  // 2016–22: the header control carried its tracking name; docs/sites/linkedin.md#close-button
  'button[data-control-name="overlay.close_conversation_window"]',
  // 2022–26: a header control labelled "Close your conversation with <Name>"; docs/sites/linkedin.md#close-button
  'button.msg-overlay-bubble-header__control',
];
const CLOSE_LABEL = /^Close your conversation/i;
// The same control in any language: its icon, or its modifier class; docs/sites/linkedin.md#close-button
const CLOSE_SIGN = '[data-test-icon="close-small"]';
const CLOSE_MODIFIER = '.msg-overlay-bubble-header__control--close';

/** Whether a bubble header's button closes the bubble. */
function closesBubble(button: Element): boolean {
  if (button.matches(CLOSE_BUBBLE[0]!)) return true;
  if (!button.matches(CLOSE_BUBBLE[1]!)) return false;
  return button.matches(CLOSE_MODIFIER) || button.querySelector(CLOSE_SIGN) !== null || CLOSE_LABEL.test(button.getAttribute('aria-label') ?? visibleText(button));
}

function rootsOf(doc: Document): (Document | ShadowRoot)[] {
  const roots: (Document | ShadowRoot)[] = [doc];
  for (const host of doc.querySelectorAll(SHADOW_HOSTS)) {
    if (host.shadowRoot) roots.push(host.shadowRoot);
  }
  return roots;
}

export const linkedin: SiteAdapter = {
  id: 'linkedin',
  name: siteNames.linkedin,
  matches: ['https://www.linkedin.com/*', 'https://linkedin.com/*'],
  home: 'https://www.linkedin.com/feed/',

  fromUrl: readUrl,

  fromPage(doc, url) {
    const sightings: Sighting[] = [];
    for (const root of rootsOf(doc)) {
      if (url.pathname.startsWith('/messaging/')) {
        for (const selector of THREAD_HEADERS) {
          const header = [...root.querySelectorAll(selector)].find(
            (element) => !element.closest('.msg-overlay-conversation-bubble, .msg-conversations-container'),
          );
          if (!header) continue;
          const card = header.closest('.msg-thread, .scaffold-layout__detail')?.querySelector(PROFILE_CARD);
          const seen = partner(header, THREAD_TITLES, card);
          if (seen) sightings.push(seen);
          break;
        }
      }
      for (const bubble of root.querySelectorAll(BUBBLES)) {
        const header = BUBBLE_HEADERS.map((selector) => bubble.querySelector(selector)).find(Boolean);
        if (header?.matches(MINIMISED_HEADER)) continue;
        const seen = header ? partner(header, BUBBLE_TITLES, bubble.querySelector(PROFILE_CARD)) : null;
        if (seen) sightings.push(seen);
      }
    }
    return sightings;
  },

  shadowRoots: (doc) => rootsOf(doc).filter((root): root is ShadowRoot => root !== doc),

  // Leave closes the person's chat bubble and stays on the page beneath it.
  closeThread(doc, seen) {
    for (const root of rootsOf(doc)) {
      for (const bubble of root.querySelectorAll(BUBBLES)) {
        const header = BUBBLE_HEADERS.map((selector) => bubble.querySelector(selector)).find(Boolean);
        const sighting = header ? partner(header, BUBBLE_TITLES, bubble.querySelector(PROFILE_CARD)) : null;
        if (!sighting?.identifiers.some((identifier) => sameIdentifier(identifier, seen))) continue;
        const close = [...bubble.querySelectorAll('button')].find(closesBubble);
        if (!close) return false;
        close.click();
        return true;
      }
    }
    return false;
  },

  // A minimised or collapsed bubble opens by losing its --is-minimized or --is-collapsed class.
  watchAttributes: ['class'],

  veilPatterns(identifier) {
    const origins = ['https://www.linkedin.com', 'https://linkedin.com'];
    if (identifier.kind === 'conversationId') {
      // Thread ids as readUrl takes them (2-<base64>==), as links carry them: as they are or encoded.
      const id = identifier.value.trim();
      if (!/^[A-Za-z0-9_=+-]{1,200}$/.test(id) || id === 'new') return [];
      const forms = [...new Set([id, encodeURIComponent(id)])];
      return origins.flatMap((origin) => pageAndBelow(...forms.map((form) => `${origin}/messaging/thread/${form}`)));
    }
    if (identifier.kind !== 'handle' && identifier.kind !== 'accountId') return [];
    const seen = member(identifier.value.trim().replace(/^@/, ''));
    if (!seen || seen.kind !== identifier.kind) return [];
    // Vanity names are written in lower case in LinkedIn's links; opaque ids keep their case.
    const slugs = (seen.kind === 'handle' ? asWrittenAndLower(seen.value) : [seen.value]).map(encodeURIComponent);
    return origins.flatMap((origin) =>
      slugs.flatMap((slug) => [
        ...pageAndBelow(`${origin}/in/${slug}`),
        // A profile's Message button: /messaging/compose/?profileUrn=urn:li:fsd_profile:<id>&recipient=<id>.
        ...withParameter(`${origin}/messaging/compose`, 'recipient', slug),
        ...(seen.kind === 'accountId'
          ? [`urn%3Ali%3Afsd_profile%3A${slug}`, `urn:li:fsd_profile:${slug}`].flatMap((urn) =>
              withParameter(`${origin}/messaging/compose`, 'profileUrn', urn),
            )
          : []),
      ]),
    );
  },

  // The messaging page's and the chat bubbles' message form (2018–26; BEM class names that have
  // outlived every redesign, where the generated ones did not). docs/sites/linkedin.md#composer
  composer: ['.msg-form__contenteditable[contenteditable="true"]'],
  sendButton: ['button.msg-form__send-button', 'button.msg-form__send-btn'],
};

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  { url: 'https://www.linkedin.com/in/sam-lee-1a2b3c/', sighting: { kind: 'profile', identifiers: [{ kind: 'handle', value: 'sam-lee-1a2b3c' }] } },
  { url: 'https://linkedin.com/in/Sam-Lee-1a2b3c', sighting: { kind: 'profile', identifiers: [{ kind: 'handle', value: 'Sam-Lee-1a2b3c' }] } },
  { url: 'https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller/', sighting: { kind: 'profile', identifiers: [{ kind: 'handle', value: 'jörg-müller' }] } },
  {
    url: 'https://www.linkedin.com/in/sam-lee-1a2b3c/recent-activity/all/',
    sighting: { kind: 'profile', identifiers: [{ kind: 'handle', value: 'sam-lee-1a2b3c' }] },
  },
  {
    url: 'https://www.linkedin.com/in/sam-lee-1a2b3c/overlay/contact-info/',
    sighting: { kind: 'profile', identifiers: [{ kind: 'handle', value: 'sam-lee-1a2b3c' }] },
  },
  {
    url: 'https://www.linkedin.com/in/ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456/',
    sighting: { kind: 'profile', identifiers: [{ kind: 'accountId', value: 'ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456' }] },
  },
  {
    url: 'https://www.linkedin.com/messaging/thread/2-ZTU2ZGQ0ZTQtYjE2Mi00ZDE2LWE2NzItMjQ5ODcyZTRmYzYzXzAxMA==/',
    sighting: {
      kind: 'thread',
      identifiers: [{ kind: 'conversationId', value: '2-ZTU2ZGQ0ZTQtYjE2Mi00ZDE2LWE2NzItMjQ5ODcyZTRmYzYzXzAxMA==' }],
    },
  },
  {
    url: 'https://www.linkedin.com/messaging/compose/?profileUrn=urn%3Ali%3Afsd_profile%3AACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456&recipient=ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456&screenContext=NON_SELF_PROFILE_VIEW&interop=msgOverlay',
    sighting: { kind: 'compose', identifiers: [{ kind: 'accountId', value: 'ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456' }] },
  },
  {
    url: 'https://www.linkedin.com/messaging/compose/?recipient=sam-lee-1a2b3c',
    sighting: { kind: 'compose', identifiers: [{ kind: 'handle', value: 'sam-lee-1a2b3c' }] },
  },
  { url: 'https://www.linkedin.com/', sighting: null },
  { url: 'https://www.linkedin.com/feed/', sighting: null },
  { url: 'https://www.linkedin.com/in/', sighting: null },
  { url: 'https://www.linkedin.com/messaging/', sighting: null },
  { url: 'https://www.linkedin.com/messaging/thread/new/', sighting: null },
  { url: 'https://www.linkedin.com/messaging/compose/', sighting: null },
  { url: 'https://www.linkedin.com/mynetwork/', sighting: null },
  { url: 'https://www.linkedin.com/notifications/', sighting: null },
  { url: 'https://www.linkedin.com/search/results/people/?keywords=sam%20lee', sighting: null },
  { url: 'https://www.linkedin.com/feed/update/urn:li:activity:7123456789012345678/', sighting: null },
  { url: 'https://www.linkedin.com/posts/sam-lee-1a2b3c_breakup-activity-7123456789012345678-AbCd', sighting: null },
  { url: 'https://www.linkedin.com/company/acme/', sighting: null },
  { url: 'https://www.linkedin.com/jobs/view/3712345678/', sighting: null },
  { url: 'https://www.linkedin.com/school/some-university/', sighting: null },
];
