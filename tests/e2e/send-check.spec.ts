import type { Page, Worker } from '@playwright/test';
import { attemptsOf, expect, seedSettings, storageOf, test, journalOf } from './support/extension';
import { axNodes, clickNode, continueThrough, pauseDialog, rerender, expectPaused, type AxNode } from './support/pause';
import { expectDecided } from './support/read-page';

// After Continue into a chat thread, the first send (Enter or the send button) asks once more:
// send it, or keep it in the journal. Its dialog is a closed shadow root too, read like the
// pause screen's through the accessibility tree.

const instagramSam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };
const whatsappSam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'name', value: 'Sam Lee', site: 'whatsapp' }] };
const xSam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: '@Sam_Lee', site: 'x' }] };

const KEEP = 'Keep it in my journal';
const SEND = 'Send it';

async function sendCheck(page: Page): Promise<AxNode | undefined> {
  return (await axNodes(page)).find((node) => node.role === 'alertdialog');
}

async function sendCheckButton(page: Page, name: typeof KEEP | typeof SEND): Promise<AxNode> {
  const button = (await axNodes(page)).find((node) => node.role === 'button' && node.name === name);
  if (!button) throw new Error(`no "${name}" button`);
  return button;
}

async function waitForSendCheck(page: Page, shown = true): Promise<void> {
  await expect.poll(async () => Boolean(await sendCheck(page)), { message: `send check ${shown ? 'shown' : 'gone'}` }).toBe(shown);
}



/** The button clicked and Enter pressed on it by a script: CDP runs this in the page's own world. */
async function scriptedPress(page: Page, node: AxNode): Promise<void> {
  const session = await page.context().newCDPSession(page);
  const { object } = (await session.send('DOM.resolveNode', { backendNodeId: node.backendNodeId })) as { object: { objectId: string } };
  await session.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration:
      'function () { this.click(); this.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, composed: true })); }',
  });
  await session.detach();
}

