import {
  addressIn,
  addressesIn,
  chipsIn,
  composeTo,
  composeWindowOf,
  forgetRecipientInAddress,
  mailtoAddresses,
  sameAddress,
  takeOutOfComposeWindows,
  type DraftShape,
} from './lib/mail-compose';
import { addressForms } from './lib/patterns';
import type { Sighting, SiteAdapter, UrlExample } from './types';
import { siteNames } from './names';

// Gmail routes by hash (#inbox, #search/…, #inbox/<thread>) and floats compose windows over
// any view, several at once, with no change of address. Only the addresses in a compose
// window's own recipient fields count: the same address in the inbox list, an open message's
// sender line or a hovercard (all of which carry data-hovercard-id / email too) does not.

// A compose window's recipient fields (floating, pop-out, inline reply and full-page compose).
const FIELDS = [
  // 2021–26: div.anm[name="to"|"cc"|"bcc"] (the name is not localised); docs/sites/gmail.md#recipient-fields
  'div[name="to"]', 'div[name="cc"]', 'div[name="bcc"]',
  // Fallback: containers labelled (English) To/Cc/Bcc; docs/sites/gmail.md#recipient-fields
  'div[aria-label="To"]', 'div[aria-label="Cc"]', 'div[aria-label="Bcc"]',
].join(', ');
// A recipient chip in those fields (2021–26; some builds carry the address in `email`); docs/sites/gmail.md#recipient-chips
const CHIP = '[role="option"][data-hovercard-id], [role="option"][email]';
// Pre-2021 layout ("classic" recipients): the field is the table row of textarea.vO[name=to|cc|bcc];
// each chip (span.vR) holds span.vN[email] and a hidden input "Name <address>". docs/sites/gmail.md#recipient-chips
const CLASSIC_INPUT = 'textarea[name="to"], textarea[name="cc"], textarea[name="bcc"]';
const CLASSIC_CHIP_INPUT = 'input[type="hidden"][name="to"], input[type="hidden"][name="cc"], input[type="hidden"][name="bcc"]';
// A chip's remove control: 2021–26 div.afX (labelled "Remove …" in English), pre-2021 div.vM; docs/sites/gmail.md#remove-control
const REMOVE = '[role="button"][aria-label^="Remove"], .afX, .vM';

const DRAFT: DraftShape = {
  // The message editor: g_editable is Gmail's own attribute (any language); the English label as a fallback.
  body: 'div[g_editable="true"][role="textbox"], div[aria-label="Message Body"][contenteditable="true"]',
  subject: 'input[name="subjectbox"]',
  skip: '.gmail_signature, [data-smartmail="gmail_signature"]',
  stop: '.gmail_quote',
};

interface Chip {
  element: Element;
  address: string;
}

/** Every compose window on the page with recipients, and its recipient chips. */
function composeWindows(doc: Document): Map<Element, Chip[]> {
  const windows = new Map<Element, Chip[]>();
  const seen = new Set<Element>();
  const add = (field: Element, chips: Chip[]) => {
    const fresh = chips.filter((chip) => !seen.has(chip.element));
    if (fresh.length === 0) return;
    for (const chip of fresh) seen.add(chip.element);
    const window = composeWindowOf(field, DRAFT.body);
    windows.set(window, [...(windows.get(window) ?? []), ...fresh]);
  };
  for (const field of doc.querySelectorAll(FIELDS)) {
    add(
      field,
      chipsIn(field, CHIP).flatMap((element) => {
        const address = addressIn(element.getAttribute('data-hovercard-id')) ?? addressIn(element.getAttribute('email'));
        return address ? [{ element, address }] : [];
      }),
    );
  }
  for (const input of doc.querySelectorAll(CLASSIC_INPUT)) {
    const field = input.closest('tr') ?? input.parentElement;
    if (!field) continue;
    add(
      field,
      [...field.querySelectorAll<HTMLInputElement>(CLASSIC_CHIP_INPUT)].flatMap((hidden) => {
        const element = hidden.parentElement;
        const shown = element?.querySelector('[email]');
        const address = addressIn(shown?.getAttribute('email')) ?? addressIn(hidden.value);
        return element && shown && address ? [{ element, address }] : [];
      }),
    );
  }
  return windows;
}

