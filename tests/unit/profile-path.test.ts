import { describe, expect, it } from 'vitest';
import { profileName, profilePath, type NameRule, type ProfilePath } from '@/utils/sites/lib/profile-path';
import { adapterById } from '@/utils/sites';
import { profiles as instagram } from '@/utils/sites/instagram';
import { profiles as x } from '@/utils/sites/x';
import { vanityNames as facebook } from '@/utils/sites/facebook';
import { profiles as threads } from '@/utils/sites/threads';
import { profiles as tiktok } from '@/utils/sites/tiktok';
import { profiles as reddit } from '@/utils/sites/reddit';
import { profiles as bluesky } from '@/utils/sites/bluesky';

// Every adapter that declares its profile addresses, with a name its rule accepts.
const declared: [id: string, path: ProfilePath, name: string][] = [
  ['instagram', instagram, 'sam.lee'],
  ['x', x, 'sam_lee'],
  ['threads', threads, 'sam.lee'],
  ['tiktok', tiktok, 'sam.lee'],
  ['reddit', reddit, 'sam_lee'],
  ['bluesky', bluesky, 'sam.bsky.social'],
];
/** A profile address by the rule: "/<under>/<prefix><name>/<rest…>". */
function address({ rule }: Pick<ProfilePath, 'rule'>, name: string, ...rest: string[]): URL {
  return new URL(['', ...(rule.under ? [rule.under[0]] : []), `${rule.prefix ?? ''}${name}`, ...rest].join('/'), 'https://example.com');
}

// Every adapter that declares which names are a person's, with its profile address: Facebook reads
// its path itself (/<vanity>), by its declared names.
const nameRules: [id: string, rule: NameRule, profileAt: (name: string) => URL][] = [
  ...declared.map(([id, path]): [string, NameRule, (name: string) => URL] => [id, path.rule, (name) => address(path, name)]),
  ['facebook', facebook, (name) => new URL(`/${name}`, 'https://www.facebook.com')],
];

describe('profilePath', () => {
  const path = profilePath({
    under: ['user', 'u'],
    prefix: '@',
    name: /^[a-z_]{2,8}$/i,
    reserved: ['me'],
    tabs: ['posts'],
    below: ([page, id]) => page === 'post' && id !== undefined,
  });
  const read = (pathname: string) => path.read(new URL(pathname, 'https://example.com'));

  it('reads the profile, a tab, and a page below it', () => {
    expect(read('/user/@sam')).toBe('sam');
    expect(read('/u/@Sam/')).toBe('Sam');
    expect(read('/user/@sam/posts?x=1')).toBe('sam');
    expect(read('/user/@sam/post/123/more')).toBe('sam');
  });

  it('refuses anything else', () => {
    for (const pathname of ['/', '/user', '/user/sam', '/@sam', '/users/@sam', '/user/@', '/user/@s', '/user/@sam1', '/user/@sam/other', '/user/@sam/posts/2', '/user/@sam/post', '/user/@sam/POSTS']) {
      expect(read(pathname), pathname).toBeNull();
    }
  });

  it('refuses reserved words in any case, as names only', () => {
    expect(read('/user/@me')).toBeNull();
    expect(read('/user/@ME/posts')).toBeNull();
    expect(path.named('Me')).toBe(false);
    expect(path.named('sam')).toBe(true);
    expect(path.named('sam!')).toBe(false);
  });

  it('compares tabs in lower case when asked', () => {
    expect(profilePath({ name: /^\w+$/, tabs: ['posts'], tabsAnyCase: true }).read(new URL('https://example.com/sam/POSTS'))).toBe('sam');
    expect(profilePath({ name: /^\w+$/, tabs: ['posts'] }).read(new URL('https://example.com/sam/POSTS'))).toBeNull();
  });

  it('judges a name alone by the same rule (profileName)', () => {
    const named = profileName({ name: /^[a-z.]+$/i, reserved: ['home'] });
    expect(['sam', 'Sam.Lee'].map(named)).toEqual([true, true]);
    expect(['home', 'HOME', 'sam_lee', ''].map(named)).toEqual([false, false, false, false]);
  });
});

describe.each(nameRules)('%s’s names', (id, rule, profileAt) => {
  const { reserved = [] } = rule;
  const named = profileName(rule);
  const adapter = adapterById(id)!;

  it('lists its reserved words once each, in lower case', () => {
    expect(reserved.filter((word) => word !== word.toLowerCase())).toEqual([]);
    expect(new Set(reserved).size).toBe(reserved.length);
  });

  it('never takes a reserved word for a name, in any case, nor veils or reads its page as a profile', () => {
    for (const word of reserved) {
      for (const spelling of [word, word.toUpperCase()]) {
        expect(named(spelling), spelling).toBe(false);
        expect(adapter.veilPatterns?.({ kind: 'handle', value: spelling }) ?? [], spelling).toEqual([]);
        const page = adapter.fromUrl(profileAt(spelling));
        expect(page?.kind === 'profile' && page.identifiers.some((identifier) => identifier.value === spelling), spelling).toBe(false);
      }
    }
  });
});

describe.each(declared)('%s’s profile addresses', (id, path, name) => {
  const { reserved = [], tabs = [] } = path.rule;
  const adapter = adapterById(id)!;

  it('lists its tabs once each, in lower case', () => {
    expect(tabs.filter((tab) => tab !== tab.toLowerCase())).toEqual([]);
    expect(new Set(tabs).size).toBe(tabs.length);
  });

  it('reads a profile and each of its tabs', () => {
    expect(path.named(name)).toBe(true);
    expect(path.read(address(path, name))).toBe(name);
    expect(path.read(address(path, name.toUpperCase()))).toBe(name.toUpperCase());
    for (const tab of tabs) {
      expect(path.read(address(path, name, tab)), tab).toBe(name);
      // Tabs of sites whose addresses ignore case are read in any case; the others as written only.
      expect(path.read(address(path, name, tab.toUpperCase())), tab).toBe(path.rule.tabsAnyCase ? name : null);
    }
    expect(adapter.fromUrl(address(path, name))?.kind).toBe('profile');
  });

  it('never reads a reserved word as a profile, even before a tab', () => {
    for (const word of reserved) {
      for (const spelling of [word, word.toUpperCase()]) {
        expect(path.read(address(path, spelling)), spelling).toBeNull();
        for (const tab of tabs) expect(path.read(address(path, spelling, tab)), `${spelling}/${tab}`).toBeNull();
      }
    }
  });

  it('reads a tab that is also a reserved word as the tab: reserved words refuse names only', () => {
    for (const tab of tabs.filter((tab) => reserved.includes(tab))) {
      expect(path.read(address(path, name, tab)), tab).toBe(name);
      expect(path.read(address(path, tab)), tab).toBeNull();
    }
  });

  it('refuses a malformed name, a missing prefix or segment, and an unknown sub-page', () => {
    for (const bad of ['', 'sam lee', 'sam/lee', 'x'.repeat(300), '!sam', '%41bc']) {
      expect(path.read(address(path, bad)), bad).toBeNull();
    }
    expect(path.read(address(path, name, 'not-a-tab'))).toBeNull();
    if (path.rule.prefix) expect(path.read(new URL(address(path, name).href.replace(`/${path.rule.prefix}`, '/')))).toBeNull();
    if (path.rule.under) expect(path.read(new URL(`/${name}`, 'https://example.com'))).toBeNull();
  });
});
