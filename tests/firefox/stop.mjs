import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectNotPaused, expectPopupShows, pauseLog, until, withFirefox } from './support/firefox.mjs';

// Issue 23, point 1, in Firefox: a full load of a watched person's address is stopped before its
// request. Firefox has declarativeNetRequest in the MV2 build too (Firefox 113+), so the same
// rules as in Chromium (utils/background/stop-rules.ts) send it to the extension's pause page.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };
const APP = [['https://www.instagram.com/', 'instagram/app.html']];

/** The pause page's text once it is up (an extension page: read as it is, no closed root). */
const pausePageText = (page) =>
  page.evaluate(() => (location.protocol === 'moz-extension:' && location.pathname === '/pause.html' ? document.body.innerText : null)).catch(() => null);

test('a full load of their profile and of their story never reaches the site: the pause page, its story words, Leave goes back, the popup counts it', () =>
  withFirefox(async (ff) => {
    const options = await ff.seedSettings([sam]);
    await until(async () => (await options.evaluate(() => browser.declarativeNetRequest.getDynamicRules())).length > 0, 'the rules are written');

    const page = await ff.sitePage(APP);
    // Every request the tab makes for their addresses, as the site would receive it.
    const reached = [];
    page.on('request', (request) => {
      if (/^https:\/\/www\.instagram\.com\/(stories\/)?sam\.lee/.test(request.url())) reached.push(request.url());
    });
    await page.goto('https://www.instagram.com/explore/');
    // Pitfall 2: BiDi never reports a navigation that lands on an extension page as finished.
    page.goto('https://www.instagram.com/sam.lee/').catch(() => {});
    await until(async () => (await pausePageText(page))?.includes('Take a breath'), 'the pause page');
    const text = await pausePageText(page);
    assert.ok(text.includes('S.'), text);
    assert.ok(!text.includes('they will see that you watched'), text);

    // Leave, pressed as a person does: back where they came from.
    await until(async () => (await page.$('xpath/.//button[normalize-space()="Leave"]')) !== null, 'Leave is there');
    await (await page.$('xpath/.//button[normalize-space()="Leave"]')).click();
    await until(() => page.evaluate(() => location.href === 'https://www.instagram.com/explore/').catch(() => false), 'Leave goes back');
    await expectPopupShows(ff, { today: 1, recent: 'S.’s profile on Instagram: Left' });

    // Their story: its own words.
    page.goto('https://www.instagram.com/stories/sam.lee/3312345678901234567/').catch(() => {});
    await until(async () => (await pausePageText(page))?.includes('If you open it, they will see that you watched.'), 'the story words');
    assert.deepEqual(reached, []);
  }));

test('the pause page opened by a site with a guessed key shows nothing and records nothing', () =>
  withFirefox(async (ff) => {
    await ff.seedSettings([sam]);
    const page = await ff.sitePage(APP);
    await page.goto('https://www.instagram.com/explore/');
    page.goto(`moz-extension://${ff.uuid}/pause.html?k=guess&s=instagram&p=p-sam#https://www.instagram.com/sam.lee/`).catch(() => {});
    await until(async () => (await pausePageText(page))?.includes('opens only when Clean Break stops an address'), 'the refusal');
    assert.ok(!(await pausePageText(page)).includes('Take a breath'));
    await expectPopupShows(ff, { today: 0 });
  }));

test('Continue on the pause page lets that one load through: their profile opens once, and is not paused again', () =>
  withFirefox(async (ff) => {
    const options = await ff.seedSettings([sam]);
    await until(async () => (await options.evaluate(() => browser.declarativeNetRequest.getDynamicRules())).length > 0, 'the rules are written');
    const page = await ff.sitePage(APP);
    const reached = [];
    page.on('request', (request) => {
      if (request.url().startsWith('https://www.instagram.com/sam.lee')) reached.push(request.url());
    });
    await page.goto('https://www.instagram.com/explore/');
    page.goto('https://www.instagram.com/sam.lee/').catch(() => {});
    await until(async () => (await pausePageText(page))?.includes('Take a breath'), 'the pause page');
    // The countdown (3 s), then Continue anyway, pressed as a person does.
    const continueButton = 'xpath/.//button[normalize-space()="Continue anyway"]';
    await until(() => page.$eval(continueButton, (button) => !button.disabled).catch(() => false), 'Continue anyway is enabled', 15_000);
    await (await page.$(continueButton)).click();
    await until(() => page.evaluate(() => location.href === 'https://www.instagram.com/sam.lee/').catch(() => false), 'their profile opens');
    assert.deepEqual(reached, ['https://www.instagram.com/sam.lee/']);
    // The content script there let them through (Continue's snooze): the page shows them, no screen.
    await until(() => page.evaluate(() => document.querySelector('h2')?.textContent === 'sam.lee').catch(() => false), 'their profile is shown');
    await expectNotPaused(page, 3000);
    assert.deepEqual(await pauseLog(page), []);
    await expectPopupShows(ff, { today: 1, recent: 'S.’s profile on Instagram: Continued' });
    // The let-through was used once and is gone.
    await until(async () => (await options.evaluate(() => browser.declarativeNetRequest.getSessionRules())).length === 0, 'the let-through is gone');
  }));
