import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '@/utils/model/defaults';
import type { CustomSite, Person, Settings, Snooze } from '@/utils/model/schema';
import { adapters } from '@/utils/sites';
import { compileSiteWatch, CUSTOM_SITES_KEY, isCustomSitesWatch, isSiteWatch, WATCH_INDEX_VERSION, watchIndexKey, type SiteWatch } from '@/utils/store/watch-index';
import { publishWatchIndexes, watchIndexes } from '@/utils/background/watch-publish';

const sam: Person = {
  id: 'p-sam',
  alias: 'S.',
  addedAt: 1,
  identifiers: [
    { kind: 'handle', value: 'sam.lee', site: 'instagram' },
    { kind: 'name', value: 'Sam Lee', site: 'facebook' },
    { kind: 'phone', value: '+44 7700 900123', site: '*' },
  ],
};
const jo: Person = { id: 'p-jo', alias: 'J.', addedAt: 2, identifiers: [{ kind: 'handle', value: 'jo', site: 'x' }] };
const forum: CustomSite = {
  id: 'custom-forum',
  name: 'Book club',
  pattern: 'https://forum.example.com/*',
  kind: 'profile',
  identify: { by: 'url', after: '/members/' },
  addedAt: 1,
};
const settings = (extra: Partial<Settings> = {}): Settings => ({ ...defaultSettings(), people: [sam, jo], ...extra });
const snoozes: Snooze[] = [
  { personId: 'p-sam', site: 'instagram', until: 5_000 },
  { personId: 'p-sam', site: 'facebook', until: 6_000 },
];

describe('compileSiteWatch: what one site’s script is given', () => {
  const cases: Array<{ what: string; site: string; on?: boolean; settings?: Settings; people: string[][]; snoozes: number }> = [
    { what: 'its own identifiers and every site’s, no other site’s', site: 'instagram', people: [['handle:sam.lee', 'phone:+44 7700 900123']], snoozes: 1 },
    { what: 'a name tied to the site keeps its site (the matcher reads it on profiles)', site: 'facebook', people: [['name:Sam Lee', 'phone:+44 7700 900123']], snoozes: 1 },
    { what: 'someone watched only elsewhere is not there at all', site: 'x', people: [['phone:+44 7700 900123'], ['handle:jo']], snoozes: 0 },
    { what: 'a site with only the every-site identifiers', site: 'telegram', people: [['phone:+44 7700 900123']], snoozes: 0 },
    { what: 'a site switched off: nobody', site: 'instagram', on: false, people: [], snoozes: 1 },
    { what: 'nobody watched anywhere', site: 'instagram', settings: settings({ people: [] }), people: [], snoozes: 1 },
  ];
  it.each(cases)('$what', ({ site, on = true, settings: given = settings(), people, snoozes: count }) => {
    const watch = compileSiteWatch(given, snoozes, site, on);
    expect(watch.people.map((person) => person.identifiers.map((identifier) => `${identifier.kind}:${identifier.value}`))).toEqual(people);
    expect(watch.snoozes).toHaveLength(count);
    expect(watch.snoozes.every((snooze) => snooze.site === site)).toBe(true);
    expect(isSiteWatch(watch, site)).toBe(true);
  });

  it('carries what the pause screen shows, and the snooze length', () => {
    const given = settings({ questions: ['Why now?'], reminders: ['You chose this.'], countdownSeconds: 9, typedPhrase: 'I choose me', snoozeMinutes: 7 });
    const watch = compileSiteWatch(given, [], 'instagram', true);
    expect(watch.screen).toEqual({ questions: ['Why now?'], reminders: ['You chose this.'], countdownSeconds: 9, typedPhrase: 'I choose me', supportPerson: null });
    expect(watch.snoozeMinutes).toBe(7);
  });
});

describe('isSiteWatch: a stored value the script may trust, or one to ask for again', () => {
  const good = compileSiteWatch(settings(), [], 'instagram', true);
  const cases: Array<[string, unknown, boolean]> = [
    ['this version’s index for this site', good, true],
    ['nothing stored (a fresh profile, an update from the last release)', undefined, false],
    ['another site’s index', { ...good, site: 'facebook' }, false],
    ['an index of another version', { ...good, version: WATCH_INDEX_VERSION + 1 }, false],
    ['the settings themselves', settings(), false],
    ['people that are not a list', { ...good, people: 'sam' }, false],
    ['no screen', { ...good, screen: null }, false],
    ['a string', 'x', false],
    ['a list', [good], false],
  ];
  it.each(cases)('%s: %s', (_, value, expected) => {
    expect(isSiteWatch(value, 'instagram')).toBe(expected);
  });
});

describe('watchIndexes: every site’s index from the settings', () => {
  it('one per built-in site and per custom site whose pattern parses, and the custom sites for their script', () => {
    const broken: CustomSite = { ...forum, id: 'custom-broken', pattern: 'https://www.instagram.com/*' };
    const indexes = watchIndexes(settings({ customSites: [forum, broken], disabledSites: ['x'] }), snoozes);
    const expected = [...adapters.map((adapter) => watchIndexKey(adapter.id)), watchIndexKey('custom-forum'), CUSTOM_SITES_KEY];
    expect(Object.keys(indexes).sort()).toEqual(expected.sort());
    expect((indexes[watchIndexKey('x')] as SiteWatch).people).toEqual([]);
    expect((indexes[watchIndexKey('instagram')] as SiteWatch).people.map((person) => person.id)).toEqual(['p-sam']);
    const custom = indexes[CUSTOM_SITES_KEY];
    expect(isCustomSitesWatch(custom) && custom.sites).toEqual([
      { id: 'custom-forum', name: 'Book club', kind: 'profile', identify: forum.identify, pattern: 'https://forum.example.com/*', home: 'https://forum.example.com/' },
    ]);
  });
});

