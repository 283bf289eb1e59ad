import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '@/utils/model/defaults';
import { loadHealth, loadSettings, salvageSettings } from '@/utils/store/storage';

const person = { id: 'p1', alias: 'Sam', addedAt: 1, identifiers: [{ kind: 'handle', value: 'sam', site: 'instagram' }] };

const raw = (key: string) => fakeBrowser.storage.local.get(key).then((v) => v[key]);

describe('validated storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives defaults when nothing is stored', async () => {
    expect(await loadSettings()).toEqual({ value: defaultSettings(), valid: true, readable: true });
      });

  it('reads a valid version-1 settings object as it is', async () => {
    const settings = { ...defaultSettings(), people: [person], countdownSeconds: 20 };
    await fakeBrowser.storage.local.set({ settings, settings$: { v: 1 } });
    expect(await loadSettings(true)).toEqual({ value: settings, valid: true, readable: true });
  });

  it('keeps every person and field that still parses when settings are corrupt, and backs up the raw value', async () => {
    const corrupt = { ...defaultSettings(), people: [person, { alias: 42 }], countdownSeconds: 'ten', questions: 'nope' };
    await fakeBrowser.storage.local.set({ settings: corrupt });
    const loaded = await loadSettings(true);
    expect(loaded.valid).toBe(false);
    expect(loaded.value.people).toEqual([person]);
    expect(loaded.value.countdownSeconds).toBe(10);
    expect(loaded.value.questions).toEqual(defaultSettings().questions);
    // The store is healed, and the raw value is kept.
    expect(await raw('settings')).toEqual(loaded.value);
    expect(await raw('backups')).toEqual([{ item: 'settings', savedAt: expect.any(Number), raw: corrupt }]);
  });

  it('only reads, never writes, outside the background', async () => {
    await fakeBrowser.storage.local.set({ settings: 'garbage' });
    const loaded = await loadSettings(false);
    expect(loaded).toEqual({ value: defaultSettings(), valid: false, readable: true });
    expect(await raw('settings')).toBe('garbage');
    expect(await raw('backups')).toBeUndefined();
  });

  it('does not take storage that cannot be read for empty, and writes nothing over it', async () => {
    const settings = { ...defaultSettings(), people: [person] };
    await fakeBrowser.storage.local.set({ settings, settings$: { v: 1 } });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('IO error'));
    const loaded = await loadSettings(true);
    get.mockRestore();
    // Protects with the defaults meanwhile, says it could not read, heals nothing.
    expect(loaded).toEqual({ value: defaultSettings(), valid: false, readable: false });
    expect(await raw('settings')).toEqual(settings);
    expect(await raw('backups')).toBeUndefined();
  });

  it('reads identifiers stored before conversations could be learned, as the user’s own', async () => {
    // The last release's shape: no `learned` on any identifier.
    const older = { ...defaultSettings(), people: [{ ...person, identifiers: [{ kind: 'conversationId', value: '3402', site: 'instagram' }] }] };
    await fakeBrowser.storage.local.set({ settings: older, settings$: { v: 1 } });
    const loaded = await loadSettings(true);
    expect(loaded).toEqual({ value: older, valid: true, readable: true });
    expect(loaded.value.people[0]?.identifiers[0]?.learned).toBeUndefined();
    expect(await raw('backups')).toBeUndefined();
  });

  it('reads the health counts, nothing stored as none, and salvages a corrupt store entry by entry', async () => {
    expect(await loadHealth()).toEqual({ value: [], valid: true, readable: true });
    const good = { site: 'instagram', day: '2026-12-01', count: 2 };
    await fakeBrowser.storage.local.set({ health: [good, { site: 'x', day: 'yesterday', count: 1 }], health$: { v: 1 } });
    expect(await loadHealth(true)).toEqual({ value: [good], valid: false, readable: true });
    expect(await raw('health')).toEqual([good]);
  });

  it('reads settings stored before the badge could be turned off, with the badge on', async () => {
    const { showBadge: _, ...older } = defaultSettings();
    await fakeBrowser.storage.local.set({ settings: older, settings$: { v: 1 } });
    expect(await loadSettings(true)).toEqual({ value: defaultSettings(), valid: true, readable: true });
  });

  it('keeps damaged backups among the backups rather than writing over them', async () => {
    await fakeBrowser.storage.local.set({ backups: { not: 'a list' }, settings: 'garbage' });
    await loadSettings(true);
    expect(await raw('backups')).toEqual([
      { item: 'backups', savedAt: expect.any(Number), raw: { not: 'a list' } },
      { item: 'settings', savedAt: expect.any(Number), raw: 'garbage' },
    ]);
  });

  it('treats non-object settings as defaults', () => {
    expect(salvageSettings(7)).toEqual({ value: defaultSettings(), valid: false, readable: true });
    expect(salvageSettings(undefined)).toEqual({ value: defaultSettings(), valid: true, readable: true });
  });
});

