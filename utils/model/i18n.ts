import { browser } from 'wxt/browser';
import type english from '@/public/_locales/en/messages.json';

/**
 * Every user-facing string comes from the extension's messages (public/_locales/<lang>/messages.json),
 * read with the browser's own `i18n.getMessage`: synchronous in every context (the content script
 * included), nothing bundled, and the browser picks the user's language with English as the
 * fallback. Only the English file's type is imported: its keys type-check every call.
 *
 * Placeholders are named in the messages (`$alias$`) and passed by name here; their positions
 * (`"content": "$1"`) follow the names' alphabetical order, which tests/unit/i18n.test.ts checks.
 * Numbers passed in are formatted for the browser's UI language.
 */
type English = typeof english;
export type MessageKey = keyof English;

type PlaceholderName<K extends MessageKey> = English[K] extends { placeholders: infer P } ? keyof P & string : never;
type Value = string | number;
/** The values a message takes: none, or one per placeholder, by name. */
export type Values<K extends MessageKey> = [PlaceholderName<K>] extends [never] ? [] : [values: Record<PlaceholderName<K>, Value>];

/** The forms a plural message may have: the CLDR categories, and explicit wordings for 0, 1 and 2. */
export const PLURAL_FORMS = ['0', '1', '2', 'zero', 'one', 'two', 'few', 'many', 'other'] as const;
/** Messages that come in plural forms, by their key without the form: `attempts` for `attempts_one`, `attempts_other`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;
type PluralValues<B extends PluralKey> = Omit<Record<PlaceholderName<`${B}_other`>, Value>, 'count'>;

// WXT's generated types overload getMessage once per literal key; keys here are checked as MessageKey.
const getMessage = (name: string, substitutions?: string[]): string => browser.i18n.getMessage(name as never, substitutions);

/** The browser's UI language, for dates and numbers. */
export const uiLanguage = (): string => browser.i18n.getUILanguage();

/** The language the messages shown are in (a UI language with no translation gets English). */
export const messagesLanguage = (): string => getMessage('language') || 'en';

/** The direction of the messages' language, for the `dir` of a page or the pause screen. */
export const textDirection = (): 'ltr' | 'rtl' => (getMessage('direction') === 'rtl' ? 'rtl' : 'ltr');

// Intl's formatters are costly to make: one per language and options, made when first needed.
const formatters = new Map<string, unknown>();
function cached<F>(id: string, make: () => F): F {
  if (!formatters.has(id)) formatters.set(id, make());
  return formatters.get(id) as F;
}

/** A number as the UI language writes it ("1,234"). */
export function formatNumber(n: number, options: Intl.NumberFormatOptions = {}): string {
  const language = uiLanguage();
  return cached(`number|${language}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(language, options)).format(n);
}

/** Substitutions in the placeholders' order: their names, sorted. */
function substitutions(values: Record<string, Value> | undefined): string[] | undefined {
  if (!values) return undefined;
  return Object.keys(values)
    .sort()
    .map((name) => {
      const value = values[name]!;
      return typeof value === 'number' ? formatNumber(value) : value;
    });
}

/** The message `key` in the user's language, with its placeholders filled. */
export function t<K extends MessageKey>(key: K, ...[values]: Values<K>): string {
  return getMessage(key, substitutions(values));
}

function pluralRules(type: Intl.PluralRuleType): Intl.PluralRules {
  const language = messagesLanguage();
  return cached(`plural|${language}|${type}`, () => new Intl.PluralRules(language, { type }));
}

/**
 * The form of `base` for `count`: an explicit wording for 0, 1 or 2 when the language has one
 * (`times_2`: "twice"), else the form the language's plural rules choose, else `_other`. The
 * rules are those of the messages' language, so English text follows English rules whatever
 * the UI language. `count` is a placeholder of every form that shows it.
 */
export function plural<B extends PluralKey>(
  base: B,
  count: number,
  values?: PluralValues<B>,
  type: Intl.PluralRuleType = 'cardinal',
): string {
  const subs = substitutions({ ...values, count });
  const forms = [...(Number.isInteger(count) && count >= 0 && count <= 2 ? [String(count)] : []), pluralRules(type).select(count), 'other'];
  for (const form of forms) {
    const text = getMessage(`${base}_${form}`, subs);
    if (text) return text;
  }
  return '';
}

// Markers for values that are not text (an element, a button): private-use characters no message contains.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/**
 * A message split around the placeholders named in `slots`, for a sentence with an element in it
 * ("Day <strong>5</strong> of no contact"): text parts, and each slot's name where it goes, in the
 * translation's own word order.
 */
export function messageParts<K extends MessageKey>(key: K, slots: Record<PlaceholderName<K>, Value | typeof SLOT>): (string | { slot: PlaceholderName<K> })[] {
  const names = Object.keys(slots).sort() as PlaceholderName<K>[];
  const subs = names.map((name): string => {
    const value: Value | typeof SLOT = slots[name];
    return value === SLOT ? `${OPEN}${name}${CLOSE}` : typeof value === 'number' ? formatNumber(value) : value;
  });
  const text = getMessage(key, subs);
  return text
    .split(new RegExp(`${OPEN}([a-z_]+)${CLOSE}`))
    .map((part, index) => (index % 2 === 1 ? { slot: part as PlaceholderName<K> } : part))
    .filter((part) => part !== '');
}

/** Marks a placeholder of `messageParts` as a slot for an element. */
export const SLOT = Symbol('slot');

/** A time as the UI language writes it, in `timeZone`. */
export function formatDate(time: number, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  const language = uiLanguage();
  return cached(`date|${language}|${timeZone}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(language, { ...options, timeZone })).format(time);
}

/** Items as a list in a sentence of the messages' language: "a, b, c", or ("disjunction") "a or b". */
export function formatList(items: readonly string[], type: 'unit' | 'disjunction' = 'unit'): string {
  const language = messagesLanguage();
  return cached(`list|${language}|${type}`, () => new Intl.ListFormat(language, { type })).format(items);
}

/** A relative time ("3 days ago", "yesterday") as the UI language writes it. */
export function formatRelative(value: number, unit: Intl.RelativeTimeFormatUnit): string {
  const language = uiLanguage();
  return cached(`relative|${language}`, () => new Intl.RelativeTimeFormat(language, { numeric: 'auto' })).format(value, unit);
}

/** A page of the extension in the messages' language: its title, `lang` and `dir`. */
export function localizeDocument(title: string): void {
  document.title = title;
  document.documentElement.lang = messagesLanguage();
  document.documentElement.dir = textDirection();
}
