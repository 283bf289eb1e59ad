import { attemptsOf, expect, identifiersOf, seedSettings, test } from '../support/extension';
import type { BrowserContext, Page } from '@playwright/test';
import { axNodes, clickNode, continueThrough, coveredItems, pauseDialog, expectPaused } from '../support/pause';

/** For each chat list row (`selector`), its peer id and whether a cover is on it (soften.ts). */
const rowsOf = (page: Page, selector: string) => coveredItems(page, selector, 'data-peer-id');
import { expectDecided } from '@/tests/e2e/support/read-page';

const byHandle = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam_lee', site: 'telegram' }] };
const byNameAndId = {
  id: 'p-sam',
  alias: 'S.',
  identifiers: [
    { kind: 'name', value: 'Sam Lee', site: 'telegram' },
    { kind: 'accountId', value: '123456789', site: 'telegram' },
  ],
};

test.describe('Telegram Web K', () => {
  test.beforeEach(async ({ serve }) => {
    await serve('https://web.telegram.org/k/**', 'telegram/k-app.html');
  });

  test('a chat opened from the list (hash rewritten by replaceState) is paused', async ({ context, background }) => {
    // Only the username, which K shows in the address alone: the URL change must be seen.
    await seedSettings(background, [byHandle]);
    const page = await context.newPage();
    await page.goto('https://web.telegram.org/k/');
    await page.evaluate(() => {
      (window as unknown as { hashchanges: number }).hashchanges = 0;
      window.addEventListener('hashchange', () => (window as unknown as { hashchanges: number }).hashchanges++);
    });
    await expectDecided(page, background);

    await page.locator('a.chatlist-chat[data-peer-id="123456789"]').click();
    await expectPaused(page);
    expect(page.url()).toBe('https://web.telegram.org/k/#@sam_lee');
    expect(await page.evaluate(() => (window as unknown as { hashchanges: number }).hashchanges)).toBe(0);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);
  });

  test('a link straight to the chat is paused on load', async ({ context, background }) => {
    await seedSettings(background, [byHandle]);
    const page = await context.newPage();
    await page.goto('https://web.telegram.org/k/#@sam_lee');
    await expectPaused(page);
  });

  test('their row in the chat list is softened; a group and a channel named like them and another person are not', async ({ context, background }) => {
    // docs/sites/telegram.md#chat-list-rows: by the row's peer id or its title; a negative id is a group's or a channel's.
    await seedSettings(background, [byNameAndId]);
    const page = await context.newPage();
    await page.goto('https://web.telegram.org/k/');
    await expectDecided(page, background);
    await expect
      .poll(() => rowsOf(page, 'a.chatlist-chat'))
      .toEqual([['123456789', true], ['987654321', false], ['-1234567890', false], ['-1987654321', false]]);
    expect((await axNodes(page)).some((node) => node.name.includes('See you tomorrow'))).toBe(false);
  });

  test('a group named like them and another person stay quiet', async ({ context, background }) => {
    await seedSettings(background, [byNameAndId]);
    const page = await context.newPage();
    await page.goto('https://web.telegram.org/k/');
    for (const peerId of ['-1234567890', '987654321']) {
      await page.locator(`a.chatlist-chat[data-peer-id="${peerId}"]`).click();
      await expect(page.locator('.chat.active .chat-info .peer-title')).toHaveAttribute('data-peer-id', peerId);
      await expectDecided(page, background, peerId);
    }
    expect(await attemptsOf(background)).toEqual([]);
  });
});

test.describe('Telegram Web A', () => {
  test.beforeEach(async ({ background, serve }) => {
    await seedSettings(background, [byNameAndId]);
    await serve('https://web.telegram.org/a/**', 'telegram/a-app.html');
  });

  test('a link straight to the chat is paused on load', async ({ context }) => {
    const page = await context.newPage();
    await page.goto('https://web.telegram.org/a/#123456789');
    await expectPaused(page);
  });

  test('their row is softened (the group named like them is not); seen through the pause, the chat opened from it (history.pushState) is paused; searching for them is not', async ({ context, background }) => {
    const page = await context.newPage();
    await page.goto('https://web.telegram.org/a/');
    await expect.poll(() => rowsOf(page, '#chat-list .ListItem.Chat')).toEqual([['123456789', true], ['987654321', false], ['-1001234567890', false]]);
    await page.locator('#telegram-search-input').fill('sam');
    await expect(page.locator('.LeftSearch .ChatInfo')).toBeVisible();
    await expectDecided(page, background);

    await clickNode(page, (await axNodes(page)).find((node) => node.role === 'button' && node.name === 'See it')!);
    await continueThrough(page);
    await page.locator('#chat-list a[href="#123456789"]').click();
    await expectPaused(page);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => a.kind).sort()).toEqual(['reveal', 'thread']);
  });

  test('a group named like them stays quiet', async ({ context, background }) => {
    const page = await context.newPage();
    await page.goto('https://web.telegram.org/a/');
    await page.locator('#chat-list a[href="#-1001234567890"]').click();
    await expect(page.locator('.MiddleHeader .fullName')).toHaveText('Sam Lee');
    await expectDecided(page, background);
    expect(await attemptsOf(background)).toEqual([]);
  });
});

