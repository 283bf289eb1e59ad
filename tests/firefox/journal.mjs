import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickPauseButton, inClosedRoot, expectPopupShows, typeInScreen, until, expectPaused, expectNotPaused, withFirefox } from './support/firefox.mjs';

const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };
const WRITTEN = 'I still think about the lake trip.';

test('what is written on the pause screen is in the journal page, in full; deleted there (after asking), it is gone for good', () =>
  withFirefox(async (ff) => {
    // A full load that reaches their page: the browser refuses the stopping rules (refuseStops); stop.mjs is the rules.
    await ff.seedSettings([sam], {}, { stops: false });
    const page = await ff.sitePage([['https://www.instagram.com/', 'instagram/app.html']]);
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);

    // Typed as a person types: a trusted click into the box inside the closed root, then keys.
    await page.evaluate(() => {
      window.__keys = 0;
      window.addEventListener('keydown', () => window.__keys++);
    });
    await typeInScreen(page, 'textarea', WRITTEN);
    assert.equal(await inClosedRoot(page, '[popover]', (root) => root.querySelector('textarea').value), WRITTEN);
    // The page's own key listeners heard none of it: the keys stop at the screen's edge.
    assert.equal(await page.evaluate(() => window.__keys), 0);
    await clickPauseButton(page, 'Leave');
    await expectNotPaused(page);
    await expectPopupShows(ff, { today: 1, recent: 'S.’s profile on Instagram: Left' });

    const journal = await ff.extPage('journal.html');
    const entries = () =>
      journal.evaluate(() => ({
        texts: [...document.querySelectorAll('article.entry .entry-text')].map((p) => p.textContent),
        about: [...document.querySelectorAll('article.entry .hint')].map((p) => p.textContent),
        empty: document.querySelector('.empty')?.textContent ?? null,
      }));
    const shown = await until(async () => {
      const now = await entries();
      return now.texts.length ? now : null;
    }, 'the journal shows the entry');
    assert.deepEqual(shown.texts, [WRITTEN]);
    assert.deepEqual(shown.about, ['To S. on Instagram']);

    // Delete asks first; Keep is focused and keeps it.
    await journal.click('article.entry button.link');
    await until(() => journal.evaluate(() => document.activeElement?.textContent === 'Keep'), 'Keep has the focus');
    await journal.keyboard.press('Enter');
    await until(() => journal.evaluate(() => !!document.querySelector('article.entry button.link')), 'kept: asked no more');
    assert.deepEqual((await entries()).texts, [WRITTEN]);
    await journal.click('article.entry button.link');
    await journal.waitForSelector('article.entry .confirm button.danger');
    await journal.click('article.entry .confirm button.danger');
    await until(async () => (await entries()).empty !== null, 'the journal is empty');

    // Gone from the record itself: a journal opened afresh shows nothing either.
    await journal.close();
    const again = await ff.extPage('journal.html');
    await until(() => again.evaluate(() => document.querySelector('.empty') !== null), 'a fresh journal page is empty');
    assert.equal(await again.evaluate(() => document.querySelectorAll('article.entry').length), 0);
  }));
