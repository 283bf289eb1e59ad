import { describe, expect, it } from 'vitest';
import { MatchPattern } from '@webext-core/match-patterns';
import { adapterById, adapters } from '@/utils/sites';
import { veilCovers } from './support/browser-match';
import { IdentifierKind } from '@/utils/model/schema';
import type { SeenIdentifier, SiteAdapter } from '@/utils/sites/types';
import { examplesOf } from './support/site-examples';

const site = (id: string): SiteAdapter => adapterById(id)!;

/*
 * The veil hides a watched person's own pages from their first frame (utils/background/veil.ts). On every
 * site that is every page whose address alone names them: each example URL an adapter reads a
 * person from must be veiled by that person's identifier, and nothing else about them leaks in.
 */

// Every built-in site: one that veils nothing must have nothing its address alone can give away.
const sites: readonly SiteAdapter[] = adapters;

/** Whether the browser hides the URL's page under the pattern (checked valid by @webext-core/match-patterns too). */
function covers(pattern: string, url: string): boolean {
  new MatchPattern(pattern);
  return veilCovers(pattern, new URL(url));
}

function veiledBy(adapter: SiteAdapter, identifier: SeenIdentifier) {
  const patterns = adapter.veilPatterns?.(identifier) ?? [];
  return (url: string) => patterns.some((pattern) => covers(pattern, url));
}

/** The URL without its fragment: browsers never match a pattern against it. */
function withoutFragment(url: string): URL {
  const target = new URL(url);
  target.hash = '';
  return target;
}

describe.each(sites.map((adapter) => [adapter.id, adapter] as const))('the %s veil', (_, adapter) => {
  // Examples whose person is named in the address the browser matches, not only in its fragment
  // (Telegram's #@user, Gmail's #…): those are read once the content script runs, never veiled.
  const veilable = examplesOf(adapter).filter(
    (example) => example.sighting && JSON.stringify(adapter.fromUrl(withoutFragment(example.url))) === JSON.stringify(example.sighting),
  );
  const read = veilable.flatMap((example) =>
    example.sighting!.identifiers.map((identifier) => [example.url, `${identifier.kind} ${identifier.value}`, identifier] as const),
  );

  it('leaves unveiled only the examples that name the person in the fragment alone', () => {
    for (const example of examplesOf(adapter)) {
      if (example.sighting && !veilable.includes(example)) expect(new URL(example.url).hash, example.url).not.toBe('');
    }
  });

  it.runIf(read.length > 0).each(read)('covers %s by its %s', (url, _identifier, identifier) => {
    expect(veiledBy(adapter, identifier)(url)).toBe(true);
  });

  it('stays on its own hosts', () => {
    const own = adapter.matches.map((match) => new MatchPattern(match));
    for (const [, , identifier] of read) {
      for (const pattern of adapter.veilPatterns?.(identifier) ?? []) {
        const example = pattern.replace(/\*/g, 'x');
        expect(own.some((match) => match.includes(example)), pattern).toBe(true);
      }
    }
  });

  it('makes no pattern from a name or from text that is not an identifier', () => {
    for (const value of ['Sam Lee', 'sam*', '*', 'sam/../x', '', 'sam*@example.com', 'sam@example.com/x', '+44 7700*900123', '447700900123/*']) {
      for (const kind of IdentifierKind.options) {
        expect(adapter.veilPatterns?.({ kind, value }) ?? [], `${kind} ${value}`).toEqual([]);
      }
    }
  });
});

