import { attemptsOf, expect, seedSettings, test } from '../support/extension';
import { expectPaused } from '../support/pause';
import { expectDecided, readPageWhenReady } from '@/tests/e2e/support/read-page';

// Watched on Messenger by the name their conversation carries.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'name', value: 'Sam Lee', site: 'messenger' }] };

test.describe('Messenger', () => {
  test.beforeEach(async ({ background }) => seedSettings(background, [sam]));

  test('their thread is paused on a full page load', async ({ context, background, serve }) => {
    await serve('https://www.messenger.com/t/**', 'messenger/thread.html');
    const page = await context.newPage();
    await page.goto('https://www.messenger.com/t/100012345678901/');
    await expectPaused(page);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);
  });

  test('the rail that lists them, another thread and a group chat are not paused; opening their row in-app is', async ({ context, serve, background }) => {
    await serve('https://www.messenger.com/**', 'messenger/app.html');
    const page = await context.newPage();
    await page.goto('https://www.messenger.com/t/100098765432109/');
    await expect(page.locator('[role="log"]')).toHaveAttribute('aria-label', 'Messages in conversation titled Jo Other');
    await expectDecided(page, background);

    await page.click('#row-group');
    await expect(page.locator('[role="log"]')).toHaveAttribute('aria-label', 'Messages in conversation titled Sam, Jo and Alex');
    await expectDecided(page, background);

    // The app changes the address first and renders the thread after it.
    await page.click('#row-sam');
    await expect(page).toHaveURL('https://www.messenger.com/t/100012345678901/');
    await expectPaused(page);
  });

  test('in Spanish, with no English label on the page: their encrypted thread is paused; someone else\'s under their rail row is not', async ({
    context,
    serve,
    background,
  }) => {
    await serve('https://www.messenger.com/e2ee/t/7798765432109876/', 'messenger/other-thread-es.html');
    await serve('https://www.messenger.com/e2ee/t/7712345678901234/', 'messenger/thread-es.html');
    const page = await context.newPage();
    const other = 'https://www.messenger.com/e2ee/t/7798765432109876/';
    await page.goto(other);
    await expect.poll(async () => (await readPageWhenReady(background, other)).filter((seen) => seen.kind === 'name').map((seen) => seen.value)).toEqual(['Jo Other']);
    await expectDecided(page, background, other);

    await page.goto('https://www.messenger.com/e2ee/t/7712345678901234/');
    await expectPaused(page);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'pending']]);
  });

  test('a thread with someone of a similar name is not paused', async ({ context, serve, background }) => {
    await serve('https://www.messenger.com/t/**', 'messenger/other-thread.html');
    const page = await context.newPage();
    await page.goto('https://www.messenger.com/t/100055555555555/');
    await expectDecided(page, background);
  });
});
