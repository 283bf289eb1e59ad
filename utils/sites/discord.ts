import { pageAndBelow } from './lib/patterns';
import { groupThread, type SeenIdentifier, type Sighting, type SiteAdapter, type UrlExample } from './types';
import { siteNames } from './names';

// Discord ids are snowflakes: 17–20 digits.
const SNOWFLAKE = /^\d{15,21}$/;

/** The channel id of an open direct-message conversation: /channels/@me/<channel>[/<message>]. */
function dmChannel(url: URL): string | null {
  const [first, second, third, fourth, ...rest] = url.pathname.split('/').filter(Boolean);
  if (first !== 'channels' || second !== '@me' || !third || !SNOWFLAKE.test(third) || rest.length) return null;
  return !fourth || SNOWFLAKE.test(fourth) ? third : null;
}

function readUrl(url: URL): Sighting | null {
  const channel = dmChannel(url);
  if (channel) return { kind: 'thread', identifiers: [{ kind: 'conversationId', value: channel }] };
  // /users/<user id> opens that user's profile over the app.
  const [first, second, ...rest] = url.pathname.split('/').filter(Boolean);
  if (first === 'users' && second && SNOWFLAKE.test(second) && !rest.length) {
    return { kind: 'profile', identifiers: [{ kind: 'accountId', value: second }] };
  }
  return null;
}

/** The name after the first "@": "Message @Sam" (English), "Nachricht an @Sam" (German)… */
function afterAt(text: string | null | undefined): string | null {
  const at = text ? text.indexOf('@') : -1;
  return text && at >= 0 ? text.slice(at + 1).trim() || null : null;
}

// Where an open one-to-one DM names the other person. Class names are hashed, so only roles,
// aria attributes and the document title are read. Group DMs name no one with "@".
const DM_NAMES: ((doc: Document) => string | null)[] = [
  // 2021–26 composer's label, "Message @<name>" (translated around the name); docs/sites/discord.md#dm-names
  (doc) => afterAt(doc.querySelector('div[role="textbox"][aria-label*="@"]')?.getAttribute('aria-label')),
  // Tab title, "Discord | @<name>" in a DM (not translated); docs/sites/discord.md#dm-names
  (doc) => {
    const part = doc.title.split('|').map((p) => p.trim()).find((p) => p.startsWith('@'));
    return part?.slice(1).trim() || null;
  },
];
// The private-channels list's row for a group DM, labelled "<name> (group message)" in seven
// languages, where a one-to-one DM's row says "(direct message)"; docs/sites/discord.md#group-dms
const GROUP_ROW_LABEL =
  /\((group message|Gruppennachricht|mensaje de grupo|message de groupe|mensagem de grupo|messaggio di gruppo|groepsbericht)\)$/i;
// The DM's own header: its h1 is the name shown above the conversation. Read only once the composer
// or title has shown the conversation is one-to-one. Its label in five languages; docs/sites/discord.md#dm-header
const DM_HEADER_TITLE = ['Channel header', 'Kanalüberschrift', 'Encabezado del canal', 'En-tête du salon', 'Cabeçalho do canal']
  .map((label) => `section[aria-label="${label}"] h1`)
  .join(', ');

/** Whether the private-channels list labels this channel's row as a group DM's. */
function isGroupDm(doc: Document, channel: string): boolean {
  return [...doc.querySelectorAll(`a[href="/channels/@me/${channel}"][aria-label]`)].some((row) =>
    GROUP_ROW_LABEL.test(row.getAttribute('aria-label')?.trim() ?? ''),
  );
}

export const discord: SiteAdapter = {
  id: 'discord',
  name: siteNames.discord,
  matches: ['https://discord.com/*', 'https://ptb.discord.com/*', 'https://canary.discord.com/*'],
  home: 'https://discord.com/channels/@me',

  fromUrl: readUrl,

  fromPage(doc, url) {
    // The sidebar lists every DM ("<name> (direct message)"), and servers show everyone's
    // messages: only the open DM counts.
    const channel = dmChannel(url);
    if (!channel) return [];
    const names = new Set<string>();
    for (const read of DM_NAMES) {
      const name = read(doc);
      if (name) names.add(name);
    }
    // No one named with "@": a group DM when the channel's own row in the list says so.
    if (!names.size) return isGroupDm(doc, channel) ? [groupThread()] : [];
    const header = doc.querySelector(DM_HEADER_TITLE)?.textContent?.replace(/\s+/g, ' ').trim().replace(/^@\s*/, '');
    if (header) names.add(header);
    const identifiers: SeenIdentifier[] = [...names].map((value) => ({ kind: 'name', value }));
    return [{ kind: 'thread', identifiers }];
  },

  veilPatterns(identifier) {
    const id = identifier.value.trim();
    if (!SNOWFLAKE.test(id)) return [];
    // An open DM, /channels/@me/<channel>[/<message>], and a profile, /users/<user id>.
    const path =
      identifier.kind === 'conversationId' ? `/channels/@me/${id}` : identifier.kind === 'accountId' ? `/users/${id}` : null;
    if (!path) return [];
    return pageAndBelow(...['https://discord.com', 'https://ptb.discord.com', 'https://canary.discord.com'].map((origin) => `${origin}${path}`));
  },

  // 2021–26 Slate editor. Discord sends on Enter; its send button exists only when the user turns
  // it on in the accessibility settings, and the generic rule finds it then. docs/sites/discord.md#composer
  composer: ['[role="textbox"][data-slate-editor="true"]'],
};

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  {
    url: 'https://discord.com/channels/@me/1123456789012345678',
    sighting: { kind: 'thread', identifiers: [{ kind: 'conversationId', value: '1123456789012345678' }] },
  },
  {
    url: 'https://discord.com/channels/@me/1123456789012345678/1234567890123456789',
    sighting: { kind: 'thread', identifiers: [{ kind: 'conversationId', value: '1123456789012345678' }] },
  },
  {
    url: 'https://canary.discord.com/channels/@me/1123456789012345678',
    sighting: { kind: 'thread', identifiers: [{ kind: 'conversationId', value: '1123456789012345678' }] },
  },
  {
    url: 'https://discord.com/users/801234567890123456',
    sighting: { kind: 'profile', identifiers: [{ kind: 'accountId', value: '801234567890123456' }] },
  },
  { url: 'https://discord.com/', sighting: null },
  { url: 'https://discord.com/app', sighting: null },
  { url: 'https://discord.com/login', sighting: null },
  { url: 'https://discord.com/channels/@me', sighting: null },
  { url: 'https://discord.com/channels/@me/', sighting: null },
  { url: 'https://discord.com/channels/901234567890123456/1012345678901234567', sighting: null },
  { url: 'https://discord.com/channels/901234567890123456/1012345678901234567/1234567890123456789', sighting: null },
  { url: 'https://discord.com/channels/@me/notanid', sighting: null },
  { url: 'https://discord.com/store', sighting: null },
  { url: 'https://discord.com/shop', sighting: null },
  { url: 'https://discord.com/invite/abcdef', sighting: null },
  { url: 'https://discord.com/users/@me', sighting: null },
];
