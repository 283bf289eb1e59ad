import { attemptsOf, expect, seedSettings, test } from '../extension';
import { waitForPause } from '../pause';
import { decided } from './read-page';

// On WhatsApp Web the person is their saved contact name (and their number, where shown).
const sam = {
  id: 'p-sam',
  alias: 'S.',
  identifiers: [
    { kind: 'name', value: 'Sam Lee', site: 'whatsapp' },
    { kind: 'phone', value: '+44 7700 900123', site: 'whatsapp' },
  ],
};

test.describe('WhatsApp Web', () => {
  test.beforeEach(async ({ background, serve }) => {
    await seedSettings(background, [sam]);
    await serve('https://web.whatsapp.com/**', 'whatsapp/app.html');
  });

  test('a chat opened from the list, with no change of address, is paused', async ({ context, background }) => {
    const page = await context.newPage();
    await page.goto('https://web.whatsapp.com/');
    await decided(page, background);

    await page.locator('#pane-side [role="row"][data-chat="sam"]').click();
    await waitForPause(page);
    expect(page.url()).toBe('https://web.whatsapp.com/');
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);
  });

  test('the click-to-chat link to their number is paused on load', async ({ context }) => {
    const page = await context.newPage();
    await page.goto('https://web.whatsapp.com/send?phone=447700900123');
    await waitForPause(page);
  });

  test('switching to another chat takes the pause screen down', async ({ context }) => {
    const page = await context.newPage();
    await page.goto('https://web.whatsapp.com/');
    await page.locator('#pane-side [role="row"][data-chat="sam"]').click();
    await waitForPause(page);
    // The page beneath takes no clicks: the app itself switches chats (as from a notification).
    await page.evaluate(() => (window as unknown as { __openChat(id: string): void }).__openChat('jo'));
    await waitForPause(page, false);
  });

  test('a group named like them, a group they are in, and another person stay quiet', async ({ context, background }) => {
    const page = await context.newPage();
    await page.goto('https://web.whatsapp.com/');
    for (const chat of ['sam-group', 'book-club', 'jo']) {
      await page.locator(`#pane-side [role="row"][data-chat="${chat}"]`).click();
      await expect(page.locator('#main header')).toBeVisible();
      // A group's member list replaces its first subtitle (the app's own timer): decided after it.
      if (chat !== 'jo') await expect(page.locator('#main #subtitle')).not.toHaveText('click here for group info');
      await decided(page, background, chat);
    }
    expect(await attemptsOf(background)).toEqual([]);
  });
});
