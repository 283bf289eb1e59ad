import type { SiteAdapter } from '../types';

/*
 * A chat's message box and send button, found from an event's path: what the check on the
 * first send after Continue holds (entrypoints/watch.content/send-check.tsx). Each thread
 * site's adapter names its own; where its selectors match nothing on the page (the site
 * changed its markup, or the adapter names none) the generic rules below stand in.
 */

type ChatSelectors = Pick<SiteAdapter, 'composer' | 'sendButton'>;

// Anything a person types a message into: a text field, or an editor's editing host.
const GENERIC_COMPOSER = 'textarea, input:not([type]), input[type="text"], [contenteditable]:not([contenteditable="false"])';
// ...but not a search box: Enter there searches, it sends nothing.
const NOT_A_COMPOSER = [
  'input[type="search"]',
  '[role="searchbox"]',
  '[role="combobox"]',
  '[aria-label*="search" i]',
  '[placeholder*="search" i]',
  '[aria-placeholder*="search" i]',
].join(', ');
const GENERIC_BUTTON = 'button, [role="button"], input[type="submit"], input[type="button"]';

// What a send button says (its aria-label, title or own text), compared whole after case
// folding, so that "Send a GIF" or "Send voice message" is not one. English first, then the
// word as the major sites spell it in their largest languages.
const SEND_LABELS = new Set([
  'send',
  'send message',
  'send a message',
  'send now',
  'press enter to send',
  'envoyer',
  'envoyer le message',
  'enviar',
  'enviar mensaje',
  'enviar mensagem',
  'senden',
  'nachricht senden',
  'invia',
  'invia messaggio',
  'verzenden',
  'versturen',
  'wyślij',
  'отправить',
  'надіслати',
  'gönder',
  'kirim',
  'skicka',
  'lähetä',
  'odeslat',
  'küldés',
  'trimite',
  'αποστολή',
  'إرسال',
  'ارسال',
  'שלח',
  'भेजें',
  '送信',
  '发送',
  '發送',
  '傳送',
  '보내기',
  'ส่ง',
  'gửi',
]);

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

function normalizeLabel(label: string): string {
  return label
    .toLowerCase()
    // A keyboard hint after the word: "Send (Enter)", "Send (Ctrl+Enter)".
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/[\s\u00A0]+/g, ' ')
    .replace(/[.…:!]+$/, '')
    .trim();
}

/** A data-testid naming a send button: "dmComposerSendButton", "dm-composer-send-button", "send". */
function testIdSaysSend(testId: string): boolean {
  const words = testId
    .split(/[-_\s]+|(?<=[a-z0-9])(?=[A-Z])/)
    .map((word) => word.toLowerCase())
    .filter(Boolean);
  const last = words[words.length - 1];
  return words.includes('send') && (last === 'send' || last === 'button' || last === 'btn');
}

/** Whether a button's label, title, test id or own short text says "send". */
export function saysSend(element: Element): boolean {
  const ownText = element.localName === 'input' ? (element as HTMLInputElement).value : element.textContent;
  const labels = [element.getAttribute('aria-label'), element.getAttribute('title'), ownText && ownText.length <= 40 ? ownText : null];
  if (labels.some((label) => label && SEND_LABELS.has(normalizeLabel(label)))) return true;
  const testId = element.getAttribute('data-testid');
  return testId ? testIdSaysSend(testId) : false;
}

function isTextField(element: Element): element is HTMLInputElement | HTMLTextAreaElement {
  return element.localName === 'textarea' || element.localName === 'input';
}

function isGenericComposer(element: Element): boolean {
  if (!element.matches(GENERIC_COMPOSER) || element.matches(NOT_A_COMPOSER)) return false;
  return isTextField(element) ? !element.disabled && !element.readOnly : (element as HTMLElement).isContentEditable !== false;
}

function isGenericSendButton(element: Element): boolean {
  return element.matches(GENERIC_BUTTON) && saysSend(element);
}

function elementsOf(path: readonly EventTarget[]): Element[] {
  return path.filter((target): target is Element => (target as Node).nodeType === 1);
}

