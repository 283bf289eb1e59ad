import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectPopupShows, until, withFirefox } from './support/firefox.mjs';

// Data outlives versions, in Firefox too: the log and journal of the first release (version-1
// arrays in storage.local) move into the database when the background starts again, whole, and
// the old keys go only after that.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };
const OLD = 2_000;

/** What an extension page reads of the record: its database's rows, and what storage.local still holds. */
const record = (page) =>
  page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('clean-break');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store) =>
      new Promise((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const [attempts, journal] = [await all('attempts'), await all('journal')];
    db.close();
    return { attempts, journal, stored: Object.keys(await browser.storage.local.get(null)) };
  });

test('the first release’s log in storage.local moves to the database whole when the background starts again, and is then removed', () =>
  withFirefox(async (ff) => {
    const options = await ff.seedSettings([sam]);
    // The version-1 shapes, as the first release stored them; the oldest lack abandonedAt.
    await options.evaluate(async (count) => {
      const now = Date.now();
      const attempts = Array.from({ length: count }, (_, i) => ({
        id: `old-${i}`,
        startedAt: now - (count - i) * 600_000,
        personId: 'p-sam',
        site: 'instagram',
        kind: 'profile',
        outcome: i % 7 === 0 ? 'continued' : 'left',
        endedAt: now - (count - i) * 600_000 + 9_000,
        secondsOnScreen: 9,
        journalWritten: i === count - 1,
        feeling: null,
        tabId: null,
        ...(i < count / 2 ? {} : { abandonedAt: null }),
      }));
      const journal = [{ id: 'j-old', writtenAt: now - 600_000, personId: 'p-sam', site: 'instagram', attemptId: `old-${count - 1}`, text: 'Kept from before.' }];
      await browser.storage.local.set({ attempts, attempts$: { v: 1 }, journal, journal$: { v: 1 } });
    }, OLD);

    // Not an install or an update: the background merely starts again (Firefox's reload of the add-on).
    await options.evaluate(() => browser.runtime.reload()).catch(() => {}); // the page goes with the reload
    const page = await until(async () => {
      const candidate = await ff.extPage('attempts.html').catch(() => null);
      if (!candidate) return null;
      const now = await record(candidate).catch(() => null);
      if (now && now.attempts.length === OLD && !now.stored.includes('attempts')) return candidate;
      await candidate.close().catch(() => {});
      return null;
    }, 'the old log is in the database and gone from storage.local', 30_000);

    const { attempts, journal, stored } = await record(page);
    assert.equal(new Set(attempts.map((a) => a.id)).size, OLD);
    assert.ok(attempts.every((a) => a.abandonedAt === null), 'the oldest shape is given abandonedAt');
    assert.equal(attempts.filter((a) => a.outcome === 'continued').length, Math.ceil(OLD / 7));
    assert.deepEqual(journal.map((j) => [j.id, j.text]), [['j-old', 'Kept from before.']]);
    assert.ok(!stored.includes('journal') && !stored.includes('attempts$') && !stored.includes('journal$'), `left in storage.local: ${stored}`);
    // The popup reads it: the last of them, ten minutes ago, is the most recent.
    await expectPopupShows(ff, { recent: 'S.’s profile on Instagram: Left' });
  }));
