import { describe, expect, it } from 'vitest';
import { applyToSettings, continueRule, decideChange, weakeningChanges, weakenings, weakeningsOf, withinHours, type Change } from '@/utils/model/changes';
import { defaultSettings } from '@/utils/model/defaults';
import { Settings, type CustomSite, type Person, type StrictHours } from '@/utils/model/schema';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const sam: Person = {
  id: 'p-sam',
  alias: 'Sam',
  identifiers: [
    { kind: 'handle', value: 'sam.lee', site: 'instagram' },
    { kind: 'conversationId', value: '3402823', site: 'instagram', learned: true },
  ],
  addedAt: 1,
};
const forum: CustomSite = {
  id: 'custom-forum',
  name: 'Forum',
  pattern: 'https://forum.example.com/*',
  kind: 'profile',
  identify: { by: 'url', after: '/members/' },
  addedAt: 1,
};
const late: StrictHours = { start: '22:00', end: '06:00', countdownSeconds: 120, require: 'code', phrase: 'I will wait' };
const base = (patch: Partial<Settings> = {}): Settings => ({
  ...defaultSettings(),
  people: [sam],
  customSites: [forum],
  typedPhrase: 'I choose me',
  continueNeedsCode: true,
  strictHours: late,
  lockHours: 24,
  ...patch,
});

/** Every change that takes protection away, with what it takes. */
const weakening: [string, Change, string][] = [
  ['removing a person', { type: 'removePerson', personId: 'p-sam' }, 'person'],
  ['removing an identifier', { type: 'removeIdentifier', personId: 'p-sam', identifier: { kind: 'handle', value: '@Sam.Lee', site: 'instagram' } }, 'identifier'],
  ['removing a learned conversation', { type: 'removeIdentifier', personId: 'p-sam', identifier: { kind: 'conversationId', value: '3402823', site: 'instagram' } }, 'identifier'],
  ['turning a site off', { type: 'setSite', site: 'instagram', enabled: false }, 'site'],
  ['removing a custom site', { type: 'removeCustomSite', siteId: 'custom-forum' }, 'customSite'],
  ['shortening the countdown', { type: 'setPause', values: { countdownSeconds: 5 } }, 'countdown'],
  ['shortening the escalation', { type: 'setPause', values: { escalationSeconds: 0 } }, 'escalation'],
  ['lowering the longest countdown', { type: 'setPause', values: { countdownCapSeconds: 20 } }, 'cap'],
  ['lengthening the snooze', { type: 'setPause', values: { snoozeMinutes: 60 } }, 'snooze'],
  ['removing the typed phrase', { type: 'setPause', values: { typedPhrase: '' } }, 'phrase'],
  ['a shorter typed phrase', { type: 'setPause', values: { typedPhrase: 'ok' } }, 'phrase'],
  ['a shorter phrase in the stricter hours', { type: 'setStrictHours', strictHours: { ...late, phrase: 'x' } }, 'strictHours'],
  ['no longer asking the code before Continue', { type: 'setPause', values: { continueNeedsCode: false } }, 'continueCode'],
  ['shortening the lock', { type: 'setLock', hours: 1 }, 'lock'],
  ['turning the lock off', { type: 'setLock', hours: 0 }, 'lock'],
  ['turning the stricter hours off', { type: 'setStrictHours', strictHours: null }, 'strictHours'],
  ['shrinking the stricter hours', { type: 'setStrictHours', strictHours: { ...late, start: '23:00' } }, 'strictHours'],
  ['a shorter countdown in the stricter hours', { type: 'setStrictHours', strictHours: { ...late, countdownSeconds: 30 } }, 'strictHours'],
  ['the phrase instead of the code in the stricter hours', { type: 'setStrictHours', strictHours: { ...late, require: 'phrase' } }, 'strictHours'],
  ['clearing the log', { type: 'clearLog' }, 'log'],
  ['removing the friend’s code', { type: 'removeFriendCode' }, 'friendCode'],
  ['an import without the person', { type: 'replaceSettings', settings: { ...base(), people: [] } }, 'person'],
];

/** Changes that take nothing away: they apply at once, lock or not. */
const strengthening: [string, Change][] = [
  ['adding a person', { type: 'addPerson', id: 'p-jo', alias: 'Jo', identifiers: [] }],
  ['adding an identifier', { type: 'addIdentifiers', personId: 'p-sam', identifiers: [{ kind: 'name', value: 'Sam Lee', site: '*' }] }],
  ['renaming a person', { type: 'renamePerson', personId: 'p-sam', alias: 'S.' }],
  ['turning a site on', { type: 'setSite', site: 'tiktok', enabled: true }],
  ['adding a custom site', { type: 'addCustomSite', site: { ...forum, id: 'custom-other', pattern: 'https://other.example.com/*' } }],
  ['a longer countdown', { type: 'setPause', values: { countdownSeconds: 30 } }],
  ['a shorter snooze', { type: 'setPause', values: { snoozeMinutes: 0 } }],
  ['another phrase, no shorter', { type: 'setPause', values: { typedPhrase: 'Not today, not like this' } }],
  ['a longer phrase in the stricter hours', { type: 'setStrictHours', strictHours: { ...late, phrase: 'I will wait until morning' } }],
  ['other questions and reminders', { type: 'setPause', values: { questions: ['Why now?'], reminders: ['Breathe.'] } }],
  ['a support person', { type: 'setPause', values: { supportPerson: { name: 'Ana', link: 'tel:+15550100' } } }],
  ['a longer lock', { type: 'setLock', hours: 168 }],
  ['wider stricter hours', { type: 'setStrictHours', strictHours: { ...late, start: '21:00', end: '07:00' } }],
  ['the badge off', { type: 'setRecord', values: { showBadge: false } }],
  ['a day to count from', { type: 'setRecord', values: { noContactSince: '2026-11-01' } }],
  ['removing an identifier nobody has', { type: 'removeIdentifier', personId: 'p-sam', identifier: { kind: 'handle', value: 'nobody', site: 'instagram' } }],
];

