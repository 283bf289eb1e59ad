import type { Page, Worker } from '@playwright/test';
import { attemptsOf, expect, seedSettings, storageOf, test } from './support/extension';
import { axNodes, clickNode, continueThrough, coveredItems, expectNotPaused, expectPaused, nodeCentre, pauseButton, pauseText, type AxNode } from './support/pause';
import { expectDecided } from './support/read-page';

/*
 * Issue 24, point 1: where they turn up by chance. Their posts in a feed and their replies under
 * someone else's post are softened in place (entrypoints/watch.content/soften.ts), from the item's
 * own author only; a look goes through the pause screen and is recorded as its own kind. The page is
 * tests/fixtures/bluesky/feed.html (reconstructed from bluesky-social/social-app, cited there).
 */

const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.bsky.social', site: 'bluesky' }] };
const ITEMS = '[data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"]';

/** For each item in document order: whether a cover is on it (a page can tell: docs/protection.md). */
const covered = (page: Page, items = ITEMS) => coveredItems(page, items);

const THEIRS = [true, false, true, false, false, false, false, false, true, false];

const seeIt = async (page: Page) => (await axNodes(page)).filter((node) => node.role === 'button' && node.name === 'See it');

/** The See it button on the cover of the `index`th element matching `selector`. */
async function seeItOn(page: Page, selector: string, index = 0): Promise<AxNode> {
  const box = await page.locator(selector).nth(index).boundingBox();
  for (const node of await seeIt(page)) {
    const { x, y } = await nodeCentre(page, node);
    if (box && x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height) return node;
  }
  throw new Error(`no See it on ${selector} #${index}`);
}
/** The attempts recorded, in the order they began. */
const reveals = async (background: Worker) =>
  (await attemptsOf(background)).sort((a, b) => (a.startedAt as number) - (b.startedAt as number)).map((a) => [a.kind, a.outcome]);

