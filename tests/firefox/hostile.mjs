import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectPaused, withFirefox } from './support/firefox.mjs';

// Issue 23 in Firefox: a hostile page cannot switch the content script off, nor reach the closed
// screen through a custom element of its own (the same pages as tests/e2e/hostile.spec.ts).
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };

test('a page that knows the extension’s id cannot switch it off; one that defines custom elements reaches nothing of the screen', () =>
  withFirefox(async (ff) => {
    // A full load that reaches their page: the browser refuses the stopping rules (refuseStops); stop.mjs is the rules.
    const options = await ff.seedSettings([sam], {}, { stops: false });
    const id = await options.evaluate(() => browser.runtime.id);

    // WXT's "a newer copy of this script started" event, and a made-up location change, with the screen up.
    const page = await ff.sitePage([['https://www.instagram.com/', 'instagram/app.html']]);
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    await page.evaluate((extensionId) => {
      for (const script of ['instagram', 'watch']) {
        const detail = { contentScriptName: script, messageId: 'forged' };
        document.dispatchEvent(new CustomEvent(`${extensionId}:${script}:wxt:content-script-started`, { detail }));
        window.dispatchEvent(new Event(`${extensionId}:${script}:wxt:locationchange`));
      }
    }, id);
    await new Promise((done) => setTimeout(done, 3000));
    const still = await expectPaused(page, 1000);
    assert.ok(still.text.includes('S.'), still.text);
    assert.equal(await page.evaluate(() => document.body.inert), true);

    // A page that defined custom elements under the screens' old names before the screen mounted.
    const custom = await ff.sitePage([['https://www.instagram.com/sam.lee/', 'hostile/custom-element.html']]);
    await custom.goto('https://www.instagram.com/sam.lee/');
    const screen = await expectPaused(custom);
    assert.ok(screen.text.includes('S.'), screen.text);
    await new Promise((done) => setTimeout(done, 200));
    assert.deepEqual(await custom.evaluate(() => window.__reached), []);
    assert.deepEqual(
      await custom.evaluate(() => {
        const host = document.querySelector('[popover]');
        return { name: host.localName, shadowRoot: host.shadowRoot };
      }),
      { name: 'div', shadowRoot: null },
    );
  }));
