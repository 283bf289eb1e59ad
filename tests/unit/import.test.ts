import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import Dexie from 'dexie';
import { parseBackup } from '@/utils/model/backup';
import { closeRecordDb, recordDb } from '@/utils/store/db';
import { defaultSettings } from '@/utils/model/defaults';
import { exportBackup } from '@/utils/store/export';
import { importBackup } from '@/utils/background/import';
import type { BackupFile, Settings } from '@/utils/model/schema';
import { proposeChange } from '@/utils/background/settings-writer';
import { loadPending, loadSettings, settingsItem } from '@/utils/store/storage';
import { localTimeZone, summarize } from '@/utils/model/summary';
import { EXPORTED_AT, sampleAttempt, sampleBackup, sampleJournal } from './support/backup-sample';
import { everything, storedAttempts, storedJournal, storedSummary } from './support/record';

const NOW = EXPORTED_AT + 86_400_000;
const here = (): Settings => ({
  ...defaultSettings(),
  people: [{ id: 'p-here', alias: 'Here', identifiers: [{ kind: 'handle', value: 'here.only', site: 'x' }], addedAt: 5 }],
  countdownSeconds: 30,
});
const hereAttempts = [sampleAttempt('h-1', EXPORTED_AT - 7_200_000, { personId: 'p-here', site: 'x' }), sampleAttempt('a-1', EXPORTED_AT - 1_000, { outcome: 'continued' })];
const hereJournal = [sampleJournal('hj-1', EXPORTED_AT - 7_000_000, { personId: 'p-here', text: 'kept here' })];

