import {
  addressIn,
  addressesIn,
  chipsIn,
  composeTo,
  composeWindowOf,
  forgetRecipientInAddress,
  mailtoAddresses,
  sameAddress,
  sameName,
  takeOutOfComposeWindows,
  type DraftShape,
} from './lib/mail-compose';
import { addressForms } from './lib/patterns';
import type { Sighting, SiteAdapter, UrlExample } from './types';
import { siteNames } from './names';

// Outlook on the web opens compose in the reading pane, in a pop-out or full page
// (/mail/compose/<id>), mostly without an address that names the recipient. Only the chips in a
// compose window's own To/Cc/Bcc fields count: the same person in the message list, a reading
// pane's sender line or a persona card does not.

// A compose window's recipient fields.
const FIELDS = [
  // 2025–26: a role=group whose id ends in _TO/_CC/_BCC (any language); docs/sites/outlook.md#recipient-fields
  '[role="group"][id$="_TO"]', '[role="group"][id$="_CC"]', '[role="group"][id$="_BCC"]',
  // 2023–26: the recipient well itself, labelled (English) To/Cc/Bcc; docs/sites/outlook.md#recipient-fields
  'div[aria-label="To"][contenteditable]', 'div[aria-label="Cc"][contenteditable]', 'div[aria-label="Bcc"][contenteditable]',
].join(', ');
// A recipient chip in those fields.
const CHIP = [
  // 2024–26: a roosterjs entity labelled with the address; docs/sites/outlook.md#recipient-chips
  '._EType_RECIPIENT_ENTITY',
  // 2023–24 pills: draggable spans holding the display name; docs/sites/outlook.md#recipient-chips
  '[draggable="true"]',
  // Persona-card hover targets around a recipient's name; docs/sites/outlook.md#recipient-chips
  '[data-lpc-hover-target-id]',
].join(', ');
// A chip's remove control: English label, or the 2019–22 well item's remove button. 2024–26 entities
// show an unlabelled glyph, so Leave falls back to deleting the entity from the field, as Backspace
// would. docs/sites/outlook.md#remove-control
const REMOVE = '[aria-label^="Remove"], [title^="Remove"], [class*="removeWellItemButton"]';

const DRAFT: DraftShape = {
  body: [
    // 2023–26 compose editor, labelled (English) "Message body".
    'div[aria-label="Message body"][contenteditable="true"]',
    // The editor inside editorParent_<n>, in any language.
    '[id^="editorParent_"] [contenteditable="true"][role="textbox"]',
  ].join(', '),
  // The subject input: MSG_<id>_SUBJECT in any language; English labels as fallbacks.
  subject: 'input[id$="_SUBJECT"], input[aria-label="Subject"], input[aria-label="Add a subject"]',
  skip: '#Signature, [id^="Signature"], #signature',
  // Replies and forwards: the quoted message starts at the reply header.
  stop: '#divRplyFwdMsg, #appendonsend, [id^="mail-editor-reference-message-container"]',
};

interface Chip {
  element: Element;
  address: string | null;
  name: string | null;
}

/** Every compose window on the page with recipients, and its recipient chips. */
function composeWindows(doc: Document): Map<Element, Chip[]> {
  const windows = new Map<Element, Chip[]>();
  const seen = new Set<Element>();
  for (const field of doc.querySelectorAll(FIELDS)) {
    const chips = chipsIn(field, CHIP).filter((element) => !seen.has(element)).flatMap(readChip);
    if (chips.length === 0) continue;
    for (const chip of chips) seen.add(chip.element);
    const window = composeWindowOf(field, DRAFT.body);
    windows.set(window, [...(windows.get(window) ?? []), ...chips]);
  }
  return windows;
}

function readChip(element: Element): Chip[] {
  const shown = visibleText(element).trim();
  const address =
    addressIn(element.getAttribute('aria-label')) ??
    addressIn(element.getAttribute('title')) ??
    addressIn(element.getAttribute('data-lpc-hover-target-id')) ??
    addressIn(shown);
  // Contacts resolved from the address book may show only their name, with no address in
  // the page: then the name is what identifies them (docs/sites/outlook.md#recipient-chips).
  const name = address ? null : shown.replace(/\s+/g, ' ') || null;
  return address || name ? [{ element, address, name }] : [];
}

// The chip's name as shown: without its icons and its remove control.
const NOT_THE_NAME = '[aria-hidden="true"], button, [role="button"]';
function visibleText(element: Element): string {
  let text = '';
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) text += child.textContent ?? '';
    else if (child.nodeType === 1 && !(child as Element).matches(NOT_THE_NAME)) text += visibleText(child as Element);
  }
  return text.replace(/\u200b/g, '');
}

