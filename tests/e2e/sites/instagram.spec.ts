import { attemptsOf, expect, seedSettings, test } from '../extension';
import { pauseDialog, waitForPause } from '../pause';

// The model for every site's e2e spec: full load, in-app navigation, and the negatives.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };

test.describe('Instagram', () => {
  test.beforeEach(async ({ background }) => seedSettings(background, [sam]));

  test('an open DM thread with the person is paused; the inbox that lists them is not', async ({ context, background, serve }) => {
    await serve('https://www.instagram.com/direct/inbox/', 'instagram/direct-inbox.html');
    await serve('https://www.instagram.com/direct/t/**', 'instagram/direct-thread.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/direct/inbox/');
    await page.waitForTimeout(300);
    expect(await pauseDialog(page)).toBeUndefined();

    await page.goto('https://www.instagram.com/direct/t/340282366841710300949128171234567890/');
    await waitForPause(page);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);
  });

  test('a thread whose header appears after load (the app renders late) is paused', async ({ context, serve }) => {
    await serve('https://www.instagram.com/**', 'instagram/direct-inbox.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/direct/inbox/');
    // The app opens a thread in place: the URL changes, then the header is rendered.
    await page.evaluate(() => {
      history.pushState({}, '', '/direct/t/1234567890/');
      setTimeout(() => {
        const header = document.createElement('a');
        header.setAttribute('aria-label', 'Open the profile page of sam.lee');
        header.setAttribute('href', '/sam.lee/');
        document.querySelector('[role="main"]')!.prepend(header);
      }, 300);
    });
    await waitForPause(page);
  });
});
