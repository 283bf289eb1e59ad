import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '@/utils/defaults';
import { loadAttempts, loadSettings, salvageSettings } from '@/utils/storage';
import type { Attempt } from '@/utils/schema';

const person = { id: 'p1', alias: 'Sam', addedAt: 1, identifiers: [{ kind: 'handle', value: 'sam', site: 'instagram' }] };
const attempt: Attempt = {
  id: 'a1',
  startedAt: 1000,
  personId: 'p1',
  site: 'instagram',
  kind: 'profile',
  outcome: 'left',
  endedAt: 2000,
  secondsOnScreen: 1,
  journalWritten: false,
  feeling: null,
  tabId: null,
  abandonedAt: null,
};

const raw = (key: string) => fakeBrowser.storage.local.get(key).then((v) => v[key]);

describe('validated storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives defaults when nothing is stored', async () => {
    expect(await loadSettings()).toEqual({ value: defaultSettings(), valid: true });
    expect(await loadAttempts()).toEqual({ value: [], valid: true });
  });

  it('reads a valid version-1 settings object as it is', async () => {
    const settings = { ...defaultSettings(), people: [person], countdownSeconds: 20 };
    await fakeBrowser.storage.local.set({ settings, settings$: { v: 1 } });
    expect(await loadSettings(true)).toEqual({ value: settings, valid: true });
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
    expect(loaded).toEqual({ value: defaultSettings(), valid: false });
    expect(await raw('settings')).toBe('garbage');
    expect(await raw('backups')).toBeUndefined();
  });

  it('salvages the valid attempts from a damaged log', async () => {
    const damaged = [attempt, { id: 'broken' }, null, { ...attempt, id: 'a2' }];
    await fakeBrowser.storage.local.set({ attempts: damaged });
    const loaded = await loadAttempts(true);
    expect(loaded).toEqual({ value: [attempt, { ...attempt, id: 'a2' }], valid: false });
    expect(await raw('backups')).toEqual([{ item: 'attempts', savedAt: expect.any(Number), raw: damaged }]);
  });

  it('reads attempts stored before they carried abandonedAt (the first shape of version 1)', async () => {
    const { abandonedAt: _, ...older } = attempt;
    await fakeBrowser.storage.local.set({ attempts: [older], attempts$: { v: 1 } });
    expect(await loadAttempts(true)).toEqual({ value: [attempt], valid: true });
  });

  it('survives a log that is not a list at all', async () => {
    await fakeBrowser.storage.local.set({ attempts: { oops: true } });
    expect(await loadAttempts(true)).toEqual({ value: [], valid: false });
  });

  it('treats non-object settings as defaults', () => {
    expect(salvageSettings(7)).toEqual({ value: defaultSettings(), valid: false });
    expect(salvageSettings(undefined)).toEqual({ value: defaultSettings(), valid: true });
  });
});
