import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { clickPauseButton, journalTexts, expectPopupShows, typeInScreen, until, expectPaused, expectNotPaused, withFirefox } from './support/firefox.mjs';

// The person's record in Firefox: exported as one file (a download the page makes from a blob),
// the log cleared after asking, and the file imported back (a file chosen in the page) with
// nothing lost and nothing doubled.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };
const WRITTEN = 'I wanted to ask how they are.';

/** The button of the options page's "Your data" section whose text is `name`. */
const button = (page, name) =>
  page.evaluateHandle((text) => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === text && b.offsetParent !== null) ?? null, name);
const status = (page) => page.evaluate(() => [...document.querySelectorAll('[role="status"]')].map((s) => s.textContent).join(' | '));

test('export everything, clear the log after asking, import the file back: the attempt and the journal are there once, in the popup and the journal page', () =>
  withFirefox(async (ff) => {
    // A full load that reaches their page: the browser refuses the stopping rules (refuseStops); stop.mjs is the rules.
    await ff.seedSettings([sam], {}, { stops: false });
    const page = await ff.sitePage([['https://www.instagram.com/', 'instagram/app.html']]);
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    await typeInScreen(page, 'textarea', WRITTEN);
    await clickPauseButton(page, 'Leave');
    await expectNotPaused(page);
    await expectPopupShows(ff, { today: 1, recent: 'S.’s profile on Instagram: Left' });

    // Export: the file lands in the downloads folder, whole.
    const options = await ff.extPage('options.html');
    await options.waitForSelector('input[type="file"]');
    await (await button(options, 'Export everything (JSON)')).click();
    const file = await until(() => {
      const name = readdirSync(ff.downloads).find((n) => /^clean-break-backup-\d{4}-\d{2}-\d{2}\.json$/.test(n));
      const full = name && path.join(ff.downloads, name);
      if (!full || !existsSync(full)) return null;
      try {
        return JSON.parse(readFileSync(full, 'utf8')) && full;
      } catch {
        return null; // still being written
      }
    }, 'the backup is downloaded');
    const backup = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(backup.format, 'clean-break-backup');
    assert.deepEqual(backup.settings.people.map((p) => p.alias), ['S.']);
    assert.deepEqual(backup.attempts.map((a) => [a.personId, a.site, a.kind, a.outcome, a.journalWritten]), [['p-sam', 'instagram', 'profile', 'left', true]]);
    assert.deepEqual(backup.journal.map((j) => j.text), [WRITTEN]);
    await until(async () => (await status(options)).includes('Everything was exported as one file.'), 'the page says it was exported');

    // Clear the log: it asks first, with Cancel focused; confirmed, the popup counts nothing.
    await (await button(options, 'Clear the log…')).click();
    await options.waitForSelector('dialog[open]');
    assert.equal(await options.evaluate(() => document.activeElement?.textContent), 'Cancel');
    await options.click('dialog[open] button.danger');
    await until(async () => (await status(options)).includes('The log was cleared.'), 'the log is cleared');
    await expectPopupShows(ff, { today: 0 });

    // Import the file back, merging: it asks first, then the attempt is back, once.
    const input = await options.$('input[type="file"]');
    await input.uploadFile(file);
    await (await button(options, 'Import…')).click();
    await options.waitForSelector('dialog[open]');
    await (await button(options, 'Merge it')).click();
    // One attempt added (the one cleared); the journal entry was kept, so none added.
    await until(
      async () => (await status(options)).includes('1 attempt and 0 journal entries were added to the log and the journal.'),
      'the page says what was imported',
    );
    await expectPopupShows(ff, { today: 1, recent: 'S.’s profile on Instagram: Left' });

    // The journal entry, kept through the clearing, is not doubled by the import.
    assert.deepEqual(await journalTexts(ff), [WRITTEN]);
  }));
