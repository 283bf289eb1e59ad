import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES } from './support/paths.mjs';
import { until, expectPaused, withFirefox } from './support/firefox.mjs';

// Unreadable is never empty, in Firefox too: half-valid settings and garbage in every item. The
// person who still parses is protected, the pages say what happened, and the raw value is kept.
const { settings: halfValidSettings, garbage } = JSON.parse(readFileSync(path.join(FIXTURES, 'storage/half-valid.json'), 'utf8'));
const text = (page) => page.evaluate(() => document.body.innerText);
const stored = (page) => page.evaluate(() => browser.storage.local.get(null));

test('half-valid settings and garbage everywhere: the readable person is still paused, both pages say so, and the raw settings are kept', () =>
  withFirefox(async (ff) => {
    const setup = await ff.extPage('options.html');
    // A full load that reaches their page: the browser refuses the stopping rules (refuseStops); stop.mjs is the rules.
    await ff.refuseStops(setup);
    await setup.evaluate((values) => browser.storage.local.set(values), { settings: halfValidSettings, ...garbage });
    await setup.close();

    const popup = await ff.extPage('popup.html');
    await until(async () => (await text(popup)).includes('Some saved settings could not be read and were set aside'), 'the popup says so');
    const options = await ff.extPage('options.html');
    await until(async () => (await text(options)).includes('Some saved settings could not be read; they were set aside'), 'options say so');
    assert.ok(await options.$('article[aria-label="S."]'), 'the readable person is listed');

    const page = await ff.sitePage([['https://www.instagram.com/', 'instagram/app.html']]);
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);

    // Until something is saved the raw value stays where it was; the first save keeps it among the backups.
    assert.deepEqual((await stored(options)).settings, halfValidSettings);
    await options.bringToFront();
    const tiktok = await options.evaluateHandle(
      () => [...document.querySelectorAll('label')].find((label) => label.textContent.trim() === 'TikTok')?.querySelector('input') ?? null,
    );
    await tiktok.click();
    await until(async () => (await text(options)).includes('TikTok is no longer watched.'), 'the change is saved');
    const after = await until(async () => {
      const now = await stored(options);
      return Array.isArray(now.backups) && now.backups.some((b) => b.item === 'settings') ? now : null;
    }, 'the raw settings are kept among the backups');
    assert.deepEqual(after.backups.find((b) => b.item === 'settings').raw, halfValidSettings);
    assert.deepEqual(after.settings.people.map((p) => p.id), ['p-sam']);
    assert.deepEqual(after.settings.disabledSites, ['tiktok']);
  }));
