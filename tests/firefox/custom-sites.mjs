import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pauseLog, expectPopupShows, until, expectPaused, withFirefox } from './support/firefox.mjs';

// Custom sites in Firefox: added in options, the host asked for at that moment (optional
// permissions, granted here by Firefox's automation switch), watched by the content script the
// background registers for it, and the host given back when the site is removed.
const ORIGIN = 'https://forum.example.com/*';
const text = (page) => page.evaluate(() => document.body.innerText);
const buttonNamed = (page, name) =>
  page.evaluateHandle((wanted) => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === wanted) ?? null, name);
const registered = (page) =>
  page.evaluate(async () => (await browser.scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, matches: s.matches })));
const hostAllowed = (page) => page.evaluate((origin) => browser.permissions.contains({ origins: [origin] }), ORIGIN);

test('a custom site added in options is asked for, watched where its address names the person, and given back when removed', () =>
  withFirefox(async (ff) => {
    // A full load that reaches their page: the browser refuses the stopping rules (refuseStops); stop.mjs is the rules.
    const options = await ff.seedSettings([], {}, { stops: false });
    await options.waitForSelector('form[aria-label="Add a site"] input[name="name"]');
    assert.equal(await hostAllowed(options), false);
    const form = 'form[aria-label="Add a site"]';
    await options.type(`${form} input[name="name"]`, 'Book club');
    await options.type(`${form} input[name="address"]`, 'forum.example.com');
    await options.type(`${form} input[name="after"]`, '/members/');
    await options.click(`${form} button[type="submit"]`);
    await until(async () => (await text(options)).includes('Added Book club. Now add, under People, how the person appears there.'), 'the site is added');
    assert.equal(await hostAllowed(options), true, 'the host was asked for and granted');
    await until(async () => (await registered(options)).some((s) => s.id === 'clean-break-custom-sites' && s.matches.includes(ORIGIN)), 'its script is registered');

    // The person, by a link to their page there.
    await options.type('input[name=alias]', 'S.');
    await (await buttonNamed(options, 'Add person')).click();
    await options.waitForSelector('article[aria-label="S."] input[name=identifier]');
    await options.type('article[aria-label="S."] input[name=identifier]', 'https://forum.example.com/members/sam.lee/');
    await options.click('article[aria-label="S."] button[type=submit]');
    await until(async () => (await text(options)).includes('Username sam.lee on Book club'), 'the username is listed');

    // Their page is paused; a page that only mentions them and a longer name are not. The tab
    // is paused later on theirs, so the script was there, and decided, on the others.
    const page = await ff.sitePage([['https://forum.example.com/', 'custom/forum.html']]);
    await page.goto('https://forum.example.com/threads/42-what-are-you-reading');
    await page.goto('https://forum.example.com/members/sam.leeroy/');
    await until(() => page.evaluate(() => getComputedStyle(document.documentElement).visibility === 'visible'), 'the longer name is shown');
    await page.goto('https://forum.example.com/members/sam.lee/');
    await expectPaused(page);
    assert.deepEqual((await pauseLog(page)).map((p) => p.path), ['/members/sam.lee/']);
    await expectPopupShows(ff, { today: 1, recent: 'S.’s profile on Book club: On the pause screen' });
    await page.close();

    // Removed: its script unregistered and the host given back.
    const remove = await options.$('li[aria-label="Book club"] button.link');
    await remove.click();
    // Asked first in the page's own dialog (no native confirm).
    await until(async () => (await options.$('dialog[open]')) !== null, 'the confirmation opens');
    await (await options.$('xpath/.//dialog[@open]//button[normalize-space()="Stop watching"]')).click();
    await until(async () => (await text(options)).includes('Removed Book club.'), 'the site is removed');
    await until(async () => (await hostAllowed(options)) === false, 'the host is given back');
    await until(async () => !(await registered(options)).some((s) => s.id === 'clean-break-custom-sites'), 'its script is unregistered');
  }));