export const outlook: SiteAdapter = {
  id: 'outlook',
  name: siteNames.outlook,
  matches: [
    'https://outlook.office.com/*',
    'https://outlook.office365.com/*',
    'https://outlook.live.com/*',
    'https://outlook.cloud.microsoft/*',
  ],
  home: 'https://outlook.office.com/mail/',

  fromUrl(url) {
    const parts = url.pathname.toLowerCase().split('/').filter(Boolean);
    const query = url.searchParams;
    // /mail/deeplink/compose?to=… (also /mail/0/deeplink/compose; mailtouri= when Outlook is the mail handler).
    const at = parts.indexOf('deeplink');
    const deeplink = parts[0] === 'mail' && at > 0 && parts[at + 1] === 'compose';
    // Older OWA links: /owa/?path=/mail/action/compose&to=…
    const owa = parts[0] === 'owa' && query.get('path')?.toLowerCase() === '/mail/action/compose';
    if (!deeplink && !owa) return null;
    return composeTo([
      ...['to', 'cc', 'bcc'].flatMap((field) => addressesIn(query.get(field))),
      ...mailtoAddresses(query.get('mailtouri')),
    ]);
  },

  fromPage(doc) {
    const sightings: Sighting[] = [];
    for (const chips of composeWindows(doc).values()) {
      const sighting = composeTo(
        chips.flatMap((chip) => chip.address ?? []),
        chips.flatMap((chip) => chip.name ?? []),
      );
      if (sighting) sightings.push(sighting);
    }
    return sightings;
  },

  veilPatterns(identifier) {
    if (identifier.kind !== 'email') return [];
    const origins = ['https://outlook.office.com', 'https://outlook.office365.com', 'https://outlook.live.com', 'https://outlook.cloud.microsoft'];
    const composes = origins.flatMap((origin) => [`${origin}/mail/*deeplink/compose`, `${origin}/owa/`]);
    // The compose deep link (?to=…, cc=, bcc=, mailtouri=mailto:…) and the older OWA one
    // (?path=/mail/action/compose&to=…), parameters in any order.
    return addressForms(identifier.value).flatMap((address) =>
      composes.flatMap((compose) => ['to=', 'cc=', 'mailto'].map((field) => `${compose}*${field}*${address}*`)),
    );
  },

  leaveCompose(doc, recipient) {
    if (recipient.kind !== 'email' && recipient.kind !== 'name') return null;
    const isTheirs = (chip: Chip) =>
      recipient.kind === 'email'
        ? chip.address !== null && sameAddress(chip.address, recipient.value)
        : chip.name !== null && sameName(chip.name, recipient.value);
    const draft = takeOutOfComposeWindows(composeWindows(doc), isTheirs, REMOVE, DRAFT);
    if (recipient.kind === 'email') forgetRecipientInAddress(doc, recipient.value, ['to', 'cc', 'bcc'], ['mailtouri']);
    return draft;
  },
};

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  {
    url: 'https://outlook.office.com/mail/deeplink/compose?to=sam@example.com&subject=Hi',
    sighting: { kind: 'compose', identifiers: [{ kind: 'email', value: 'sam@example.com' }] },
  },
  {
    url: 'https://outlook.live.com/mail/0/deeplink/compose?to=jo@example.org;sam@example.com&cc=kim@example.net',
    sighting: {
      kind: 'compose',
      identifiers: [
        { kind: 'email', value: 'jo@example.org' },
        { kind: 'email', value: 'sam@example.com' },
        { kind: 'email', value: 'kim@example.net' },
      ],
    },
  },
  {
    url: 'https://outlook.cloud.microsoft/mail/deeplink/compose?mailtouri=mailto%3Asam%40example.com%3Fsubject%3DHi',
    sighting: { kind: 'compose', identifiers: [{ kind: 'email', value: 'sam@example.com' }] },
  },
  {
    url: 'https://outlook.office365.com/owa/?path=/mail/action/compose&to=sam@example.com',
    sighting: { kind: 'compose', identifiers: [{ kind: 'email', value: 'sam@example.com' }] },
  },
  { url: 'https://outlook.office.com/mail/', sighting: null },
  { url: 'https://outlook.office.com/mail/inbox', sighting: null },
  { url: 'https://outlook.live.com/mail/0/inbox/id/AQQkADAwATM0MDAAMS1iNWY4LTk0ZQBkLTAwAi0wMAoAEAAAA%3D', sighting: null },
  { url: 'https://outlook.office.com/mail/deeplink/compose', sighting: null },
  { url: 'https://outlook.office.com/mail/compose/AAQkAGI2TG93AAA%3D', sighting: null },
  { url: 'https://outlook.office.com/mail/search?q=sam%40example.com', sighting: null },
  { url: 'https://outlook.office.com/people/?to=sam@example.com', sighting: null },
];
