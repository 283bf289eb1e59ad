import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MatchPattern } from '@webext-core/match-patterns';
import { adapters, adapterForLink, adapterForUrl } from '@/utils/sites';
import { IdentifierKind, MomentKind } from '@/utils/model/schema';
import type { SiteAdapter } from '@/utils/sites/types';
import { examplesOf } from './support/site-examples';
import { builtInSiteName, builtInSites, siteNames } from '@/utils/sites/names';

const sitesDir = path.resolve('utils/sites');
const fixturesDir = path.resolve('tests/fixtures');

const Sighting = z.union([
  z.strictObject({
    kind: MomentKind,
    identifiers: z.array(z.strictObject({ kind: IdentifierKind, value: z.string().min(1) })).min(1),
  }),
  // An open group conversation: nobody's, with no identifiers (utils/sites/types.ts, GroupSighting).
  z.strictObject({ kind: z.literal('thread'), identifiers: z.tuple([]), group: z.literal(true) }),
]);
/**
 * tests/fixtures/<site>/cases.json: saved pages with what the adapter must read from them, and where
 * each page comes from (tests/unit/fixture-provenance.test.ts checks it across every fixture).
 */
const Cases = z.array(
  z.object({
    file: z.string(),
    url: z.string().url(),
    expect: z.array(Sighting),
    note: z.string().min(1),
    provenance: z.strictObject({ kind: z.enum(['captured', 'reconstructed', 'illustrative']), source: z.string().min(1).optional() }),
  }),
);

function casesOf(adapter: SiteAdapter) {
  return Cases.parse(JSON.parse(readFileSync(path.join(fixturesDir, adapter.id, 'cases.json'), 'utf8')));
}

/**
 * A saved page as Chromium's parser builds it: happy-dom does not attach declarative shadow roots,
 * so each <template shadowrootmode="open"> is attached here (XChat's app, LinkedIn's overlay).
 */
function loadPage(file: string, url: string): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
  const doc = window.document as unknown as Document;
  doc.write(readFileSync(file, 'utf8'));
  for (let template = doc.querySelector<HTMLTemplateElement>('template[shadowrootmode="open"]'); template; template = doc.querySelector('template[shadowrootmode="open"]')) {
    template.parentElement!.attachShadow({ mode: 'open' }).append(template.content.cloneNode(true));
    template.remove();
  }
  return doc;
}

