import type { Worker } from '@playwright/test';
import { attemptsOf, expect, seedSettings, test } from '../support/extension';
import { axNodes, clickNode, continueThrough, coveredItems, expectNotPaused, expectPaused } from '../support/pause';
import { expectDecided } from '@/tests/e2e/support/read-page';

// On Bluesky the person is their handle.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.bsky.social', site: 'bluesky' }] };

/** Attempts begun since `since`: the previous test's page, closed at teardown, may still be recording its own. */
async function attemptsSince(background: Worker, since: number) {
  return (await attemptsOf(background))
    .filter((attempt) => (attempt.startedAt as number) >= since)
    .sort((a, b) => (a.startedAt as number) - (b.startedAt as number))
    .map((a) => [a.kind, a.outcome]);
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

  test('their row in the chat list is softened (the group whose last message is theirs is not); seen through the pause, their conversation opened from it is paused; another person and a group are not', async ({
    context,
    background,
  }) => {
    const since = Date.now();
    const page = await context.newPage();
    await page.goto('https://bsky.app/messages');
    await expectDecided(page, background, 'chat list');
    // docs/sites/bluesky.md#chat-list-rows: the row's link into the conversation is covered.
    const rows = () => coveredItems(page, 'a[href^="/messages/"]', 'href');
    await expect.poll(rows).toEqual([['/messages/3ksamdirect2a', true], ['/messages/3kjodirect22b', false], ['/messages/3kgroupchat2c', false]]);
    expect((await axNodes(page)).some((node) => node.name === 'ok see you')).toBe(false);
    for (const convo of ['3kjodirect22b', '3kgroupchat2c']) {
      await page.locator(`a[href="/messages/${convo}"]`).first().click();
      await expect(page.locator('[data-testid="convoScreen"]')).toBeVisible();
      await expectDecided(page, background, convo);
    }
    expect(await attemptsSince(background, since)).toEqual([]);

    // A press on the cover beside See it opens nothing: the row is a link, and its click stops there.
    await page.goto('https://bsky.app/messages');
    await expectDecided(page, background, 'chat list again');
    await clickNode(page, (await axNodes(page)).find((node) => node.role === 'StaticText' && node.name === 'From S.')!);
    await expectNotPaused(page, 1000);
    expect(page.url()).toBe('https://bsky.app/messages');
    expect(await attemptsSince(background, since)).toEqual([]);

    // Their row, seen through the pause (a look: their last message, not their chat), then opened.
    const seeIt = (await axNodes(page)).find((node) => node.role === 'button' && node.name === 'See it');
    await clickNode(page, seeIt!);
    await continueThrough(page);
    await expect.poll(async () => (await axNodes(page)).some((node) => node.name === 'ok see you')).toBe(true);
    await page.locator('a[href="/messages/3ksamdirect2a"]').first().click();
    await expectPaused(page);
    await expect.poll(() => attemptsSince(background, since)).toEqual([['reveal', 'continued'], ['thread', 'pending']]);
  });

  test('their conversation is paused on a full page load', async ({ context, serve }) => {
    await serve('https://bsky.app/messages/3ksamdirect2a', 'bluesky/messages-convo.html');
    const page = await context.newPage();
    await page.goto('https://bsky.app/messages/3ksamdirect2a');
    await expectPaused(page);
  });
});
