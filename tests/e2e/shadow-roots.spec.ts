import type { Page } from '@playwright/test';
import { expect, seedSettings, test } from './support/extension';
import { expectPaused, expectNotPaused } from './support/pause';

// Issue 11: the watcher observes the open shadow roots a site keeps its chats in (LinkedIn's
// overlay, Reddit's chat app). A settings or snooze change replaces its observer; the roots
// seen before must be observed by the new one too.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam-lee-1a2b3c', site: 'linkedin' }] };
const jo = { id: 'p-jo', alias: 'J.', identifiers: [{ kind: 'handle', value: 'jo-other-77', site: 'linkedin' }] };

/** Opens a chat bubble in the page (not in the shadow root), sees the screen, and closes the bubble from the page's side. */
async function pausedByPageBubble(page: Page, button: string) {
  await page.click(button);
  await expectPaused(page);
  await page.evaluate(() => document.querySelector('#msg-overlay .msg-overlay-conversation-bubble')?.remove());
  await expectNotPaused(page);
}

test('LinkedIn: a bubble opened inside the overlay shadow root after a settings change is paused', async ({ context, background, serve }) => {
  await seedSettings(background, [jo]);
  await serve('https://www.linkedin.com/**', 'linkedin/app.html');
  const page = await context.newPage();
  await page.goto('https://www.linkedin.com/feed/');
  // The watcher has checked the page since the overlay's shadow root was made.
  await pausedByPageBubble(page, '#open-bubble-jo');

  await seedSettings(background, [jo, sam]);
  // The new settings are in force (Sam is watched now): a new observer is watching.
  await pausedByPageBubble(page, '#open-bubble-sam');

  // Only the shadow root changes.
  await page.click('#open-shadow-bubble-sam');
  await expectPaused(page);
});

test('Reddit: a room chosen in place after a settings change is paused (the chat app re-renders only inside its shadow roots)', async ({ context, background, serve }) => {
  const redditJo = { id: 'p-jo', alias: 'J.', identifiers: [{ kind: 'handle', value: 'jo_other', site: 'reddit' }] };
  const redditSam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam_lee', site: 'reddit' }] };
  await seedSettings(background, [redditJo]);
  await serve('https://www.reddit.com/chat**', 'reddit/chat.html');
  const page = await context.newPage();
  await page.goto(`https://www.reddit.com/chat/room/${encodeURIComponent('!Jo2dIrEcT:reddit.com')}`);
  // The watcher has read the room from inside the chat app's shadow roots.
  await expectPaused(page);

  // Jo is no longer watched, Sam is: the screen goes (the new settings are in force).
  await seedSettings(background, [redditSam]);
  await expectNotPaused(page);

  await page.locator('rs-rooms-nav a.peer', { hasText: 'sam_lee' }).click();
  await expect(page).toHaveURL(`https://www.reddit.com/chat/room/${encodeURIComponent('!Sam1dIrEcT:reddit.com')}`);
  await expectPaused(page);
});
