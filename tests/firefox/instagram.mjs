import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickPauseButton, pauseLog, expectPopupShows, until, expectPaused, expectNotPaused, withFirefox } from './support/firefox.mjs';

const INSTAGRAM = [['https://www.instagram.com/', 'instagram/app.html']];
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };
const url = (page) => page.evaluate(() => location.href);

test('a person added in options is paused on their profile; Leave goes back; the popup counts it', () =>
  withFirefox(async (ff) => {
    // Options: add a person by alias, then their username pasted as a link (trusted typing and clicks).
    const options = await ff.extPage('options.html');
    // The form renders once the settings have been read, which can come after the load event.
    await options.waitForSelector('input[name=alias]');
    await options.type('input[name=alias]', 'S.');
    await options.click('form.row button[type=submit]');
    await options.waitForSelector('article[aria-label="S."]');
    await options.type('article[aria-label="S."] input[name=identifier]', 'https://www.instagram.com/sam.lee/?hl=en');
    await options.click('article[aria-label="S."] button[type=submit]');
    await until(
      () => options.evaluate(() => document.querySelector('article[aria-label="S."] li')?.textContent.includes('Username sam.lee on Instagram')),
      'the username is listed',
    );

    // Browse: the home feed is untouched; the watched profile, opened in the app, is covered.
    // (A full load of it never reaches the site: stop.mjs.)
    const page = await ff.sitePage(INSTAGRAM);
    await page.goto('https://www.instagram.com/');
    assert.equal(await page.$eval('h1', (h) => h.textContent), 'Home feed');

    await page.click('#link-watched');
    const screen = await expectPaused(page);
    // The host covers the page, and its root is closed to the page's scripts.
    assert.equal(await page.evaluate(() => document.elementFromPoint(innerWidth / 2, innerHeight / 2) === document.querySelector('[popover]')), true);
    assert.equal(await page.$eval('[popover]', (host) => host.shadowRoot), null);
    assert.ok(screen.text.includes('S.'), screen.text);
    // The article's reasons, for the user's own urge (its questions are for when they make contact).
    assert.ok(screen.text.includes('Is this for your recovery, or to win them back?'), screen.text);
    assert.ok(!screen.text.includes('Are they willing to work on the relationship and address the issues?'), screen.text);
    assert.ok(!screen.text.includes('sam.lee'), 'the screen does not name the profile');
    const leave = screen.buttons.find((b) => b.name === 'Leave');
    assert.equal(leave?.focused, true, 'Leave has the focus');
    assert.equal(screen.buttons.find((b) => b.name === 'Continue anyway')?.disabled, true);
    // Only this profile was paused in this tab: the home feed never was.
    assert.deepEqual((await pauseLog(page)).map((p) => p.path), ['/sam.lee/']);

    // The page beneath takes no clicks, not even on a link under the pointer; Escape does nothing.
    await page.evaluate(() => (window.__clicks = 0));
    const link = await page.$eval('#link-other', (a) => {
      const box = a.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    });
    await page.mouse.click(link.x, link.y);
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => window.__clicks), 0);
    assert.equal(await url(page), 'https://www.instagram.com/sam.lee/');
    await expectPaused(page);

    await clickPauseButton(page, 'Leave');
    await until(async () => (await url(page)) === 'https://www.instagram.com/', 'Leave goes back to the feed');
    await expectNotPaused(page);
    assert.equal(await page.$eval('h1', (h) => h.textContent), 'Home feed');
    assert.deepEqual((await pauseLog(page)).map((p) => p.path), ['/sam.lee/']);

    await expectPopupShows(ff, { today: 1, recent: 'S.’s profile on Instagram: Left' });
  }));

test('in-app navigation (history.pushState, no load) to the watched profile is paused; another profile is not', () =>
  withFirefox(async (ff) => {
    await ff.seedSettings([sam]);
    const page = await ff.sitePage(INSTAGRAM);
    await page.goto('https://www.instagram.com/explore/');
    const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);

    await page.click('#link-other'); // the app's router: pushState
    await until(async () => (await url(page)) === 'https://www.instagram.com/jo.other/', 'at /jo.other/');
    await page.click('#link-watched');
    await until(async () => (await url(page)) === 'https://www.instagram.com/sam.lee/', 'at /sam.lee/');
    await expectPaused(page);
    // One document all along, and paused only on the watched profile.
    assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), loads);
    assert.equal(await page.$eval('h2', (h) => h.textContent), 'sam.lee');
    assert.deepEqual((await pauseLog(page)).map((p) => p.path), ['/sam.lee/']);
    await expectPopupShows(ff, { today: 1, recent: 'S.’s profile on Instagram: On the pause screen' });

    // Leave goes back to the previous profile, in the app.
    await clickPauseButton(page, 'Leave');
    await until(async () => (await url(page)) === 'https://www.instagram.com/jo.other/', 'Leave goes back to /jo.other/');
    await expectNotPaused(page);
    await expectPopupShows(ff, { today: 1, recent: 'S.’s profile on Instagram: Left' });
  }));

