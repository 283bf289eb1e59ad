import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pauseLog, expectPopupShows, until, expectPaused, expectNotPaused, withFirefox } from './support/firefox.mjs';

// On WhatsApp Web the person is their saved contact name (and their number, where shown).
const sam = {
  id: 'p-sam',
  alias: 'S.',
  identifiers: [
    { kind: 'name', value: 'Sam Lee', site: 'whatsapp' },
    { kind: 'phone', value: '+44 7700 900123', site: 'whatsapp' },
  ],
};
const header = (page) => page.evaluate(() => document.querySelector('#main header')?.textContent ?? null);

test('WhatsApp: a chat opened from the list, with no change of address, is paused; other chats and a group named like them are not', () =>
  withFirefox(async (ff) => {
    await ff.seedSettings([sam]);
    const page = await ff.sitePage([['https://web.whatsapp.com/', 'whatsapp/app.html']]);
    await page.goto('https://web.whatsapp.com/');

    // Another person's chat, then a group named like them (once its member list has loaded).
    await page.click('#pane-side [role="row"][data-chat="jo"]');
    await until(async () => (await header(page))?.includes('Jo Other'), 'Jo’s chat is open');
    await page.click('#pane-side [role="row"][data-chat="sam-group"]');
    await until(async () => (await header(page))?.includes('Alex, Jo Other, Sam Lee, You'), 'the group’s members are shown');

    // Their chat: the address stays the same.
    await page.click('#pane-side [role="row"][data-chat="sam"]');
    const screen = await expectPaused(page);
    assert.ok(screen.text.includes('S.'), screen.text);
    assert.equal(await page.evaluate(() => location.href), 'https://web.whatsapp.com/');
    assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), 1);
    // In this one document the screen came up once, on their chat: never on Jo's or the group.
    assert.deepEqual((await pauseLog(page)).map((p) => p.chat), ['sam']);
    await expectPopupShows(ff, { today: 1, recent: 'S.’s chat on WhatsApp Web: On the pause screen' });

    // The app re-rendering their chat's header (out for three frames): the screen stays up, not
    // taken down and put up again.
    await page.evaluate(async () => {
      const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
      const header = document.querySelector('#main header');
      const main = header.parentNode;
      header.remove();
      for (let i = 0; i < 3; i++) await frame();
      main.insertBefore(header, main.firstChild);
      for (let i = 0; i < 3; i++) await frame();
    });
    await expectPaused(page);
    assert.deepEqual((await pauseLog(page)).map((p) => p.chat), ['sam']);

    // The app switching to another chat by itself (as from a notification) takes the screen down.
    await page.evaluate(() => window.__openChat('jo'));
    await expectNotPaused(page);
    assert.ok((await header(page))?.includes('Jo Other'));
  }));
