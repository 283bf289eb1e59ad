import { withParameter } from './lib/patterns';
import { groupThread, type SeenIdentifier, type Sighting, type SiteAdapter, type UrlExample } from './types';
import { siteNames } from './names';

/*
 * WhatsApp Web never changes its address when a chat opens: the open chat is read from its header,
 * `#main header`, and nowhere else. The chat list (`#pane-side [role="row"]`), message bubbles and
 * the contact-info drawer all sit outside that header (docs/sites/whatsapp.md).
 */

// The chat's name inside the open chat's header, first match wins.
const NAME_SELECTORS = [
  // 2021–23 builds: the title span's data-testid; docs/sites/whatsapp.md#header
  '[data-testid="conversation-info-header-chat-title"]',
  // 2024–26 builds: the header's first span[dir="auto"] (not span[title]); docs/sites/whatsapp.md#header
  'span[dir="auto"]',
  // Fallback for builds where the name span has a title but no dir; docs/sites/whatsapp.md#header
  'span[title]',
];

// Anything in the header saying the open chat is a group, community or channel, not a person.
const GROUP_MARKERS = [
  // Default avatar of a group or community without a photo (2020–26); docs/sites/whatsapp.md#group-avatars
  '[data-icon="default-group"]',
  // 2025–26 builds' refreshed group and community icons; docs/sites/whatsapp.md#group-avatars
  '[data-icon="default-group-refreshed"]',
  '[data-testid="default-group-refreshed"]',
  '[data-icon="default-community-refreshed"]',
  '[data-testid="default-community-refreshed"]',
  // Communities without a photo, 2024–25; docs/sites/whatsapp.md#group-avatars
  '[data-icon="default-community"]',
  '[data-icon="default-user-group"]',
  '[data-icon="business-group"]',
  '[data-icon="community"]',
  '[data-icon="channel"]',
  // Builds that named icons by data-testid; docs/sites/whatsapp.md#group-avatars
  '[data-testid="default-group"]',
  // Older builds: avatars from a URL carrying the chat's JID; groups end in @g.us. docs/sites/whatsapp.md#group-avatars
  'img[src*="%40g.us"]',
  'img[src*="@g.us"]',
].join(', ');

// Group subtitles before the member list loads: English, Portuguese and Spanish as public sources
// quote them; elsewhere the member list and the avatar say it. docs/sites/whatsapp.md#group-subtitles
const GROUP_SUBTITLES = new Set([
  'click here for group info',
  'tap here for group info',
  'only admins can send messages',
  'announcements',
  'clique para dados do grupo',
  'toque para dados do grupo',
  'haz clic para ver la info. del grupo',
  'haz clic para ver la info del grupo',
]);

// Bidirectional marks and other format characters WhatsApp wraps numbers and names in.
const FORMAT_CHARS = /\p{Cf}/gu;
const PHONE = /^\+?[\d\s().-]+$/;

function thread(identifiers: SeenIdentifier[]): Sighting {
  return { kind: 'thread', identifiers };
}

/** Digits-and-punctuation text with at least 7 digits, as WhatsApp shows unsaved numbers. */
function asPhone(text: string): string | null {
  const clean = text.replace(FORMAT_CHARS, '').trim();
  return PHONE.test(clean) && clean.replace(/\D/g, '').length >= 7 ? clean : null;
}

function textOf(element: Element): string {
  const text = (element.textContent ?? '').replace(FORMAT_CHARS, '').trim();
  return text || (element.getAttribute('title') ?? '').replace(FORMAT_CHARS, '').trim();
}

/**
 * A group's subtitle lists its members ("Alex, Jo, Sam, You") once loaded; before that, and for
 * announcement groups, it is a fixed phrase. A person's subtitle is "online", "typing…",
 * "last seen today at 10:12" or "click here for contact info": never a comma-separated list.
 */
function isGroupSubtitle(text: string): boolean {
  const lower = text.toLowerCase();
  if (GROUP_SUBTITLES.has(lower)) return true;
  // While a member types, a group's subtitle names them ("Alex is typing…"); a person's says "typing…".
  if (/^\S.* is (typing|recording audio)/.test(lower)) return true;
  const parts = text.split(/\s*,\s*/).filter(Boolean);
  return parts.length >= 2 && !/\d[:.]\d\d/.test(text);
}

/**
 * The open chat, read from its header: the person (their name, an unsaved number), or a group's
 * chat where the header shows a group's avatar or subtitle (nobody's; the health signal counts it
 * as read). Null when the header names no one and shows no sign of a group.
 */
