import { attemptsOf, expect, seedSettings, test } from '../support/extension';
import { expectPaused } from '../support/pause';
import { expectDecided } from '@/tests/e2e/support/read-page';

// Watched on Discord by the name their DM shows.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'name', value: 'Sam Lee', site: 'discord' }] };

test.describe('Discord', () => {
  test.beforeEach(async ({ background }) => seedSettings(background, [sam]));

  test('a DM with them is paused on a full page load', async ({ context, background, serve }) => {
    await serve('https://discord.com/channels/@me/1123456789012345678', 'discord/dm.html');
    const page = await context.newPage();
    await page.goto('https://discord.com/channels/@me/1123456789012345678');
    await expectPaused(page);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);
  });

  test('a DM opened from the sidebar (URL first, conversation later) is paused; the sidebar, a group DM and someone else are not', async ({ context, serve, background }) => {
    await serve('https://discord.com/**', 'discord/app.html');
    const page = await context.newPage();
    await page.goto('https://discord.com/channels/@me');
    await expectDecided(page, background);

    for (const row of ['#row-group', '#row-leeds']) {
      await page.click(row);
      await expect(page.locator('div[role="textbox"]')).toBeVisible();
      await expectDecided(page, background, row);
    }

    await page.click('#row-sam');
    await expect(page).toHaveURL('https://discord.com/channels/@me/1123456789012345678');
    await expectPaused(page);
  });

  test('a server channel where they write is not paused', async ({ context, serve, background }) => {
    await serve('https://discord.com/**', 'discord/app.html');
    const page = await context.newPage();
    await page.goto('https://discord.com/channels/@me');
    await page.click('#nav-server');
    await expect(page).toHaveURL('https://discord.com/channels/901234567890123456/1012345678901234567');
    await expect(page.locator('div[role="textbox"]')).toHaveAttribute('aria-label', 'Message #general');
    await expectDecided(page, background);
  });
});