describe('publishWatchIndexes', () => {
  beforeEach(() => fakeBrowser.reset());
  // Chromium's build keeps the indexes in storage.session, the one area content scripts may read.
  const stored = async (key: string) => (await fakeBrowser.storage.session.get(key))[key];

  it('writes every index from the stored settings and snoozes, on a fresh profile too', async () => {
    await fakeBrowser.storage.local.set({ settings: settings(), snoozes });
    await publishWatchIndexes();
    const instagram = await stored(watchIndexKey('instagram'));
    expect(isSiteWatch(instagram, 'instagram') && instagram.snoozes).toEqual([snoozes[0]]);
    await fakeBrowser.storage.local.clear();
    await publishWatchIndexes();
    const fresh = await stored(watchIndexKey('instagram'));
    expect(isSiteWatch(fresh, 'instagram') && fresh.people).toEqual([]);
  });

  it('writes only the indexes that changed: a change for one site wakes no other site’s scripts', async () => {
    await fakeBrowser.storage.local.set({ settings: settings() });
    await publishWatchIndexes();
    const changedKeys: string[][] = [];
    fakeBrowser.storage.onChanged.addListener((changes) => changedKeys.push(Object.keys(changes)));
    await fakeBrowser.storage.local.set({ snoozes: [{ personId: 'p-jo', site: 'x', until: 9_000 }] });
    changedKeys.length = 0;
    await publishWatchIndexes();
    expect(changedKeys).toEqual([[watchIndexKey('x')]]);
  });

  it('removes a removed custom site’s index', async () => {
    await fakeBrowser.storage.local.set({ settings: settings({ customSites: [forum] }) });
    await publishWatchIndexes();
    expect(isSiteWatch(await stored(watchIndexKey('custom-forum')), 'custom-forum')).toBe(true);
    await fakeBrowser.storage.local.set({ settings: settings({ customSites: [] }) });
    await publishWatchIndexes();
    expect(await stored(watchIndexKey('custom-forum'))).toBeUndefined();
    const custom = await stored(CUSTOM_SITES_KEY);
    expect(isCustomSitesWatch(custom) && custom.sites).toEqual([]);
  });

  it('settings that do not parse: the readable people are still watched (salvaged)', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...settings(), countdownSeconds: 'soon', people: [sam, { id: 7 }] } });
    await publishWatchIndexes();
    const instagram = await stored(watchIndexKey('instagram'));
    expect(isSiteWatch(instagram, 'instagram') && instagram.people.map((person) => person.id)).toEqual(['p-sam']);
  });

  it('settings that cannot be read: the last indexes stay (unreadable is not nobody watched)', async () => {
    await fakeBrowser.storage.local.set({ settings: settings() });
    await publishWatchIndexes();
    const before = await stored(watchIndexKey('instagram'));
    // Nobody watched now, but that cannot be read: read, it would empty the index.
    await fakeBrowser.storage.local.set({ settings: settings({ people: [] }) });
    const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local) as (keys: unknown) => Promise<Record<string, unknown>>;
    const failing = async (keys: unknown) => {
      if (keys === 'settings' || (Array.isArray(keys) && keys.includes('settings'))) throw new Error('IO error');
      return get(keys);
    };
    vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(failing as never);
    await publishWatchIndexes();
    expect(await stored(watchIndexKey('instagram'))).toEqual(before);
    expect(isSiteWatch(before, 'instagram') && before.people.map((person) => person.id)).toEqual(['p-sam']);
  });
});

// Issue 23, 5: a compromised site tab reads its own site's index, and nothing of storage.local.
describe('the storage a content script may read (Chromium)', () => {
  beforeEach(() => fakeBrowser.reset());
  const levelOf = (area: 'local' | 'sync' | 'session') => (fakeBrowser.storage[area] as unknown as { accessLevel?: string }).accessLevel;

  it('before the indexes are written, storage.local and sync are closed to content scripts and session opened', async () => {
    await fakeBrowser.storage.local.set({ settings: settings() });
    await publishWatchIndexes();
    expect([levelOf('local'), levelOf('sync'), levelOf('session')]).toEqual(['TRUSTED_CONTEXTS', 'TRUSTED_CONTEXTS', 'TRUSTED_AND_UNTRUSTED_CONTEXTS']);
    expect(Object.keys(await fakeBrowser.storage.session.get(null)).every((key) => key.startsWith('watch') )).toBe(true);
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).filter((key) => key.startsWith('watch'))).toEqual([]);
  });

  it('the indexes an earlier release kept in storage.local are taken out of it', async () => {
    await fakeBrowser.storage.local.set({ settings: settings(), [watchIndexKey('instagram')]: { version: 1 }, [CUSTOM_SITES_KEY]: { version: 1, sites: [] } });
    await publishWatchIndexes();
    expect(await fakeBrowser.storage.local.get([watchIndexKey('instagram'), CUSTOM_SITES_KEY])).toEqual({});
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual(settings());
    expect(isSiteWatch(await stored(watchIndexKey('instagram')), 'instagram')).toBe(true);
  });

  const stored = async (key: string) => (await fakeBrowser.storage.session.get(key))[key];
});