describe('veils leave other pages alone', () => {
  it('a similar handle, the feed and search are not veiled', () => {
    const cases: [string, SeenIdentifier, string[]][] = [
      ['tiktok', { kind: 'handle', value: 'sam.lee' }, ['https://www.tiktok.com/@sam.lee2', 'https://www.tiktok.com/foryou', 'https://www.tiktok.com/search?q=sam.lee']],
      ['reddit', { kind: 'handle', value: 'sam_lee' }, ['https://www.reddit.com/user/sam_lee2/', 'https://www.reddit.com/', 'https://www.reddit.com/search/?q=sam_lee']],
      ['threads', { kind: 'handle', value: 'sam.lee' }, ['https://www.threads.com/@sam.lee2', 'https://www.threads.com/', 'https://www.threads.com/search?q=sam.lee']],
      ['bluesky', { kind: 'handle', value: 'sam.bsky.social' }, ['https://bsky.app/profile/sam.bsky.social.example.com', 'https://bsky.app/', 'https://bsky.app/search?q=sam.bsky.social', 'https://bsky.app/messages']],
      ['snapchat', { kind: 'handle', value: 'sam.lee' }, ['https://www.snapchat.com/add/sam.lee2', 'https://www.snapchat.com/web/', 'https://www.snapchat.com/@sam.lee2']],
      ['instagram', { kind: 'handle', value: 'sam.lee' }, [
        'https://www.instagram.com/sam.leeroy/', 'https://www.instagram.com/stories/sam.leeroy/3312345678901234567/', 'https://www.instagram.com/',
        'https://www.instagram.com/explore/search/keyword/?q=sam.lee', 'https://www.instagram.com/direct/inbox/', 'https://www.instagram.com/jo.other/',
      ]],
      ['instagram', { kind: 'conversationId', value: '340282366841710300949128171234567890' }, [
        'https://www.instagram.com/direct/t/3402823668417103009491281712345678901/', 'https://www.instagram.com/direct/t/178612345678901/', 'https://www.instagram.com/direct/inbox/',
      ]],
      ['x', { kind: 'handle', value: 'sam_lee' }, [
        'https://x.com/sam_leeroy', 'https://mobile.twitter.com/sam_leeroy/media', 'https://x.com/home', 'https://x.com/search?q=sam_lee&src=typed_query',
        'https://twitter.com/intent/user?screen_name=sam_leeroy', 'https://x.com/messages', 'https://x.com/jo_other',
      ]],
      ['x', { kind: 'accountId', value: '1234567890' }, [
        'https://x.com/i/user/12345678901', 'https://x.com/intent/user?user_id=12345678901', 'https://x.com/intent/user?user_id=91234567890',
        'https://x.com/messages/compose?recipient_id=12345678901', 'https://x.com/messages/compose', 'https://x.com/messages/1234567890-44196397',
      ]],
      ['x', { kind: 'conversationId', value: '1234567890-44196397' }, [
        'https://x.com/messages/1234567890-441963970', 'https://x.com/i/chat/1234567890-4419639', 'https://x.com/messages', 'https://x.com/i/chat',
      ]],
      ['linkedin', { kind: 'handle', value: 'sam-lee-1a2b3c' }, [
        'https://www.linkedin.com/in/sam-lee-1a2b3c4/', 'https://linkedin.com/in/sam-lee-1a2b/', 'https://www.linkedin.com/feed/',
        'https://www.linkedin.com/search/results/people/?keywords=sam-lee-1a2b3c', 'https://www.linkedin.com/messaging/',
        'https://www.linkedin.com/messaging/compose/?recipient=sam-lee-1a2b3c4', 'https://www.linkedin.com/posts/sam-lee-1a2b3c_breakup-activity-7123456789012345678-AbCd',
      ]],
      ['linkedin', { kind: 'conversationId', value: '2-ZTU2ZGQ0ZTQtYjE2Mi00ZDE2LWE2NzItMjQ5ODcyZTRmYzYzXzAxMA==' }, [
        'https://www.linkedin.com/messaging/thread/2-OTk5ZGQ0ZTQtYjE2Mi00ZDE2LWE2NzItMjQ5ODcyZTRmYzYzXzAxMA==/', 'https://www.linkedin.com/messaging/thread/new/', 'https://www.linkedin.com/messaging/',
      ]],
      ['facebook', { kind: 'accountId', value: '100012345678901' }, [
        'https://www.facebook.com/profile.php?id=1000123456789012', 'https://www.facebook.com/profile.php?id=9100012345678901',
        'https://www.facebook.com/permalink.php?story_fbid=123&id=100012345678901', 'https://www.facebook.com/photo/?fbid=100012345678901',
        'https://www.facebook.com/1000123456789012', 'https://www.facebook.com/messages/t/1000123456789012/', 'https://www.facebook.com/',
        'https://www.facebook.com/search/people/?q=100012345678901', 'https://www.facebook.com/stories/1000123456789012/UzpfSVNDOjE/',
        'https://www.facebook.com/stories/200012345678901/UzpfSVNDOjE/',
      ]],
      ['facebook', { kind: 'handle', value: 'sam.lee.52' }, [
        'https://www.facebook.com/sam.lee.520', 'https://m.facebook.com/sam.lee.5', 'https://www.facebook.com/messages/t/sam.lee.520/',
        'https://www.facebook.com/search/people/?q=sam.lee.52', 'https://www.facebook.com/messages/', 'https://www.facebook.com/home.php',
      ]],
      ['messenger', { kind: 'accountId', value: '100012345678901' }, [
        'https://www.messenger.com/t/1000123456789012/', 'https://www.messenger.com/t/200012345678901/', 'https://www.messenger.com/', 'https://www.messenger.com/t/',
      ]],
      ['discord', { kind: 'conversationId', value: '1123456789012345678' }, [
        'https://discord.com/channels/@me/11234567890123456789', 'https://discord.com/channels/@me', 'https://discord.com/channels/901234567890123456/1123456789012345678',
      ]],
      ['discord', { kind: 'accountId', value: '801234567890123456' }, ['https://discord.com/users/8012345678901234567', 'https://discord.com/channels/@me']],
      ['whatsapp', { kind: 'phone', value: '+44 7700 900123' }, [
        'https://web.whatsapp.com/send?phone=1447700900123', 'https://web.whatsapp.com/send?phone=%2B1447700900123', 'https://web.whatsapp.com/send?phone=4477009001234',
        'https://web.whatsapp.com/send?text=447700900123', 'https://web.whatsapp.com/send?phone=447700900124', 'https://web.whatsapp.com/',
      ]],
      ['gmail', { kind: 'email', value: 'sam@example.com' }, [
        'https://mail.google.com/mail/u/0/#inbox', 'https://mail.google.com/mail/u/0/#search/sam%40example.com', 'https://mail.google.com/mail/u/0/#inbox?compose=new',
        'https://mail.google.com/mail/?view=cm&fs=1&to=jo@example.org', 'https://mail.google.com/mail/u/0/?view=cm&fs=1',
      ]],
      ['outlook', { kind: 'email', value: 'sam@example.com' }, [
        'https://outlook.office.com/mail/', 'https://outlook.office.com/mail/inbox', 'https://outlook.office.com/mail/search?q=sam%40example.com',
        'https://outlook.office.com/mail/deeplink/compose?to=jo@example.org', 'https://outlook.office.com/people/?to=sam@example.com',
      ]],
    ];
    for (const [id, identifier, urls] of cases) {
      const veiled = veiledBy(site(id), identifier);
      for (const url of urls) expect(veiled(url), url).toBe(false);
    }
  });

  it('a handle typed in capitals still veils the lower-case address links use', () => {
    expect(veiledBy(site('tiktok'), { kind: 'handle', value: '@Sam.Lee' })('https://www.tiktok.com/@sam.lee')).toBe(true);
    expect(veiledBy(site('reddit'), { kind: 'handle', value: 'Sam_Lee' })('https://old.reddit.com/user/sam_lee/')).toBe(true);
    expect(veiledBy(site('bluesky'), { kind: 'handle', value: 'Sam.Bsky.Social' })('https://bsky.app/profile/sam.bsky.social')).toBe(true);
    expect(veiledBy(site('x'), { kind: 'handle', value: 'Sam_Lee' })('https://twitter.com/intent/user?screen_name=sam_lee')).toBe(true);
    expect(veiledBy(site('gmail'), { kind: 'email', value: 'Sam@Example.com' })('https://mail.google.com/mail/?view=cm&to=sam%40example.com')).toBe(true);
  });

  it('query parameters are found in any order, and the forms links write them in', () => {
    const cases: [string, SeenIdentifier, string][] = [
      ['whatsapp', { kind: 'phone', value: '447700900123' }, 'https://web.whatsapp.com/send?text=hi&phone=447700900123'],
      ['whatsapp', { kind: 'phone', value: '+44 (0)7700-900123' }, 'https://web.whatsapp.com/send?phone=4407700900123'],
      ['whatsapp', { kind: 'phone', value: '447700900123' }, 'https://web.whatsapp.com/send/?phone=+447700900123&text=hi'],
      ['facebook', { kind: 'accountId', value: '100012345678901' }, 'https://m.facebook.com/profile.php?sk=photos&id=100012345678901'],
      ['x', { kind: 'accountId', value: '1234567890' }, 'https://x.com/messages/compose?text=hi&recipient_id=1234567890'],
      ['linkedin', { kind: 'accountId', value: 'ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456' }, 'https://www.linkedin.com/messaging/compose/?profileUrn=urn%3Ali%3Afsd_profile%3AACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456'],
      ['gmail', { kind: 'email', value: 'sam@example.com' }, 'https://mail.google.com/mail/u/0/?to=sam%40example.com&fs=1&view=cm'],
      ['gmail', { kind: 'email', value: 'sam+ex@example.com' }, 'https://mail.google.com/mail/?view=cm&bcc=sam%2Bex%40example.com'],
      ['outlook', { kind: 'email', value: 'sam@example.com' }, 'https://outlook.live.com/mail/0/deeplink/compose?subject=Hi&cc=sam%40example.com'],
    ];
    for (const [id, identifier, url] of cases) {
      const adapter = site(id);
      expect(adapter.fromUrl(new URL(url))?.identifiers.some((seen) => seen.kind === identifier.kind), url).toBe(true);
      expect(veiledBy(adapter, identifier)(url), url).toBe(true);
    }
  });
});