// t.me's "Open in Web" opens `/a/#?tgaddr=tg://resolve?domain=<username>`; Telegram A takes the
// link out of the address at once and, once it has found the chat, puts the chat's own id there
// (the fixture's script, after Ajaxy/telegram-tt's routing.ts). A person saved by username only.
test.describe('Telegram Web A, opened from a t.me link', () => {
  const link = (username: string) => `https://web.telegram.org/a/#?tgaddr=${encodeURIComponent(`tg://resolve?domain=${username}`)}`;

  test.beforeEach(async ({ background, serve }) => {
    await seedSettings(background, [byHandle]);
    await serve('https://web.telegram.org/a/**', 'telegram/a-app.html');
  });

  /** Sam's t.me link opened, with A's answer held back, and Continue anyway pressed before it comes. */
  const continuedBeforeAnswer = async (context: BrowserContext): Promise<Page> => {
    const page = await context.newPage();
    await page.addInitScript(() => ((window as unknown as { __holdResolve: boolean }).__holdResolve = true));
    await page.goto(link('sam_lee'));
    await continueThrough(page);
    return page;
  };

  test('the screen stays up while A swaps the link for the chat’s own address, whose id is learned: that address alone is then paused', async ({
    context,
    background,
  }) => {
    const page = await context.newPage();
    await page.goto(link('sam_lee'));
    await expectPaused(page);
    await expect(page).toHaveURL('https://web.telegram.org/a/#123456789');
    await expect(page.locator('.MiddleHeader .fullName')).toHaveText('Sam Lee');
    await expect.poll(() => identifiersOf(background)).toEqual([
      { kind: 'handle', value: 'sam_lee', site: 'telegram' },
      { kind: 'accountId', value: '123456789', site: 'telegram', learned: true },
    ]);
    // Up all along: one attempt, still open (a screen taken down and put up again would be two).
    expect(await pauseDialog(page)).toBeDefined();
    expect((await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);

    // The chat's own address, in another tab: caught by the id learned.
    const again = await context.newPage();
    await again.goto('https://web.telegram.org/a/#123456789');
    await expectPaused(again);
  });

  test('Continue before A has found the chat: it opens with no second screen, its id is learned, and the first send still asks', async ({
    context,
    background,
  }) => {
    const page = await continuedBeforeAnswer(context);

    // Telegram's answer comes after the choice: the chat opens at its own address.
    await page.evaluate(() => (window as unknown as { __resolve: () => void }).__resolve());
    await expect(page).toHaveURL('https://web.telegram.org/a/#123456789');
    await expect(page.locator('.MiddleHeader .fullName')).toHaveText('Sam Lee');
    await expect.poll(() => identifiersOf(background)).toEqual([
      { kind: 'handle', value: 'sam_lee', site: 'telegram' },
      { kind: 'accountId', value: '123456789', site: 'telegram', learned: true },
    ]);
    await expectDecided(page, background);
    expect(await pauseDialog(page)).toBeUndefined();
    expect((await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'continued']]);

    // Their chat, let through: the first message typed and sent asks once more.
    await page.locator('#editable-message-text').click();
    await page.keyboard.type('hello');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await axNodes(page)).some((node) => node.role === 'alertdialog')).toBe(true);
    expect(await pauseDialog(page)).toBeUndefined();
  });

  test('Continue before A has found the chat, then another chat clicked: nothing is learned from it', async ({ context, background }) => {
    const page = await continuedBeforeAnswer(context);

    // The user opens Jo's chat from the list while A is still looking for Sam's.
    await page.locator('#chat-list a.ListItem-button[href="#987654321"]').click();
    await expect(page).toHaveURL('https://web.telegram.org/a/#987654321');
    await expect(page.locator('.MiddleHeader .fullName')).toHaveText('Jo Other');
    await expectDecided(page, background);
    expect(await identifiersOf(background)).toEqual([{ kind: 'handle', value: 'sam_lee', site: 'telegram' }]);
    expect((await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'continued']]);
  });

  test('a link to someone else: no screen, and nothing is learned', async ({ context, background }) => {
    const page = await context.newPage();
    await page.goto(link('jo_other'));
    await expect(page).toHaveURL('https://web.telegram.org/a/#987654321');
    await expect(page.locator('.MiddleHeader .fullName')).toHaveText('Jo Other');
    await expectDecided(page, background);
    expect(await identifiersOf(background)).toEqual([{ kind: 'handle', value: 'sam_lee', site: 'telegram' }]);
    expect(await attemptsOf(background)).toEqual([]);
  });
});
