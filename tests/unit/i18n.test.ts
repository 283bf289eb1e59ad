import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import english from '@/public/_locales/en/messages.json';
import { formatDate, formatList, formatNumber, messageParts, plural, SLOT, t, PLURAL_FORMS } from '@/utils/model/i18n';
import { longDate, shortDay } from '@/utils/model/stats';
import { englishMessage, messageFrom, type MessageEntry } from './support/fake-i18n';

const root = join(__dirname, '../..');
const messages = english as Record<string, MessageEntry>;
const keys = Object.keys(messages);

/** Files whose text is not converted yet: none (every page is; a new one goes here while it waits). */
const NOT_YET: string[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Call {
  file: string;
  fn: 't' | 'plural' | 'messageParts';
  key: string;
  /** The names of the values passed, when they are an object literal; null when there are none. */
  names: string[] | null;
}

/** Everything the source says about messages: the calls, every string literal, and JSX text. */
function scan() {
  const calls: Call[] = [];
  const literals = new Set<string>();
  const untranslated: string[] = [];
  for (const file of ['wxt.config.ts', ...['components', 'entrypoints', 'utils'].flatMap(sourceFiles)]) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const match of text.matchAll(/__MSG_(\w+)__/g)) literals.add(match[1]!);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const converted = !NOT_YET.some((path) => file.startsWith(path));
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteralLike(node)) literals.add(node.text);
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ['t', 'plural', 'messageParts'].includes(node.expression.text)) {
        const [first, second, third] = node.arguments;
        if (first && ts.isStringLiteralLike(first)) {
          const fn = node.expression.text as Call['fn'];
          const valuesArg = fn === 'plural' ? third : second;
          const names =
            valuesArg && ts.isObjectLiteralExpression(valuesArg)
              ? valuesArg.properties.map((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : '?'))
              : null;
          calls.push({ file, fn, key: first.text, names });
        }
      }
      // What a person reads on a converted page: JSX text, and the text attributes.
      if (converted && ts.isJsxText(node) && /\p{L}/u.test(node.text)) untranslated.push(`${file}: ${node.text.trim()}`);
      if (
        converted &&
        ts.isJsxAttribute(node) &&
        ['aria-label', 'title', 'placeholder', 'alt'].includes(node.name.getText()) &&
        node.initializer &&
        ts.isStringLiteral(node.initializer) &&
        /\p{L}/u.test(node.initializer.text)
      ) {
        untranslated.push(`${file}: ${node.getText()}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { calls, literals, untranslated };
}

const { calls, literals, untranslated } = scan();
const placeholderNames = (key: string) => Object.keys(messages[key]?.placeholders ?? {}).sort();
const formsOf = (base: string) => PLURAL_FORMS.map((form) => `${base}_${form}`).filter((key) => key in messages);

describe('the English messages', () => {
  it('the scan finds the calls it checks', () => {
    // A scan that found nothing would pass everything below.
    expect(calls.length).toBeGreaterThan(150);
    expect(calls.filter((call) => call.fn === 'plural').length).toBeGreaterThan(10);
    expect(calls.some((call) => call.file === 'components/screen/PauseScreen.tsx' && call.key === 'pause_title')).toBe(true);
  });

  it('has every key the code asks for, with the placeholders it fills', () => {
    const problems: string[] = [];
    for (const call of calls) {
      const where = `${call.file}: ${call.fn}('${call.key}')`;
      if (call.fn === 'plural') {
        if (!(`${call.key}_other` in messages)) problems.push(`${where}: no ${call.key}_other`);
        if (call.names === null) continue;
        for (const form of formsOf(call.key)) {
          const missing = placeholderNames(form).filter((name) => name !== 'count' && !call.names!.includes(name));
          const extra = call.names.filter((name) => !placeholderNames(`${call.key}_other`).includes(name));
          if (missing.length || extra.length) problems.push(`${where}: ${form} takes ${placeholderNames(form)}, given ${call.names}`);
        }
      } else if (!(call.key in messages)) {
        problems.push(`${where}: no such message`);
      } else if (call.names !== null && call.names.sort().join() !== placeholderNames(call.key).join()) {
        problems.push(`${where}: takes ${placeholderNames(call.key)}, given ${call.names}`);
      } else if (call.names === null && call.fn === 't' && placeholderNames(call.key).length) {
        problems.push(`${where}: takes ${placeholderNames(call.key)}, given none`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('are all used: by a call, a key in a table, a plural form, or the manifest', () => {
    const pluralBases = new Set(calls.filter((call) => call.fn === 'plural').map((call) => call.key));
    const unused = keys.filter((key) => {
      if (literals.has(key)) return false;
      const base = key.replace(new RegExp(`_(${PLURAL_FORMS.join('|')})$`), '');
      return !(base !== key && (pluralBases.has(base) || literals.has(base)));
    });
    expect(unused).toEqual([]);
  });

  it('name their placeholders, each used, in positions by alphabetical order', () => {
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(messages)) {
      if (!/^[a-z0-9_]+$/.test(key)) problems.push(`${key}: keys are lower case letters, digits and _ (Chrome ignores case)`);
      const used = [...new Set([...entry.message.matchAll(/\$([a-z0-9_]+)\$/gi)].map((m) => m[1]!))].sort();
      const defined = placeholderNames(key);
      if (used.join() !== defined.join()) problems.push(`${key}: uses ${used}, defines ${defined}`);
      defined.forEach((name, index) => {
        if (entry.placeholders![name]!.content !== `$${index + 1}`) problems.push(`${key}: ${name} should be $${index + 1}`);
      });
      if (/\$\d/.test(entry.message)) problems.push(`${key}: a bare $n; name it`);
    }
    expect(problems).toEqual([]);
  });

  it('every plural has its other form, and English its one form where it shows a count', () => {
    const bases = new Set(calls.filter((call) => call.fn === 'plural').map((call) => call.key));
    for (const base of bases) {
      expect(`${base}_other` in messages, base).toBe(true);
      expect(formsOf(base).every((key) => messages[key]!.message.includes('$count$') || /_(0|1|2|one)$/.test(key)), base).toBe(true);
    }
  });

  it('no text on a converted page is written in the code', () => {
    expect(untranslated).toEqual([]);
  });

  it('keeps the English wording of the screens', () => {
    expect(t('pause_moment_profile', { alias: 'S.' })).toBe('You are about to look at S.’s profile.');
    expect(t('not_saved', { error: 'QuotaExceededError' })).toBe('Not saved: QuotaExceededError');
    expect(t('moment_thread', { person: 'A.', site: 'WhatsApp Web' })).toBe('A.’s chat on WhatsApp Web');
    expect(t('identity_unusable', { text: '@@', kind: 'handle' })).toBe('“@@” is not a usable handle.');
  });
});

describe('plurals, numbers and dates', () => {
  it('picks the explicit wording, then the rule’s form, then the other form', () => {
    expect([0, 1, 2, 3, 1234].map((n) => plural('times', n))).toEqual(['0 times', 'once', 'twice', '3 times', '1,234 times']);
    expect([0, 1, 5].map((n) => plural('attempts', n))).toEqual(['no attempts', '1 attempt', '5 attempts']);
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map((n) => plural('ordinal', n, {}, 'ordinal'))).toEqual([
      '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st',
    ]);
    expect(plural('health_weak', 1, { site: 'Instagram' })).toContain('who 1 Instagram chat this week was with');
  });

  it('follows the rules of the language the messages are in, with its own forms', () => {
    // A Russian file: one (1, 21), few (2–4, 22–24), many (5–20, 25…), in its own language's rules.
    const russian: Record<string, MessageEntry> = {
      language: { message: 'ru' },
      attempts_one: { message: '$count$ попытка', placeholders: { count: { content: '$1' } } },
      attempts_few: { message: '$count$ попытки', placeholders: { count: { content: '$1' } } },
      attempts_many: { message: '$count$ попыток', placeholders: { count: { content: '$1' } } },
      attempts_other: { message: '$count$ попытки', placeholders: { count: { content: '$1' } } },
    };
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((name: string, subs?: string[]) => messageFrom(russian, name, subs)) as typeof fakeBrowser.i18n.getMessage);
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('ru');
    expect([1, 3, 5, 21, 22, 25].map((n) => plural('attempts', n))).toEqual([
      '1 попытка', '3 попытки', '5 попыток', '21 попытка', '22 попытки', '25 попыток',
    ]);
  });

  it('English keeps English rules under another UI language, with that language’s numbers', () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('de-DE');
    // 21 in Russian would be "one"; the English text stays "21 attempts", written as Germans write numbers.
    expect(plural('attempts', 21)).toBe('21 attempts');
    expect(plural('attempts', 1234)).toBe('1.234 attempts');
    expect(formatNumber(0.93, { style: 'percent' })).toMatch(/^93\s%$/u);
  });

  it('writes dates as the UI language does, in the user’s zone', () => {
    const time = Date.UTC(2026, 10, 3, 21, 4); // Tuesday 3 November 2026, 21:04 UTC
    expect(longDate(time, 'UTC')).toBe(new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(time));
    expect(longDate(time, 'UTC')).toMatch(/^Tuesday,? 3 November 2026\b.*21:04$/);
    expect(longDate(time, 'Asia/Tokyo')).toMatch(/^Wednesday,? 4 November 2026\b.*06:04$/);
    expect(shortDay('2026-11-03', { now: time, timeZone: 'UTC' })).toBe('3 November');
    expect(shortDay('2025-11-03', { now: time, timeZone: 'UTC' })).toBe('3 November 2025');
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    expect(shortDay('2026-11-03', { now: time, timeZone: 'UTC' })).toBe('November 3');
    expect(formatDate(time, 'UTC', { hour: '2-digit', minute: '2-digit' })).toBe('09:04 PM');
  });

  it('puts an element where the translation puts it', () => {
    expect(messageParts('streak_days', { days: SLOT })).toEqual(['Day ', { slot: 'days' }, ' of no contact']);
    expect(messageParts('share_text', { left: SLOT, continued: SLOT, percent: '93%' })).toEqual([
      'You left ', { slot: 'left' }, ' and continued ', { slot: 'continued' }, ': you chose to leave 93% of the time.',
    ]);
    // A translation that names the count last.
    const reordered = { streak_days: { message: 'Kein Kontakt: Tag $days$', placeholders: { days: { content: '$1' } } } };
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((name: string, subs?: string[]) => messageFrom(reordered, name, subs)) as typeof fakeBrowser.i18n.getMessage);
    expect(messageParts('streak_days', { days: SLOT })).toEqual(['Kein Kontakt: Tag ', { slot: 'days' }]);
  });

  it('joins lists as the messages’ language does', () => {
    expect(formatList(['22:00 (5)', '23:00 (3)'])).toBe('22:00 (5), 23:00 (3)');
  });
});

describe('the fake getMessage used by the unit tests', () => {
  it('reads a messages file as Chrome does', () => {
    const file = { Price: { message: 'Costs $$$amount$ for $who$', placeholders: { AMOUNT: { content: '$1' }, who: { content: '$2' } } } };
    expect(messageFrom(file, 'price', ['5', 'S.'])).toBe('Costs $5 for S.');
    expect(messageFrom(file, 'PRICE', '7')).toBe('Costs $7 for ');
    expect(englishMessage('no_such_message')).toBe('');
  });
});
