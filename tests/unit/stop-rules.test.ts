import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/utils/model/defaults';
import { matchPatternRegex } from '@/utils/sites/lib/patterns';
import { keyOf, namesSomeoneElse, oneOf, redirectRule, stopTargets } from '@/utils/background/stop-rules';
import { veilPatterns } from '@/utils/background/veil';
import { adapters } from '@/utils/sites';
import { customAdapter } from '@/utils/sites/custom/custom';
import { veilCovers } from './support/browser-match';
import type { Identifier } from '@/utils/model/schema';

/*
 * The redirect rules that stop a full load of a watched person's address before its request
 * (issue 23, point 1; utils/background/stop-rules.ts). They are the veil's patterns as regular
 * expressions: each must stop exactly the addresses the veil would cover, no more.
 */

const settings = (identifiers: Identifier[], extra: Partial<ReturnType<typeof defaultSettings>> = {}) => ({
  ...defaultSettings(),
  ...extra,
  people: [{ id: 'p-sam', alias: 'S.', addedAt: 0, identifiers }],
});

const stops = (regexes: readonly string[], url: string, caseSensitive = false) =>
  regexes.some((regex) => new RegExp(regex, caseSensitive ? '' : 'i').test(url));
/** What the veil covers, in any case of the name (built-in sites' names ignore case; the veil's patterns carry two). */
const veilCoversAnyCase = (veil: readonly string[], url: string) =>
  veil.some((pattern) => veilCovers(pattern, new URL(url)) || veilCovers(pattern.toLowerCase(), new URL(url.toLowerCase())));

describe('a match pattern as a regular expression over the address', () => {
  // Every pattern below with addresses on both sides of it, checked against the browser's
  // matching of path and query (support/browser-match.ts, checked in Chromium).
  it.each([
    ['https://web.whatsapp.com/send*phone=*123*', 'https://web.whatsapp.com/send?phone=447123'],
    ['https://web.whatsapp.com/send*phone=*123*', 'https://web.whatsapp.com/send?phone=999'],
    ['https://mail.google.com/mail/*to=*sam%40example.com*', 'https://mail.google.com/mail/u/0/?view=cm&to=sam%40example.com'],
    ['https://mail.google.com/mail/*to=*sam%40example.com*', 'https://mail.google.com/mail/u/0/?view=cm&to=sam@example.com'],
    ['https://www.instagram.com/sam.lee/*', 'https://www.instagram.com/sam.lee/'],
    ['https://www.instagram.com/sam.lee/*', 'https://www.instagram.com/sam.leeroy/'],
    ['https://www.instagram.com/sam.lee/*', 'https://instagram.com/sam.lee/'],
    ['https://www.instagram.com/sam.lee', 'https://www.instagram.com/sam.lee?igsh=1'],
    ['https://www.instagram.com/sam.lee?*', 'https://www.instagram.com/sam.lee?igsh=1'],
    ['https://www.instagram.com/sam.lee', 'https://www.instagram.com/sam.lee'],
    ['https://www.instagram.com/sam.lee', 'https://www.instagram.com/samXlee'],
    ['https://*.example.com/*members/sam.lee*', 'https://forum.example.com/members/sam.lee/'],
    ['https://*.example.com/*members/sam.lee*', 'https://example.com/x/members/sam.lee'],
    ['https://*.example.com/*members/sam.lee*', 'https://example.org/members/sam.lee'],
    ['https://*.example.com/*members/sam.lee*', 'https://evilexample.com/members/sam.lee'],
    ['https://www.facebook.com/profile.php*?id=100012345678901', 'https://www.facebook.com/profile.php?id=100012345678901'],
    ['https://www.facebook.com/profile.php*?id=100012345678901', 'https://www.facebook.com/profile.php?id=1000123456789012'],
    ['https://www.linkedin.com/in/sam-lee/*', 'https://www.linkedin.com/in/sam-lee/'],
    ['https://www.linkedin.com/in/sam-lee/*', 'https://www.linkedin.com/in/Sam-Lee/'],
  ])('%s on %s: as the browser', (pattern, url) => {
    const regex = matchPatternRegex(pattern);
    expect(regex).not.toBeNull();
    expect(new RegExp(regex!).test(url)).toBe(veilCovers(pattern, new URL(url)));
  });

  it('refuses what is not a pattern', () => {
    for (const pattern of ['<all_urls>', 'instagram.com/sam', 'ftp://x.com/*', 'https://www.instagram.com', 'https://a*b.com/*']) {
      expect(matchPatternRegex(pattern), pattern).toBeNull();
    }
  });
});

