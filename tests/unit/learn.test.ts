import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '@/utils/model/defaults';
import { countUnread, weakSites, type UnreadDay } from '@/utils/model/health';
import { learnThread, noteUnreadThread, withLearnedThread } from '@/utils/background/learn';
import { proposeChange } from '@/utils/background/settings-writer';
import { compileWatchIndex } from '@/utils/model/matching';
import type { Person, Settings } from '@/utils/model/schema';
import { instagram } from '@/utils/sites/instagram';
import { telegram } from '@/utils/sites/telegram';
import { healthItem, loadHealth, loadSettings, settingsItem } from '@/utils/store/storage';
import { veilPatterns } from '@/utils/background/veil';
import { samOnTelegram } from './support/people';

const THREAD = '340282366841710300949128171234567890';
const sam: Person = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }], addedAt: 1 };
const jo: Person = { id: 'p-jo', alias: 'J.', identifiers: [{ kind: 'handle', value: 'jo', site: 'instagram' }], addedAt: 1 };
const settings = (people: Person[]): Settings => ({ ...defaultSettings(), people });
const learned = { kind: 'conversationId', value: THREAD, site: 'instagram', learned: true } as const;
const request = { personId: 'p-sam', site: 'instagram', conversation: { kind: 'conversationId', value: THREAD } } as const;

describe('learning a conversation by its address', () => {
  beforeEach(() => fakeBrowser.reset());

  it('adds the id to the person as a learned conversation id on that site', () => {
    expect(withLearnedThread(settings([sam, jo]), request)?.people).toEqual([
      { ...sam, identifiers: [...sam.identifiers, learned] },
      jo,
    ]);
  });

  it.each<[string, Settings]>([
    ['the person is no longer watched', settings([jo])],
    ['they have it already', settings([{ ...sam, identifiers: [...sam.identifiers, learned] }])],
    ['they have it already, typed by the user on every site', settings([{ ...sam, identifiers: [{ kind: 'conversationId', value: ` ${THREAD} `, site: '*' }] }])],
    ['someone else has it there', settings([sam, { ...jo, identifiers: [{ kind: 'conversationId', value: THREAD, site: 'instagram' }] }])],
  ])('adds nothing when %s', (_, before) => {
    expect(withLearnedThread(before, request)).toBeNull();
  });

  it('the same id on another site is another conversation', () => {
    const before = settings([{ ...sam, identifiers: [...sam.identifiers, { kind: 'conversationId', value: THREAD, site: 'messenger' }] }]);
    expect(withLearnedThread(before, request)?.people[0]?.identifiers).toContainEqual(learned);
  });

  it('once learned, the thread is caught from its address alone, and veiled from its first frame', () => {
    const after = withLearnedThread(settings([sam]), request)!;
    const sighting = instagram.fromUrl(new URL(`https://www.instagram.com/direct/t/${THREAD}/`))!;
    expect(compileWatchIndex(after.people, 'instagram').match(sighting)?.person.id).toBe('p-sam');
    expect(compileWatchIndex(after.people, 'facebook').match(sighting)).toBeNull();
    expect(veilPatterns(after)).toContain(`https://www.instagram.com/direct/t/${THREAD}/*`);
    expect(veilPatterns(settings([sam]))).not.toContain(`https://www.instagram.com/direct/t/${THREAD}/*`);
  });

  it('Telegram: a chat is addressed by the partner’s user id, learned as their account id there, and caught by it in either client', () => {
    const after = withLearnedThread(settings([samOnTelegram]), { personId: 'p-sam', site: 'telegram', conversation: { kind: 'accountId', value: '123456789' } })!;
    expect(after.people[0]?.identifiers).toContainEqual({ kind: 'accountId', value: '123456789', site: 'telegram', learned: true });
    for (const address of ['https://web.telegram.org/a/#123456789', 'https://web.telegram.org/k/#123456789']) {
      const sighting = telegram.fromUrl(new URL(address))!;
      expect(compileWatchIndex(settings([samOnTelegram]).people, 'telegram').match(sighting)).toBeNull();
      expect(compileWatchIndex(after.people, 'telegram').match(sighting)?.person.id).toBe('p-sam');
    }
    // Learned once: the same id is not added twice.
    expect(withLearnedThread(after, { personId: 'p-sam', site: 'telegram', conversation: { kind: 'accountId', value: '123456789' } })).toBeNull();
  });

  it('writes to the settings as stored now, not a copy read earlier, and only once', async () => {
    await settingsItem.setValue(settings([sam]));
    // A page saves a change (jo added) while the learning waits in the queue behind it.
    const saved = proposeChange({ type: 'addPerson', id: jo.id, alias: jo.alias, identifiers: jo.identifiers });
    const learnedNow = learnThread(request);
    const again = learnThread(request);
    await saved;
    expect([await learnedNow, await again]).toEqual([true, false]);
    const stored = (await loadSettings()).value;
    expect(stored.people.map((p) => p.id)).toEqual(['p-sam', 'p-jo']);
    expect(stored.people[0]?.identifiers).toEqual([...sam.identifiers, learned]);
  });
});

