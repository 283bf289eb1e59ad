import { groupThread, type SeenIdentifier, type Sighting, type SiteAdapter, type UrlExample } from './types';
import { siteNames } from './names';

/*
 * Telegram Web has two clients on one host: K (/k/, morethanwords/tweb) and A (/a/, Ajaxy/
 * telegram-tt; /z/ was its name until 2022). Both keep the open chat in the hash, K through
 * history.replaceState (no hashchange). User ids are positive, groups and channels negative.
 */

// First path segment of each client.
const CLIENT_K = new Set(['k']);
const CLIENT_A = new Set(['a', 'z']);

// Telegram usernames: 4–32 letters, digits and underscores, starting with a letter.
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;
const USER_ID = /^[1-9]\d{0,19}$/;
// Groups' and channels' peer ids, as both clients write them on the open chat's title and avatar.
const GROUP_ID = /^-[1-9]\d{0,19}$/;

// t.me share links: first path segments that are Telegram's own pages, not usernames.
const LINK_HOSTS = new Set(['t.me', 'telegram.me', 'telegram.dog']);
const LINK_RESERVED = new Set([
  's', 'c', 'joinchat', 'addstickers', 'addemoji', 'addtheme', 'addlist', 'share', 'proxy', 'socks',
  'iv', 'login', 'setlanguage', 'bg', 'invoice', 'boost', 'm', 'contact', 'confirmphone', 'giftcode',
  'nft', 'blog', 'apps', 'faq', 'dl',
]);

type OpenChat = { kind: 'username'; value: string } | { kind: 'user'; id: string } | { kind: 'phone'; value: string };

function thread(identifiers: SeenIdentifier[]): Sighting {
  return { kind: 'thread', identifiers };
}

function fromOpenChat(open: OpenChat): Sighting {
  if (open.kind === 'username') return thread([{ kind: 'handle', value: open.value }]);
  if (open.kind === 'phone') return thread([{ kind: 'phone', value: open.value }]);
  return thread([{ kind: 'accountId', value: open.id }]);
}

/** `tg://resolve?domain=<username>` or `?phone=<digits>`, as both clients accept in `#?tgaddr=`. */
function fromTgAddress(address: string): OpenChat | null {
  const match = /^tg:\/\/resolve\?(.*)$/i.exec(address);
  if (!match) return null;
  const params = new URLSearchParams(match[1]);
  const domain = params.get('domain');
  if (domain && USERNAME.test(domain)) return { kind: 'username', value: domain };
  const phone = params.get('phone')?.replace(/\D/g, '');
  return phone && phone.length >= 7 ? { kind: 'phone', value: phone } : null;
}

/**
 * The chat the hash opens, when it is a person's: K `#@username`, `#<peer id>`; A `#<chat id>`
 * with optional `_<thread>` / `_<type>`; both `#?tgaddr=<tg:// link>` on first load.
 * Groups and channels (negative ids) give null.
 */
