import type { Worker } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, seed, seedMetaRow, storageOf, test } from './support/extension';
import { expectPaused } from './support/pause';

/**
 * Garbage in every storage item, and a summary row that does not parse: the extension keeps
 * protecting with what it can read, keeps the raw value, and its pages say what happened.
 */
const halfValid = JSON.parse(readFileSync(path.resolve('tests/fixtures/storage/half-valid.json'), 'utf8'));
const halfValidSettings: unknown = halfValid.settings;
const garbage: Record<string, unknown> = halfValid.garbage;

/** The raw settings kept in storage.local's backups (utils/store/storage.ts), once kept. */
async function settingsBackup(worker: Worker): Promise<unknown> {
  const { backups } = await storageOf(worker);
  return Array.isArray(backups) ? backups.find((backup) => backup.item === 'settings')?.raw : undefined;
}

test('half-valid settings and garbage everywhere: the readable person is still paused, the raw settings are kept, both pages say so', async ({
  context,
  background,
  extensionId,
  serve,
}) => {
  await serve('https://www.instagram.com/**', 'instagram/app.html');
  await seed(background, { settings: halfValidSettings, ...garbage });
  await seedMetaRow(background, { key: 'summary', value: 'not figures' });

  // Both pages open, say the settings were set aside, and show what could be read.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('alert').filter({ hasText: 'Some saved settings could not be read and were set aside' })).toBeVisible();
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByText('Some saved settings could not be read; they were set aside')).toBeVisible();
  await expect(options.getByRole('article', { name: 'S.' })).toBeVisible();

  // The person who still parses is protected.
  const page = await context.newPage();
  await page.goto('https://www.instagram.com/sam.lee/');
  await expectPaused(page);

  // Until something is saved the raw value stays where it was; the first save keeps it in the backups.
  expect((await storageOf(background)).settings).toEqual(halfValidSettings);
  await options.getByRole('group', { name: 'Built-in sites' }).getByRole('checkbox', { name: 'TikTok' }).uncheck();
  await expect(options.locator('main > p.status')).toHaveText('TikTok is no longer watched.');
  await expect.poll(() => settingsBackup(background)).toEqual(halfValidSettings);
  const stored = await storageOf(background);
  expect(stored.settings).toMatchObject({ people: [expect.objectContaining({ id: 'p-sam' })], disabledSites: ['tiktok'] });

  // The figures that did not parse are counted again from the log, not shown as zeros meanwhile.
  await popup.reload();
  await expect(popup.getByTestId('today')).toHaveText('1');
});

test('settings that are a bare string: the pages say so, the raw string is kept, nothing crashes', async ({ context, background, extensionId }) => {
  await seed(background, { settings: 'garbage', ...garbage });
  await seedMetaRow(background, { key: 'summary', value: 'not figures' });

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('alert').filter({ hasText: 'Some saved settings could not be read and were set aside' })).toBeVisible();
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByText('Some saved settings could not be read; they were set aside')).toBeVisible();

  expect((await storageOf(background)).settings).toBe('garbage');
  await options.getByRole('group', { name: 'Built-in sites' }).getByRole('checkbox', { name: 'TikTok' }).uncheck();
  await expect(options.locator('main > p.status')).toHaveText('TikTok is no longer watched.');
  await expect
    .poll(() => settingsBackup(background))
    .toBe('garbage');
  await popup.reload();
  await expect(popup.getByTestId('today')).toHaveText('0');
});
