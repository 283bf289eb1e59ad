import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from '@webext-core/match-patterns';
import { adapterById } from '@/utils/sites';

// Through the registry: WXT's auto-import gives every adapter with a `veilPatterns(` method an
// import of utils/veil, which imports the registry; importing the adapter file first would
// start that cycle from the wrong end.
const linkedin = adapterById('linkedin')!;

// happy-dom does not attach declarative shadow roots, so this test attaches the fixture's
// <template shadowrootmode="open"> itself, as Chromium's parser does (and LinkedIn's script).
function loadWithShadowRoot(file: string, url: string): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
  const doc = window.document as unknown as Document;
  doc.write(readFileSync(path.resolve('tests/fixtures/linkedin', file), 'utf8'));
  for (const template of doc.querySelectorAll<HTMLTemplateElement>('template[shadowrootmode="open"]')) {
    const host = template.parentElement!;
    host.attachShadow({ mode: 'open' }).append(template.content.cloneNode(true));
    template.remove();
  }
  return doc;
}

describe('LinkedIn in the 2025–26 app', () => {
  it('reads a chat bubble inside the open shadow root of div#interop-outlet', () => {
    const url = 'https://www.linkedin.com/feed/';
    const doc = loadWithShadowRoot('bubble-shadow.html', url);
    expect(doc.querySelector('.msg-overlay-conversation-bubble')).toBeNull();
    expect(linkedin.fromPage?.(doc, new URL(url))).toEqual([
      { kind: 'thread', identifiers: [{ kind: 'name', value: 'Sam Lee' }, { kind: 'handle', value: 'sam-lee-1a2b3c' }] },
    ]);
  });
});

describe('the LinkedIn veil', () => {
  const veiledBy = (kind: 'handle' | 'accountId' | 'name', value: string) => {
    const patterns = (linkedin.veilPatterns?.({ kind, value }) ?? []).map((p) => new MatchPattern(p));
    return (url: string) => patterns.some((p) => p.includes(url));
  };

  it('covers the profile and its sub-pages by vanity name, in either case, and nothing else', () => {
    const veiled = veiledBy('handle', 'Sam-Lee-1a2b3c');
    expect(veiled('https://www.linkedin.com/in/sam-lee-1a2b3c/')).toBe(true);
    expect(veiled('https://www.linkedin.com/in/Sam-Lee-1a2b3c')).toBe(true);
    expect(veiled('https://www.linkedin.com/in/sam-lee-1a2b3c?originalSubdomain=uk')).toBe(true);
    expect(veiled('https://www.linkedin.com/in/sam-lee-1a2b3c/recent-activity/all/')).toBe(true);
    expect(veiled('https://www.linkedin.com/in/sam-lee-1a2b3c-2/')).toBe(false);
    expect(veiled('https://www.linkedin.com/feed/')).toBe(false);
    expect(veiled('https://www.linkedin.com/messaging/')).toBe(false);
  });

  it('covers the profile by opaque member id and percent-encoded vanity names', () => {
    expect(veiledBy('accountId', 'ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456')('https://www.linkedin.com/in/ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456/')).toBe(true);
    expect(veiledBy('handle', 'jörg-müller')('https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller/')).toBe(true);
  });

  it('is empty for names and for values that are not LinkedIn identifiers', () => {
    expect(linkedin.veilPatterns?.({ kind: 'name', value: 'Sam Lee' })).toEqual([]);
    expect(linkedin.veilPatterns?.({ kind: 'handle', value: 'sam lee*' })).toEqual([]);
    expect(linkedin.veilPatterns?.({ kind: 'accountId', value: '12345' })).toEqual([]);
  });
});
