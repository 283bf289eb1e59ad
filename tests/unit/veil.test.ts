import { describe, expect, it } from 'vitest';
import { MatchPattern } from '@webext-core/match-patterns';
import { defaultSettings } from '@/utils/model/defaults';
import { veilPatterns } from '@/utils/background/veil';
import { veilCovers } from './support/browser-match';

const settings = (identifiers: { kind: 'handle' | 'name'; value: string; site: string }[], disabledSites: string[] = []) => ({
  ...defaultSettings(),
  disabledSites,
  people: [{ id: 'p', alias: 'S', addedAt: 0, identifiers }],
});

describe('the veil over watched people’s own pages', () => {
  it('covers the profile, its tabs and query strings, and nothing else', () => {
    const patterns = veilPatterns(settings([{ kind: 'handle', value: '@Sam.Lee', site: 'instagram' }])).map((p) => new MatchPattern(p));
    const veiled = (url: string) => patterns.some((p) => p.includes(url));
    expect(veiled('https://www.instagram.com/sam.lee/')).toBe(true);
    expect(veiled('https://www.instagram.com/Sam.Lee/reels/')).toBe(true);
    expect(veiled('https://instagram.com/sam.lee')).toBe(true);
    expect(veiled('https://www.instagram.com/sam.lee?hl=en')).toBe(true);
    expect(veiled('https://www.instagram.com/jo.other/')).toBe(false);
    expect(veiled('https://www.instagram.com/')).toBe(false);
    expect(veiled('https://www.instagram.com/explore/')).toBe(false);
  });

  it('is empty for identifiers with no page of their own, and on sites switched off', () => {
    expect(veilPatterns(settings([{ kind: 'name', value: 'Sam Lee', site: '*' }]))).toEqual([]);
    expect(veilPatterns(settings([{ kind: 'handle', value: 'sam', site: 'instagram' }], ['instagram']))).toEqual([]);
    expect(veilPatterns(settings([{ kind: 'handle', value: 'explore', site: 'instagram' }]))).toEqual([]);
  });
});

describe('which pages a veil pattern hides', () => {
  // The same URLs as loaded in Chromium with these patterns registered (checked by hand: the
  // first and fourth came out hidden, the others visible); tests/e2e covers the real thing.
  it.each([
    ['https://web.whatsapp.com/send*phone=*123*', 'https://web.whatsapp.com/send?phone=447123', true],
    ['https://web.whatsapp.com/send*phone=*123*', 'https://web.whatsapp.com/send?phone=999', false],
    ['https://web.whatsapp.com/send*phone=*123*', 'https://web.whatsapp.com/', false],
    ['https://mail.google.com/mail/*to=*sam%40example.com*', 'https://mail.google.com/mail/u/0/?view=cm&to=sam%40example.com', true],
    ['https://mail.google.com/mail/*to=*sam%40example.com*', 'https://mail.google.com/mail/u/0/?view=cm&to=sam@example.com', false],
    ['https://www.instagram.com/sam.lee/*', 'https://www.instagram.com/sam.lee/', true],
    ['https://www.instagram.com/sam.lee/*', 'https://www.instagram.com/sam.lee/tagged/', true],
    ['https://www.instagram.com/sam.lee', 'https://www.instagram.com/sam.lee', true],
    ['https://www.instagram.com/sam.lee', 'https://www.instagram.com/sam.lee?igsh=1', false],
    ['https://www.instagram.com/sam.lee?*', 'https://www.instagram.com/sam.lee?igsh=1', true],
    ['https://www.instagram.com/sam.lee/*', 'https://www.instagram.com/sam.leeroy/', false],
    ['https://www.instagram.com/sam.lee/*', 'https://instagram.com/sam.lee/', false],
    ['https://*.example.com/*members/sam.lee*', 'https://forum.example.com/members/sam.lee/', true],
    ['https://*.example.com/*members/sam.lee*', 'https://example.com/x/members/sam.lee', true],
    ['https://*.example.com/*members/sam.lee*', 'https://example.org/members/sam.lee', false],
    ['https://www.facebook.com/profile.php?id=100012345678901*', 'https://www.facebook.com/profile.php?id=100012345678901&sk=photos', true],
    ['https://www.facebook.com/profile.php?id=100012345678901*', 'https://www.facebook.com/profile.php?id=1000123456789012', true],
  ])('%s hides %s: %s', (pattern, url, hidden) => {
    expect(veilCovers(pattern, new URL(url))).toBe(hidden);
  });
});
