import { attemptsOf, expect, seedSettings, test } from '../extension';
import { waitForPause } from '../pause';
import { decided } from './read-page';

// Watched on Facebook by vanity name and by the name their chats carry.
const sam = {
  id: 'p-sam',
  alias: 'S.',
  identifiers: [
    { kind: 'handle', value: 'sam.lee.52', site: 'facebook' },
    { kind: 'name', value: 'Sam Lee', site: 'facebook' },
  ],
};

test.describe('Facebook', () => {
  test.beforeEach(async ({ background }) => seedSettings(background, [sam]));

  test('their profile is paused on a full page load', async ({ context, background, serve }) => {
    await serve('https://www.facebook.com/**', 'facebook/app.html');
    const page = await context.newPage();
    await page.goto('https://www.facebook.com/sam.lee.52');
    await waitForPause(page);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['profile', 'pending']]);
  });

  test('the feed that shows their post is not paused; opening their profile from it is', async ({ context, serve, background }) => {
    await serve('https://www.facebook.com/**', 'facebook/app.html');
    const page = await context.newPage();
    await page.goto('https://www.facebook.com/');
    await decided(page, background);

    // Someone else's profile, reached in-app, stays quiet too.
    await page.click('#post-other');
    await expect(page).toHaveURL('https://www.facebook.com/jo.other/');
    await decided(page, background);

    await page.goBack();
    await page.click('#post-author');
    await expect(page).toHaveURL('https://www.facebook.com/sam.lee.52/');
    await waitForPause(page);
  });

  test('a chat pop-up with them opened over the feed (no URL change) is paused; one with someone else is not', async ({ context, background, serve }) => {
    await serve('https://www.facebook.com/**', 'facebook/app.html');
    const page = await context.newPage();
    await page.goto('https://www.facebook.com/');
    await page.click('#contact-jo');
    await expect(page.locator('[data-pagelet="ChatTab"] [role="log"]')).toHaveAttribute('aria-label', 'Messages in conversation titled Jo Other');
    await decided(page, background);

    await page.click('#contact-sam');
    await waitForPause(page);
    expect(page.url()).toBe('https://www.facebook.com/');
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);

    // Leave closes that pop-up and stays on the feed beneath it.
    await page.keyboard.press('Enter');
    await waitForPause(page, false);
    await expect(page.locator('[data-pagelet="ChatTab"]')).toHaveCount(0);
    expect(page.url()).toBe('https://www.facebook.com/');
    await expect(page.locator('[role="feed"]')).toBeVisible();
    await expect.poll(async () => (await attemptsOf(background)).map((a) => a.outcome)).toEqual(['left']);
    await decided(page, background);
  });

  test('an open thread with them is paused; the inbox, a group chat and search results that list them are not', async ({ context, serve, background }) => {
    await serve('https://www.facebook.com/messages/', 'facebook/inbox.html');
    await serve('https://www.facebook.com/messages/t/5012345678901234/', 'facebook/group-thread.html');
    await serve(/^https:\/\/www\.facebook\.com\/search\//, 'facebook/search.html');
    await serve('https://www.facebook.com/messages/t/100012345678901/', 'facebook/thread.html');
    const page = await context.newPage();
    for (const quiet of [
      'https://www.facebook.com/messages/',
      'https://www.facebook.com/messages/t/5012345678901234/',
      'https://www.facebook.com/search/people/?q=sam%20lee',
    ]) {
      await page.goto(quiet);
      await decided(page, background, quiet);
    }

    await page.goto('https://www.facebook.com/messages/t/100012345678901/');
    await waitForPause(page);
  });

  test('the Messenger menu listing them over the feed is not paused', async ({ context, serve, background }) => {
    await serve('https://www.facebook.com/', 'facebook/feed-messenger-menu.html');
    const page = await context.newPage();
    await page.goto('https://www.facebook.com/');
    await decided(page, background);
  });
});
