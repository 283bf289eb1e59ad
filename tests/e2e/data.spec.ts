// First: the helpers shared with the unit tests read the English messages in Node.
import './support/node-messages';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { attemptsOf, expect, journalOf, launch, seedRecord, seedSettings, storageOf, test } from './support/extension';
import { expectPaused } from './support/pause';
import { malformedBackups, refusalPattern } from '../unit/support/malformed-backups';
import { sampleBackup } from '../unit/support/backup-sample';

const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };

/** Two attempts today and a journal entry, as if recorded in this profile. */
function record(now: number) {
  const attempt = (id: string, startedAt: number, outcome: string) => ({
    id,
    startedAt,
    personId: 'p-sam',
    site: 'instagram',
    kind: 'profile',
    outcome,
    endedAt: startedAt + 15_000,
    secondsOnScreen: 15,
    journalWritten: false,
    feeling: null,
    tabId: null,
    abandonedAt: null,
  });
  return {
    attempts: [attempt('a-early', now - 60_000, 'left'), attempt('a-late', now - 30_000, 'continued')],
    journal: [{ id: 'j-1', writtenAt: now - 20_000, personId: 'p-sam', site: 'instagram', attemptId: 'a-late', text: 'I wanted to ask how they are.' }],
  };
}

async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('heading', { name: 'Your data' })).toBeVisible();
  return options;
}

const yourData = (options: Page) => options.getByRole('region', { name: 'Your data' });

/** Everything an import could change: the extension's storage and its log database. */
/**
 * What the user has: storage, the log and the journal. The watch indexes (`watch:<site>`,
 * `watchCustomSites`) are left out: the background compiles them from the settings, and writes
 * them again after a seed whenever it gets to it, which is no change of anything the user has.
 */
async function everything(background: Worker) {
  // Derived and machine-local, rewritten by the background on its own (the watch indexes, the stopping rules' key): not the user's data.
  const storage = Object.fromEntries(Object.entries(await storageOf(background)).filter(([key]) => !key.startsWith('watch') && key !== 'stopKey'));
  return { storage, attempts: await attemptsOf(background), journal: await journalOf(background) };
}