function openChatOf(url: URL): OpenChat | null {
  const hash = url.hash.replace(/^#/, '');
  if (!hash) return null;
  const address = tgAddressOf(url);
  if (address !== null) return fromTgAddress(address);
  const cut = hash.indexOf('?');
  const route = safeDecode(cut < 0 ? hash : hash.slice(0, cut));
  if (route.startsWith('@')) {
    const username = route.slice(1);
    return USERNAME.test(username) ? { kind: 'username', value: username } : null;
  }
  const chatId = route.split('_')[0] ?? '';
  return USER_ID.test(chatId) ? { kind: 'user', id: chatId } : null;
}

/** The `tg://` link of a `#?tgaddr=<link>` address (both clients open one on first load), else null. */
function tgAddressOf(url: URL): string | null {
  const hash = url.hash.replace(/^#/, '');
  return hash.startsWith('?') ? new URLSearchParams(hash.slice(1)).get('tgaddr') : null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `t.me/<username>`, `t.me/+<phone>`: links to a person pasted in options. */
function fromShareLink(url: URL): Sighting | null {
  const parts = url.pathname.split('/').filter(Boolean);
  const [first] = parts;
  if (!first || parts.length !== 1) return null;
  // t.me/+<digits> is a phone number; t.me/+<hash> is a group invite.
  const phone = /^\+(\d{7,15})$/.exec(first)?.[1];
  if (phone) return thread([{ kind: 'phone', value: phone }]);
  if (LINK_RESERVED.has(first.toLowerCase()) || !USERNAME.test(first)) return null;
  return thread([{ kind: 'handle', value: first }]);
}

function textOf(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\p{Cf}/gu, '').trim();
}

// K: the open chat's title in its top bar, first selector that finds any wins.
const K_TITLES = [
  // 2023–26: every opened chat keeps its own `.chat`; the shown one is `.active`. docs/sites/telegram.md#k-header
  '.chat.active .chat-info .peer-title[data-peer-id]',
  // Builds or moments with a single chat container; docs/sites/telegram.md#k-header
  '.chat-info .peer-title[data-peer-id]',
];

function readK(doc: Document, open: OpenChat): Sighting | null {
  let titles: Element[] = [];
  for (const selector of K_TITLES) {
    titles = [...doc.querySelectorAll(selector)];
    if (titles.length) break;
  }
  // With a peer id in the hash, only the title of that peer is the open chat.
  const title = open.kind === 'user' ? titles.find((t) => t.getAttribute('data-peer-id') === open.id) : titles[0];
  const peerId = title?.getAttribute('data-peer-id') ?? '';
  const name = textOf(title);
  // A group or channel opened by its @name (a person's id in the hash only ever finds that person's title).
  if (GROUP_ID.test(peerId)) return groupThread();
  if (!USER_ID.test(peerId)) return null;
  return thread([{ kind: 'accountId', value: peerId }, ...(name ? [{ kind: 'name' as const, value: name }] : [])]);
}

function readA(doc: Document, open: OpenChat): Sighting | null {
  // A group's header (its negative peer id, or GroupChatInfo's status) where the hash names no
  // person's id: the open chat is that group's, unless a person's header is there too (mid-transition).
  let group = false;
  // The middle column's header only: the left column's search results render the same
  // `.ChatInfo` component for contacts, and the right column's profile does too.
  for (const info of doc.querySelectorAll('.MiddleHeader .ChatInfo')) {
    // 2024–26 builds put the peer id on the header avatar.
    const peerId = info.querySelector('[data-peer-id]')?.getAttribute('data-peer-id');
    if (peerId && open.kind === 'user' && peerId !== open.id) continue; // the outgoing chat mid-transition
    if (peerId && GROUP_ID.test(peerId)) group = true;
    if (peerId && !USER_ID.test(peerId)) continue;
    // GroupChatInfo's status ("12 members", "channel"): groups in builds without data-peer-id.
    if (info.querySelector('.group-status')) {
      if (open.kind !== 'user') group = true;
      continue;
    }
    const name = textOf(info.querySelector('.fullName'));
    // The middle header carries the name (.fullName), the status and the avatar (peer id), but no
    // username (a person saved only as t.me/<username> is caught by their learned user id instead).
    // `.handle` is still read for builds or forks that show it. docs/sites/telegram.md#a-header
    const handle = textOf(info.querySelector('.handle')).replace(/^@/, '');
    const identifiers: SeenIdentifier[] = [];
    if (peerId) identifiers.push({ kind: 'accountId', value: peerId });
    if (name) identifiers.push({ kind: 'name', value: name });
    if (USERNAME.test(handle)) identifiers.push({ kind: 'handle', value: handle });
    if (identifiers.length) return thread(identifiers);
  }
  return group ? groupThread() : null;
}

/** A chat list row's peer id and title, as one text (`<id>\n<title>`), or null with no peer id. */
const rowRead = (peerId: string | null | undefined, title: Element | null) => (peerId ? `${peerId}\n${textOf(title)}` : null);

/**
 * A chat list row's peer: a person's account id and the row's title. A group's or a channel's
 * (negative id) names nobody, whatever its title or last sender.
 */
function rowPeer(read: string): SeenIdentifier[] | null {
  const [peerId = '', name = ''] = read.split('\n');
  if (!USER_ID.test(peerId)) return null;
  return [{ kind: 'accountId', value: peerId }, ...(name ? [{ kind: 'name' as const, value: name }] : [])];
}

export const telegram: SiteAdapter = {
  id: 'telegram',
  name: siteNames.telegram,
  // t.me links (t.me/<username>) are read by fromUrl too, but are not hosts the content script
  // runs on, so they are not listed here.
  matches: ['https://web.telegram.org/*'],
  linkHosts: ['https://t.me/*', 'https://telegram.me/*', 'https://telegram.dog/*'],
  home: 'https://web.telegram.org/',

  fromUrl(url) {
    if (LINK_HOSTS.has(url.hostname)) return fromShareLink(url);
    if (url.hostname !== 'web.telegram.org') return null;
    const client = url.pathname.split('/').filter(Boolean)[0] ?? '';
    if (!CLIENT_K.has(client) && !CLIENT_A.has(client)) return null;
    const open = openChatOf(url);
    return open ? fromOpenChat(open) : null;
  },

  // Telegram A takes `?tgaddr=…` out of the hash as it starts, then opens the chat the link resolves
  // to, whose address is `#<chat id>`; K is served by the same carrying. docs/sites/telegram.md#tgaddr-links
  resolvesInPlace(url) {
    return url.hostname === 'web.telegram.org' && tgAddressOf(url) !== null;
  },

  // Their row in the chat list (docs/sites/telegram.md#chat-list-rows): K's rows carry the peer id
  // (tweb appDialogsManager.ts), A's on their avatar (telegram-tt Chat.tsx, Avatar.tsx).
  places: [
    {
      kind: 'inbox',
      item: 'a.chatlist-chat[data-peer-id]',
      read: (row) => rowRead(row.getAttribute('data-peer-id'), row.querySelector('.peer-title')),
      author: rowPeer,
      attributes: ['data-peer-id'],
    },
    {
      kind: 'inbox',
      item: '.ListItem.Chat',
      read: (row) => rowRead(row.querySelector('.Avatar[data-peer-id]')?.getAttribute('data-peer-id'), row.querySelector('.fullName')),
      author: rowPeer,
    },
  ],

  fromPage(doc, url) {
    // No person's chat in the hash: none is open (closing a chat clears it), or it is a group.
    // Either way a title still in the DOM belongs to a chat that is not on screen.
    const open = openChatOf(url);
    if (!open || open.kind === 'phone') return [];
    const client = url.pathname.split('/').filter(Boolean)[0] ?? '';
    const sighting = CLIENT_K.has(client) ? readK(doc, open) : CLIENT_A.has(client) ? readA(doc, open) : null;
    return sighting ? [sighting] : [];
  },

  composer: [
    // K (tweb): the editor; its twin .input-field-input-fake only measures the text's height. docs/sites/telegram.md#composer
    '.input-message-input[contenteditable="true"]:not(.input-field-input-fake)',
    // A (telegram-tt); docs/sites/telegram.md#composer
    '#editable-message-text',
  ],
  sendButton: [
    // K: the round button beside the box (it records voice while empty); docs/sites/telegram.md#composer
    '.btn-send-container .btn-send',
    // A: the main button, titled "Send Message" while there is text (English UI); docs/sites/telegram.md#composer
    'button.main-button.send',
    'button[title="Send Message"]',
  ],
};

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  { url: 'https://web.telegram.org/k/#@sam_lee', sighting: thread([{ kind: 'handle', value: 'sam_lee' }]) },
  { url: 'https://web.telegram.org/k/#123456789', sighting: thread([{ kind: 'accountId', value: '123456789' }]) },
  { url: 'https://web.telegram.org/a/#123456789', sighting: thread([{ kind: 'accountId', value: '123456789' }]) },
  { url: 'https://web.telegram.org/a/#123456789_scheduled', sighting: thread([{ kind: 'accountId', value: '123456789' }]) },
  {
    url: 'https://web.telegram.org/k/#?tgaddr=tg%3A%2F%2Fresolve%3Fdomain%3Dsam_lee',
    sighting: thread([{ kind: 'handle', value: 'sam_lee' }]),
  },
  {
    url: 'https://web.telegram.org/a/#?tgaddr=tg%3A%2F%2Fresolve%3Fphone%3D447700900123',
    sighting: thread([{ kind: 'phone', value: '447700900123' }]),
  },
  { url: 'https://web.telegram.org/z/#123456789', sighting: thread([{ kind: 'accountId', value: '123456789' }]) },
  { url: 'https://web.telegram.org/k/', sighting: null },
  { url: 'https://web.telegram.org/a/', sighting: null },
  { url: 'https://web.telegram.org/', sighting: null },
  { url: 'https://web.telegram.org/k/#-1234567890', sighting: null },
  { url: 'https://web.telegram.org/a/#-1001234567890', sighting: null },
  { url: 'https://web.telegram.org/a/#-1001234567890_42', sighting: null },
  { url: 'https://web.telegram.org/k/#@ab', sighting: null },
  { url: 'https://web.telegram.org/k/#?tgWebAuthToken=abc', sighting: null },
];
