import { test } from 'node:test';
import assert from 'node:assert/strict';
import { until, withFirefox } from './support/firefox.mjs';

// Issue 13's health signal, in Firefox: a chat the address says is open, with nobody read from the
// page once it settles, is counted (site, day and count only), and the popup says so once it keeps
// happening.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };

test('after three chats nobody could be read in, the popup says protection on the site may be weaker, and only the site, day and count are kept', () =>
  withFirefox(async (ff) => {
    const options = await ff.seedSettings([sam]);
    const health = async () => (await options.evaluate(() => browser.storage.local.get('health'))).health;
    const counted = async () => ((await health()) ?? []).reduce((n, d) => n + d.count, 0);
    const page = await ff.sitePage([['https://www.instagram.com/direct/t/', 'learned/instagram-thread-unnamed.html']]);
    for (const [i, id] of ['1001', '1002', '1003'].entries()) {
      await page.goto(`https://www.instagram.com/direct/t/${id}/`);
      await until(async () => (await counted()) === i + 1, `chat ${i + 1} is counted`, 15_000);
    }
    assert.equal(await page.$('[popover]'), null, 'nobody was paused');
    const [day, ...more] = await health();
    assert.deepEqual(more, []);
    assert.deepEqual(Object.keys(day).sort(), ['count', 'day', 'site']);
    assert.equal(day.site, 'instagram');
    assert.match(day.day, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(day.count, 3);

    const popup = await ff.extPage('popup.html');
    const notice = await until(() => popup.evaluate(() => document.querySelector('[data-testid="health"]')?.textContent ?? null), 'the popup shows the notice');
    assert.ok(notice.includes('Clean Break could not tell who 3 Instagram chats this week were with: protection there may be weaker.'), notice);
    assert.ok(notice.includes('Add their chat link in Options, or update Clean Break.'), notice);
  }));
