import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { accept } from '@/utils/background/accept';
import { parseBackup } from '@/utils/model/backup';
import { recordDb } from '@/utils/store/db';
import { importBackup } from '@/utils/background/import';
import { settingsItem } from '@/utils/store/storage';
import { EXPORTED_AT, sampleAttempt, sampleBackup, sampleJournal, sampleSettings } from './support/backup-sample';
import { malformedBackups, refusalPattern, type Malformed } from './support/malformed-backups';
import { everything } from './support/record';

const files = malformedBackups(sampleBackup());
const expected = refusalPattern;

const optionsPage = (() => {
  const origin = browser.runtime.getURL('/').replace(/\/$/, '');
  return { id: browser.runtime.id, url: `${origin}/options.html`, origin };
})();

/**
 * Each file goes the whole way an import goes: the options page reads it (parseBackup), and,
 * were a page to send it anyway, the background takes it (the request's schema, then
 * importBackup's own checks). Every one is refused on both sides, and afterwards storage and
 * the database are exactly as seeded.
 */
describe('100 generated malformed backup files', () => {
  // The setup file empties the database before each test: this suite seeds once and keeps it.
  let before: Awaited<ReturnType<typeof everything>>;
  const seed = async () => {
    fakeBrowser.reset();
    await settingsItem.setValue({ ...sampleSettings(), people: [{ id: 'p-here', alias: 'Here', identifiers: [], addedAt: 1 }] });
    await recordDb().attempts.bulkPut([sampleAttempt('here-1', EXPORTED_AT - 5_000), sampleAttempt('here-2', EXPORTED_AT - 1_000)]);
    await recordDb().journal.bulkPut([sampleJournal('here-j', EXPORTED_AT - 2_000)]);
    before = await everything();
  };
  beforeAll(seed);

  it('are 100 different files, of every kind of damage', () => {
    expect(files).toHaveLength(100);
    expect(new Set(files.map((file) => file.text)).size).toBe(100);
    expect(new Set(files.map((file) => file.name.split(':')[0]!.replace(/^#\d+ /, ''))).size).toBe(10);
  });

  it('each one is refused by the page with a message that says what and where, and by the background; nothing changed', async () => {
    await seed();
    const refusedBy = { page: 0, schema: 0, importBackup: 0 };
    /** Where the background refused it: by the request's schema, or by importBackup's own checks (null: not JSON, never sent). */
    const sendAnyway = async (file: Malformed, mode: 'merge' | 'replace') => {
      let raw: unknown;
      try {
        raw = JSON.parse(file.text);
      } catch {
        return;
      }
      let request: ReturnType<typeof accept<'importBackup'>>;
      try {
        request = accept('importBackup', { mode, backup: raw }, optionsPage);
      } catch (error) {
        expect(error, file.name).toBeInstanceOf(Error);
        refusedBy.schema += 1;
        return;
      }
      // Past the schema (ids that repeat, a custom site for the whole web): the background's own check.
      expect(await importBackup(request.backup, request.mode), file.name).toEqual({
        status: 'refused',
        message: expect.stringMatching(expected(file.says)),
      });
      refusedBy.importBackup += 1;
    };
    for (const [index, file] of files.entries()) {
      const parsed = parseBackup(file.text);
      expect(parsed.ok, file.name).toBe(false);
      if (!parsed.ok) expect(parsed.message, file.name).toMatch(expected(file.says));
      refusedBy.page += 1;
      await sendAnyway(file, index % 2 ? 'replace' : 'merge');
      expect(await everything(), file.name).toEqual(before);
    }
    expect(refusedBy.page).toBe(100);
    // Both of the background's checks were reached by some of the files.
    expect(refusedBy.schema).toBeGreaterThan(40);
    expect(refusedBy.importBackup).toBeGreaterThan(3);
  });

  it('and the file they were made from is taken by both, and changes what is stored (so the test above could fail)', async () => {
    await seed();
    const text = JSON.stringify(sampleBackup());
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(true);
    const request = accept('importBackup', { mode: 'merge', backup: JSON.parse(text) }, optionsPage);
    expect(await importBackup(request.backup, request.mode)).toMatchObject({ status: 'applied', attempts: 5, journal: 3 });
    const after = await everything();
    expect(after.attempts).toHaveLength(7);
    expect(after.storage).not.toEqual(before.storage);
  });
});
