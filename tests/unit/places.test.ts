import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapters } from '@/utils/sites';
import { seenKey, type SiteAdapter } from '@/utils/sites/types';

/*
 * Where people turn up by chance (issue 24): each site's places read, from saved pages built from
 * cited sources (tests/fixtures/<site>/provenance.json), whose each item is — its own author only,
 * never someone it mentions, quotes or was reposted by.
 */

const fixture = (site: string, file: string) => {
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = readFileSync(path.resolve('tests/fixtures', site, file), 'utf8').replace(/^<!DOCTYPE html>/i, '');
  return doc;
};

/** Every item of every place on the page, in document order, with whose it reads as (`kind:value`, several joined by ' '), or null. */
function readItems(adapter: SiteAdapter, doc: Document): [string, string | null][] {
  const places = adapter.places ?? [];
  const selector = places.map((place) => place.item).join(', ');
  return [...doc.querySelectorAll(selector)].map((item) => {
    const place = places.find((p) => item.matches(p.item))!;
    const read = place.read(item);
    const author = read === null ? null : place.author(read);
    const seen = author === null ? [] : Array.isArray(author) ? author : [author];
    return [place.kind, seen.length ? seen.map(seenKey).join(' ') : null];
  });
}

const site = (id: string) => adapters.find((adapter) => adapter.id === id)!;

describe('Bluesky: posts in a feed and the replies of a thread, by their own author', () => {
  it('reads each item of the home feed and of a thread as its own author’s', () => {
    expect(readItems(site('bluesky'), fixture('bluesky', 'feed.html'))).toEqual([
      ['feed', 'handle:sam.bsky.social'],
      // Jo's post that mentions them is Jo's.
      ['feed', 'handle:jo-other.bsky.social'],
      // Their post reposted by Jo is theirs.
      ['feed', 'handle:sam.bsky.social'],
      // Jo's post that they reposted is Jo's.
      ['feed', 'handle:jo-other.bsky.social'],
      // Jo's post quoting theirs is Jo's.
      ['feed', 'handle:jo-other.bsky.social'],
      ['feed', 'handle:sam.bsky.social.example.com'],
      ['feed', 'handle:samantha.bsky.social'],
      ['comment', 'handle:jo-other.bsky.social'],
      ['comment', 'handle:sam.bsky.social'],
      ['comment', 'handle:kim.bsky.social'],
    ]);
  });

  it('reads a chat list’s rows by the avatar beside them; a group’s row, whose last message is theirs, names nobody', () => {
    expect(readItems(site('bluesky'), fixture('bluesky', 'chat-list.html'))).toEqual([
      ['inbox', 'handle:sam.bsky.social'],
      ['inbox', 'handle:jo-other.bsky.social'],
      ['inbox', null],
    ]);
  });

  it('an item whose test id carries no handle names nobody', () => {
    const doc = fixture('bluesky', 'feed.html');
    const item = doc.querySelector('[data-testid^="feedItem-by-"]')!;
    item.setAttribute('data-testid', 'feedItem-by-');
    expect(readItems(site('bluesky'), doc)[0]).toEqual(['feed', null]);
    item.setAttribute('data-testid', 'feedItem-by-not a handle');
    expect(readItems(site('bluesky'), doc)[0]).toEqual(['feed', null]);
  });
});

describe('X: posts and suggested accounts, by their own author', () => {
  it('reads each post as its first User-Name’s, and each suggestion as its card’s', () => {
    expect(readItems(site('x'), fixture('x', 'timeline.html'))).toEqual([
      ['feed', 'handle:sam_lee'],
      // Jo's post that mentions them is Jo's.
      ['feed', 'handle:jo_other'],
      // Their post reposted by Jo ("Jo reposted" above it) is theirs.
      ['feed', 'handle:sam_lee'],
      // Jo's post that they reposted is Jo's.
      ['feed', 'handle:jo_other'],
      // Jo's post quoting theirs is Jo's: the quoted post's User-Name comes after.
      ['feed', 'handle:jo_other'],
      ['feed', 'handle:sam_lee_2'],
      ['suggestion', 'handle:sam_lee'],
      ['suggestion', 'handle:samantha_r'],
    ]);
  });

  it('a post whose author link is not a profile names nobody', () => {
    const doc = fixture('x', 'timeline.html');
    doc.querySelector('[data-testid="User-Name"] a')!.setAttribute('href', '/i/lists/123');
    doc.querySelectorAll('[data-testid="User-Name"] a')[1]!.setAttribute('href', '/home');
    expect(readItems(site('x'), doc)[0]).toEqual(['feed', null]);
  });
});
