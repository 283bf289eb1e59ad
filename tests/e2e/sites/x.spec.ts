import { attemptsOf, expect, seedSettings, test } from '../support/extension';
import { pauseDialog, expectPaused } from '../support/pause';
import { expectDecided, readPageWhenReady } from '@/tests/e2e/support/read-page';

// Watched on X by handle (typed in another case than X shows it).
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: '@Sam_Lee', site: 'x' }] };

test.describe('X', () => {
  test.beforeEach(async ({ background }) => seedSettings(background, [sam]));

  test('their profile is paused on a full page load, on x.com and twitter.com', async ({ context, background, serve }) => {
    await serve('https://x.com/**', 'x/app.html');
    await serve('https://twitter.com/**', 'x/app.html');
    const page = await context.newPage();
    await page.goto('https://x.com/sam_lee');
    await expectPaused(page);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['profile', 'pending']]);

    const old = await context.newPage();
    await old.goto('https://twitter.com/SAM_LEE/media');
    await expectPaused(old);
  });

  test('the home timeline with their post is not paused; their post is not; their profile reached in-app is', async ({ context, serve, background }) => {
    await serve('https://x.com/**', 'x/app.html');
    const page = await context.newPage();
    await page.goto('https://x.com/home');
    await expectDecided(page, background);

    // Their post is softened in the timeline (its links inert beneath a cover: soften.spec.ts); the
    // app's own navigation to it is what is tested here, so its links are pressed by script.
    await page.evaluate(() => document.querySelector<HTMLElement>('#post-sam_lee')!.click());
    await expect(page).toHaveURL('https://x.com/sam_lee/status/1790123456789012345');
    await expectDecided(page, background);

    await page.click('#nav-home');
    await page.click('#author-jo_other');
    await expect(page).toHaveURL('https://x.com/jo_other');
    await expectDecided(page, background);

    await page.click('#nav-home');
    await page.evaluate(() => document.querySelector<HTMLElement>('#author-sam_lee')!.click());
    await expect(page).toHaveURL('https://x.com/sam_lee');
    await expectPaused(page);
  });

  test('a DM opened from the inbox (URL first, conversation later) is paused; the inbox, a group and someone else are not', async ({ context, background, serve }) => {
    await serve('https://x.com/**', 'x/app.html');
    const page = await context.newPage();
    await page.goto('https://x.com/messages');
    await expectDecided(page, background);

    for (const [row, url] of [
      ['#row-group span', 'https://x.com/messages/1590123456789012345'],
      ['#row-sam_lee2 span', 'https://x.com/messages/1234567890-55123456'],
    ] as const) {
      await page.click(row);
      await expect(page).toHaveURL(url);
      await expect(page.locator('[data-testid="DmActivityContainer"]')).toBeVisible();
      await expectDecided(page, background, url);
    }

    await page.click('#row-sam_lee span');
    await expect(page).toHaveURL('https://x.com/messages/1234567890-44196397');
    await expectPaused(page);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);
  });

  test('an XChat conversation with them is paused on a full load; the XChat inbox and a group chat are not', async ({ context, serve, background }) => {
    await serve('https://x.com/i/chat', 'x/xchat-inbox.html');
    await serve('https://x.com/i/chat/g1890123456789012345', 'x/xchat-group.html');
    await serve('https://x.com/i/chat/1234567890-55123456', 'x/xchat-other.html');
    await serve('https://x.com/i/chat/1234567890-44196397', 'x/xchat-thread.html');
    const page = await context.newPage();
    for (const quiet of [
      'https://x.com/i/chat',
      'https://x.com/i/chat/g1890123456789012345',
      'https://x.com/i/chat/1234567890-55123456',
    ]) {
      await page.goto(quiet);
      await expectDecided(page, background, quiet);
    }

    await page.goto('https://x.com/i/chat/1234567890-44196397');
    await expectPaused(page);
  });

  test('the legacy inbox and group conversation pages that show their avatar are not paused', async ({ context, serve, background }) => {
    await serve('https://x.com/messages', 'x/dm-inbox.html');
    await serve('https://x.com/messages/1590123456789012345', 'x/dm-group.html');
    await serve('https://x.com/messages/1234567890-44196397', 'x/dm-thread.html');
    const page = await context.newPage();
    for (const quiet of ['https://x.com/messages', 'https://x.com/messages/1590123456789012345']) {
      await page.goto(quiet);
      await expectDecided(page, background, quiet);
    }

    await page.goto('https://x.com/messages/1234567890-44196397');
    await expectPaused(page);
  });

  // The messages drawer over other pages (X's bundle: DMDrawer / DMDrawerHeader; the conversation
  // is rendered only while the drawer is expanded). Negatives are asserted once the content script
  // has answered what it reads, then a positive follows in the same tab without a reload.
  test('the drawer collapsed over /home is not paused; expanding it on their conversation is', async ({ context, background, serve }) => {
    await serve('https://x.com/home', 'x/drawer-collapsed.html');
    const page = await context.newPage();
    await page.goto('https://x.com/home');
    expect(await readPageWhenReady(background, 'https://x.com/home')).toEqual([]);
    expect(await pauseDialog(page)).toBeUndefined();

    // Expanded, the drawer renders the conversation under its header, with its composer.
    await page.evaluate(() => {
      const drawer = document.querySelector('[data-testid="DMDrawer"]')!;
      drawer.insertAdjacentHTML(
        'beforeend',
        '<div data-testid="DmScrollerContainer"><div data-testid="messageEntry"><a data-testid="DM_Conversation_Avatar" href="/sam_lee"></a><span>hi</span></div></div>' +
          '<aside><div data-testid="dmComposerTextInput" role="textbox" contenteditable="true"></div></aside>',
      );
    });
    await expectPaused(page);
    await expect(page).toHaveURL('https://x.com/home');
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);
  });

  test('a group in the drawer is not paused; the drawer switching to their conversation is', async ({ context, background, serve }) => {
    await serve('https://x.com/home', 'x/drawer-group.html');
    const page = await context.newPage();
    await page.goto('https://x.com/home');
    expect(await readPageWhenReady(background, 'https://x.com/home')).toEqual([]);
    expect(await pauseDialog(page)).toBeUndefined();

    // Their one-to-one conversation selected in the drawer: its header gains the @handle subtitle.
    await page.evaluate(() => {
      const title = document.querySelector('[data-testid="DMDrawerHeader"] h2')!;
      title.textContent = 'Sam Lee';
      title.insertAdjacentHTML('afterend', '<div dir="ltr"><span>@sam_lee</span></div>');
      for (const avatar of document.querySelectorAll('[data-testid="DMDrawer"] [data-testid="DM_Conversation_Avatar"]')) {
        avatar.setAttribute('href', '/sam_lee');
      }
    });
    await expectPaused(page);
  });

  test('their conversation open in the drawer over one of their posts, in German, is paused on a full load', async ({ context, serve }) => {
    await serve('https://x.com/sam_lee/status/1790123456789012345', 'x/drawer-thread-de.html');
    const page = await context.newPage();
    await page.goto('https://x.com/sam_lee/status/1790123456789012345');
    await expectPaused(page);
  });

  test('XChat\'s drawer with a group is not paused; with their conversation it is', async ({ context, background, serve }) => {
    await serve('https://x.com/home', 'x/xchat-drawer-group.html');
    const page = await context.newPage();
    await page.goto('https://x.com/home');
    expect(await readPageWhenReady(background, 'https://x.com/home')).toEqual([]);
    expect(await pauseDialog(page)).toBeUndefined();

    // Their conversation selected: the header, inside XChat's shadow root, links to them alone.
    await page.evaluate(() => {
      const chat = document.querySelector('[data-testid="chat-drawer-root"] [data-testid="xchatEmbedRoute"]')!.shadowRoot!;
      chat.querySelector('[data-testid="dm-conversation-header"]')!.innerHTML =
        '<a href="/sam_lee"><span data-testid="dm-conversation-username" dir="auto">Sam Lee</span></a>';
    });
    await expectPaused(page);
  });
});