test('on a full load of the watched profile its first frame is already hidden or covered; another profile’s is shown', () =>
  withFirefox(async (ff) => {
    // A full load that reaches their page: the browser refuses the stopping rules (refuseStops); stop.mjs is the rules.
    const options = await ff.seedSettings([sam], {}, { stops: false });
    // The background registers the veil (veil.css) for the watched profile's addresses.
    await ff.veilInEffect(options, 'https://www.instagram.com/sam.lee/*', 'https://www.instagram.com/sam.lee/');

    const page = await ff.sitePage(INSTAGRAM);
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    const first = await page.evaluate(() => window.__firstFrame);
    assert.ok(first?.visibility === 'hidden' || first?.covered, `first frame: ${JSON.stringify(first)}`);

    // Someone else's profile is shown from its first frame, and not paused: the same tab then
    // goes to the watched profile in the app and is paused, so the script was there and decided.
    await page.goto('https://www.instagram.com/jo.other/');
    assert.deepEqual(await until(() => page.evaluate(() => window.__firstFrame), 'first frame'), { visibility: 'visible', covered: false });
    await page.click('#link-watched');
    await expectPaused(page);
    assert.deepEqual((await pauseLog(page)).map((p) => p.path), ['/sam.lee/', '/sam.lee/']);
  }));

test('a profile left and come back to with Forward, from the back/forward cache, is covered again before it is shown', () =>
  withFirefox(async (ff) => {
    // A full load that reaches their page: the browser refuses the stopping rules (refuseStops); stop.mjs is the rules.
    await ff.seedSettings([sam], {}, { stops: false });
    const page = await ff.sitePage(INSTAGRAM);
    await page.goto('https://www.instagram.com/');
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    // Marks on the profile's own document: they are still there only if it comes back from the
    // cache, not from a new load. The page's pageshow listener runs after the content script's (it
    // was added later): whether the screen is already up then says it was up before any frame.
    await page.evaluate(() => {
      window.__sameDocument = true;
      window.addEventListener('pageshow', (event) => {
        window.__restored = { persisted: event.persisted, covered: document.querySelector('[popover]') !== null };
      });
    });
    // The screen is ready (it gives Leave the focus once mounted) before it is clicked.
    await until(async () => (await expectPaused(page)).buttons.find((b) => b.name === 'Leave')?.focused, 'Leave has the focus');
    await clickPauseButton(page, 'Leave');
    await until(async () => (await url(page)) === 'https://www.instagram.com/', 'Leave goes back to the feed', 20_000);
    await expectNotPaused(page);

    await page.evaluate(() => history.forward());
    await until(async () => (await url(page)) === 'https://www.instagram.com/sam.lee/', 'Forward comes back to the profile');
    await expectPaused(page);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the profile came back from the back/forward cache');
    assert.deepEqual(await page.evaluate(() => window.__restored), { persisted: true, covered: true });
    await expectPopupShows(ff, { today: 2, recent: 'S.’s profile on Instagram: On the pause screen' });
    // Leave's fallback (home, when going back did nothing) was frozen with the page: it did go back.
    assert.equal(await url(page), 'https://www.instagram.com/sam.lee/');
  }));

test('a pause screen taken into the back/forward cache by the browser’s Back comes back with Forward as the same attempt', () =>
  withFirefox(async (ff) => {
    // A full load that reaches their page: the browser refuses the stopping rules (refuseStops); stop.mjs is the rules.
    await ff.seedSettings([sam], {}, { stops: false });
    const page = await ff.sitePage(INSTAGRAM);
    await page.goto('https://www.instagram.com/');
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    await page.evaluate(() => (window.__sameDocument = true));
    // The browser's own Back, not Leave: the screen goes into the cache with the page.
    await page.evaluate(() => history.back());
    await until(async () => (await url(page)) === 'https://www.instagram.com/', 'Back to the feed');
    await expectNotPaused(page);
    await page.evaluate(() => history.forward());
    await until(async () => (await url(page)) === 'https://www.instagram.com/sam.lee/', 'Forward to the profile');
    await expectPaused(page);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the profile came back from the back/forward cache');
    // One attempt, still on the screen: the abandoned one was carried over when the screen came back.
    await expectPopupShows(ff, { today: 1, recent: 'S.’s profile on Instagram: On the pause screen' });
    await clickPauseButton(page, 'Leave');
    await expectPopupShows(ff, { today: 1, recent: 'S.’s profile on Instagram: Left' });
  }));

test('with no snooze, a profile let through and come back to from the back/forward cache is covered again', () =>
  withFirefox(async (ff) => {
    // A full load that reaches their page: the browser refuses the stopping rules (refuseStops); stop.mjs is the rules.
    await ff.seedSettings([sam], { snoozeMinutes: 0 }, { stops: false });
    const page = await ff.sitePage(INSTAGRAM);
    await page.goto('https://www.instagram.com/');
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    await page.evaluate(() => (window.__sameDocument = true));
    await until(async () => (await expectPaused(page)).buttons.find((b) => b.name === 'Continue anyway')?.disabled === false, 'Continue anyway is enabled');
    await clickPauseButton(page, 'Continue anyway');
    await expectNotPaused(page);

    // Away with the browser's Back, and back with Forward: the same document, from the cache. They
    // came back to the profile: a new decision.
    await page.evaluate(() => history.back());
    await until(async () => (await url(page)) === 'https://www.instagram.com/', 'Back to the feed');
    await page.evaluate(() => history.forward());
    await until(async () => (await url(page)) === 'https://www.instagram.com/sam.lee/', 'Forward to the profile');
    await expectPaused(page);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the profile came back from the back/forward cache');
    await expectPopupShows(ff, { today: 2, recent: 'S.’s profile on Instagram: On the pause screen' });
  }));
