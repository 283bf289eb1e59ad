import type { Worker } from '@playwright/test';
import { attemptsOf, expect, seedSettings, test } from '../support/extension';
import { expectPaused } from '../support/pause';
import { expectDecided } from '@/tests/e2e/support/read-page';

// Snapchat is read from its addresses only: a public profile's username, and a web chat's
// conversation id (saved with "Watch this person here" from the open chat).
const samChat = '5c3a2b1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d';
const sam = {
  id: 'p-sam',
  alias: 'S.',
  identifiers: [
    { kind: 'handle', value: 'sam.lee', site: 'snapchat' },
    { kind: 'conversationId', value: samChat, site: 'snapchat' },
  ],
};

/** Attempts begun since `since`: the previous test's page, closed at teardown, may still be recording its own. */
async function attemptsSince(background: Worker, since: number) {
  return (await attemptsOf(background)).filter((attempt) => (attempt.startedAt as number) >= since).map((a) => [a.kind, a.outcome]);
}

test.describe('Snapchat', () => {
  test.beforeEach(async ({ background, serve }) => {
    await seedSettings(background, [sam]);
    await serve('https://www.snapchat.com/**', 'snapchat/app.html');
  });

  test('their public profile is paused on load; a similar name is not', async ({ context, background }) => {
    const page = await context.newPage();
    await page.goto('https://www.snapchat.com/add/sam.lee2');
    await expectDecided(page, background, 'similar name');
    await page.goto('https://www.snapchat.com/add/sam.lee');
    await expectPaused(page);
  });

  test('their chat opened from the list is paused; the list and another chat are not', async ({ context, background }) => {
    const since = Date.now();
    const page = await context.newPage();
    await page.goto('https://www.snapchat.com/web/');
    await expectDecided(page, background, 'chat list');
    await page.locator('[data-chat="8e7d6c5b-4a39-4281-8f7e-6d5c4b3a2918"]').click();
    await expect(page.locator('header')).toHaveText('Jo Other');
    await expectDecided(page, background, 'another chat');

    await page.locator(`[data-chat="${samChat}"]`).click();
    await expectPaused(page);
    await expect.poll(() => attemptsSince(background, since)).toEqual([['thread', 'pending']]);
  });
});
