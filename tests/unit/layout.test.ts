import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, reachable } from './support/import-graph';

/**
 * The rooms (docs/architecture.md): the folder says where code runs and what it may import.
 * Every import counts, type-only ones included: a type that lives in the wrong room is a sign
 * the code does too.
 */
const graph = importGraph(process.cwd());
const files = [...graph.keys()];
const room = (file: string) => file.split('/').slice(0, 2).join('/');
const importsOf = (file: string) => graph.get(file) ?? [];

/** Each room and the rooms it may import from (itself always). */
const mayImport: Record<string, string[]> = {
  'utils/model': ['utils/sites'],
  'utils/sites': ['utils/model'],
  'utils/protocol': ['utils/model'],
  'utils/store': ['utils/model', 'utils/sites'],
  'utils/background': ['utils/model', 'utils/sites', 'utils/store', 'utils/protocol'],
  'components/screen': ['utils/model', 'utils/protocol'],
  'components/page': ['utils/model', 'utils/store'],
  'components/record': ['components/page', 'utils/model', 'utils/store', 'utils/protocol', 'utils/sites'],
  'components/options': ['components/page', 'utils/model', 'utils/store', 'utils/protocol', 'utils/sites'],
};

/** The scripts that run inside the sites' pages: each site's script, and the custom sites' one. */
const contentScripts = files.filter((file) => /^entrypoints\/[^/]+\.content\.ts$/.test(file) || file === 'entrypoints/watch.content/index.ts');

describe('the rooms', () => {
  it('every source file is in a room this test knows', () => {
    const known = new Set([...Object.keys(mayImport), 'entrypoints/watch.content']);
    const unknown = files.filter((file) => !file.startsWith('entrypoints/') && !known.has(room(file)));
    expect(unknown).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('each room imports only from the rooms it may', () => {
    const wrong = files.flatMap((file) => {
      const allowed = mayImport[room(file)];
      if (!allowed) return [];
      return importsOf(file)
        .filter((target) => room(target) !== room(file) && !allowed.includes(room(target)))
        .map((target) => `${file} → ${target}`);
    });
    expect(wrong).toEqual([]);
  });

  it('nothing a content script carries comes from the background, the database or the extension pages', () => {
    expect(contentScripts.length).toBeGreaterThan(10);
    const carried = reachable(graph, contentScripts);
    const wrong = [...carried]
      .filter(([file]) => /^(utils\/background|components\/(record|options|page))\//.test(file) || file === 'utils/store/db.ts')
      .map(([, via]) => via.join(' → '));
    expect(wrong).toEqual([]);
  });

  it('the extension pages and the background import no content script', () => {
    const wrong = files
      .filter((file) => !file.startsWith('entrypoints/watch.content/') && !contentScripts.includes(file))
      .flatMap((file) => importsOf(file).filter((target) => target.startsWith('entrypoints/')).map((target) => `${file} → ${target}`));
    expect(wrong).toEqual([]);
  });

  it('the protocol room is the requests, their replies, the senders and the messaging shell', () => {
    expect(readdirSync('utils/protocol').sort()).toEqual(['messaging.ts', 'replies.ts', 'requests.ts', 'senders.ts']);
  });
});

describe('the layout check itself', () => {
  it('finds a cycle through a type-only import', () => {
    const looped = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['a.ts']],
      ['c.ts', []],
    ]);
    expect(cycles(looped)).toEqual([['a.ts', 'b.ts']]);
  });

  it('reads type-only imports, re-exports and dynamic imports as edges', () => {
    const edges = importsOf('utils/protocol/requests.ts');
    expect(edges).toContain('utils/protocol/replies.ts');
    expect(edges).toContain('utils/protocol/senders.ts');
  });
});