/*
 * Issue 24: two sets of questions. The first releases stored one (version 1 of `local:settings`):
 * the article's questions for when they make contact, shown at the user's own urge. Seeded as
 * those releases stored them, then read by this release's storage module, freshly loaded.
 */
describe('settings stored by the first releases: the questions split in two', () => {
  const FIRST_RELEASE = [
    'Are they willing to work on the relationship and address the issues?',
    'Are they willing to listen and compromise?',
    'Do they feel sorry for what they did?',
    'What is the plan from now on?',
    'Has anything changed about what separated you in the first place?',
  ];
  const v1 = (questions: string[]) => {
    const { incomingQuestions: _, ...settings } = { ...defaultSettings(), people: [person], questions };
    return settings;
  };
  const freshStorage = async () => {
    vi.resetModules();
    const module = await import('@/utils/store/storage');
    return module.loadSettings(true);
  };
  beforeEach(() => fakeBrowser.reset());

  it('never edited: the pause gets the questions for the urge, and the article’s go to when they reach out', async () => {
    await fakeBrowser.storage.local.set({ settings: v1(FIRST_RELEASE), settings$: { v: 1 } });
    const loaded = await freshStorage();
    expect(loaded.valid).toBe(true);
    expect(loaded.value.questions).toEqual(defaultSettings().questions);
    expect(loaded.value.questions).not.toContain(FIRST_RELEASE[0]);
    expect(loaded.value.incomingQuestions).toEqual(FIRST_RELEASE);
    expect(loaded.value.people).toEqual([person]);
    // Read as split; stored as it was until the next change is written.
    expect(await raw('settings')).toEqual(v1(FIRST_RELEASE));
  });

  it('edited: the user’s own questions stay, word for word; the article’s are added for when they reach out', async () => {
    const theirs = ['Why now?', ...FIRST_RELEASE.slice(1)];
    // Stored with no version mark at all, as some early writes were: version 1.
    await fakeBrowser.storage.local.set({ settings: v1(theirs) });
    const loaded = await freshStorage();
    expect(loaded.value.questions).toEqual(theirs);
    expect(loaded.value.incomingQuestions).toEqual(FIRST_RELEASE);
  });

  it('a backup written by a first release is brought over the same way when imported', async () => {
    const { checkBackup } = await import('@/utils/model/backup');
    const file = { format: 'clean-break-backup', version: 1, exportedAt: '2026-06-01T12:00:00.000Z', settings: v1(FIRST_RELEASE), attempts: [], journal: [] };
    const checked = checkBackup(file);
    if (!checked.ok) throw new Error(checked.message);
    expect(checked.backup.settings.questions).toEqual(defaultSettings().questions);
    expect(checked.backup.settings.incomingQuestions).toEqual(FIRST_RELEASE);
    const edited = checkBackup({ ...file, settings: v1(['Why now?']) });
    if (!edited.ok) throw new Error(edited.message);
    expect(edited.backup.settings.questions).toEqual(['Why now?']);
  });
});