describe('the protection lock’s rules', () => {
  it.each(weakening)('%s weakens protection: held whole while the lock is on', (_, change, what) => {
    expect(weakeningsOf(base(), change, NOW).map((w) => w.what)).toContain(what);
    const decision = decideChange(base(), change, NOW);
    expect(decision.later).toEqual(change);
    expect(decision.now).toBeNull();
  });

  it.each(weakening)('%s applies at once with the lock off', (_, change) => {
    expect(decideChange(base({ lockHours: 0 }), change, NOW)).toEqual({ now: change, later: null });
  });

  it.each(strengthening)('%s applies at once, lock or not', (_, change) => {
    expect(weakeningsOf(base(), change, NOW)).toEqual([]);
    expect(decideChange(base(), change, NOW)).toEqual({ now: change, later: null });
  });

  it('splits the pause form: what strengthens applies now, only what weakens waits', () => {
    const change: Change = { type: 'setPause', values: { countdownSeconds: 30, snoozeMinutes: 60, questions: ['Why now?'] } };
    expect(decideChange(base(), change, NOW)).toEqual({
      now: { type: 'setPause', values: { countdownSeconds: 30, questions: ['Why now?'] } },
      later: { type: 'setPause', values: { snoozeMinutes: 60 } },
    });
  });

  it('compares identifiers as matching does: removing “@Sam.Lee” removes sam.lee', () => {
    const next = applyToSettings(base(), weakening[1]![1], NOW);
    expect(next.people[0]?.identifiers.map((i) => i.value)).toEqual(['3402823']);
  });

  it('a person removed while their removal waited leaves nothing to do when it comes due', () => {
    const gone = applyToSettings(base(), { type: 'removePerson', personId: 'p-sam' }, NOW);
    expect(applyToSettings(gone, { type: 'removeIdentifier', personId: 'p-sam', identifier: { kind: 'handle', value: 'sam.lee', site: 'instagram' } }, NOW)).toEqual(gone);
  });

  it('removing a custom site takes its identifiers and its off switch with it', () => {
    const settings = base({
      people: [{ ...sam, identifiers: [...sam.identifiers, { kind: 'handle', value: 'sam', site: 'custom-forum' }] }],
      disabledSites: ['custom-forum'],
    });
    const next = applyToSettings(settings, { type: 'removeCustomSite', siteId: 'custom-forum' }, NOW);
    expect(next.customSites).toEqual([]);
    expect(next.disabledSites).toEqual([]);
    expect(next.people[0]?.identifiers).toEqual(sam.identifiers);
  });

  it('adds a person once, with the time it was added, and never past 200', () => {
    const add: Change = { type: 'addPerson', id: 'p-jo', alias: 'Jo', identifiers: [{ kind: 'handle', value: 'jo', site: '*' }, { kind: 'handle', value: '@JO', site: '*' }] };
    const once = applyToSettings(base(), add, NOW);
    expect(once.people[1]).toEqual({ id: 'p-jo', alias: 'Jo', identifiers: [{ kind: 'handle', value: 'jo', site: '*' }], addedAt: NOW });
    expect(applyToSettings(once, add, NOW)).toEqual(once);
    const full = base({ people: Array.from({ length: 200 }, (_, i) => ({ ...sam, id: `p-${i}` })) });
    expect(applyToSettings(full, add, NOW)).toEqual(full);
  });

  it('every change leaves settings the schema accepts', () => {
    for (const [, change] of [...weakening.map(([a, b]) => [a, b] as const), ...strengthening]) {
      expect(Settings.safeParse(applyToSettings(base(), change, NOW)).success).toBe(true);
    }
  });
});

