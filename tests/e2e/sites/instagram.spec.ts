import { attemptsOf, expect, seedSettings, test } from '../support/extension';
import { pauseDialog, expectPaused } from '../support/pause';
import { readPageWhenReady } from '@/tests/e2e/support/read-page';

// The model for every site's e2e spec: full load, in-app navigation, and the negatives. A negative
// ("no pause screen here") is asserted only once the content script has answered what it reads on
// that page (readPage), and is followed by a positive in the same tab without a reload.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };
const samThread = '/direct/t/340282366841710300949128171234567890/';

/** In the open thread view, what the app does when another thread is opened in place. */
function openThreadInPlace([path, username, title]: readonly [string, string, string]) {
  history.pushState({}, '', path);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[role="main"] a[href]')) {
    link.setAttribute('href', `/${username}/`);
    link.setAttribute('aria-label', `Open the profile page of ${username}`);
  }
  document.querySelector('[role="main"] h2 span')!.textContent = title;
}

test.describe('Instagram', () => {
  test.beforeEach(async ({ background }) => seedSettings(background, [sam]));

  test('a thread with them is paused on a full load, with someone else listed above them in the inbox', async ({ context, background, serve }) => {
    await serve(`https://www.instagram.com${samThread}`, 'instagram/direct-thread.html');
    const page = await context.newPage();
    await page.goto(`https://www.instagram.com${samThread}`);
    await expectPaused(page);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);
  });

  test('a thread with someone else under their inbox row is not paused; opening their thread in place is', async ({ context, background, serve }) => {
    const other = 'https://www.instagram.com/direct/t/340282366841710300949128179999999999/';
    await serve(other, 'instagram/direct-thread-other.html');
    const page = await context.newPage();
    await page.goto(other);
    // The content script has read the page: the partner is jo.other; their inbox row is not read.
    expect(await readPageWhenReady(background, other)).toContainEqual({ kind: 'handle', value: 'jo.other' });
    expect(await readPageWhenReady(background, other)).not.toContainEqual({ kind: 'handle', value: 'sam.lee' });
    expect(await pauseDialog(page)).toBeUndefined();
    expect(await attemptsOf(background)).toEqual([]);

    await page.evaluate(openThreadInPlace, [samThread, 'sam.lee', 'Sam Lee'] as const);
    await expectPaused(page);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.personId, a.kind])).toEqual([['p-sam', 'thread']]);
  });

  test('a group thread they write in is not paused; their own thread opened from it is', async ({ context, background, serve }) => {
    const group = 'https://www.instagram.com/direct/t/340282366841710300949128171111111111/';
    await serve(group, 'instagram/direct-group.html');
    const page = await context.newPage();
    await page.goto(group);
    expect(await readPageWhenReady(background, group)).toEqual([
      { kind: 'conversationId', value: '340282366841710300949128171111111111' },
    ]);
    expect(await pauseDialog(page)).toBeUndefined();

    // The app opens their one-to-one thread in place: the header now links to them around its h2.
    await page.evaluate((path) => {
      history.pushState({}, '', path);
      const header = document.querySelector('[role="main"] h2')!;
      const link = document.createElement('a');
      link.setAttribute('href', '/sam.lee/');
      header.replaceWith(link);
      link.append(header);
      header.textContent = 'Sam Lee';
    }, samThread);
    await expectPaused(page);
  });

  test('a thread in Spanish is read the same', async ({ context, serve }) => {
    await serve(`https://www.instagram.com${samThread}`, 'instagram/direct-thread-es.html');
    const page = await context.newPage();
    await page.goto(`https://www.instagram.com${samThread}`);
    await expectPaused(page);
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
        header.innerHTML = '<h2 dir="auto"><span>Sam Lee</span></h2>';
        document.querySelector('[role="main"]')!.prepend(header);
      }, 300);
    });
    await expectPaused(page);
  });

  test('the feed with the messages tray closed is not paused; a chat with them opened in the tray is', async ({ context, background, serve }) => {
    await serve('https://www.instagram.com/', 'instagram/tray-closed.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/');
    expect(await readPageWhenReady(background, 'https://www.instagram.com/')).toEqual([]);
    expect(await pauseDialog(page)).toBeUndefined();

    // The chat tab opens in the tray, over the feed, without a change of address.
    await page.evaluate(() => {
      const tab = document.createElement('div');
      tab.setAttribute('role', 'dialog');
      tab.innerHTML =
        '<div><a role="link" href="/sam.lee/"><img alt="" src="data:,"></a>' +
        '<a role="link" href="/sam.lee/"><h2 dir="auto"><span>Sam Lee</span></h2></a></div>' +
        '<div role="textbox" contenteditable="true"><p><br></p></div>';
      document.querySelector('[data-pagelet="IGDChatTabsRootContent"] [data-visualcompletion="ignore"] > div')!.append(tab);
    });
    await expectPaused(page);
    await expect(page).toHaveURL('https://www.instagram.com/');
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);
  });
});
