import { describe, expect, it } from 'vitest';
import { MatchPattern } from '@webext-core/match-patterns';
import { adapterById } from '@/utils/sites';
import type { SeenIdentifier, SiteAdapter } from '@/utils/sites/types';

// Through the registry: WXT's auto-import gives each adapter with a `veilPatterns(` method an
// import of utils/veil, which imports the registry; importing an adapter file first would start
// that cycle from the wrong end.
const [tiktok, reddit, threads, bluesky, snapchat] = ['tiktok', 'reddit', 'threads', 'bluesky', 'snapchat'].map(
  (id) => adapterById(id)!,
) as [SiteAdapter, SiteAdapter, SiteAdapter, SiteAdapter, SiteAdapter];

/*
 * The veil hides a watched person's own pages from their first frame (utils/veil.ts). For these
 * sites that is every page whose address alone names them: each example URL an adapter reads a
 * person from must be veiled by that person's identifier, and nothing else about them leaks in.
 */

const sites: SiteAdapter[] = [tiktok, reddit, threads, bluesky, snapchat];

/**
 * Whether a match pattern covers a URL as the browser decides it: the pattern's path is matched
 * against the URL's path and query (compose links carry the person in `?to=`), where
 * @webext-core/match-patterns looks at the path alone. Patterns are still checked valid by it.
 */
function covers(pattern: string, url: string): boolean {
  new MatchPattern(pattern);
  const [, scheme, host, path] = /^(\w+):\/\/([^/]+)(\/.*)$/.exec(pattern)!;
  const target = new URL(url);
  const glob = (text: string) => new RegExp(`^${text.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return `${scheme}:` === target.protocol && glob(host!).test(target.hostname) && glob(path!).test(target.pathname + target.search);
}

function veiledBy(adapter: SiteAdapter, identifier: SeenIdentifier) {
  const patterns = adapter.veilPatterns?.(identifier) ?? [];
  return (url: string) => patterns.some((pattern) => covers(pattern, url));
}

describe.each(sites.map((adapter) => [adapter.id, adapter] as const))('the %s veil', (_, adapter) => {
  const read = adapter.examples.flatMap((example) =>
    (example.sighting?.identifiers ?? []).map((identifier) => [example.url, identifier] as const),
  );

  it.each(read)('covers %s', (url, identifier) => {
    expect(veiledBy(adapter, identifier)(url)).toBe(true);
  });

  it('stays on its own hosts', () => {
    const own = adapter.matches.map((match) => new MatchPattern(match));
    for (const [, identifier] of read) {
      for (const pattern of adapter.veilPatterns?.(identifier) ?? []) {
        const example = pattern.replace(/\*/g, 'x');
        expect(own.some((match) => match.includes(example)), pattern).toBe(true);
      }
    }
  });

  it('makes no pattern from a name or from text that is not an identifier', () => {
    for (const value of ['Sam Lee', 'sam*', '*', 'sam/../x', '']) {
      for (const kind of ['handle', 'accountId', 'conversationId', 'name'] as const) {
        expect(adapter.veilPatterns?.({ kind, value }), `${kind} ${value}`).toEqual([]);
      }
    }
  });
});

describe('veils leave other pages alone', () => {
  it('a similar handle, the feed and search are not veiled', () => {
    const cases: [SiteAdapter, SeenIdentifier, string[]][] = [
      [tiktok, { kind: 'handle', value: 'sam.lee' }, ['https://www.tiktok.com/@sam.lee2', 'https://www.tiktok.com/foryou', 'https://www.tiktok.com/search?q=sam.lee']],
      [reddit, { kind: 'handle', value: 'sam_lee' }, ['https://www.reddit.com/user/sam_lee2/', 'https://www.reddit.com/', 'https://www.reddit.com/search/?q=sam_lee']],
      [threads, { kind: 'handle', value: 'sam.lee' }, ['https://www.threads.com/@sam.lee2', 'https://www.threads.com/', 'https://www.threads.com/search?q=sam.lee']],
      [bluesky, { kind: 'handle', value: 'sam.bsky.social' }, ['https://bsky.app/profile/sam.bsky.social.example.com', 'https://bsky.app/', 'https://bsky.app/search?q=sam.bsky.social', 'https://bsky.app/messages']],
      [snapchat, { kind: 'handle', value: 'sam.lee' }, ['https://www.snapchat.com/add/sam.lee2', 'https://www.snapchat.com/web/', 'https://www.snapchat.com/@sam.lee2']],
    ];
    for (const [adapter, identifier, urls] of cases) {
      const veiled = veiledBy(adapter, identifier);
      for (const url of urls) expect(veiled(url), url).toBe(false);
    }
  });

  it('a handle typed in capitals still veils the lower-case address links use', () => {
    expect(veiledBy(tiktok, { kind: 'handle', value: '@Sam.Lee' })('https://www.tiktok.com/@sam.lee')).toBe(true);
    expect(veiledBy(reddit, { kind: 'handle', value: 'Sam_Lee' })('https://old.reddit.com/user/sam_lee/')).toBe(true);
    expect(veiledBy(bluesky, { kind: 'handle', value: 'Sam.Bsky.Social' })('https://bsky.app/profile/sam.bsky.social')).toBe(true);
  });
});
