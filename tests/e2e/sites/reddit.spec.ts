import type { Worker } from '@playwright/test';
import { attemptsOf, expect, seedSettings, test } from '../support/extension';
import { pauseDialog, expectPaused } from '../support/pause';
import { expectDecided, readPageWhenReady } from '@/tests/e2e/support/read-page';

// On Reddit the person is their username.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam_lee', site: 'reddit' }] };
const samRoom = '/chat/room/' + encodeURIComponent('!Sam1dIrEcT:reddit.com');
const joRoom = '/chat/room/' + encodeURIComponent('!Jo2dIrEcT:reddit.com');
const groupRoom = '/chat/room/' + encodeURIComponent('!Gr0upChAt:reddit.com');

/** Attempts begun since `since`: the previous test's page, closed at teardown, may still be recording its own. */
async function attemptsSince(background: Worker, since: number) {
  return (await attemptsOf(background)).filter((attempt) => (attempt.startedAt as number) >= since).map((a) => [a.kind, a.outcome]);
}

test.describe('Reddit', () => {
  test.beforeEach(async ({ background, serve }) => {
    await seedSettings(background, [sam]);
    for (const host of ['www', 'old']) await serve(`https://${host}.reddit.com/**`, 'reddit/app.html');
    await serve('https://www.reddit.com/chat**', 'reddit/chat.html');
    await serve('https://old.reddit.com/message/compose/**', 'reddit/old-compose.html');
  });

  test('their profile opened in the app is paused; the feed, a post they commented on, a search and a similar name are not', async ({
    context,
    background,
  }) => {
    const since = Date.now();
    const page = await context.newPage();
    await page.goto('https://www.reddit.com/');
    await expectDecided(page, background, 'home feed');
    for (const link of ['#link-post', '#link-search', '#link-similar']) {
      await page.locator(link).click();
      await expectDecided(page, background, link);
    }
    await page.locator('#link-watched').click();
    await expectPaused(page);
    await expect.poll(() => attemptsSince(background, since)).toEqual([['profile', 'pending']]);
  });

  test('their profile on old.reddit.com is paused on load', async ({ context }) => {
    const page = await context.newPage();
    await page.goto('https://old.reddit.com/user/sam_lee/submitted/');
    await expectPaused(page);
  });

  test('a private message addressed to them is paused, as compose', async ({ context, background }) => {
    const since = Date.now();
    const page = await context.newPage();
    await page.goto('https://www.reddit.com/message/compose/?to=sam_lee');
    await expectPaused(page);
    await expect.poll(() => attemptsSince(background, since)).toEqual([['compose', 'pending']]);

    const old = await context.newPage();
    await old.goto('https://old.reddit.com/message/compose/?to=%2Fu%2Fsam_lee');
    await expectPaused(old);
  });

  test('their chat room, read from its header inside the chat app, is paused on load', async ({ context, background }) => {
    const since = Date.now();
    const page = await context.newPage();
    await page.goto(`https://www.reddit.com${samRoom}`);
    await expectPaused(page);
    await expect.poll(() => attemptsSince(background, since)).toEqual([['thread', 'pending']]);
  });

  test('the chat home, another person and a group chat they are in stay quiet', async ({ context, background }) => {
    const since = Date.now();
    const page = await context.newPage();
    for (const path of ['/chat', joRoom, groupRoom]) {
      await page.goto(`https://www.reddit.com${path}`);
      await expectDecided(page, background, path);
    }
    expect(await attemptsSince(background, since)).toEqual([]);
  });

  test('in Spanish, with no header label to read: their room is paused, read from the rooms list; another person and a group they write in are not', async ({
    context,
    background,
    serve,
  }) => {
    // Registered last, so it answers before the English chat's route.
    await serve('https://www.reddit.com/chat**', 'reddit/chat-es.html');
    const since = Date.now();
    const page = await context.newPage();
    // What the reader takes from each room, once the script answers: the other person's row is read
    // as theirs, and the group's name is nobody's username.
    for (const [path, partner] of [[joRoom, [{ kind: 'handle', value: 'jo_other' }]], [groupRoom, []]] as const) {
      await page.goto(`https://www.reddit.com${path}`);
      await expect
        .poll(async () => (await readPageWhenReady(background, page.url())).filter((seen) => seen.kind === 'handle'))
        .toEqual(partner);
      await expectDecided(page, background, path);
    }
    expect(await attemptsSince(background, since)).toEqual([]);
    await page.goto(`https://www.reddit.com${samRoom}`);
    await expectPaused(page);
    await expect.poll(() => attemptsSince(background, since)).toEqual([['thread', 'pending']]);
  });

  // Choosing a room re-renders only inside the chat app's shadow roots, which the content
  // script's MutationObserver (on the light DOM) does not see; the address changes first, while
  // the previous room's header is still shown. Expected to fail until the content script also
  // observes the open shadow roots the adapter reads (see the Reddit report).
  test('their room chosen from the rooms list, in place, is paused', async ({ context, background }) => {
    const page = await context.newPage();
    await page.goto(`https://www.reddit.com${joRoom}`);
    await expectDecided(page, background, 'another person');
    await page.locator('rs-rooms-nav a.peer', { hasText: 'sam_lee' }).click();
    await expect(page).toHaveURL(`https://www.reddit.com${samRoom}`);
    await expectPaused(page, 2000);
  });

  // The floating chat window over ordinary pages: the negative is asserted once the content
  // script has answered what it reads, then a positive follows in the same tab.
  test('the chat window over a subreddit: someone else\'s room is not paused; their room is, with no change of address', async ({ context, background, serve }) => {
    await serve('https://www.reddit.com/r/AskReddit/', 'reddit/chat-window.html');
    const page = await context.newPage();
    await page.goto('https://www.reddit.com/r/AskReddit/');
    expect(await readPageWhenReady(background, 'https://www.reddit.com/r/AskReddit/')).toEqual([]);

    await page.evaluate(() => (window as unknown as { openChatWindow(name: string): void }).openChatWindow('jo_other'));
    await expect.poll(() => readPageWhenReady(background, 'https://www.reddit.com/r/AskReddit/')).toEqual([{ kind: 'handle', value: 'jo_other' }]);
    expect(await pauseDialog(page)).toBeUndefined();

    await page.evaluate(() => (window as unknown as { openChatWindow(name: string): void }).openChatWindow('sam_lee'));
    await expectPaused(page);
    await expect(page).toHaveURL('https://www.reddit.com/r/AskReddit/');
  });
});
