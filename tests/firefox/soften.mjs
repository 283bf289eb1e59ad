import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickPauseButton, expectNotPaused, expectPaused, inClosedRoot, until, withFirefox } from './support/firefox.mjs';

// Issue 24: their posts softened where they turn up, in Firefox (the MV2 build): the Bluesky feed of
// tests/fixtures/bluesky/feed.html (reconstructed from bluesky-social/social-app, cited there).
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.bsky.social', site: 'bluesky' }] };
const ITEMS = '[data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"]';
const THEIRS = [true, false, true, false, false, false, false, false, true, false];
const covered = (page) =>
  page.evaluate(
    (selector) => [...document.querySelectorAll(selector)].map((item) => [...item.children].some((child) => child instanceof HTMLDivElement && child.style.zIndex === '2147483646')),
    ITEMS,
  );
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

test('Bluesky in Firefox: their posts and reply are covered before their first frame; See it goes through the pause; Leave keeps it covered', () =>
  withFirefox(async (ff) => {
    await ff.seedSettings([sam]);
    const page = await ff.sitePage([['https://bsky.app/', 'bluesky/feed.html']]);
    await page.goto('https://bsky.app/');
    await until(async () => same(await covered(page), THEIRS), 'their items are covered, and only theirs');

    // The cover's words, in its closed root: the alias only.
    const cover = `${ITEMS.split(',')[0]} > div:last-child`;
    const words = await inClosedRoot(page, cover, (root) => root.querySelector('div').textContent);
    assert.equal(words, 'From S.See it');

    await page.click('#load-more');
    await until(
      async () => same(await page.evaluate(() => window.firstFrames), ['feedItem-by-sam.bsky.social:true', 'feedItem-by-jo-other.bsky.social:false']),
      'a post of theirs loaded later is covered in its first frame',
    );

    const button = await inClosedRoot(page, cover, (root) => {
      root.querySelector('button').scrollIntoView({ block: 'center', behavior: 'instant' });
      const box = root.querySelector('button').getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    });
    await page.mouse.click(button.x, button.y);
    const screen = await expectPaused(page);
    assert.ok(screen.text.includes('You are about to see something of S.’s that turned up here.'), screen.text);
    await clickPauseButton(page, 'Leave');
    await expectNotPaused(page);
    assert.equal(await page.evaluate(() => location.href), 'https://bsky.app/');
    assert.equal((await covered(page))[0], true);
  }));

test('Bluesky in Firefox: their row in the chat list is covered; another person’s and a group’s whose last message is theirs are not', () =>
  withFirefox(async (ff) => {
    await ff.seedSettings([sam]);
    const page = await ff.sitePage([['https://bsky.app/', 'bluesky/app.html']]);
    await page.goto('https://bsky.app/messages');
    const rows = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('a[href^="/messages/"]')].map((row) => [row.getAttribute('href'), [...row.children].some((c) => c instanceof HTMLDivElement && c.style.zIndex === '2147483646')]),
      );
    const want = [['/messages/3ksamdirect2a', true], ['/messages/3kjodirect22b', false], ['/messages/3kgroupchat2c', false]];
    await until(async () => same(await rows(), want), 'their row is covered, and only theirs');
    // Nothing of theirs is reachable beneath: the row's own content is inert.
    assert.equal(await page.evaluate(() => document.querySelector('a[href="/messages/3ksamdirect2a"] > div').inert), true);
  }));
