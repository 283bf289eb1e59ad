import type { Page } from '@playwright/test';
import type { Person, Settings } from '@/utils/model/schema';
import { INDEX_KEY, stampLocal } from '@/utils/model/sync';
import { splitForSync } from '@/utils/model/sync-packing';
import { expect, seedSettings, storageOf, test } from './support/extension';
import { expectPaused } from './support/pause';

/*
 * Issue 10, "Sync, as an option". Chromium keeps chrome.storage.sync on the device even with no
 * account signed in (and with --disable-sync), with its quotas: the extension's own pages read
 * and write it here as another browser's sync would.
 */
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };
const kim: Person = { id: 'p-kim', alias: 'K.', addedAt: 2, identifiers: [{ kind: 'handle', value: 'kim.r', site: 'instagram' }] };

const syncBox = (options: Page) =>
  options.getByRole('region', { name: 'Sync' }).getByRole('checkbox', { name: 'Keep my settings in my browser account’s sync' });
/**
 * Sync turned off as the user does it. Its answer comes once every sync the background had begun
 * is done (one queue), so nothing of this test is written into the next one's sync area.
 */
async function turnSyncOff(options: Page) {
  await syncBox(options).uncheck();
  await expect(options.getByRole('region', { name: 'Sync' }).getByRole('status').filter({ hasText: /^Sync is off/ })).toBeVisible();
}

const syncArea = (page: Page) => page.evaluate(() => chrome.storage.sync.get(null));
const writeSync = (page: Page, items: Record<string, unknown>) => page.evaluate((items) => chrome.storage.sync.set(items), items);
/** Every item's size as Chromium counts it against QUOTA_BYTES_PER_ITEM: key plus JSON value. */
const itemSizes = (page: Page) =>
  page.evaluate(async () =>
    Object.entries(await chrome.storage.sync.get(null)).map(([key, value]) => new TextEncoder().encode(key + JSON.stringify(value)).length),
  );

/** What another browser that changed everything at `at` puts into the sync area. */
function anotherBrowsersItems(settings: Settings, at: number): Record<string, unknown> {
  const split = splitForSync(settings, stampLocal({ fields: {}, people: {}, tomb: {} }, settings, at, 'other-browser'));
  if (!split.ok) throw new Error(split.problem.message);
  return split.items;
}

