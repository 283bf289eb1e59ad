import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickPauseButton, inClosedRoot, journalTexts, until, expectPaused, expectNotPaused, withFirefox } from './support/firefox.mjs';

// After Continue into their thread, the first send asks once more (the send check, its own closed
// root): in Firefox the content script sees the page's composer through Xray wrappers, so stopping
// the app's Enter and emptying its box are worth proving here as well as in Chromium.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };
const THREAD = 'https://www.instagram.com/direct/t/340282366841710300949128171234567890/';
const WORDS = 'I miss you. Can we talk?';

/** The send check as a person sees it: its title and its buttons (name, focused, centre); undefined when not up. */
const sendCheck = (page) =>
  inClosedRoot(page, '[popover]', (root) => {
    const dialog = root.querySelector('[role="alertdialog"]');
    if (!dialog) return undefined;
    return {
      title: root.getElementById(dialog.getAttribute('aria-labelledby'))?.textContent ?? '',
      buttons: [...dialog.querySelectorAll('button')].map((button) => {
        const box = button.getBoundingClientRect();
        return { name: button.textContent.trim(), focused: root.activeElement === button, x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }),
    };
  }).catch(() => undefined);

const composerText = (page) => page.$eval('[role="main"] [role="textbox"]', (box) => box.innerText.replace(/\u200b/g, '').trim());
const sentRows = (page) => page.$$eval('[role="grid"] [role="row"]', (rows) => rows.map((row) => row.textContent.trim()));

test('after Continue into their thread, Enter asks first; keeping it saves the words in the journal, empties the box and sends nothing; the next send goes', () =>
  withFirefox(async (ff) => {
    await ff.seedSettings([sam]);
    const page = await ff.sitePage([['https://www.instagram.com/', 'instagram/direct-thread.html']]);
    await page.goto(THREAD);
    await expectPaused(page);
    await until(async () => (await expectPaused(page)).buttons.find((b) => b.name === 'Continue anyway')?.disabled === false, 'Continue anyway is enabled');
    await clickPauseButton(page, 'Continue anyway');
    await expectNotPaused(page);

    await page.click('[role="main"] [role="textbox"]');
    await page.keyboard.type(WORDS);
    await page.keyboard.press('Enter');
    await until(sendCheck.bind(null, page), 'the send check appears');
    // Keeping is the focused choice, once the check has mounted.
    const check = await until(async () => {
      const now = await sendCheck(page);
      return now?.buttons.find((b) => b.name === 'Keep it in my journal')?.focused ? now : null;
    }, 'keeping has the focus');
    assert.equal(check.title, 'Send this to S.?');
    // The app never heard the Enter: nothing sent, the words still in its box.
    assert.deepEqual(await sentRows(page), ['hey']);
    assert.equal(await composerText(page), WORDS);

    const keep = check.buttons.find((b) => b.name === 'Keep it in my journal');
    await page.mouse.click(keep.x, keep.y);
    await until(async () => !(await page.$('[popover]')), 'the send check goes');
    await until(async () => (await composerText(page)) === '', 'the box is emptied');
    assert.deepEqual(await sentRows(page), ['hey']);

    assert.deepEqual(await journalTexts(ff), [WORDS]);

    // One question only: the next send goes, unasked.
    await page.bringToFront();
    await page.click('[role="main"] [role="textbox"]');
    await page.keyboard.type('ok');
    await page.keyboard.press('Enter');
    await until(async () => (await sentRows(page)).length === 2, 'the next message is sent');
    assert.deepEqual(await sentRows(page), ['hey', 'ok']);
    assert.equal(await page.$('[popover]'), null);
  }));
