import { describe, expect, it } from 'vitest';
import { MatchPattern } from '@webext-core/match-patterns';
import { defaultSettings } from '@/utils/defaults';
import { veilPatterns } from '@/utils/veil';

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
