import { normalizeIdentifier, normalizeName } from '../../model/normalize';
import type { SeenIdentifier, Sighting } from '../types';

/**
 * What the web-mail adapters (gmail.ts, outlook.ts) share: reading addresses out of compose
 * links and recipient chips, and, for Leave, taking a chip out and keeping the draft's text.
 * Site selectors stay in the adapters; this file only knows how compose windows work in general.
 */

// One address inside free text ("Sam Lee <sam@example.com>", "mailto:sam@example.com").
const ADDRESS = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+\.[^\s<>()[\]"',;:.]+/;

export function addressIn(text: string | null | undefined): string | null {
  return text ? (ADDRESS.exec(text)?.[0] ?? null) : null;
}

/** Every address in a recipient list as links carry it: comma- or semicolon-separated, maybe "Name <address>". */
export function addressesIn(list: string | null | undefined): string[] {
  if (!list) return [];
  return list.split(/[,;]/).flatMap((part) => addressIn(part) ?? []);
}

/** The recipients of a mailto: link (its path, and its to, cc and bcc fields). */
export function mailtoAddresses(mailto: string | null | undefined): string[] {
  if (!mailto || !/^mailto:/i.test(mailto.trim())) return [];
  const [path = '', query = ''] = mailto.trim().slice('mailto:'.length).split('?');
  const fields = new URLSearchParams(query);
  return [decodeSafely(path), ...['to', 'cc', 'bcc'].map((field) => fields.get(field))].flatMap(addressesIn);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A compose sighting for these addresses, or null when there are none. */
export function composeTo(addresses: string[], names: string[] = []): Sighting | null {
  const identifiers: SeenIdentifier[] = [
    ...unique(addresses).map((value) => ({ kind: 'email' as const, value })),
    ...unique(names).map((value) => ({ kind: 'name' as const, value })),
  ];
  return identifiers.length > 0 ? { kind: 'compose', identifiers } : null;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}

// Leave takes out exactly what the matcher matched, so both compare as the matcher normalises.
export const sameAddress = (a: string, b: string) => normalizeIdentifier('email', a) === normalizeIdentifier('email', b);
export const sameName = (a: string, b: string) => normalizeName(a) === normalizeName(b);

/**
 * The compose window a recipient field belongs to: its nearest ancestor that also holds a
 * message body. A field with no body near it (a layout we do not know) is its own window.
 */
export function composeWindowOf(field: Element, bodySelector: string): Element {
  for (let node = field.parentElement, depth = 0; node && depth < 30; node = node.parentElement, depth++) {
    if (node.querySelector(bodySelector)) return node;
  }
  return field;
}

/** The outermost elements in `field` matching `chipSelector` (a chip's own parts can match too). */
export function chipsIn(field: Element, chipSelector: string): Element[] {
  return [...field.querySelectorAll(chipSelector)].filter((chip) => {
    const outer = chip.parentElement?.closest(chipSelector);
    return !outer || !field.contains(outer);
  });
}

/**
 * Takes a recipient chip out the way a person would: presses its remove control. If the
 * page did not take the chip away (no control, or one that reacts to other events), the
 * chip is removed and its editor told, as deleting it by keyboard would.
 */
export function removeChip(chip: Element, removeControlSelector: string): void {
  const control = chip.querySelector(removeControlSelector);
  if (control) press(control);
  if (!chip.isConnected) return;
  const editor = chip.parentElement?.closest('[contenteditable="true"]');
  // Zero-width spaces pad chips in contenteditable recipient fields; they go with the chip.
  for (const side of [chip.previousSibling, chip.nextSibling]) {
    if (side?.nodeType === 3 && !side.textContent?.replace(/\u200b/g, '')) side.remove();
  }
  chip.remove();
  editor?.dispatchEvent(new Event('input', { bubbles: true }));
}

// Mail apps' buttons often react to the press, not to click() alone.
function press(control: Element): void {
  const view = control.ownerDocument.defaultView;
  if (!view) return;
  const init = { bubbles: true, cancelable: true, composed: true, view, button: 0 };
  control.dispatchEvent(new view.MouseEvent('mousedown', init));
  control.dispatchEvent(new view.MouseEvent('mouseup', init));
  control.dispatchEvent(new view.MouseEvent('click', init));
}

/** Where a compose window's draft is, and which parts of it the user did not write. */
export interface DraftShape {
  body: string;
  subject: string;
  /** Inside the body, not written here: signatures. */
  skip: string;
  /** Inside the body, where the quoted conversation starts: nothing from there on is the user's. */
  stop: string;
}

// Subjects a reply or forward fills in by itself.
const AUTOMATIC_SUBJECT = /^\s*(re|fwd?|aw|wg|tr|rv|sv|vs)\s*:/i;

/** What was written in this compose window: its subject and body text, or null when nothing was. */
export function draftText(window: Element, shape: DraftShape): string | null {
  const body = window.querySelector(shape.body);
  const text = body ? tidy(textOf(body, shape)) : '';
  const subjectInput = window.querySelector<HTMLInputElement>(shape.subject);
  const subject = subjectInput?.value?.trim() ?? '';
  if (!text && (!subject || AUTOMATIC_SUBJECT.test(subject))) return null;
  return subject ? (text ? `Subject: ${subject}\n\n${text}` : `Subject: ${subject}`) : text;
}

const BLOCK = new Set(['DIV', 'P', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'TR', 'TABLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE']);

// The body's text with its line breaks, without layout (innerText needs a rendered element).
function textOf(body: Element, shape: DraftShape): string {
  let text = '';
  let stopped = false;
  const walk = (node: Node) => {
    for (let child = node.firstChild; child && !stopped; child = child.nextSibling) {
      if (child.nodeType === 3) {
        text += child.textContent ?? '';
      } else if (child.nodeType === 1) {
        const element = child as Element;
        if (element.matches(shape.stop)) {
          stopped = true;
        } else if (element.localName === 'br') {
          text += '\n';
        } else if (!element.matches(shape.skip) && !['script', 'style'].includes(element.localName)) {
          const block = BLOCK.has(element.tagName.toUpperCase());
          if (block) text += '\n';
          walk(element);
          if (block) text += '\n';
        }
      }
    }
  };
  walk(body);
  return text;
}

function tidy(text: string): string {
  return text
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A compose link's address, without the recipient who was just taken out of the window, so
 * the address stops saying "compose to them" (the apps read it once, when the window opens).
 * `lists` are fields holding addresses ("to"), `mailtos` fields holding a whole mailto: link.
 */
/**
 * Leave for a compose window: takes the matched recipient's chips out of every compose window
 * that has them and returns what was written in those windows (joined), or null if nothing was.
 */
export function takeOutOfComposeWindows<TChip extends { element: Element }>(
  windows: Iterable<[Element, TChip[]]>,
  isTheirs: (chip: TChip) => boolean,
  removeControlSelector: string,
  draftShape: DraftShape,
): string | null {
  const drafts: string[] = [];
  for (const [window, chips] of windows) {
    const theirs = chips.filter(isTheirs);
    if (theirs.length === 0) continue;
    for (const chip of theirs) removeChip(chip.element, removeControlSelector);
    const draft = draftText(window, draftShape);
    if (draft) drafts.push(draft);
  }
  return drafts.length > 0 ? drafts.join('\n\n') : null;
}

export function forgetRecipientInAddress(doc: Document, recipient: string, lists: string[], mailtos: string[]): void {
  const view = doc.defaultView;
  if (!view) return;
  const url = new URL(view.location.href);
  let changed = false;
  for (const field of lists) {
    const parts = url.searchParams.get(field)?.split(/[,;]/);
    if (!parts) continue;
    const kept = parts.filter((part) => {
      const address = addressIn(part);
      return !address || !sameAddress(address, recipient);
    });
    if (kept.length === parts.length) continue;
    changed = true;
    if (kept.join('').trim()) url.searchParams.set(field, kept.join(','));
    else url.searchParams.delete(field);
  }
  for (const field of mailtos) {
    if (!mailtoAddresses(url.searchParams.get(field)).some((address) => sameAddress(address, recipient))) continue;
    changed = true;
    url.searchParams.delete(field);
  }
  if (changed) view.history.replaceState(view.history.state, '', url.href);
}
