import { attemptsOf, expect, seedSettings, test } from '../support/extension';
import { countScreenRemovals, pauseDialog, rerender, screenRemovals, expectPaused, expectNotPaused } from '../support/pause';
import { expectDecided, readPageWhenReady } from '@/tests/e2e/support/read-page';

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
    await expectPaused(page);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['profile', 'pending']]);
  });

  test('the feed that shows their post is not paused; opening their profile from it is', async ({ context, serve, background }) => {
    await serve('https://www.facebook.com/**', 'facebook/app.html');
    const page = await context.newPage();
    await page.goto('https://www.facebook.com/');
    await expectDecided(page, background);

    // Someone else's profile, reached in-app, stays quiet too.
    await page.click('#post-other');
    await expect(page).toHaveURL('https://www.facebook.com/jo.other/');
    await expectDecided(page, background);

    await page.goBack();
    await page.click('#post-author');
    await expect(page).toHaveURL('https://www.facebook.com/sam.lee.52/');
    await expectPaused(page);
  });

  test('a chat pop-up with them opened over the feed (no URL change) is paused; one with someone else is not', async ({ context, background, serve }) => {
    await serve('https://www.facebook.com/**', 'facebook/app.html');
    const page = await context.newPage();
    await page.goto('https://www.facebook.com/');
    await page.click('#contact-jo');
    await expect(page.locator('[data-pagelet="ChatTab"] [role="log"]')).toHaveAttribute('aria-label', 'Messages in conversation titled Jo Other');
    await expectDecided(page, background);

    await page.click('#contact-sam');
    await expectPaused(page);
    expect(page.url()).toBe('https://www.facebook.com/');
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);

    // Leave closes that pop-up and stays on the feed beneath it.
    await page.keyboard.press('Enter');
    await expectNotPaused(page);
    await expect(page.locator('[data-pagelet="ChatTab"]')).toHaveCount(0);
    expect(page.url()).toBe('https://www.facebook.com/');
    await expect(page.locator('[role="feed"]')).toBeVisible();
    await expect.poll(async () => (await attemptsOf(background)).map((a) => a.outcome)).toEqual(['left']);
    await expectDecided(page, background);
  });

  test('in French, with no English label: their chat pop-up over the feed is paused, and Leave closes it alone', async ({ context, background, serve }) => {
    await serve('https://www.facebook.com/**', 'facebook/chat-popup-fr.html');
    const page = await context.newPage();
    await page.goto('https://www.facebook.com/');
    await expectPaused(page);
    await page.keyboard.press('Enter');
    await expectNotPaused(page);
    const titles = page.locator('[data-pagelet="ChatTab"] [data-testid="messenger-chat-title-text"]');
    await expect(titles).toHaveText(['Jo Other']);
    expect(page.url()).toBe('https://www.facebook.com/');
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'left']]);
    await expectDecided(page, background);
  });

  // Another pop-up left open beside theirs stays named while theirs re-renders: still a blank of
  // theirs (entrypoints/watch.content/decide.ts), so no frame of it is painted and it is one attempt.
  test('their pop-up re-rendered under the screen, beside another one left open: the screen stays up throughout, one attempt', async ({
    context,
    background,
    serve,
  }) => {
    await serve('https://www.facebook.com/**', 'facebook/chat-popup-fr.html');
    const page = await context.newPage();
    await page.goto('https://www.facebook.com/');
    await expectPaused(page);
    await countScreenRemovals(page);
    await rerender(page, '[data-pagelet="ChatTab"]'); // theirs, the first; Jo's stays
    expect(await screenRemovals(page)).toBe(0);
    expect(await pauseDialog(page)).toBeDefined();
    expect((await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);

    // The app closing their pop-up for good, Jo's still open: the screen goes once the grace is over.
    await page.evaluate(() => document.querySelector('[data-pagelet="ChatTab"]')!.remove());
    await expectNotPaused(page);
    await expect(page.locator('[data-pagelet="ChatTab"] [data-testid="messenger-chat-title-text"]')).toHaveText(['Jo Other']);
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
      await expectDecided(page, background, quiet);
    }

    await page.goto('https://www.facebook.com/messages/t/100012345678901/');
    await expectPaused(page);
  });

  test('in Spanish, with no English label on the page: their encrypted thread is paused; someone else\'s under their row and a group they write in are not', async ({
    context,
    serve,
    background,
  }) => {
    await serve('https://www.facebook.com/messages/e2ee/t/7798765432109876/', 'facebook/other-thread-es.html');
    await serve('https://www.facebook.com/messages/t/5012345678901234/', 'facebook/group-thread-es.html');
    await serve('https://www.facebook.com/messages/e2ee/t/7712345678901234/', 'facebook/thread-es.html');
    const page = await context.newPage();
    // What the reader takes from each, once the script answers: the other person, and the group's title.
    for (const [quiet, names] of [
      ['https://www.facebook.com/messages/e2ee/t/7798765432109876/', ['Jo Other']],
      ['https://www.facebook.com/messages/t/5012345678901234/', ['Fin de semana']],
    ] as const) {
      await page.goto(quiet);
      await expect.poll(async () => (await readPageWhenReady(background, quiet)).filter((seen) => seen.kind === 'name').map((seen) => seen.value)).toEqual(names);
      await expectDecided(page, background, quiet);
    }
    expect(await attemptsOf(background)).toEqual([]);

    await page.goto('https://www.facebook.com/messages/e2ee/t/7712345678901234/');
    await expectPaused(page);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);
  });

  test('the Messenger menu listing them over the feed is not paused', async ({ context, serve, background }) => {
    await serve('https://www.facebook.com/', 'facebook/feed-messenger-menu.html');
    const page = await context.newPage();
    await page.goto('https://www.facebook.com/');
    await expectDecided(page, background);
  });
});