/**
 * The first element on the path the adapter's selectors name; if they name nothing on this
 * path but something elsewhere on the page, none (the site's own markup is here, and this is
 * not it); if they match nothing at all, the first the generic rule accepts.
 */
function pick(path: readonly EventTarget[], own: string[] | undefined, doc: Document, generic: (element: Element) => boolean): HTMLElement | null {
  const elements = elementsOf(path);
  const selector = own?.join(', ');
  if (selector) {
    const hit = elements.find((element) => element.matches(selector));
    if (hit) return hit as HTMLElement;
    if (doc.querySelector(selector)) return null;
  }
  return (elements.find(generic) as HTMLElement | undefined) ?? null;
}

/** The message box an event happened in (a key press), from its composed path. */
export function composerAt(path: readonly EventTarget[], adapter: ChatSelectors, doc: Document): HTMLElement | null {
  return pick(path, adapter.composer, doc, isGenericComposer);
}

/** The send button an event happened on (a press or a click), from its composed path. */
export function sendButtonAt(path: readonly EventTarget[], adapter: ChatSelectors, doc: Document): HTMLElement | null {
  return pick(path, adapter.sendButton, doc, isGenericSendButton);
}

/** A button that would not act now: disabled, natively or by ARIA. */
export function isDisabled(button: Element): boolean {
  return button.matches(':disabled, [aria-disabled="true"]');
}

/** The parent of an element, or the host of the (open) shadow root it is the top of. */
function parentOf(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return 'host' in root ? (root as ShadowRoot).host : null;
}

/** The message box a send button sends: the nearest one among the button's ancestors' descendants. */
export function composerNear(button: Element, adapter: ChatSelectors): HTMLElement | null {
  const own = adapter.composer?.join(', ');
  const passes: ((ancestor: Element) => Element | null | undefined)[] = [
    ...(own ? [(ancestor: Element) => ancestor.querySelector(own)] : []),
    (ancestor) => [...ancestor.querySelectorAll(GENERIC_COMPOSER)].find(isGenericComposer),
  ];
  for (const find of passes) {
    for (let ancestor = parentOf(button); ancestor; ancestor = parentOf(ancestor)) {
      const found = find(ancestor);
      if (found) return found as HTMLElement;
    }
  }
  return null;
}

/** What the message box holds, as the person wrote it, without surrounding blank space. */
export function composerText(composer: HTMLElement): string {
  const raw = isTextField(composer) ? composer.value : composer.innerText || composer.textContent || '';
  return raw.replace(ZERO_WIDTH, '').trim();
}

/** Focuses the message box with the caret after its text. */
export function focusAtEnd(composer: HTMLElement): void {
  composer.focus();
  if (isTextField(composer)) {
    const end = composer.value.length;
    composer.setSelectionRange?.(end, end);
    return;
  }
  const selection = composer.ownerDocument.getSelection();
  if (!selection) return;
  const range = composer.ownerDocument.createRange();
  range.selectNodeContents(composer);
  range.collapse(false);
  selection.removeAllRanges();
  selection.addRange(range);
}

/**
 * Empties the message box in a way its editor notices: select everything and delete it as
 * an edit (rich editors such as Lexical and Draft keep their own model and undo it from the
 * DOM otherwise); where that leaves text, set it directly and say so with an input event.
 */
export function clearComposer(composer: HTMLElement): void {
  const doc = composer.ownerDocument;
  composer.focus();
  if (isTextField(composer)) {
    composer.select();
  } else {
    const selection = doc.getSelection();
    const range = doc.createRange();
    range.selectNodeContents(composer);
    selection?.removeAllRanges();
    selection?.addRange(range);
  }
  try {
    // Deprecated, but still the only way to edit as the user would, in every engine.
    doc.execCommand('delete');
  } catch {
    // Not supported here: the direct way below.
  }
  if (!composerText(composer)) return;
  if (isTextField(composer)) {
    // Through the prototype's setter: frameworks (React) watch the element's own one.
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(composer), 'value')?.set;
    if (setter) setter.call(composer, '');
    else composer.value = '';
  } else {
    composer.replaceChildren();
  }
  composer.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
}