test.describe('softened where they turn up (Bluesky)', () => {
  test.beforeEach(async ({ serve }) => {
    await serve('https://bsky.app/**', 'bluesky/feed.html');
  });

  test('their posts, their repost-carried post and their reply are covered; mentions, quotes, their reposts of others and similar names are not', async ({ context, background }) => {
    await seedSettings(background, [sam]);
    const page = await context.newPage();
    await page.goto('https://bsky.app/');
    await expectDecided(page, background, 'feed');
    await expect.poll(() => covered(page)).toEqual(THEIRS);
    // Calm words with the alias only, and nothing of theirs readable meanwhile (the item is inert beneath).
    const text = (await axNodes(page)).filter((node) => node.role === 'StaticText').map((node) => node.name);
    expect(text.filter((name) => name === 'From S.')).toHaveLength(3);
    expect(text.join('\n')).not.toContain('their own post');
    expect(text.join('\n')).toContain('someone whose handle starts like theirs');
    expect(await seeIt(page)).toHaveLength(3);
    // Nothing is recorded for a look that did not happen; nothing reaches the page's DOM but the covers.
    expect(await reveals(background)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('S.');
  });

  test('a post of theirs the feed loads later is covered before its first frame; another’s is not', async ({ context, background }) => {
    await seedSettings(background, [sam]);
    const page = await context.newPage();
    await page.goto('https://bsky.app/');
    await expectDecided(page, background, 'feed');
    await page.click('#load-more');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { firstFrames?: string[] }).firstFrames))
      .toEqual(['feedItem-by-sam.bsky.social:true', 'feedItem-by-jo-other.bsky.social:false']);
    await expect.poll(() => covered(page)).toEqual([...THEIRS.slice(0, 7), true, false, ...THEIRS.slice(7)]);
  });

  test('See it goes through the pause: Leave keeps it covered; Continue uncovers that one item only; each recorded as a look, no snooze; the popup counts them apart', async ({ context, background, extensionId }) => {
    await seedSettings(background, [sam]);
    const page = await context.newPage();
    await page.goto('https://bsky.app/');
    await expect.poll(() => covered(page)).toEqual(THEIRS);

    await clickNode(page, (await seeIt(page))[0]!);
    await expectPaused(page);
    expect(await pauseText(page)).toContain('You are about to see something of S.’s that turned up here.');
    await clickNode(page, (await pauseButton(page, 'Leave'))!);
    await expectNotPaused(page);
    expect(page.url()).toBe('https://bsky.app/');
    expect(await covered(page)).toEqual(THEIRS);
    await expect.poll(() => reveals(background)).toEqual([['reveal', 'left']]);

    await clickNode(page, (await seeIt(page))[0]!);
    await continueThrough(page);
    await expect.poll(() => covered(page)).toEqual([false, ...THEIRS.slice(1)]);
    await expect.poll(() => reveals(background)).toEqual([['reveal', 'left'], ['reveal', 'continued']]);
    // A look at one item lets that item through, not them: no snooze on the site.
    expect((await storageOf(background)).snoozes ?? []).toEqual([]);
    expect((await axNodes(page)).some((node) => node.role === 'StaticText' && node.name === 'their own post')).toBe(true);

    // Seen by chance, counted per day and site (three of their items covered), nothing else kept;
    // shown apart from the attempts, with this week's looks.
    await expect.poll(async () => (await storageOf(background)).turnedUp).toEqual([{ site: 'bluesky', day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), count: 3 }]);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.getByTestId('turned-up')).toHaveText('They turned up 3 times this week; you looked once.');
  });

  test('the page cannot reveal an item nor keep a cover off', async ({ context, background }) => {
    await seedSettings(background, [sam]);
    const page = await context.newPage();
    await page.goto('https://bsky.app/');
    await expect.poll(() => covered(page)).toEqual(THEIRS);
    // Scripted clicks on the cover reach nothing; its button is in a closed root.
    await page.evaluate((selector) => {
      const item = document.querySelector(selector)!;
      const cover = item.lastElementChild as HTMLElement;
      cover.click();
      cover.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      if (cover.shadowRoot) throw new Error('the cover’s root is open');
    }, ITEMS);
    await expectNotPaused(page, 500);
    expect(await reveals(background)).toEqual([]);
    // Taken off, put back.
    await page.evaluate((selector) => document.querySelector(selector)!.lastElementChild!.remove(), ITEMS);
    await expect.poll(() => covered(page)).toEqual(THEIRS);
  });

  test('an item the app reuses for someone else is uncovered, and covered again when it is theirs; one taken out and put back stays covered; no longer watched, all is given back whole', async ({ context, background }) => {
    await seedSettings(background, [sam]);
    const page = await context.newPage();
    await page.goto('https://bsky.app/');
    await expect.poll(() => covered(page)).toEqual(THEIRS);
    const first = '[data-testid="feedItem-by-sam.bsky.social"]';
    // A virtualised list reusing the element for another author (its test id rewritten).
    await page.evaluate(() => document.querySelector('#feed > div')!.setAttribute('data-testid', 'feedItem-by-jo-other.bsky.social'));
    await expect.poll(async () => (await covered(page))[0]).toBe(false);
    expect(await page.evaluate(() => [...document.querySelector('#feed > div')!.children].some((child) => (child as HTMLElement).inert))).toBe(false);
    await page.evaluate(() => document.querySelector('#feed > div')!.setAttribute('data-testid', 'feedItem-by-sam.bsky.social'));
    await expect.poll(async () => (await covered(page))[0]).toBe(true);
    // Taken out of the page and put back (a list moving its rows): still covered, its content still inert.
    await page.evaluate(async (first) => {
      const item = document.querySelector(first)!;
      const feed = item.parentElement!;
      item.remove();
      await new Promise((r) => requestAnimationFrame(r));
      feed.append(item);
    }, first);
    await expect.poll(async () => (await covered(page)).slice(0, 7)).toEqual([false, true, false, false, false, false, true]);
    expect(await page.evaluate(() => (document.querySelector('#feed > div:last-child > a') as HTMLElement).inert)).toBe(true);
    // No longer watched: every cover goes, and the items are as the page made them.
    await seedSettings(background, [{ id: 'p-kim', alias: 'K.', identifiers: [{ kind: 'handle', value: 'nobody-here.bsky.social', site: 'bluesky' }] }]);
    await expect.poll(() => covered(page)).toEqual(THEIRS.map(() => false));
    expect(
      await page.evaluate(() => [...document.querySelectorAll('[data-testid] *')].filter((element) => (element as HTMLElement).inert).length),
    ).toBe(0);
    expect(await page.evaluate(() => [...document.querySelectorAll('[data-testid^="feedItem-by-"]')].map((item) => (item as HTMLElement).style.position))).toEqual(THEIRS.slice(0, 7).map(() => ''));
  });

  test('with nobody of this feed watched, the script decides and covers nothing', async ({ context, background }) => {
    await seedSettings(background, [{ id: 'p-kim', alias: 'K.', identifiers: [{ kind: 'handle', value: 'nobody-here.bsky.social', site: 'bluesky' }] }]);
    const page = await context.newPage();
    await page.goto('https://bsky.app/');
    await expectDecided(page, background, 'feed');
    expect(await covered(page)).toEqual(THEIRS.map(() => false));
  });
});

test.describe('softened where they turn up (X)', () => {
  // tests/fixtures/x/timeline.html, reconstructed from Control Panel for Twitter (cited there).
  const samX = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'Sam_Lee', site: 'x' }] };
  const X_ITEMS = '[data-testid="tweet"], [data-testid="UserCell"]';

  test('their post, their post reposted by a friend and their suggestion card are covered; a quote, a mention and their repost of another’s are not; later posts too', async ({ context, background, serve }) => {
    await serve('https://x.com/**', 'x/timeline.html');
    await seedSettings(background, [samX]);
    const page = await context.newPage();
    await page.goto('https://x.com/home');
    await expectDecided(page, background, 'timeline');
    await expect.poll(() => covered(page, X_ITEMS)).toEqual([true, false, true, false, false, false, true, false]);
    await page.click('#load-more');
    await expect.poll(() => page.evaluate(() => (window as unknown as { firstFrames?: string[] }).firstFrames)).toEqual(['sam_lee:true', 'jo_other:false']);
    await expect.poll(() => covered(page, X_ITEMS)).toEqual([true, false, true, false, false, false, true, false, true, false]);
    expect(await seeIt(page)).toHaveLength(4);
    // See it on their suggestion card: the pause, then that card only.
    await clickNode(page, await seeItOn(page, '[data-testid="UserCell"]'));
    await continueThrough(page);
    await expect.poll(() => covered(page, X_ITEMS)).toEqual([true, false, true, false, false, false, true, false, false, false]);
  });
});
