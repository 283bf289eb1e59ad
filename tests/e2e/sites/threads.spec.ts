import type { Worker } from '@playwright/test';
import { attemptsOf, expect, seedSettings, test } from '../support/extension';
import { expectPaused } from '../support/pause';
import { expectDecided } from '@/tests/e2e/support/read-page';

// On Threads the person is their @username (their Instagram username).
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'threads' }] };

/** Attempts begun since `since`: the previous test's page, closed at teardown, may still be recording its own. */
async function attemptsSince(background: Worker, since: number) {
  return (await attemptsOf(background)).filter((attempt) => (attempt.startedAt as number) >= since).map((a) => [a.kind, a.outcome]);
}

test.describe('Threads', () => {
  test.beforeEach(async ({ background, serve }) => {
    await seedSettings(background, [sam]);
    for (const host of ['www.threads.com', 'www.threads.net']) await serve(`https://${host}/**`, 'threads/app.html');
  });

  test('their profile opened in the app is paused; the feed, activity, search, a similar name and another post are not', async ({
    context,
    background,
  }) => {
    const since = Date.now();
    const page = await context.newPage();
    await page.goto('https://www.threads.com/');
    await expectDecided(page, background, 'feed');
    for (const link of ['nav a[href="/activity"]', 'nav a[href="/search"]', '#link-similar', '#link-other-post']) {
      await page.locator(link).click();
      await expectDecided(page, background, link);
    }
    await page.locator('#link-watched').click();
    await expectPaused(page);
    await expect.poll(() => attemptsSince(background, since)).toEqual([['profile', 'pending']]);
  });

  test('their post on the threads.net host is paused on load', async ({ context }) => {
    const page = await context.newPage();
    await page.goto('https://www.threads.net/@sam.lee/post/C9xYzAbCdEf');
    await expectPaused(page);
  });
});