describe('whose addresses are stopped', () => {
  it('every address the veil covers, on every built-in site, and the same addresses only', () => {
    const cases: [Identifier, string[], string[]][] = [
      [
        { kind: 'handle', value: '@Sam.Lee', site: 'instagram' },
        [
          'https://www.instagram.com/sam.lee/', 'https://instagram.com/Sam.Lee', 'https://www.instagram.com/stories/sam.lee/3312345678901234567/', 'https://www.instagram.com/sam.lee/?hl=en',
          // Typed in another case than the one the person was written in, or links use: the same account.
          'https://www.instagram.com/SAM.LEE/', 'https://www.instagram.com/stories/SAM.lee/3312345678901234567/',
        ],
        ['https://www.instagram.com/sam.leex/', 'https://www.instagram.com/explore/', 'https://www.instagram.com/stories/highlights/1/', 'https://www.instagram.com/p/sam.lee/'],
      ],
      [
        { kind: 'handle', value: 'sam-lee-4b2a1', site: 'linkedin' },
        ['https://www.linkedin.com/in/sam-lee-4b2a1/', 'https://linkedin.com/in/sam-lee-4b2a1/recent-activity/all/', 'https://www.linkedin.com/in/Sam-Lee-4B2A1/'],
        ['https://www.linkedin.com/in/sam-lee-4b2a12/', 'https://www.linkedin.com/feed/'],
      ],
      [
        { kind: 'accountId', value: '100012345678901', site: 'facebook' },
        [
          'https://www.facebook.com/profile.php?id=100012345678901', 'https://www.facebook.com/messages/t/100012345678901/',
          // Their story bucket (docs/sites/facebook.md#stories).
          'https://www.facebook.com/stories/100012345678901/UzpfSVNDOjE/', 'https://web.facebook.com/stories/100012345678901',
        ],
        ['https://www.facebook.com/profile.php?id=1000123456789012', 'https://www.facebook.com/', 'https://www.facebook.com/stories/1000123456789012/UzpfSVNDOjE/'],
      ],
    ];
    for (const [identifier, stopped, passed] of cases) {
      const targets = stopTargets(settings([identifier]), [], 0);
      expect(targets.map((t) => [t.site, t.personId])).toEqual([[identifier.site, 'p-sam']]);
      const [{ regexes }] = targets as [(typeof targets)[0]];
      const veil = veilPatterns(settings([identifier]));
      expect(targets[0]!.caseSensitive).toBe(false);
      for (const url of [...stopped, ...passed]) expect(stops(regexes, url), url).toBe(veilCoversAnyCase(veil, url));
      for (const url of stopped) expect(stops(regexes, url), url).toBe(true);
      // And the pause page, reading the address as the content script does, keeps them stopped.
      const adapter = adapters.find((a) => a.id === identifier.site)!;
      for (const url of stopped) expect(namesSomeoneElse(adapter, settings([identifier]).people[0]!, new URL(url)), url).toBe(false);
      for (const url of passed) expect(stops(regexes, url), url).toBe(false);
      // One rule for them all, as the browser takes it.
      for (const url of [...stopped, ...passed]) expect(new RegExp(oneOf(regexes), 'i').test(url), url).toBe(stops(regexes, url));
    }
  });

  it('nobody on a site switched off, and nobody while they are let through there (until the snooze ends)', () => {
    const sam: Identifier = { kind: 'handle', value: 'sam.lee', site: '*' };
    expect(stopTargets(settings([sam], { disabledSites: ['instagram'] }), [], 0).map((t) => t.site)).not.toContain('instagram');
    const snoozed = [{ personId: 'p-sam', site: 'instagram', until: 1_000 }];
    expect(stopTargets(settings([sam]), snoozed, 999).map((t) => t.site)).not.toContain('instagram');
    expect(stopTargets(settings([sam]), snoozed, 999).map((t) => t.site)).toContain('facebook');
    expect(stopTargets(settings([sam]), snoozed, 1_000).map((t) => t.site)).toContain('instagram');
  });

  it('a name alone names no address: nothing to stop', () => {
    expect(stopTargets(settings([{ kind: 'name', value: 'Sam Lee', site: '*' }]), [], 0)).toEqual([]);
  });

  it('custom sites whose pattern has the person in the address', () => {
    const site = { id: 'c-forum', name: 'Forum', kind: 'profile' as const, identify: { by: 'url' as const, after: '/members/' }, pattern: 'https://forum.example.com/*', addedAt: 0 };
    const custom = customAdapter(site)!;
    const targets = stopTargets(settings([{ kind: 'handle', value: 'sam', site: 'c-forum' }], { customSites: [site] }), [], 0, [...adapters, custom]);
    expect(targets.map((t) => t.site)).toEqual(['c-forum']);
    // A custom site's addresses are read as the user wrote the pattern: only as written.
    expect(targets[0]!.caseSensitive).toBe(true);
    expect(stops(targets[0]!.regexes, 'https://forum.example.com/members/sam', true)).toBe(true);
    expect(stops(targets[0]!.regexes, 'https://forum.example.com/members/SAM', true)).toBe(false);
    expect(stops(targets[0]!.regexes, 'https://forum.example.com/members/jo', true)).toBe(false);
    // The pattern is wider than the name: someone whose name starts like theirs is stopped by the
    // rule, and let through by the pause page, which reads the address as the content script does.
    const person = settings([{ kind: 'handle', value: 'sam', site: 'c-forum' }]).people[0]!;
    expect(stops(targets[0]!.regexes, 'https://forum.example.com/members/samantha')).toBe(true);
    expect(namesSomeoneElse(custom, person, new URL('https://forum.example.com/members/samantha'))).toBe(true);
    expect(namesSomeoneElse(custom, person, new URL('https://forum.example.com/members/sam'))).toBe(false);
  });
});

describe('the redirect', () => {
  it('sends the whole address in the fragment, whom and the key in the query, for main frames only', () => {
    const rule = redirectRule(7, '^https://a\\.com/x$', { site: 'instagram', personId: 'p-sam', regexes: [], caseSensitive: false }, 'K3y', 'chrome-extension://abc/pause.html');
    expect(rule).toEqual({
      id: 7,
      priority: 1,
      condition: { regexFilter: '^https://a\\.com/x$', isUrlFilterCaseSensitive: false, resourceTypes: ['main_frame'] },
      action: { type: 'redirect', redirect: { regexSubstitution: 'chrome-extension://abc/pause.html?k=K3y&s=instagram&p=p-sam#\\0' } },
    });
    expect(keyOf([rule])).toBe('K3y');
    expect(keyOf([])).toBeNull();
  });
});
