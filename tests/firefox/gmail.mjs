import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickPauseButton, journalTexts, expectPopupShows, until, expectPaused, expectNotPaused, withFirefox } from './support/firefox.mjs';

// Gmail opens compose windows over the inbox without changing the address: the person among a
// compose window's recipients is the moment, and Leave takes them out where they are, keeping the
// draft (in the window and in the journal). In Firefox the content script edits the page's
// recipient field through Xray wrappers, which is worth proving here too.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'email', value: 'sam@example.com', site: 'gmail' }] };
const DRAFT = 'I keep thinking about last summer.';
const INBOX = 'https://mail.google.com/mail/u/0/#inbox';

test('Gmail: adding them to a compose window pauses; Leave takes them out and keeps the draft, in the window and the journal', () =>
  withFirefox(async (ff) => {
    await ff.seedSettings([sam]);
    const page = await ff.sitePage([['https://mail.google.com/mail/', 'gmail/app.html']]);
    await page.goto(INBOX);
    // Compose as a person does it: the Compose button, the words, then their address and Enter in To.
    await page.click('[gh="cm"]');
    const compose = '[role="dialog"]:last-of-type';
    await page.waitForSelector(`${compose} [g_editable="true"]`);
    await page.click(`${compose} [g_editable="true"]`);
    await page.keyboard.type(DRAFT);
    await page.click(`${compose} div[name="to"] input[role="combobox"]`);
    await page.keyboard.type('sam@example.com');
    await page.keyboard.press('Enter');
    await expectPaused(page);
    assert.equal(await page.evaluate(() => location.href), INBOX, 'no change of address');

    await clickPauseButton(page, 'Leave');
    await expectNotPaused(page);
    await until(async () => (await page.$$(`[role="dialog"] [data-hovercard-id="sam@example.com"]`)).length === 0, 'they are out of the recipients');
    assert.equal(await page.$eval(`${compose} [g_editable="true"]`, (body) => body.textContent), DRAFT, 'the draft stays in the window');
    await expectPopupShows(ff, { today: 1, recent: 'S.’s e-mail on Gmail: Left' });

    assert.deepEqual(await journalTexts(ff), [DRAFT]);
  }));
