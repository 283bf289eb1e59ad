import type { Page } from '@playwright/test';
import { expect, seedSettings, test, veilInEffect } from './support/extension';
import { pauseDialog, expectPaused } from './support/pause';
import { expectDecided } from './support/read-page';

// These tests load their page in full to test the veil, which hides a full load of their page until the content script has decided: with the browser refusing the
// stopping rules (support/extension.ts), as one at its rule limit does, so the load reaches the
// page. tests/e2e/stop.spec.ts is the rules themselves.
test.use({ stops: false });

/*
 * Issue 5: on a full page load whose address already names a watched person, not one frame of
 * the page is painted before the screen covers it. The background registers public/veil.css for
 * the person's own addresses (each adapter's veilPatterns); these pages carry the person in the
 * query or in an id, where the browser's matching of path and query is what decides.
 */

interface Case {
  site: string;
  identifier: { kind: string; value: string };
  /** One of the patterns the background must have registered before the page loads. */
  pattern: string;
  served: RegExp;
  fixture: string;
  theirs: string;
  someoneElses: string;
}

const cases: Case[] = [
  {
    site: 'facebook',
    identifier: { kind: 'accountId', value: '100012345678901' },
    pattern: 'https://www.facebook.com/profile.php*?id=100012345678901',
    served: /^https:\/\/www\.facebook\.com\//,
    fixture: 'veil/facebook-profile.html',
    theirs: 'https://www.facebook.com/profile.php?id=100012345678901',
    someoneElses: 'https://www.facebook.com/profile.php?id=1000123456789012',
  },
  {
    site: 'messenger',
    identifier: { kind: 'accountId', value: '100012345678901' },
    pattern: 'https://www.messenger.com/*t/100012345678901/*',
    served: /^https:\/\/www\.messenger\.com\//,
    fixture: 'veil/messenger-thread.html',
    theirs: 'https://www.messenger.com/t/100012345678901/',
    someoneElses: 'https://www.messenger.com/t/100098765432109/',
  },
  {
    site: 'whatsapp',
    identifier: { kind: 'phone', value: '+44 7700 900123' },
    pattern: 'https://web.whatsapp.com/send*?phone=447700900123',
    served: /^https:\/\/web\.whatsapp\.com\//,
    fixture: 'veil/whatsapp-send.html',
    theirs: 'https://web.whatsapp.com/send?phone=447700900123',
    // A longer number that ends with theirs.
    someoneElses: 'https://web.whatsapp.com/send?phone=1447700900123',
  },
  {
    site: 'gmail',
    identifier: { kind: 'email', value: 'sam@example.com' },
    pattern: 'https://mail.google.com/mail*to=*sam@example.com*',
    served: /^https:\/\/mail\.google\.com\//,
    fixture: 'veil/gmail-compose.html',
    theirs: 'https://mail.google.com/mail/u/0/?view=cm&fs=1&to=sam@example.com',
    someoneElses: 'https://mail.google.com/mail/u/0/?view=cm&fs=1&to=jo@example.org',
  },
];

interface FirstFrame {
  visibility: string;
  covered: boolean;
}

const firstFrame = (page: Page) => page.evaluate(() => (window as unknown as { __firstFrame?: FirstFrame }).__firstFrame);

test.describe('before anything of the person is seen, on a load of an address naming them', () => {
  for (const { site, identifier, pattern, served, fixture, theirs, someoneElses } of cases) {
    test(`${site}: ${theirs}`, async ({ context, background, serve }) => {
      await seedSettings(background, [{ id: 'p-sam', alias: 'S.', identifiers: [{ ...identifier, site }] }]);
      await veilInEffect(context, background, pattern, theirs);
      await serve(served, fixture);

      const page = await context.newPage();
      await page.goto(theirs);
      await expectPaused(page);
      const first = await firstFrame(page);
      expect(first?.visibility === 'hidden' || first?.covered, JSON.stringify(first)).toBe(true);

      // Someone else's address on the same site is shown from its first frame, and not paused.
      await page.goto(someoneElses);
      await expect.poll(() => firstFrame(page)).toEqual({ visibility: 'visible', covered: false });
      await expectDecided(page, background);
    });
  }
});