function readHeader(header: Element): Sighting | null {
  if (header.querySelector(GROUP_MARKERS)) return groupThread();
  let nameElement: Element | null = null;
  for (const selector of NAME_SELECTORS) {
    nameElement = header.querySelector(selector);
    if (nameElement && textOf(nameElement)) break;
  }
  if (!nameElement) return null;
  const name = textOf(nameElement);
  if (!name) return null;

  const subtitles = [...header.querySelectorAll('span[title], span[dir="auto"]')]
    .filter((element) => element !== nameElement && !element.contains(nameElement) && !nameElement.contains(element))
    .map((element) => element.getAttribute('title')?.replace(FORMAT_CHARS, '').trim() || textOf(element))
    .filter(Boolean);
  if (subtitles.some(isGroupSubtitle)) return groupThread();

  const identifiers: SeenIdentifier[] = [{ kind: 'name', value: name }];
  // Unsaved contacts show their number as the title; some builds show it in the subtitle.
  const phone = [name, ...subtitles].map(asPhone).find(Boolean);
  if (phone) identifiers.push({ kind: 'phone', value: phone });
  return thread(identifiers);
}

/** The number a click-to-chat link opens the chat with: wa.me/<digits>, /send?phone=<digits>. */
function linkedNumber(url: URL): Sighting | null {
  const path = url.pathname.replace(/\/+$/, '');
  let digits: string | null = null;
  if (url.hostname === 'wa.me') {
    digits = /^\/\+?(\d{7,15})$/.exec(path)?.[1] ?? null;
  } else if ((url.hostname === 'web.whatsapp.com' || url.hostname === 'api.whatsapp.com') && path === '/send') {
    // The click-to-chat deep link opens the chat with that number.
    digits = url.searchParams.get('phone')?.replace(/\D/g, '') ?? null;
  }
  return digits && digits.length >= 7 ? thread([{ kind: 'phone', value: digits }]) : null;
}

export const whatsapp: SiteAdapter = {
  id: 'whatsapp',
  name: siteNames.whatsapp,
  // Share links (wa.me/<digits>, api.whatsapp.com/send?phone=) are read by fromUrl too, but are
  // not hosts the content script runs on, so they are not listed here.
  matches: ['https://web.whatsapp.com/*'],
  linkHosts: ['https://wa.me/*', 'https://api.whatsapp.com/*'],
  home: 'https://web.whatsapp.com/',

  fromUrl: linkedNumber,

  // The click-to-chat link opens the chat with that number, whose header then shows the name the
  // user saved them under, not the number. If the app then takes the link out of the address (no
  // source shows it), whom the link named is carried over; docs/sites/whatsapp.md#click-to-chat-links
  resolvesInPlace(url) {
    return url.hostname === 'web.whatsapp.com' && linkedNumber(url) !== null;
  },

  fromPage(doc) {
    const header = doc.querySelector('#main header');
    const sighting = header ? readHeader(header) : null;
    return sighting ? [sighting] : [];
  },

  // The open chat's message list, which fromPage never reads inside (it reads the header only):
  // rows arriving there are not looked at.
  quiet: [
    // 2024–26 message container; docs/sites/whatsapp.md#quiet
    '#main [role="application"]',
    // 2021–23 builds named it by data-testid; docs/sites/whatsapp.md#quiet
    '[data-testid="conversation-panel-messages"]',
  ],

  veilPatterns(identifier) {
    // A number as people write it; fromUrl compares digits, so the link carries them bare.
    if (identifier.kind !== 'phone' || !PHONE.test(identifier.value.trim())) return [];
    const digits = identifier.value.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) return [];
    // The click-to-chat link, /send?phone=<digits> (also /send/?phone=%2B<digits>&text…). A number
    // written with spaces in the link (phone=%2B44%207700…) is read but not veiled.
    return ['', '%2B', '+'].flatMap((plus) => withParameter('https://web.whatsapp.com/send', 'phone', `${plus}${digits}`));
  },

  composer: [
    // 2023–26 Lexical editor in the open chat's footer (the chat-list search box sits in #side); docs/sites/whatsapp.md#composer
    '#main footer [contenteditable="true"][role="textbox"]',
    // 2021–23 builds named it by data-testid; docs/sites/whatsapp.md#composer
    '#main [data-testid="conversation-compose-box-input"]',
  ],
  sendButton: [
    // 2024–26: labelled "Send" (English UI), or by its wds-ic-send-filled icon (any language); docs/sites/whatsapp.md#composer
    '#main footer button[aria-label="Send"]',
    '#main footer :is(button, [role="button"]):has([data-icon="wds-ic-send-filled"])',
    // 2020–23: the icon span[data-icon="send"], or a data-testid; docs/sites/whatsapp.md#composer
    '#main footer :is(button, [role="button"]):has([data-icon="send"])',
    '#main footer [data-testid="send"]',
  ],
};

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  { url: 'https://web.whatsapp.com/send?phone=447700900123', sighting: thread([{ kind: 'phone', value: '447700900123' }]) },
  { url: 'https://web.whatsapp.com/send/?phone=%2B447700900123&text&type=phone_number&app_absent=0', sighting: thread([{ kind: 'phone', value: '447700900123' }]) },
  { url: 'https://web.whatsapp.com/', sighting: null },
  { url: 'https://web.whatsapp.com/send?text=hello', sighting: null },
  { url: 'https://web.whatsapp.com/send?phone=12', sighting: null },
  { url: 'https://web.whatsapp.com/accept?code=AbCdEfGhIjK', sighting: null },
];
