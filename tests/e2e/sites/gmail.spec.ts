import type { Page } from '@playwright/test';
import { attemptsOf, expect, journalOf, seedSettings, test } from '../support/extension';
import { clickNode, pauseButton, expectPaused, expectNotPaused } from '../support/pause';
import { expectDecided } from '@/tests/e2e/support/read-page';

// Gmail opens compose windows over the inbox without changing the address: only the person
// among a compose window's recipients is a moment; the inbox, a message and a hovercard are not.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'email', value: 'sam@example.com', site: 'gmail' }] };

const composeWindow = (page: Page) => page.locator('[role="dialog"]').last();

/** Compose opens as a person does it: the Compose button, then an address and Enter in To. */
async function openCompose(page: Page, body: string) {
  await page.click('[gh="cm"]');
  if (body) await composeWindow(page).locator('[g_editable="true"]').fill(body);
}
async function addRecipient(page: Page, address: string) {
  const to = composeWindow(page).locator('div[name="to"] input[role="combobox"]');
  await to.fill(address);
  await to.press('Enter');
}

test.describe('Gmail', () => {
  test.beforeEach(async ({ background, serve }) => {
    await seedSettings(background, [sam]);
    await serve('https://mail.google.com/mail/**', 'gmail/app.html');
  });

  test('adding the person to a compose window pauses; Leave takes them out and keeps the draft', async ({ context, background }) => {
    const page = await context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    await openCompose(page, 'I keep thinking about last summer.');
    await addRecipient(page, 'sam@example.com');
    await expectPaused(page);
    expect(page.url()).toBe('https://mail.google.com/mail/u/0/#inbox');

    await clickNode(page, (await pauseButton(page, 'Leave'))!);
    await expectNotPaused(page);
    await expect(composeWindow(page).locator('[data-hovercard-id="sam@example.com"]')).toHaveCount(0);
    await expect(composeWindow(page).locator('[g_editable="true"]')).toHaveText('I keep thinking about last summer.');
    await expect
      .poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome, a.journalWritten]))
      .toEqual([['compose', 'left', true]]);
    expect((await journalOf(background)).map((entry) => entry.text)).toEqual(['I keep thinking about last summer.']);
    // The window stays usable, and quiet, without them.
    await expectDecided(page, background);
  });

  test('a full-page compose link to the person pauses on load', async ({ context, serve }) => {
    await serve(/^https:\/\/mail\.google\.com\/mail\/u\/0\/\?view=cm/, 'gmail/compose-fullpage.html');
    const page = await context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/?view=cm&fs=1&to=sam@example.com&su=Hi');
    await expectPaused(page);
  });

  test('the inbox listing the person, their message and a compose to someone else stay quiet', async ({ context, background }) => {
    const page = await context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    await expectDecided(page, background);

    await page.evaluate(() => (location.hash = '#inbox/FMfcgzQXJWDsKmzbjTbqRpvhCnkcwJxv'));
    await expect(page.locator('.gD[email="sam@example.com"]')).toHaveCount(1);
    await expectDecided(page, background);

    await openCompose(page, 'Could you forward this to sam@example.com?');
    await addRecipient(page, 'jo.other@example.com');
    await addRecipient(page, 'sam@example.co');
    await expect(composeWindow(page).locator('[data-hovercard-id="sam@example.co"]')).toHaveCount(1);
    await expectDecided(page, background);
    expect(await attemptsOf(background)).toEqual([]);
  });
});
