import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { initialState, report } from '@/entrypoints/watch.content/decide';
import { sightingsOf, threadReading } from '@/entrypoints/watch.content/readers';
import { compileWatchIndex } from '@/utils/model/matching';
import type { Person } from '@/utils/model/schema';
import { instagram } from '@/utils/sites/instagram';
import { telegram } from '@/utils/sites/telegram';
import type { SiteAdapter } from '@/utils/sites/types';
import { samOnTelegram } from './support/people';

// What the shell gives report() (decide.ts), read off the saved Instagram pages.
const THREAD_ID = '340282366841710300949128171234567890';
const sam: Person = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }], addedAt: 1 };
const learned: Person = { ...sam, identifiers: [...sam.identifiers, { kind: 'conversationId', value: THREAD_ID, site: 'instagram', learned: true }] };

function readingOf(fixture: string, url: string, people: Person[] = [sam], adapter: SiteAdapter = instagram) {
  document.documentElement.innerHTML = readFileSync(`tests/fixtures/${fixture}`, 'utf8').replace(/^[\s\S]*?<html[^>]*>/, '').replace(/<\/html>\s*$/, '');
  const address = new URL(url);
  return threadReading(compileWatchIndex(people, adapter.id), address, sightingsOf(adapter, address));
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
      conversation: { kind: 'conversationId', value: THREAD_ID },
      byAddress: null,
      byPage: 'p-sam',
      pageRead: true,
      pageAccount: null,
      resolved: false,
      group: false,
    });
  });

  it('once learned, the address names them too', () => {
    expect(readingOf('instagram/direct-thread.html', thread, [learned])).toMatchObject({ byAddress: 'p-sam', byPage: 'p-sam' });
  });

  it('someone else’s thread under their inbox row: read, nobody watched', () => {
    const other = 'https://www.instagram.com/direct/t/340282366841710300949128179999999999/';
    expect(readingOf('instagram/direct-thread-other.html', other)).toMatchObject({ byPage: null, byAddress: null, pageRead: true });
  });

  it('a header that names nobody (the markup changed): nothing read from the page, and no group', () => {
    expect(readingOf('learned/instagram-thread-unnamed.html', thread)).toMatchObject({ thread: true, byPage: null, pageRead: false, group: false });
    expect(readingOf('learned/instagram-thread-unnamed.html', thread, [learned])).toMatchObject({ byAddress: 'p-sam', pageRead: false });
    expect(readingOf('instagram/direct-thread-unlinked.html', thread)).toMatchObject({ byPage: null, pageRead: false, group: false });
  });

  it('a group thread is nobody’s: nothing to learn, and read (the health signal does not count it)', () => {
    const group = 'https://www.instagram.com/direct/t/340282366841710300949128171111111111/';
    const reading = readingOf('instagram/direct-group.html', group, [sam]);
    expect(reading).toMatchObject({ thread: true, byPage: null, byAddress: null, pageRead: false, group: true });
    expect(report(initialState('instagram'), reading, true).report).toEqual({ send: 'nothing', awaitSettle: false });
  });

  it('a group thread whose id was saved for someone is still caught by its address', () => {
    const group = 'https://www.instagram.com/direct/t/340282366841710300949128171111111111/';
    const saved: Person = { ...sam, identifiers: [{ kind: 'conversationId', value: '340282366841710300949128171111111111', site: 'instagram' }] };
    expect(readingOf('instagram/direct-group.html', group, [saved])).toMatchObject({ byAddress: 'p-sam', byPage: null, group: true });
  });

  it('a profile is no conversation', () => {
    expect(readingOf('instagram/app.html', 'https://www.instagram.com/sam.lee/')).toMatchObject({ thread: false, conversation: null, byPage: null });
  });

  describe('Telegram: the address opens a person’s chat by their user id', () => {
    const chat = 'https://web.telegram.org/a/#123456789';

    it('recognised by name in A’s header: the user id in the address is what is learned, as their account id', () => {
      expect(readingOf('telegram/a-chat.html', chat, [samOnTelegram], telegram)).toEqual({
        url: chat,
        thread: true,
        conversation: { kind: 'accountId', value: '123456789' },
        byAddress: null,
        byPage: 'p-sam',
        pageRead: true,
        // The header's peer id is the same user id (2024–26 builds), now named by the name too.
        pageAccount: '123456789',
        resolved: false,
        group: false,
      });
    });

    it('once learned, the address names them', () => {
      const learnedTg = { ...samOnTelegram, identifiers: [...samOnTelegram.identifiers, { kind: 'accountId' as const, value: '123456789', site: 'telegram', learned: true }] };
      expect(readingOf('telegram/a-chat.html', chat, [learnedTg], telegram)).toMatchObject({ byAddress: 'p-sam', byPage: 'p-sam' });
    });

    it('K opened by username: the address names them by their handle; the header’s peer id is the account to learn', () => {
      const byHandle = { ...samOnTelegram, identifiers: [samOnTelegram.identifiers[0]!] };
      expect(readingOf('telegram/k-chat.html', 'https://web.telegram.org/k/#@sam_lee', [byHandle], telegram)).toMatchObject({
        conversation: null,
        byAddress: 'p-sam',
        byPage: null,
        pageAccount: '123456789',
      });
      const known = { ...byHandle, identifiers: [...byHandle.identifiers, { kind: 'accountId' as const, value: '123456789', site: 'telegram' }] };
      expect(readingOf('telegram/k-chat.html', 'https://web.telegram.org/k/#@sam_lee', [known], telegram)).toMatchObject({ pageAccount: null });
    });

    it('a group (negative id) is no person’s chat: not a thread, nothing learned or counted', () => {
      expect(readingOf('telegram/a-group.html', 'https://web.telegram.org/a/#-1001234567890', [samOnTelegram], telegram)).toMatchObject({
        thread: false,
        conversation: null,
        byPage: null,
      });
    });
  });
});