test.describe('the send check', () => {
  test.describe('Instagram DM thread', () => {
    const thread = 'https://www.instagram.com/direct/t/340282366841710300949128171234567890/';
    const composer = (page: Page) => page.locator('[role="main"] [role="textbox"]');
    const sent = (page: Page) => page.locator('[role="grid"] [role="row"]');

    test.beforeEach(async ({ background, serve }) => {
      await seedSettings(background, [instagramSam]);
      await serve('https://www.instagram.com/direct/t/**', 'instagram/direct-thread.html');
    });

    test('Enter asks first; keeping it saves exactly the words, empties the box and sends nothing', async ({ context, background, strayRequests }) => {
      const page = await context.newPage();
      await page.goto(thread);
      await continueThrough(page);
      await composer(page).click();
      await page.keyboard.type('I miss you. Can we talk?');
      await page.keyboard.press('Enter');

      await waitForSendCheck(page);
      expect((await sendCheck(page))?.name).toBe('Send this to S.?');
      expect((await sendCheckButton(page, KEEP)).focused).toBe(true);
      await expect(sent(page)).toHaveCount(1);
      await expect(composer(page)).toHaveText('I miss you. Can we talk?');

      await clickNode(page, await sendCheckButton(page, KEEP));
      await waitForSendCheck(page, false);
      await expect(composer(page)).toHaveText('');
      await expect(sent(page)).toHaveCount(1);
      const [attempt, ...more] = await attemptsOf(background);
      expect(more).toEqual([]);
      await expect.poll(() => journalOf(background)).toEqual([
        expect.objectContaining({ text: 'I miss you. Can we talk?', personId: 'p-sam', site: 'instagram', attemptId: attempt!.id }),
      ]);
      // One decision, one entry: the continued attempt now counts as one with a journal entry.
      expect(await attemptsOf(background)).toEqual([expect.objectContaining({ outcome: 'continued', journalWritten: true })]);

      // One question only: the next send goes.
      await page.keyboard.type('ok');
      await page.keyboard.press('Enter');
      await expect(sent(page)).toHaveCount(2);
      await expect(sent(page).last()).toHaveText('ok');
      expect(await sendCheck(page)).toBeUndefined();
      expect(strayRequests).toEqual([]);
    });

    test('Send it sends what was written, and the next Enter sends without asking', async ({ context, background }) => {
      const page = await context.newPage();
      await page.goto(thread);
      await continueThrough(page);
      await composer(page).click();
      await page.keyboard.type('hello');
      await page.keyboard.press('Enter');
      await waitForSendCheck(page);
      await expect(sent(page)).toHaveCount(1);

      await clickNode(page, await sendCheckButton(page, SEND));
      await waitForSendCheck(page, false);
      await expect(sent(page)).toHaveCount(2);
      await expect(sent(page).last()).toHaveText('hello');
      await expect(composer(page)).toHaveText('');

      await page.keyboard.type('second');
      await page.keyboard.press('Enter');
      await expect(sent(page)).toHaveCount(3);
      expect(await sendCheck(page)).toBeUndefined();
      expect(await journalOf(background)).toEqual([]);
      expect((await attemptsOf(background)).map((a) => a.outcome)).toEqual(['continued']);
    });

    test('with no snooze set, the chat they continued into is not paused again as it changes; coming back to it is', async ({
      context,
      background,
    }) => {
      await seedSettings(background, [instagramSam], { snoozeMinutes: 0 });
      const page = await context.newPage();
      await page.goto(thread);
      await continueThrough(page);
      await composer(page).click();
      await page.keyboard.type('hello');
      await page.keyboard.press('Enter');
      await waitForSendCheck(page);
      await clickNode(page, await sendCheckButton(page, SEND));
      await waitForSendCheck(page, false);
      // The message sent changes the thread: looked at, and still theirs, let through.
      await expect(sent(page)).toHaveCount(2);
      await expectDecided(page, background);
      expect((await attemptsOf(background)).map((a) => a.outcome)).toEqual(['continued']);

      // Coming back to their chat is a new decision.
      await page.reload();
      await expectPaused(page);
      // (The log is read in its keys' order, not in time.)
      await expect.poll(async () => (await attemptsOf(background)).map((a) => a.outcome).sort()).toEqual(['continued', 'pending']);
    });

    test('the send button asks too, and the question is answered by keyboard alone', async ({ context }) => {
      const page = await context.newPage();
      await page.goto(thread);
      await continueThrough(page);
      await composer(page).click();
      await page.keyboard.type('are you there?');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await waitForSendCheck(page);
      await expect(sent(page)).toHaveCount(1);

      // Keep has the focus; Tab goes to Send it (and round again), Enter presses it.
      await page.keyboard.press('Tab');
      expect((await sendCheckButton(page, SEND)).focused).toBe(true);
      await page.keyboard.press('Tab');
      expect((await sendCheckButton(page, KEEP)).focused).toBe(true);
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      await waitForSendCheck(page, false);
      await expect(sent(page).last()).toHaveText('are you there?');
    });

    test('scripts, Escape and removal answer nothing', async ({ context, background }) => {
      const page = await context.newPage();
      await page.goto(thread);
      await continueThrough(page);
      await composer(page).click();
      await page.keyboard.type('please');
      await page.keyboard.press('Enter');
      await waitForSendCheck(page);

      await page.keyboard.press('Escape');
      await scriptedPress(page, await sendCheckButton(page, SEND));
      await scriptedPress(page, await sendCheckButton(page, KEEP));
      const seen = await page.evaluate(() => {
        const host = document.querySelector('[popover]')!;
        const shadow = host.shadowRoot;
        host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        (host as HTMLElement).click();
        host.remove();
        return { shadow };
      });
      expect(seen.shadow).toBeNull();

      // A positive: a moment for the scripted answers to do anything they could; the check must still be up.
      await page.waitForTimeout(300);
      expect(await sendCheck(page)).toBeDefined();
      expect(await page.evaluate(() => document.querySelector('[popover]')?.isConnected)).toBe(true);
      await expect(sent(page)).toHaveCount(1);
      await expect(composer(page)).toHaveText('please');
      expect(await journalOf(background)).toEqual([]);

      // A person's own click still answers.
      await clickNode(page, await sendCheckButton(page, KEEP));
      await expect.poll(async () => (await journalOf(background)).map((entry) => entry.text)).toEqual(['please']);
    });

    test('before Continue nothing reaches the message box: the pause screen covers it', async ({ context, background }) => {
      const page = await context.newPage();
      await page.goto(thread);
      await expectPaused(page);
      const box = (await composer(page).boundingBox())!;
      await page.mouse.click(box.x + 5, box.y + 5);
      await page.keyboard.type('hello');
      // Each key is handled by the page before keyboard.type resolves (CDP answers once the
      // renderer has dispatched it); a frame more lets any input event's re-render land.
      await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => done())));
      await expect(composer(page)).toHaveText('');
      expect(await sendCheck(page)).toBeUndefined();
      expect(await pauseDialog(page)).toBeDefined();
      expect((await attemptsOf(background)).map((a) => a.outcome)).toEqual(['pending']);
    });
  });

  test.describe('WhatsApp Web chat (no change of address)', () => {
    const composer = (page: Page) => page.locator('#main footer [contenteditable="true"]');
    const sent = (page: Page) => page.locator('#main .message-out');

    test.beforeEach(async ({ background, serve }) => {
      await seedSettings(background, [whatsappSam]);
      await serve('https://web.whatsapp.com/**', 'whatsapp/app.html');
    });

    test('the send button asks; keeping saves the words and empties the box; then sends go', async ({ context, background }) => {
      const page = await context.newPage();
      await page.goto('https://web.whatsapp.com/');
      await page.locator('#pane-side [role="row"][data-chat="sam"]').click();
      await continueThrough(page);
      await composer(page).click();
      await page.keyboard.type('are you up?');
      await page.locator('#main footer button[aria-label="Send"]').click();
      await waitForSendCheck(page);
      await expect(sent(page)).toHaveCount(0);

      await clickNode(page, await sendCheckButton(page, KEEP));
      await waitForSendCheck(page, false);
      await expect(composer(page)).toHaveText('');
      await expect.poll(() => journalOf(background)).toEqual([
        expect.objectContaining({ text: 'are you up?', personId: 'p-sam', site: 'whatsapp' }),
      ]);
      expect((await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'continued']]);

      await page.keyboard.type('never mind');
      await page.keyboard.press('Enter');
      await expect(sent(page)).toHaveText(['never mind']);
      expect(await sendCheck(page)).toBeUndefined();
    });

    // The app re-renders a chat's header now and then (a layout change, a reconnect): for a few
    // frames the page names nobody. With no snooze, that is not leaving them; closing the chat is.
    test('with no snooze, their chat re-rendered is still let through and asked about; closed and opened again, paused', async ({
      context,
      background,
    }) => {
      await seedSettings(background, [whatsappSam], { snoozeMinutes: 0 });
      const page = await context.newPage();
      await page.goto('https://web.whatsapp.com/');
      await page.locator('#pane-side [role="row"][data-chat="sam"]').click();
      await continueThrough(page);

      // The header out for three frames (each looked at), then back.
      await rerender(page, '#main header');
      await expectDecided(page, background, 'their chat re-rendered');
      await composer(page).click();
      await page.keyboard.type('still here');
      await page.keyboard.press('Enter');
      await waitForSendCheck(page);
      await clickNode(page, await sendCheckButton(page, SEND));
      await expect(sent(page)).toHaveText(['still here']);

      // The chat closed, and opened again once the moment's grace is over: a new moment.
      await page.evaluate(() => { document.getElementById('panel')!.innerHTML = ''; });
      await page.waitForTimeout(2500);
      await page.locator('#pane-side [role="row"][data-chat="sam"]').click();
      await expectPaused(page);
      await expect.poll(async () => (await attemptsOf(background)).map((a) => a.outcome).sort()).toEqual(['continued', 'pending']);
    });

    test('another chat is never asked about, nor theirs once the user left it', async ({ context }) => {
      const page = await context.newPage();
      await page.goto('https://web.whatsapp.com/');
      await page.locator('#pane-side [role="row"][data-chat="sam"]').click();
      await continueThrough(page);

      await page.locator('#pane-side [role="row"][data-chat="jo"]').click();
      await composer(page).click();
      await page.keyboard.type('hi Jo');
      await page.keyboard.press('Enter');
      await expect(sent(page)).toHaveText(['hi Jo']);

      // Back to them within the snooze: no pause screen, and no question either.
      await page.locator('#pane-side [role="row"][data-chat="sam"]').click();
      await composer(page).click();
      await page.keyboard.type('hi');
      await page.keyboard.press('Enter');
      await expect(sent(page)).toHaveText(['hi']);
      expect(await sendCheck(page)).toBeUndefined();
      expect(await pauseDialog(page)).toBeUndefined();
    });
  });

  test.describe('X DM conversation', () => {
    const conversation = 'https://x.com/messages/1234567890-44196397';
    const composer = (page: Page) => page.locator('[data-testid="dmComposerTextInput"]');
    const sent = (page: Page) => page.locator('[data-testid="DmScrollerContainer"] [data-testid="messageEntry"]');

    test.beforeEach(async ({ background, serve }) => {
      await seedSettings(background, [xSam]);
      await serve('https://x.com/**', 'x/app.html');
    });

    test('where the editor ignores a scripted Enter, Send it leaves the words in the focused box and the next Enter sends them', async ({ context }) => {
      const page = await context.newPage();
      await page.goto(conversation);
      await continueThrough(page);
      await composer(page).click();
      await page.keyboard.type('hey you');
      await page.keyboard.press('Enter');
      await waitForSendCheck(page);

      await clickNode(page, await sendCheckButton(page, SEND));
      await waitForSendCheck(page, false);
      await expect(sent(page)).toHaveCount(1);
      await expect(composer(page)).toHaveText('hey you');
      await expect(composer(page)).toBeFocused();

      await page.keyboard.press('Enter');
      await expect(sent(page)).toHaveCount(2);
      await expect(sent(page).last()).toHaveText('hey you');
      expect(await sendCheck(page)).toBeUndefined();
    });

    test('the send button asks, and Send it clicks it for them', async ({ context }) => {
      const page = await context.newPage();
      await page.goto(conversation);
      await continueThrough(page);
      await composer(page).click();
      await page.keyboard.type('one more thing');
      await page.locator('[data-testid="dmComposerSendButton"]').click();
      await waitForSendCheck(page);
      await expect(sent(page)).toHaveCount(1);

      await clickNode(page, await sendCheckButton(page, SEND));
      await expect(sent(page)).toHaveCount(2);
      await expect(sent(page).last()).toHaveText('one more thing');
      await expect(composer(page)).toHaveText('');
    });

    test('Continue on their profile asks nothing later: their conversation, reached in-app, sends at once', async ({ context, background }) => {
      const page = await context.newPage();
      await page.goto('https://x.com/sam_lee');
      await continueThrough(page);
      await page.click('#nav-messages');
      await page.click('#row-sam_lee span');
      await expect(page).toHaveURL(conversation);
      await composer(page).click();
      await page.keyboard.type('hi');
      await page.keyboard.press('Enter');
      await expect(sent(page)).toHaveCount(2);
      expect(await sendCheck(page)).toBeUndefined();
      expect((await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['profile', 'continued']]);
    });
  });

  // XChat (2025–26) renders the conversation, its textarea and its send button inside the open
  // shadow root of [data-testid="xchatEmbedRoute"] (tests/fixtures/x/xchat-thread.html).
  test.describe('XChat conversation (inside a shadow root)', () => {
    const conversation = 'https://x.com/i/chat/1234567890-44196397';
    const root = (page: Page) => page.locator('[data-testid="xchatEmbedRoute"]');
    const composer = (page: Page) => root(page).locator('[data-testid="dm-composer-textarea"]');
    const sent = (page: Page) => root(page).locator('[data-testid^="message-sent-"]');

    test.beforeEach(async ({ background, serve }) => {
      await seedSettings(background, [xSam]);
      await serve(conversation, 'x/xchat-thread.html');
    });

    test('Enter asks; keeping saves the words in the journal and empties the box; the next send, on the button, goes', async ({ context, background }) => {
      const page = await context.newPage();
      await page.goto(conversation);
      await continueThrough(page);
      await composer(page).click();
      await page.keyboard.type('I miss you');
      await page.keyboard.press('Enter');
      await waitForSendCheck(page);
      await expect(sent(page)).toHaveCount(0);
      await clickNode(page, await sendCheckButton(page, KEEP));
      await waitForSendCheck(page, false);
      await expect(composer(page)).toHaveValue('');
      await expect(sent(page)).toHaveCount(0);
      await expect.poll(async () => (await journalOf(background)).map((entry) => entry.text)).toEqual(['I miss you']);

      // Asked once only: the next send goes.
      await composer(page).click();
      await page.keyboard.type('ok');
      await root(page).locator('[data-testid="dm-composer-send-button"]').click();
      await expect(sent(page)).toHaveCount(1);
      await expect(sent(page)).toHaveText('ok');
    });
  });
});