test.describe('sync', () => {
  test.beforeEach(async ({ background }) => {
    await background.evaluate(() => chrome.storage.sync.clear());
  });
  test.afterEach(async ({ background }) => {
    await background.evaluate(() => chrome.storage.sync.clear());
  });

  test('turned on in options, the settings are in the sync area; another browser’s change arrives in options and pauses its profile', async ({
    context,
    background,
    extensionId,
    serve,
    strayRequests,
  }) => {
    await seedSettings(background, [sam]);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const section = options.getByRole('region', { name: 'Sync' });
    const box = section.getByRole('checkbox', { name: 'Keep my settings in my browser account’s sync' });
    await expect(box).not.toBeChecked();
    // Off by default: nothing is written.
    expect(await syncArea(options)).toEqual({});

    await box.check();
    await expect(section.getByRole('status').filter({ hasText: /^Last synced / })).toBeVisible();
    const area = await syncArea(options);
    expect(area['p.p-sam']).toMatchObject({ n: 1, v: { id: 'p-sam', alias: 'S.', addedAt: 1 }, l: sam.identifiers });
    expect(area['s.countdownSeconds']).toMatchObject({ n: 1, v: 3 });
    expect(area[INDEX_KEY]).toEqual({ v: 1, tomb: {} });
    // The settings only: nothing of the log, the journal, the friend's code or the lock's pending changes.
    expect(Object.keys(area).every((key) => key === INDEX_KEY || key.startsWith('s.') || key.startsWith('p.'))).toBe(true);
    for (const size of await itemSizes(options)) expect(size).toBeLessThanOrEqual(8192);

    // Another browser adds Kim and lengthens the countdown.
    const local = (await storageOf(background)).settings as Settings;
    const theirs = { ...local, people: [...local.people, kim], countdownSeconds: 7 };
    await writeSync(options, anotherBrowsersItems(theirs, Date.now() + 1_000));

    await expect(options.getByRole('article', { name: 'K.' })).toBeVisible();
    // The pause form shows the settings as they were when the page opened (its draft): reopened, the new countdown.
    await options.reload();
    await expect(options.getByRole('spinbutton', { name: 'Countdown before Continue (seconds)' })).toHaveValue('7');
    expect((await storageOf(background)).settings).toMatchObject({ countdownSeconds: 7, people: [expect.objectContaining({ id: 'p-sam' }), kim] });

    await serve('https://www.instagram.com/**', 'instagram/app.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/kim.r/');
    await expectPaused(page);
    expect(strayRequests).toEqual([]);
    await turnSyncOff(options);
  });

  test('with the lock on, turning sync on weakens nothing, and a removal made on another browser waits here through the lock', async ({
    context,
    background,
    extensionId,
  }) => {
    // The account already holds settings from another browser: Sam only, a 3-second countdown, no lock.
    await seedSettings(background, [sam, { ...kim, identifiers: kim.identifiers }], { countdownSeconds: 30, lockHours: 24 });
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const before = (await storageOf(background)).settings as Settings;
    const theirs: Settings = { ...before, people: before.people.filter((p) => p.id === 'p-sam'), countdownSeconds: 3, lockHours: 0 };
    await writeSync(options, anotherBrowsersItems(theirs, Date.now() - 60_000));

    const section = options.getByRole('region', { name: 'Sync' });
    await section.getByRole('checkbox', { name: 'Keep my settings in my browser account’s sync' }).check();
    await expect(section.getByRole('status').filter({ hasText: /^Last synced / })).toBeVisible();
    // This browser's lock is on: nobody removed, the countdown not shortened; and the sync area now says so.
    expect((await storageOf(background)).settings).toMatchObject({ countdownSeconds: 30, lockHours: 24, people: before.people });
    await expect.poll(async () => ((await syncArea(options))['s.countdownSeconds'] as { v: number }).v).toBe(30);
    expect((await syncArea(options))['p.p-kim']).toMatchObject({ v: { alias: 'K.' } });

    // Now, with sync on, the other browser removes Kim (its own lock, or a code made there, let
    // it): here it goes through this browser's lock. Kim stays watched, the removal waits its
    // 24 hours here, and Kim is back in the sync area for the other browser.
    const area = await syncArea(options);
    await options.evaluate(() => chrome.storage.sync.remove('p.p-kim'));
    await writeSync(options, { [INDEX_KEY]: { v: 1, tomb: { ...(area[INDEX_KEY] as { tomb: object }).tomb, 'p-kim': Date.now() + 1_000 } } });
    await expect(options.getByRole('listitem', { name: 'Stop watching K.' })).toBeVisible();
    await expect(options.getByRole('article', { name: 'K.' })).toHaveCount(1);
    expect(((await storageOf(background)).settings as Settings).people.map((p) => p.id)).toEqual(['p-sam', 'p-kim']);
    await expect.poll(async () => (await syncArea(options))['p.p-kim']).toMatchObject({ v: { alias: 'K.' } });
    await turnSyncOff(options);
  });

  test('settings too large for sync: the options page says so, and this browser’s settings stay as they were', async ({
    context,
    background,
    extensionId,
  }) => {
    const identifiers = Array.from({ length: 1000 }, (_, i) => ({ kind: 'handle', value: `${i}`.padStart(320, 'x'), site: 'instagram' }));
    await seedSettings(background, [sam, { id: 'p-max', alias: 'M.', identifiers }]);
    const before = (await storageOf(background)).settings;
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const section = options.getByRole('region', { name: 'Sync' });
    await section.getByRole('checkbox', { name: 'Keep my settings in my browser account’s sync' }).check();
    // The count as the extension writes it: in the browser's UI language ("1,000" in English).
    const thousand = new Intl.NumberFormat(await background.evaluate(() => chrome.i18n.getUILanguage())).format(1000);
    await expect(section.getByRole('alert')).toHaveText(
      new RegExp(
        `^Your settings take 3\\d\\d KB, more than your browser account’s sync holds for an extension \\(100 KB\\)\\. The largest: M\\.’s ${thousand} identifiers \\(3\\d\\d KB\\), .* Nothing was synced, and your settings on this browser are as they were\\.$`,
      ),
    );
    expect(await syncArea(options)).toEqual({});
    expect((await storageOf(background)).settings).toEqual(before);
    await turnSyncOff(options);
  });
});