test.describe('your data', () => {
  test('export everything from one profile, import it into a fresh one: the person is watched there and the log is in its popup', async ({
    context,
    background,
    extensionId,
  }) => {
    const now = Date.now();
    await seedSettings(background, [sam], { countdownSeconds: 5 });
    await seedRecord(background, record(now));
    const options = await openOptions(context, extensionId);
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      yourData(options).getByRole('button', { name: 'Export everything (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^clean-break-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const file = (await download.path())!;
    const backup = JSON.parse(readFileSync(file, 'utf8'));
    expect(backup).toMatchObject({ format: 'clean-break-backup', version: 1, settings: { people: [sam], countdownSeconds: 5 } });
    expect(backup.attempts.map((a: { id: string }) => a.id)).toEqual(['a-early', 'a-late']);
    await expect(yourData(options).getByRole('status')).toHaveText('Everything was exported as one file.');

    // A second browser profile, fresh: its own storage and database.
    const fresh = await launch();
    const stray: string[] = [];
    try {
      const { context: other } = fresh;
      await other.route((url) => url.protocol === 'http:' || url.protocol === 'https:', (route) => {
        stray.push(route.request().url());
        return route.abort('blockedbyclient');
      });
      const worker = other.serviceWorkers()[0] ?? (await other.waitForEvent('serviceworker'));
      const otherId = new URL(worker.url()).host;
      const otherOptions = await openOptions(other, otherId);
      const data = yourData(otherOptions);
      await data.getByLabel('Backup file').setInputFiles(file);
      await data.getByLabel(/^Replace:/).check();
      await data.getByRole('button', { name: 'Import…' }).click();
      const dialog = otherOptions.getByRole('dialog', { name: 'Import this backup?' });
      await expect(dialog).toContainText('holds 1 person, 2 attempts and 1 journal entry');
      await dialog.getByRole('button', { name: 'Replace with it' }).click();
      await expect(dialog).toBeHidden();
      await expect(data.getByRole('status')).toHaveText(
        'Imported: 1 person from the file are watched. 2 attempts and 1 journal entry now make up the log and the journal.',
      );
      // The options page shows the person, as stored.
      await expect(otherOptions.getByRole('article', { name: 'S.' })).toContainText('Username sam.lee on Instagram');

      // The popup shows the imported log.
      const popup = await other.newPage();
      await popup.goto(`chrome-extension://${otherId}/popup.html`);
      await expect(popup.getByTestId('today')).toHaveText('2');
      await expect(popup.getByTestId('recent')).toContainText('S.’s profile on Instagram: Continued');
      await expect(popup.getByTestId('recent')).toContainText('S.’s profile on Instagram: Left');

      // Their profile pauses in the fresh profile.
      const body = readFileSync('tests/fixtures/instagram/app.html');
      await other.route('https://www.instagram.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
      const page = await other.newPage();
      await page.goto('https://www.instagram.com/sam.lee/');
      await expectPaused(page);
      await expect.poll(async () => (await attemptsOf(worker)).length).toBe(3);
      await expect(popup.getByTestId('today')).toHaveText('3');
      expect(stray).toEqual([]);
    } finally {
      await fresh.context.close();
      rmSync(fresh.userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
  });

  test('100 generated malformed files are each refused with a message saying what and where, and nothing changes', async ({ context, background, extensionId }) => {
    test.setTimeout(240_000);
    await seedSettings(background, [sam]);
    await seedRecord(background, record(Date.now()));
    const before = await everything(background);
    const options = await openOptions(context, extensionId);
    const data = yourData(options);
    const generated = malformedBackups(sampleBackup());
    // The unit test's 100 files (tests/unit/malformed-backups.ts), each through the page as a
    // person would import it. Choosing the next file empties the alert, so each message checked
    // is that file's own.
    expect(generated).toHaveLength(100);
    const files = generated.map((file) => ({ name: file.name, buffer: Buffer.from(file.text), says: file.says }));
    for (const [index, file] of files.entries()) {
      await data.getByLabel('Backup file').setInputFiles({ name: `file-${index}.json`, mimeType: 'application/json', buffer: file.buffer });
      await data.getByLabel(index % 2 ? /^Replace:/ : /^Merge:/).check();
      await data.getByRole('button', { name: 'Import…' }).click();
      const alert = data.getByRole('alert');
      await expect(alert, file.name).toHaveText(refusalPattern(file.says));
      await expect(options.getByRole('dialog')).toHaveCount(0);
    }
    expect(await everything(background)).toEqual(before);
  });

  test('a file over 50 MB is refused before it is read', async ({ context, background, extensionId }) => {
    await seedSettings(background, [sam]);
    const before = await everything(background);
    const options = await openOptions(context, extensionId);
    const data = yourData(options);
    // 51 MB of zero bytes (a sparse file: nothing is written to disk). Read, it would be "not JSON": the size is checked first.
    const dir = mkdtempSync(path.join(tmpdir(), 'clean-break-huge-'));
    const huge = path.join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, 51 * 1024 * 1024);
    try {
      await data.getByLabel('Backup file').setInputFiles(huge);
      await data.getByRole('button', { name: 'Import…' }).click();
      await expect(data.getByRole('alert')).toHaveText('The file is 51.0 MB; a Clean Break backup is at most 50.0 MB. Nothing was imported.');
      await expect(options.getByRole('dialog')).toHaveCount(0);
      expect(await everything(background)).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('with the protection lock on, an import that takes protection away waits, says until when, and deletes nothing from the log', async ({
    context,
    background,
    extensionId,
  }) => {
    const jo = { id: 'p-jo', alias: 'Jo', identifiers: [{ kind: 'handle', value: 'jo.other', site: 'instagram' }] };
    await seedSettings(background, [sam, jo], { lockHours: 24 });
    await seedRecord(background, record(Date.now()));
    const options = await openOptions(context, extensionId);
    const data = yourData(options);
    // Another browser's backup, without Jo.
    await data.getByLabel('Backup file').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(sampleBackup())) });
    await data.getByLabel(/^Replace:/).check();
    await data.getByRole('button', { name: 'Import…' }).click();
    const dialog = options.getByRole('dialog', { name: 'Import this backup?' });
    await expect(dialog).toContainText('The protection lock is on: the file’s attempts and journal entries are added and nothing in the log is deleted');
    await dialog.getByRole('button', { name: 'Replace with it' }).click();
    const status = data.getByRole('status');
    // The file's j-1 is already here (the same id): kept as it is, so two of its three entries are added.
    await expect(status).toContainText('5 attempts and 2 journal entries were added to the log and the journal.');
    await expect(status).toContainText('Your import takes protection away (stop watching Jo; turn off TikTok; shorten the lock from 24 hours to Off)');
    await expect(status).toContainText('so its settings will apply on');
    // Jo is still watched; the log kept its own entries and gained the file's.
    await expect(options.getByRole('article', { name: 'Jo' })).toBeVisible();
    expect((await attemptsOf(background)).map((a) => a.id).sort()).toEqual(['a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-early', 'a-late']);
    const { pending } = (await storageOf(background)) as { pending: { change: { type: string } }[] };
    expect(pending.map((held) => held.change.type)).toEqual(['replaceSettings']);
  });

  test('clearing the log asks first; Cancel keeps it, confirming clears it', async ({ context, background, extensionId }) => {
    await seedSettings(background, [sam]);
    await seedRecord(background, record(Date.now()));
    const options = await openOptions(context, extensionId);
    const data = yourData(options);

    await data.getByRole('button', { name: 'Clear the log…' }).click();
    const dialog = options.getByRole('dialog', { name: 'Clear the log?' });
    await expect(dialog).toBeVisible();
    // Cancel has the focus: Enter on a dialog that just opened does not clear the log.
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(await attemptsOf(background)).toHaveLength(2);

    // Escape cancels too.
    await data.getByRole('button', { name: 'Clear the log…' }).click();
    await expect(dialog).toBeVisible();
    await options.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(await attemptsOf(background)).toHaveLength(2);

    await data.getByRole('button', { name: 'Clear the log…' }).click();
    await dialog.getByRole('button', { name: 'Clear the log' }).click();
    await expect(data.getByRole('status')).toHaveText('The log was cleared.');
    expect(await attemptsOf(background)).toEqual([]);
    // The journal is kept.
    expect(await journalOf(background)).toHaveLength(1);
  });

  test('with the protection lock on, clearing the log waits out the cool-off and says until when', async ({ context, background, extensionId }) => {
    await seedSettings(background, [sam], { lockHours: 24 });
    await seedRecord(background, record(Date.now()));
    const options = await openOptions(context, extensionId);
    const data = yourData(options);
    await data.getByRole('button', { name: 'Clear the log…' }).click();
    const dialog = options.getByRole('dialog', { name: 'Clear the log?' });
    await expect(dialog).toContainText('The protection lock is on');
    await dialog.getByRole('button', { name: 'Clear the log' }).click();
    await expect(data.getByRole('status')).toContainText('Clearing the log is pending until');
    expect(await attemptsOf(background)).toHaveLength(2);
    const { pending } = (await storageOf(background)) as { pending: { change: { type: string } }[] };
    expect(pending.map((held) => held.change.type)).toEqual(['clearLog']);
  });
});
