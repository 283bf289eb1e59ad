import type { Page } from '@playwright/test';
import { attemptsOf, expect, journalOf, seedSettings, test } from '../support/extension';
import { clickNode, pauseButton, expectPaused, expectNotPaused } from '../support/pause';
import { expectDecided } from '@/tests/e2e/support/read-page';

// Outlook opens new mail in the reading pane without changing the address: only the person
// among a compose window's recipients is a moment; the message list and their message are not.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'email', value: 'sam@example.com', site: 'outlook' }] };

/** New mail as a person writes it: the button, the body, then an address and Enter in To. */
async function newMail(page: Page, body: string) {
  await page.click('#new-mail');
  if (body) await page.locator('[aria-label="Message body"]').fill(body);
}
async function addRecipient(page: Page, address: string) {
  await page.locator('[role="group"][id$="_TO"] [contenteditable="true"]').click();
  await page.keyboard.type(address);
  await page.keyboard.press('Enter');
}

test.describe('Outlook', () => {
  test.beforeEach(async ({ background, serve }) => {
    await seedSettings(background, [sam]);
    await serve('https://outlook.office.com/mail/**', 'outlook/app.html');
  });

  test('adding the person to new mail pauses; Leave takes them out and keeps the draft', async ({ context, background }) => {
    const page = await context.newPage();
    await page.goto('https://outlook.office.com/mail/inbox');
    await newMail(page, 'I keep thinking about last summer.');
    await addRecipient(page, 'sam@example.com');
    await expectPaused(page);
    expect(page.url()).toBe('https://outlook.office.com/mail/inbox');

    await clickNode(page, (await pauseButton(page, 'Leave'))!);
    await expectNotPaused(page);
    await expect(page.locator('._EType_RECIPIENT_ENTITY')).toHaveCount(0);
    await expect(page.locator('[aria-label="Message body"]')).toHaveText('I keep thinking about last summer.');
    await expect
      .poll(async () => (await attemptsOf(background)).map((a) => [a.kind, a.outcome, a.journalWritten]))
      .toEqual([['compose', 'left', true]]);
    expect((await journalOf(background)).map((entry) => entry.text)).toEqual(['I keep thinking about last summer.']);
  });

  test('a compose deep link to the person pauses on load', async ({ context, serve }) => {
    await serve(/^https:\/\/outlook\.live\.com\/mail\/0\/deeplink\/compose/, 'outlook/compose.html');
    const page = await context.newPage();
    await page.goto('https://outlook.live.com/mail/0/deeplink/compose?to=sam@example.com');
    await expectPaused(page);
  });

  test('the message list, their message and new mail to someone else stay quiet', async ({ context, background }) => {
    const page = await context.newPage();
    await page.goto('https://outlook.office.com/mail/inbox');
    await expect(page.locator('[data-lpc-hover-target-id]').first()).toBeVisible();
    await expectDecided(page, background);

    await newMail(page, 'Could you forward this to sam@example.com?');
    await addRecipient(page, 'jo.other@example.com');
    await addRecipient(page, 'sam@example.co');
    await expect(page.locator('._EType_RECIPIENT_ENTITY')).toHaveCount(2);
    await expectDecided(page, background);
    expect(await attemptsOf(background)).toEqual([]);
  });
});