async function seedHere(settings = here()) {
  await settingsItem.setValue(settings);
  await recordDb().attempts.bulkPut(hereAttempts);
  await recordDb().journal.bulkPut(hereJournal);
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
const summaryAgrees = async () => expect(await storedSummary()).toEqual(summarize(await storedAttempts(), localTimeZone()));

describe('importing a backup in the background', () => {
  beforeEach(() => fakeBrowser.reset());

  it('round trip: what one profile exports, a fresh one imports as it was (replace), with its figures', async () => {
    const original = sampleBackup();
    await settingsItem.setValue(original.settings);
    await recordDb().attempts.bulkPut(original.attempts);
    await recordDb().journal.bulkPut(original.journal);
    const file = (await exportBackup(recordDb(), (await loadSettings()).value, EXPORTED_AT)).join('');

    // A fresh profile: nothing stored, no database.
    fakeBrowser.reset();
    closeRecordDb();
    await Dexie.delete('clean-break');
    const parsed = parseBackup(file);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(await importBackup(parsed.backup, 'replace', NOW)).toEqual({ status: 'applied', attempts: 5, journal: 3, replacedLog: true });

    expect((await loadSettings()).value).toEqual(original.settings);
    expect(byId(await storedAttempts())).toEqual(byId(original.attempts));
    expect(byId(await storedJournal())).toEqual(byId(original.journal));
    await summaryAgrees();
  });

  it('round trip by merge into a fresh profile: the people and the whole log, this browser’s defaults for the rest', async () => {
    const original = sampleBackup();
    expect(await importBackup(original, 'merge', NOW)).toEqual({ status: 'applied', attempts: 5, journal: 3, replacedLog: false });
    const settings = (await loadSettings()).value;
    expect(settings.people).toEqual(original.settings.people);
    expect(settings.customSites).toEqual(original.settings.customSites);
    expect(settings.countdownSeconds).toBe(defaultSettings().countdownSeconds);
    expect(byId(await storedAttempts())).toEqual(byId(original.attempts));
    await summaryAgrees();
  });

  it('merge: adds the file’s people and rows; what is here stays as it is, an attempt with the same id included', async () => {
    await seedHere();
    expect(await importBackup(sampleBackup(), 'merge', NOW)).toEqual({ status: 'applied', attempts: 4, journal: 3, replacedLog: false });
    const settings = (await loadSettings()).value;
    expect(settings.people.map((p) => p.id)).toEqual(['p-here', 'p-sam', 'p-alex', 'p-kim']);
    expect(settings.countdownSeconds).toBe(30);
    const attempts = await storedAttempts();
    expect(attempts.map((a) => a.id).sort()).toEqual(['a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'h-1']);
    // a-1 is in both: this browser's record of it is kept.
    expect(attempts.find((a) => a.id === 'a-1')?.outcome).toBe('continued');
    expect((await storedJournal()).map((e) => e.id).sort()).toEqual(['hj-1', 'j-1', 'j-2', 'j-3']);
    await summaryAgrees();
  });

  it('merge keeps a change another page made while the log was being written (a person added meanwhile)', async () => {
    await seedHere();
    const importing = importBackup(sampleBackup(), 'merge', NOW);
    const added = proposeChange({ type: 'addPerson', id: 'p-meanwhile', alias: 'Meanwhile', identifiers: [] }, NOW);
    expect(await added).toEqual({ status: 'applied' });
    expect(await importing).toMatchObject({ status: 'applied' });
    expect((await loadSettings()).value.people.map((p) => p.id)).toEqual(['p-here', 'p-meanwhile', 'p-sam', 'p-alex', 'p-kim']);
  });

  it('merging the same file twice adds nothing the second time', async () => {
    await seedHere();
    await importBackup(sampleBackup(), 'merge', NOW);
    const once = await everything();
    expect(await importBackup(sampleBackup(), 'merge', NOW)).toEqual({ status: 'applied', attempts: 0, journal: 0, replacedLog: false });
    expect(await everything()).toEqual(once);
  });

  it('replace with the lock off: the file’s settings, log and journal in place of these', async () => {
    await seedHere();
    const file = sampleBackup();
    expect(await importBackup(file, 'replace', NOW)).toMatchObject({ status: 'applied', replacedLog: true });
    expect((await loadSettings()).value).toEqual(file.settings);
    expect(byId(await storedAttempts())).toEqual(byId(file.attempts));
    expect(byId(await storedJournal())).toEqual(byId(file.journal));
    await summaryAgrees();
  });

  it('replace with the lock on: the log is merged (nothing deleted), and settings that weaken protection wait out the cool-off', async () => {
    await seedHere({ ...here(), lockHours: 24 });
    const before = (await loadSettings()).value;
    const result = await importBackup(sampleBackup(), 'replace', NOW);
    expect(result).toMatchObject({ status: 'pending', attempts: 4, journal: 3, replacedLog: false });
    if (result.status !== 'pending') return;
    expect(result.pending).toMatchObject({ appliesAt: NOW + 24 * 3_600_000, change: { type: 'replaceSettings', settings: sampleBackup().settings } });
    // Nothing of the settings changed yet; the change is listed as pending.
    expect((await loadSettings()).value).toEqual(before);
    expect((await loadPending()).value).toEqual([result.pending]);
    // No entry of this browser's log was deleted.
    expect((await storedAttempts()).map((a) => a.id)).toEqual(expect.arrayContaining(['h-1', 'a-1']));
    expect((await storedJournal()).map((e) => e.id)).toContain('hj-1');
    await summaryAgrees();
  });

  it('with the lock on, an import that only adds applies at once', async () => {
    await seedHere({ ...here(), lockHours: 24 });
    const result = await importBackup(sampleBackup(), 'merge', NOW);
    expect(result).toMatchObject({ status: 'applied', replacedLog: false });
    expect((await loadSettings()).value.people).toHaveLength(4);
    expect((await loadSettings()).value.lockHours).toBe(24);
  });

  it.each(['merge', 'replace'] as const)('%s: when the settings cannot be saved, the log part is taken out again and the answer says so', async (mode) => {
    await seedHere();
    const before = await everything();
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    expect(await importBackup(sampleBackup(), mode, NOW)).toEqual({
      status: 'refused',
      message: 'The settings could not be saved (Error: QUOTA_BYTES quota exceeded), so nothing was imported: the log is as it was.',
    });
    vi.restoreAllMocks();
    const after = await everything();
    expect(byId(after.attempts)).toEqual(byId(before.attempts));
    expect(byId(after.journal)).toEqual(byId(before.journal));
    expect(after.storage).toEqual(before.storage);
    await summaryAgrees();
  });

  it('when the log cannot be written, nothing is imported and the settings are not touched', async () => {
    await seedHere();
    const before = await everything();
    vi.spyOn(recordDb().journal, 'bulkAdd').mockRejectedValue(new Error('QuotaExceededError'));
    expect(await importBackup(sampleBackup(), 'merge', NOW)).toEqual({
      status: 'refused',
      message: 'The log could not be written (Error: QuotaExceededError), so nothing was imported.',
    });
    vi.restoreAllMocks();
    expect(await everything()).toEqual(before);
  });

  it('refuses, changing nothing, when the settings here cannot be read', async () => {
    await seedHere();
    const before = await everything();
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('IO error'));
    expect(await importBackup(sampleBackup(), 'replace', NOW)).toEqual({
      status: 'refused',
      message: 'Your settings could not be read just now, so nothing was imported. Try again in a moment.',
    });
    vi.restoreAllMocks();
    expect(await everything()).toEqual(before);
  });

  it('checks the file again: a backup whose ids repeat is refused by the background too, changing nothing', async () => {
    await seedHere();
    const before = await everything();
    const twice: BackupFile = sampleBackup();
    twice.journal[2]!.id = 'j-1';
    expect(await importBackup(twice, 'replace', NOW)).toEqual({ status: 'refused', message: expect.stringContaining('journal[2].id: the same id as journal[0]') });
    expect(await everything()).toEqual(before);
  });

  it('refuses a merge the settings cannot hold (over 200 people), changing nothing', async () => {
    const crowded = { ...here(), people: Array.from({ length: 199 }, (_, i) => ({ id: `here-${i}`, alias: `H${i}`, identifiers: [], addedAt: 1 })) };
    await seedHere(crowded);
    const before = await everything();
    expect(await importBackup(sampleBackup(), 'merge', NOW)).toEqual({ status: 'refused', message: expect.stringContaining('settings.people: Too big') });
    expect(await everything()).toEqual(before);
  });
});
