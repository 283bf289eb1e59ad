import type { Worker } from '@playwright/test';
import { attemptsOf, expect, seedSettings, test } from '../support/extension';
import { expectPaused } from '../support/pause';
import { expectDecided } from '@/tests/e2e/support/read-page';

// On TikTok the person is their @username.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'tiktok' }] };

/** Attempts begun since `since`: the previous test's page, closed at teardown, may still be recording its own. */
async function attemptsSince(background: Worker, since: number) {
  return (await attemptsOf(background)).filter((attempt) => (attempt.startedAt as number) >= since).map((a) => [a.kind, a.outcome]);
}

test.describe('TikTok', () => {
  test.beforeEach(async ({ background, serve }) => {
    await seedSettings(background, [sam]);
    await serve('https://www.tiktok.com/**', 'tiktok/app.html');
    await serve(/^https:\/\/www\.tiktok\.com\/messages(\?.*)?$/, 'tiktok/messages.html');
  });

  test('their profile opened in the app is paused; the feed, a search and a similar handle are not', async ({ context, background }) => {
    const since = Date.now();
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/foryou');
    await expectDecided(page, background, 'feed');
    await page.locator('#link-search').click();
    await expectDecided(page, background, 'search');
    await page.locator('#link-similar').click();
    await expect(page).toHaveURL('https://www.tiktok.com/@sam.lee2');
    await expectDecided(page, background, 'similar handle');

    await page.locator('#link-watched').click();
    await expectPaused(page);
    await expect.poll(() => attemptsSince(background, since)).toEqual([['profile', 'pending']]);
  });

  test('their video is paused on a full page load', async ({ context }) => {
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/@sam.lee/video/7312345678901234567');
    await expectPaused(page);
  });

  test('a chat opened in place, with no change of address, is paused; the list, another chat and a group are not', async ({
    context,
    background,
  }) => {
    const since = Date.now();
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/messages?lang=en');
    await expectDecided(page, background, 'conversation list');
    for (const row of ['#row-jo', '#row-group']) {
      await page.locator(row).click();
      await expect(page.locator('[data-e2e="dm-new-chatbox"]')).toBeVisible();
      await expectDecided(page, background, row);
    }
    expect(await attemptsSince(background, since)).toEqual([]);

    await page.locator('#row-sam').click();
    await expectPaused(page);
    expect(page.url()).toBe('https://www.tiktok.com/messages?lang=en');
    await expect.poll(() => attemptsSince(background, since)).toEqual([['thread', 'pending']]);
  });

  test('the 2022–24 messages layout is paused on load', async ({ context, serve }) => {
    await serve('https://www.tiktok.com/messages', 'tiktok/messages-chat-2023.html');
    const page = await context.newPage();
    await page.goto('https://www.tiktok.com/messages');
    await expectPaused(page);
  });
});