describe('the adapter registry', () => {
  it('lists every adapter file in utils/sites/, once', async () => {
    const files = readdirSync(sitesDir).filter((f) => f.endsWith('.ts') && !['index.ts', 'types.ts'].includes(f));
    const exported: SiteAdapter[] = [];
    for (const file of files) {
      const module = (await import(/* @vite-ignore */ path.join(sitesDir, file))) as Record<string, unknown>;
      exported.push(...Object.values(module).filter((v): v is SiteAdapter => typeof v === 'object' && v !== null && 'fromUrl' in v));
    }
    expect(exported.map((a) => a.id).sort()).toEqual(adapters.map((a) => a.id).sort());
    expect(new Set(adapters.map((a) => a.id)).size).toBe(adapters.length);
  });

  it('names every built-in site in utils/sites/names.ts, as its adapter does, in the registry’s order, and no other', () => {
    expect(Object.keys(siteNames).sort()).toEqual(adapters.map((a) => a.id).sort());
    for (const adapter of adapters) expect(builtInSiteName(adapter.id)).toBe(adapter.name);
    expect(builtInSites).toEqual(adapters.map(({ id, name }) => ({ id, name })));
    expect(builtInSiteName('custom-forum')).toBeUndefined();
    expect(builtInSiteName('toString')).toBeUndefined();
  });

  it.each(adapters.map((a) => [a.id, a] as const))('%s has valid match patterns for its own hosts only', (_, adapter) => {
    expect(adapter.matches.length).toBeGreaterThan(0);
    for (const match of adapter.matches) {
      expect(() => new MatchPattern(match)).not.toThrow();
      expect(match).not.toMatch(/^(\*|<all_urls>)|:\/\/\*\//);
    }
    expect(adapterForUrl(adapter.home)).toBe(adapter);
  });

  it.each(adapters.map((a) => [a.id, a] as const))('%s has fixtures with at least one negative case', (_, adapter) => {
    expect(existsSync(path.join(fixturesDir, adapter.id, 'cases.json'))).toBe(true);
    const cases = casesOf(adapter);
    expect(cases.some((c) => c.expect.length > 0)).toBe(true);
    expect(cases.some((c) => c.expect.length === 0)).toBe(true);
  });
});

describe.each(adapters.map((a) => [a.id, a] as const))('%s', (_, adapter) => {
  it.each(examplesOf(adapter).map((e) => [e.url, e] as const))('reads %s', (url, example) => {
    expect(adapter.fromUrl(new URL(url))).toEqual(example.sighting);
    // Each example URL belongs to its own adapter (its pages, or a share link it reads) and no other.
    expect(adapterForLink(url)?.id).toBe(adapter.id);
    for (const other of adapters) {
      if (other === adapter) continue;
      expect([...other.matches, ...(other.linkHosts ?? [])].some((m) => new MatchPattern(m).includes(url))).toBe(false);
    }
  });

  it('has both positive and negative example URLs', () => {
    expect(examplesOf(adapter).some((e) => e.sighting)).toBe(true);
    expect(examplesOf(adapter).some((e) => !e.sighting)).toBe(true);
  });

  it.each(casesOf(adapter).map((c) => [`${c.file} at ${c.url}: ${c.note}`, c] as const))('fixture %s', (_, fixture) => {
    const url = new URL(fixture.url);
    const doc = loadPage(path.join(fixturesDir, adapter.id, fixture.file), fixture.url);
    const fromUrl = adapter.fromUrl(url);
    const seen = [...(fromUrl ? [fromUrl] : []), ...(adapter.fromPage?.(doc, url) ?? [])];
    expect(seen).toEqual(fixture.expect);
  });
});

describe('links the site replaces in place (resolvesInPlace)', () => {
  const telegram = adapters.find((adapter) => adapter.id === 'telegram')!;
  it.each([
    ['https://web.telegram.org/a/#?tgaddr=tg%3A%2F%2Fresolve%3Fdomain%3Dsam_lee', true],
    ['https://web.telegram.org/k/#?tgaddr=tg%3A%2F%2Fresolve%3Fphone%3D447700900123', true],
    ['https://web.telegram.org/a/#123456789', false],
    ['https://web.telegram.org/a/#', false],
    ['https://web.telegram.org/k/#@sam_lee', false],
    ['https://web.telegram.org/a/#?tgWebAuthToken=x', false],
    ['https://t.me/sam_lee', false],
  ])('Telegram: %s → %s', (url, expected) => {
    expect(telegram.resolvesInPlace?.(new URL(url))).toBe(expected);
  });
  const whatsapp = adapters.find((adapter) => adapter.id === 'whatsapp')!;
  it.each([
    ['https://web.whatsapp.com/send?phone=447700900456', true],
    ['https://web.whatsapp.com/send/?phone=%2B447700900456&text&type=phone_number&app_absent=0', true],
    ['https://web.whatsapp.com/', false],
    ['https://web.whatsapp.com/send?text=hello', false],
    ['https://wa.me/447700900456', false],
  ])('WhatsApp: %s → %s', (url, expected) => {
    expect(whatsapp.resolvesInPlace?.(new URL(url))).toBe(expected);
  });
  it('no other site has such links', () => {
    expect(adapters.filter((adapter) => adapter.resolvesInPlace).map((adapter) => adapter.id).sort()).toEqual(['telegram', 'whatsapp']);
  });
});

// A site without its script would leave its veil registered and nothing on its pages to lift it.
describe('every adapter has its content script', () => {
  const scripts = readdirSync(path.resolve('entrypoints')).filter((file) => file.endsWith('.content.ts'));
  it.each(adapters.map((adapter) => adapter.id))('%s', (id) => {
    const file = `${id}.content.ts`;
    expect(scripts).toContain(file);
    const text = readFileSync(path.resolve('entrypoints', file), 'utf8');
    expect(text).toContain(`from '@/utils/sites/${id}'`);
    expect(text).toMatch(new RegExp(`export default defineContentScript\\(\\{ \\.\\.\\.siteScript\\(${id}\\), main: \\(ctx\\) => watchPage\\(ctx, ${id}\\) \\}\\);`));
  });
  it('and no script is without its adapter', () => {
    expect(scripts.map((file) => file.replace('.content.ts', '')).sort()).toEqual(adapters.map((adapter) => adapter.id).sort());
  });
});