export const gmail: SiteAdapter = {
  id: 'gmail',
  name: siteNames.gmail,
  matches: ['https://mail.google.com/*'],
  home: 'https://mail.google.com/mail/',

  fromUrl(url) {
    if (!url.pathname.startsWith('/mail')) return null;
    const query = url.searchParams;
    // Full-page compose: /mail/?view=cm&fs=1&to=…&cc=…&bcc=…&su=… (older links: tf=cm).
    if (query.get('view') === 'cm' || query.get('tf') === 'cm') {
      return composeTo(['to', 'cc', 'bcc'].flatMap((field) => addressesIn(query.get(field))));
    }
    // Gmail as the browser's mail handler: /mail/?extsrc=mailto&url=mailto:…
    if (query.get('extsrc') === 'mailto') return composeTo(mailtoAddresses(query.get('url')));
    return null;
  },

  fromPage(doc) {
    const sightings: Sighting[] = [];
    for (const chips of composeWindows(doc).values()) {
      const sighting = composeTo(chips.map((chip) => chip.address));
      if (sighting) sightings.push(sighting);
    }
    return sightings;
  },

  veilPatterns(identifier) {
    if (identifier.kind !== 'email') return [];
    // Full-page compose (?view=cm&to=…, cc=, bcc=, in any order) and Gmail as the mail handler
    // (?extsrc=mailto&url=mailto:…). The address may sit in a list ("jo@…,sam@…", "Sam <sam@…>").
    return addressForms(identifier.value).flatMap((address) =>
      ['to=', 'cc=', 'mailto'].map((field) => `https://mail.google.com/mail*${field}*${address}*`),
    );
  },

  // Gmail fills a chip's address in after the chip is drawn.
  watchAttributes: ['data-hovercard-id', 'email'],

  leaveCompose(doc, recipient) {
    if (recipient.kind !== 'email') return null;
    const draft = takeOutOfComposeWindows(composeWindows(doc), (chip) => sameAddress(chip.address, recipient.value), REMOVE, DRAFT);
    forgetRecipientInAddress(doc, recipient.value, ['to', 'cc', 'bcc'], ['url']);
    return draft;
  },
};

/**
 * URLs with what `fromUrl` must return: every one is run through every adapter in the tests
 * (tests/unit/sites.test.ts). Beside the adapter, and out of the content scripts, which never use them.
 */
export const examples: UrlExample[] = [
  {
    url: 'https://mail.google.com/mail/?view=cm&fs=1&to=sam@example.com',
    sighting: { kind: 'compose', identifiers: [{ kind: 'email', value: 'sam@example.com' }] },
  },
  {
    url: 'https://mail.google.com/mail/u/0/?view=cm&fs=1&to=jo@example.org,sam@example.com&cc=kim@example.net&su=Hi',
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
    url: 'https://mail.google.com/mail/u/1/?fs=1&tf=cm&to=Sam%20Lee%20%3Csam@example.com%3E',
    sighting: { kind: 'compose', identifiers: [{ kind: 'email', value: 'sam@example.com' }] },
  },
  {
    url: 'https://mail.google.com/mail/?extsrc=mailto&url=mailto%3Asam%40example.com%3Fsubject%3DHi',
    sighting: { kind: 'compose', identifiers: [{ kind: 'email', value: 'sam@example.com' }] },
  },
  { url: 'https://mail.google.com/mail/u/0/#inbox', sighting: null },
  { url: 'https://mail.google.com/mail/u/0/#inbox?compose=new', sighting: null },
  { url: 'https://mail.google.com/mail/u/0/#search/sam%40example.com', sighting: null },
  { url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmzbjTbqRpvhCnkcwJxv', sighting: null },
  { url: 'https://mail.google.com/mail/u/0/?view=cm&fs=1', sighting: null },
  { url: 'https://mail.google.com/mail/u/0/?to=sam@example.com#inbox', sighting: null },
];
