import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickPauseButton, expectPopupShows, until, expectPaused, expectNotPaused, withFirefox } from './support/firefox.mjs';

const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };

test('no request leaves the browser: options, popup, background and content script send nothing, and the proxy does see what leaves', () =>
  withFirefox(async (ff) => {
    // A full load that reaches their page: the browser refuses the stopping rules (refuseStops); stop.mjs is the rules.
    const options = await ff.seedSettings([sam], {}, { stops: false });
    await until(async () => (await ff.registeredMatches(options)).includes('https://www.instagram.com/sam.lee/*'), 'the veil is registered');
    const page = await ff.sitePage([['https://www.instagram.com/', 'instagram/app.html']]);
    await page.goto('https://www.instagram.com/');
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    await clickPauseButton(page, 'Leave');
    await expectNotPaused(page);
    await expectPopupShows(ff, { today: 1, recent: 'S.’s profile on Instagram: Left' });

    assert.deepEqual(ff.stray, []);
    assert.deepEqual(ff.proxied, [], 'requests that left the browser');

    // The control: a tab with no interception reaches the proxy, over http and https, so an
    // empty log above means nothing was sent (not that the proxy was bypassed).
    const plain = await ff.browser.newPage();
    await plain.goto('http://proxy-check.invalid/').catch(() => {});
    await plain.goto('https://proxy-check.invalid/').catch(() => {});
    await until(() => ff.proxied.some((r) => r.startsWith('GET http://proxy-check.invalid/')), 'the proxy sees the http request');
    await until(() => ff.proxied.some((r) => r.startsWith('CONNECT proxy-check.invalid:443')), 'the proxy sees the https request');
    assert.deepEqual(ff.proxied.filter((r) => !r.includes('proxy-check.invalid')), []);
    ff.proxied.length = 0;
  }));