describe('counting chats nobody could be read in', () => {
  beforeEach(() => fakeBrowser.reset());
  const UTC = 'UTC';
  const at = (iso: string) => Date.parse(iso);

  it('counts per site and local day', () => {
    let days: UnreadDay[] = [];
    days = countUnread(days, 'instagram', at('2026-12-01T10:00:00Z'), UTC);
    days = countUnread(days, 'instagram', at('2026-12-01T23:59:00Z'), UTC);
    days = countUnread(days, 'x', at('2026-12-01T12:00:00Z'), UTC);
    days = countUnread(days, 'instagram', at('2026-12-02T00:01:00Z'), UTC);
    expect(days).toEqual([
      { site: 'instagram', day: '2026-12-01', count: 2 },
      { site: 'x', day: '2026-12-01', count: 1 },
      { site: 'instagram', day: '2026-12-02', count: 1 },
    ]);
  });

  it('takes the day in the user’s zone', () => {
    // 23:30 UTC is already the next day in Auckland.
    expect(countUnread([], 'instagram', at('2026-12-01T23:30:00Z'), 'Pacific/Auckland')).toEqual([
      { site: 'instagram', day: '2026-12-02', count: 1 },
    ]);
  });

  it('keeps the last 30 days only', () => {
    const days: UnreadDay[] = [
      { site: 'instagram', day: '2026-11-01', count: 4 },
      { site: 'instagram', day: '2026-11-02', count: 5 },
    ];
    expect(countUnread(days, 'x', at('2026-12-01T12:00:00Z'), UTC)).toEqual([
      { site: 'instagram', day: '2026-11-02', count: 5 },
      { site: 'x', day: '2026-12-01', count: 1 },
    ]);
  });

  it('speaks of a site from 3 unread chats in the last 7 days, today included', () => {
    const now = at('2026-12-08T09:00:00Z');
    const days: UnreadDay[] = [
      { site: 'instagram', day: '2026-12-01', count: 9 }, // 8 days ago: not this week
      { site: 'instagram', day: '2026-12-02', count: 1 },
      { site: 'instagram', day: '2026-12-08', count: 2 },
      { site: 'x', day: '2026-12-05', count: 2 },
      { site: 'discord', day: '2026-12-03', count: 12 },
    ];
    expect(weakSites(days, now, UTC)).toEqual([
      { site: 'discord', count: 12 },
      { site: 'instagram', count: 3 },
    ]);
    expect(weakSites(days.slice(0, 2), now, UTC)).toEqual([]);
  });

  it('the background stores only the site, the day and the count, and leaves counts it cannot read alone', async () => {
    await noteUnreadThread('instagram', at('2026-12-01T10:00:00Z'), UTC);
    await noteUnreadThread('instagram', at('2026-12-01T11:00:00Z'), UTC);
    expect(await healthItem.getValue()).toEqual([{ site: 'instagram', day: '2026-12-01', count: 2 }]);

    // A corrupt store is salvaged entry by entry (and backed up), never thrown into the background.
    await healthItem.setValue([{ site: 'instagram', day: '2026-12-01', count: 2 }, { site: 7 }]);
    await noteUnreadThread('instagram', at('2026-12-01T12:00:00Z'), UTC);
    expect((await loadHealth()).value).toEqual([{ site: 'instagram', day: '2026-12-01', count: 3 }]);
  });
});
