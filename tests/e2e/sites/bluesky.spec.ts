import type { Worker } from '@playwright/test';
import { attemptsOf, expect, seedSettings, test } from '../support/extension';
import { expectPaused } from '../support/pause';
import { expectDecided } from '@/tests/e2e/support/read-page';

// On Bluesky the person is their handle.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.bsky.social', site: 'bluesky' }] };

/** Attempts begun since `since`: the previous test's page, closed at teardown, may still be recording its own. */
async function attemptsSince(background: Worker, since: number) {
  return (await attemptsOf(background)).filter((attempt) => (attempt.startedAt as number) >= since).map((a) => [a.kind, a.outcome]);
}

test.describe('Bluesky', () => {
  test.beforeEach(async ({ background, serve }) => {
    await seedSettings(background, [sam]);
    await serve('https://bsky.app/**', 'bluesky/app.html');
  });

  test('their profile opened in the app is paused; the feed, notifications, a search and a similar handle are not', async ({
    context,
    background,
  }) => {
    const since = Date.now();
    const page = await context.newPage();
    await page.goto('https://bsky.app/');
    await expectDecided(page, background, 'feed');
    for (const link of ['nav a[href="/notifications"]', 'nav a[href="/search"]', '#link-similar']) {
      await page.locator(link).click();
      await expectDecided(page, background, link);
    }
    await page.locator('#link-watched').click();
    await expectPaused(page);
    await expect.poll(() => attemptsSince(background, since)).toEqual([['profile', 'pending']]);
  });

  test('their post is paused on load', async ({ context }) => {
    const page = await context.newPage();
    await page.goto('https://bsky.app/profile/sam.bsky.social/post/3kabc2defgh2i');
    await expectPaused(page);
  });

  test('their conversation opened from the chat list is paused; the list, another person and a group are not', async ({
    context,
    background,
  }) => {
    const since = Date.now();
    const page = await context.newPage();
    await page.goto('https://bsky.app/messages');
    await expectDecided(page, background, 'chat list');
    for (const convo of ['3kjodirect22b', '3kgroupchat2c']) {
      await page.locator(`a[href="/messages/${convo}"]`).first().click();
      await expect(page.locator('[data-testid="convoScreen"]')).toBeVisible();
      await expectDecided(page, background, convo);
    }
    expect(await attemptsSince(background, since)).toEqual([]);

    await page.locator('a[href="/messages/3ksamdirect2a"]').click();
    await expectPaused(page);
    await expect.poll(() => attemptsSince(background, since)).toEqual([['thread', 'pending']]);
  });

  test('their conversation is paused on a full page load', async ({ context, serve }) => {
    await serve('https://bsky.app/messages/3ksamdirect2a', 'bluesky/messages-convo.html');
    const page = await context.newPage();
    await page.goto('https://bsky.app/messages/3ksamdirect2a');
    await expectPaused(page);
  });
});
