import { attemptsOf, expect, seedSettings, test } from '../support/extension';
import { expectPaused, expectNotPaused } from '../support/pause';
import { expectDecided } from '@/tests/e2e/support/read-page';

// Watched on LinkedIn by vanity name, by the opaque member id messaging links carry, and by name.
const sam = {
  id: 'p-sam',
  alias: 'S.',
  identifiers: [
    { kind: 'handle', value: 'sam-lee-1a2b3c', site: 'linkedin' },
    { kind: 'accountId', value: 'ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456', site: 'linkedin' },
    { kind: 'name', value: 'Sam Lee', site: 'linkedin' },
  ],
};
const THREAD = 'https://www.linkedin.com/messaging/thread/2-ZTU2ZGQ0ZTQtYjE2Mi00ZDE2LWE2NzItMjQ5ODcyZTRmYzYzXzAxMA==/';

test.describe('LinkedIn', () => {
  test.beforeEach(async ({ background }) => seedSettings(background, [sam]));

  test('their profile is paused on a full page load and when reached in-app from the feed', async ({ context, background, serve }) => {
    await serve('https://www.linkedin.com/**', 'linkedin/app.html');
    const page = await context.newPage();
    await page.goto('https://www.linkedin.com/in/sam-lee-1a2b3c/');
    await expectPaused(page);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['profile', 'pending']]);

    const feed = await context.newPage();
    await feed.goto('https://www.linkedin.com/feed/');
    await expectDecided(feed, background);
    await feed.click('#actor-sam');
    await expect(feed).toHaveURL('https://www.linkedin.com/in/sam-lee-1a2b3c/');
    await expectPaused(feed);
  });

  test('a thread opened from the messaging list, whose pane fills late, is paused; the list, a group and someone else are not', async ({ context, serve, background }) => {
    await serve('https://www.linkedin.com/**', 'linkedin/app.html');
    const page = await context.newPage();
    await page.goto('https://www.linkedin.com/messaging/');
    await expectDecided(page, background);

    for (const row of ['#row-group', '#row-jo-other-77']) {
      await page.click(row);
      await expect(page.locator('.msg-title-bar')).toBeVisible();
      await expectDecided(page, background, row);
    }

    await page.click('#row-sam-lee-1a2b3c');
    await expect(page).toHaveURL(THREAD);
    await expectPaused(page);
  });

  test('a chat bubble with them opened over the feed (no URL change) is paused; a bubble with someone else or a group is not', async ({ context, background, serve }) => {
    await serve('https://www.linkedin.com/**', 'linkedin/app.html');
    const page = await context.newPage();
    await page.goto('https://www.linkedin.com/feed/');
    await page.click('#open-bubble-jo');
    await page.click('#open-group-bubble');
    await expect(page.locator('.msg-overlay-conversation-bubble')).toHaveCount(2);
    await expectDecided(page, background);

    await page.click('#open-bubble-sam');
    await expectPaused(page);
    expect(page.url()).toBe('https://www.linkedin.com/feed/');
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);

    // Leave closes their bubble only, and stays on the feed with the others open.
    await page.keyboard.press('Enter');
    await expectNotPaused(page);
    await expect(page.locator('.msg-overlay-conversation-bubble')).toHaveCount(2);
    await expect(page.locator('.msg-overlay-conversation-bubble', { hasText: 'Sam Lee' })).toHaveCount(1); // the group
    expect(page.url()).toBe('https://www.linkedin.com/feed/');
    await expect.poll(async () => (await attemptsOf(background)).map((a) => a.outcome)).toEqual(['left']);
    await expectDecided(page, background);
  });

  test('a bubble open in the 2025–26 overlay shadow root is paused on a full page load', async ({ context, serve }) => {
    await serve('https://www.linkedin.com/feed/', 'linkedin/bubble-shadow.html');
    const page = await context.newPage();
    await page.goto('https://www.linkedin.com/feed/');
    await expectPaused(page);
  });

  // The watcher observes the document, and mutations inside a shadow root do not reach it: a
  // bubble that opens later inside div#interop-outlet's shadow root goes unnoticed until
  // something else on the page changes. Needs the watcher to observe that shadow root too.
  test('a bubble opened later inside the overlay shadow root is paused', async ({ context, serve }) => {
    await serve('https://www.linkedin.com/**', 'linkedin/app.html');
    const page = await context.newPage();
    await page.goto('https://www.linkedin.com/feed/');
    await page.click('#open-shadow-bubble-sam');
    await expectPaused(page);
    // Leave closes the bubble inside the shadow root too, and stays on the feed.
    await page.keyboard.press('Enter');
    await expectNotPaused(page);
    await expect(page.locator('#interop-outlet .msg-overlay-conversation-bubble')).toHaveCount(0);
    expect(page.url()).toBe('https://www.linkedin.com/feed/');
  });

  test('search results, a group thread and a group bubble that show them are not paused on a full load', async ({ context, serve, background }) => {
    const group = 'https://www.linkedin.com/messaging/thread/2-YWJjZGVmMDEtMjM0NS00Njc4LTlhYmMtZGVmMDEyMzQ1Njc4XzAxMA==/';
    await serve('https://www.linkedin.com/search/**', 'linkedin/search-results.html');
    await serve(group, 'linkedin/thread-group.html');
    await serve('https://www.linkedin.com/feed/', 'linkedin/bubble-group.html');
    const page = await context.newPage();
    for (const quiet of ['https://www.linkedin.com/search/results/people/?keywords=sam%20lee', group, 'https://www.linkedin.com/feed/']) {
      await page.goto(quiet);
      await expectDecided(page, background, quiet);
    }
  });
});
