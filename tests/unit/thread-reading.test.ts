import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { sightingsOf, threadReading } from '@/entrypoints/watch.content/watch';
import { compileWatchIndex } from '@/utils/matching';
import type { Person } from '@/utils/schema';
import { instagram } from '@/utils/sites/instagram';

// What the shell gives report() (decide.ts), read off the saved Instagram pages.
const THREAD_ID = '340282366841710300949128171234567890';
const sam: Person = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }], addedAt: 1 };
const learned: Person = { ...sam, identifiers: [...sam.identifiers, { kind: 'conversationId', value: THREAD_ID, site: 'instagram', learned: true }] };

function readingOf(fixture: string, url: string, people: Person[] = [sam]) {
  document.documentElement.innerHTML = readFileSync(`tests/fixtures/${fixture}`, 'utf8').replace(/^[\s\S]*?<html[^>]*>/, '').replace(/<\/html>\s*$/, '');
  const address = new URL(url);
  return threadReading(compileWatchIndex(people, 'instagram'), address, sightingsOf(instagram, address));
}

describe('what the shell reads of a thread', () => {
  beforeEach(() => {
    document.documentElement.innerHTML = '';
  });
  const thread = `https://www.instagram.com/direct/t/${THREAD_ID}/`;

  it('their thread, named by its header: recognised from the page, with the id the address carries', () => {
    expect(readingOf('instagram/direct-thread.html', thread)).toEqual({
      url: thread,
      thread: true,
      conversationId: THREAD_ID,
      byAddress: null,
      byPage: 'p-sam',
      pageRead: true,
    });
  });

  it('once learned, the address names them too', () => {
    expect(readingOf('instagram/direct-thread.html', thread, [learned])).toMatchObject({ byAddress: 'p-sam', byPage: 'p-sam' });
  });

  it('someone else’s thread under their inbox row: read, nobody watched', () => {
    const other = 'https://www.instagram.com/direct/t/340282366841710300949128179999999999/';
    expect(readingOf('instagram/direct-thread-other.html', other)).toMatchObject({ byPage: null, byAddress: null, pageRead: true });
  });

  it('a header that names nobody (the markup changed): nothing read from the page', () => {
    expect(readingOf('learned/instagram-thread-unnamed.html', thread)).toMatchObject({ thread: true, byPage: null, pageRead: false });
    expect(readingOf('learned/instagram-thread-unnamed.html', thread, [learned])).toMatchObject({ byAddress: 'p-sam', pageRead: false });
  });

  it('a group thread is nobody’s: nothing to learn (and, since the reader gives no sign of a group, it counts as unread)', () => {
    const group = 'https://www.instagram.com/direct/t/340282366841710300949128171111111111/';
    expect(readingOf('instagram/direct-group.html', group, [sam])).toMatchObject({ thread: true, byPage: null, pageRead: false });
  });

  it('a profile is no conversation', () => {
    expect(readingOf('instagram/app.html', 'https://www.instagram.com/sam.lee/')).toMatchObject({ thread: false, conversationId: null, byPage: null });
  });
});
