import type { BrowserContext, Page } from '@playwright/test';
import { expect, seedSettings, storageOf, test } from './support/extension';
import { expectPaused } from './support/pause';

/**
 * Opens the dashboard in a tab right after using `over` (headless Chromium shows no toolbar
 * popup): "here" is then the tab used just before.
 */
async function openPopup(context: BrowserContext, extensionId: string, over: Page): Promise<Page> {
  await over.bringToFront();
  // The browser makes the tab the active one a moment after bringToFront resolves; "here" is read from it.
  await over.waitForTimeout(50);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  return popup;
}

test.describe('Watch this person here', () => {
  test('adds the open profile’s identifiers to a new person, and the profile is then paused', async ({ context, background, serve, extensionId }) => {
    await seedSettings(background, []);
    await serve('https://www.instagram.com/**', 'instagram/app.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');

    const popup = await openPopup(context, extensionId, page);
    await popup.getByRole('button', { name: 'Watch this person here' }).click();
    const form = popup.getByRole('form', { name: 'Watch this person here' });
    await expect(form).toContainText('On Instagram this page shows: sam.lee');
    await form.getByLabel('Alias').fill('S.');
    await form.getByRole('button', { name: 'Watch' }).click();
    await expect(popup.getByRole('status')).toHaveText('Watching S. on Instagram.');

    const { settings } = (await storageOf(background)) as { settings: { people: { alias: string; identifiers: unknown[] }[] } };
    expect(settings.people).toEqual([
      expect.objectContaining({ alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] }),
    ]);
    await page.reload();
    await expectPaused(page);
  });

  test('says so on a site Clean Break does not run on', async ({ context, background, serve, extensionId }) => {
    await seedSettings(background, []);
    await serve('https://example.org/', 'instagram/direct-inbox.html');
    const page = await context.newPage();
    await page.goto('https://example.org/');
    const popup = await openPopup(context, extensionId, page);
    await popup.getByRole('button', { name: 'Watch this person here' }).click();
    await expect(popup.getByRole('status')).toHaveText('Clean Break does not run on this page’s site.');
  });
});