describe('the stricter hours', () => {
  it.each([
    ['22:00', '06:00', 22 * 60, true],
    ['22:00', '06:00', 23 * 60 + 59, true],
    ['22:00', '06:00', 0, true],
    ['22:00', '06:00', 5 * 60 + 59, true],
    ['22:00', '06:00', 6 * 60, false],
    ['22:00', '06:00', 12 * 60, false],
    ['09:00', '17:00', 9 * 60, true],
    ['09:00', '17:00', 17 * 60, false],
    ['09:00', '17:00', 8 * 60 + 59, false],
  ])('%s–%s at minute %i: %s', (start, end, minute, inside) => {
    expect(withinHours({ start, end }, minute)).toBe(inside);
  });

  const at = (hour: number) => new Date(2026, 11, 2, hour, 30).getTime();

  it('ask for the longer countdown and the code in those hours, when a code is set', () => {
    expect(continueRule(base({ continueNeedsCode: false }), 10, true, at(23))).toEqual({ countdownSeconds: 120, phrase: null, needsCode: true, strict: true });
    expect(continueRule(base({ continueNeedsCode: false }), 10, true, at(14))).toEqual({ countdownSeconds: 10, phrase: null, needsCode: false, strict: false });
  });

  it('ask for their phrase while no code is set, or when they ask for the phrase', () => {
    expect(continueRule(base({ continueNeedsCode: false }), 10, false, at(2))).toMatchObject({ phrase: 'I will wait', needsCode: false, strict: true });
    expect(continueRule(base({ strictHours: { ...late, require: 'phrase' }, continueNeedsCode: false }), 10, true, at(2))).toMatchObject({
      phrase: 'I will wait',
      needsCode: false,
    });
  });

  it('never shorten a countdown already longer (escalated)', () => {
    expect(continueRule(base(), 300, true, at(23)).countdownSeconds).toBe(300);
  });

  it('the code before Continue all day, when asked for and set', () => {
    expect(continueRule(base({ strictHours: null }), 10, true, at(14)).needsCode).toBe(true);
    expect(continueRule(base({ strictHours: null }), 10, false, at(14)).needsCode).toBe(false);
  });

  it('refuse hours that start and end at once, and times that are not times', () => {
    expect(Settings.shape.strictHours.safeParse({ ...late, end: '22:00' }).success).toBe(false);
    expect(Settings.shape.strictHours.safeParse({ ...late, start: '24:00' }).success).toBe(false);
  });
});

describe('settings stored before the lock existed', () => {
  it('read with the lock off, no stricter hours and no code asked', () => {
    const { lockHours: _, strictHours: __, continueNeedsCode: ___, ...v1 } = defaultSettings();
    expect(Settings.parse(v1)).toMatchObject({ lockHours: 0, strictHours: null, continueNeedsCode: false });
  });
});

describe('the welcome form’s lines', () => {
  it('reads links for their own site and bare words for every site, and names each bad line by number', async () => {
    const { readLines } = await import('@/components/options/Welcome');
    expect(readLines('https://www.instagram.com/sam.lee/\n\n  Sam Lee \nhttps://forum.example.com/u/sam')).toEqual({
      identifiers: [
        { kind: 'handle', value: 'sam.lee', site: 'instagram' },
        { kind: 'name', value: 'Sam Lee', site: '*' },
      ],
      problems: ['Line 4: Clean Break does not know forum.example.com. Type their username instead.'],
    });
  });
});

describe('another browser’s weakening, as the changes this browser holds (weakeningChanges)', () => {
  const base = {
    ...defaultSettings(),
    lockHours: 24 as const,
    countdownSeconds: 30,
    typedPhrase: 'I choose myself',
    continueNeedsCode: true,
    people: [
      { id: 'p-sam', alias: 'S.', addedAt: 0, identifiers: [{ kind: 'handle' as const, value: 'sam.lee', site: 'instagram' }, { kind: 'name' as const, value: 'Sam Lee', site: '*' }] },
      { id: 'p-kim', alias: 'K.', addedAt: 0, identifiers: [{ kind: 'handle' as const, value: 'kim', site: 'x' }] },
    ],
  };
  const variants: [string, Settings][] = [
    ['a person removed', { ...base, people: [base.people[0]!] }],
    ['an identifier removed', { ...base, people: [{ ...base.people[0]!, identifiers: [base.people[0]!.identifiers[0]!] }, base.people[1]!] }],
    ['a site switched off', { ...base, disabledSites: ['x'] }],
    ['a shorter countdown, a shorter phrase, no code, a longer snooze', { ...base, countdownSeconds: 3, typedPhrase: '', continueNeedsCode: false, snoozeMinutes: 60 }],
    ['a lower lock', { ...base, lockHours: 0 }],
    ['all of it', { ...base, people: [], disabledSites: ['x', 'instagram'], countdownSeconds: 3, lockHours: 1 }],
  ];
  it.each(variants)('%s: the changes take away exactly what it takes away, and applied, give what it gives', (_, next) => {
    const changes = weakeningChanges(base, next);
    expect(changes.length).toBeGreaterThan(0);
    const applied = changes.reduce((settings, change) => applyToSettings(settings, change, 0), base as Settings);
    expect(weakenings(base, applied)).toEqual(weakenings(base, next));
    expect(weakenings(applied, next)).toEqual([]);
    // Each is one the lock holds.
    for (const change of changes) expect(decideChange(base, change, 0).later).not.toBeNull();
  });

  it('none for what strengthens or only changes words', () => {
    expect(weakeningChanges(base, { ...base, countdownSeconds: 60, typedPhrase: 'I choose myself, today', questions: ['Another question?'] })).toEqual([]);
  });
});
