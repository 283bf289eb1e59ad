import { test } from 'node:test';
import assert from 'node:assert/strict';
import { until, expectPaused, withFirefox } from './support/firefox.mjs';

// Issue 13's learned threads, in Firefox: a thread recognised once from its header is remembered
// by its address (the background adds the conversation id and registers the veil for it), so a
// full load of that address is caught even when the header no longer names anyone.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };
const THREAD_ID = '340282366841710300949128171234567890';
const THREAD = `https://www.instagram.com/direct/t/${THREAD_ID}/`;

test('a thread recognised from its header is learned by its address; a full load of it whose header names nobody is then veiled from its first frame and paused', () =>
  withFirefox(async (ff) => {
    // A full load that reaches their page: the browser refuses the stopping rules (refuseStops); stop.mjs is the rules.
    const options = await ff.seedSettings([sam], {}, { stops: false });
    const identifiers = () => options.evaluate(async () => (await browser.storage.local.get('settings')).settings.people[0].identifiers);

    // The thread as Instagram renders it: its header links to them. Paused, and learned.
    const first = await ff.sitePage([[THREAD, 'instagram/direct-thread.html']]);
    await first.goto(THREAD);
    await expectPaused(first);
    await until(async () => (await identifiers()).some((i) => i.kind === 'conversationId' && i.learned), 'the thread is learned');
    assert.deepEqual(await identifiers(), [
      { kind: 'handle', value: 'sam.lee', site: 'instagram' },
      { kind: 'conversationId', value: THREAD_ID, site: 'instagram', learned: true },
    ]);
    await first.close();

    // A build whose header the reader no longer knows: the address alone is enough, from the first frame.
    await ff.veilInEffect(options, `${THREAD}*`, THREAD);
    const again = await ff.sitePage([[THREAD, 'learned/instagram-thread-unnamed.html']]);
    await again.goto(THREAD);
    await expectPaused(again);
    const frame = await again.evaluate(() => window.__firstFrame);
    assert.ok(frame?.visibility === 'hidden' || frame?.covered, `first frame: ${JSON.stringify(frame)}`);
    // Learned once: not added again.
    assert.equal((await identifiers()).length, 2);
  }));
