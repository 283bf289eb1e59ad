import { expect, type Page, type Worker } from '@playwright/test';
import { pauseDialog } from './pause';

/**
 * What the content script in the tab at `url` reads off its page, asked as the popup's "Watch this
 * person here" asks it (the `readPage` request of utils/protocol/requests.ts, sent from the background,
 * an extension context). An answer proves the content script is running in that tab and shows
 * what its reader sees there, so a test can say "no pause screen here" after the script has
 * read the page, never after a sleep.
 */
export async function readPage(background: Worker, url: string): Promise<{ kind: string; value: string }[]> {
  const reading = await background.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    if (tab?.id === undefined) throw new Error(`no tab at ${url}`);
    // The wire format of @webext-core/messaging, which utils/protocol/requests.ts is built on.
    const message = { id: 1, type: 'readPage', data: {}, timestamp: Date.now() };
    return new Promise<unknown>((resolve) => chrome.tabs.sendMessage(tab.id!, message, resolve));
  }, url);
  const { res } = (reading ?? {}) as { res?: { identifiers: { kind: string; value: string }[] } };
  if (!res) throw new Error(`the content script at ${url} did not answer: ${JSON.stringify(reading)}`);
  return res.identifiers;
}

/** Polls readPage until the content script answers (it registers once it has loaded the settings). */
export async function readPageWhenReady(background: Worker, url: string, timeout = 10_000): Promise<{ kind: string; value: string }[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await readPage(background, url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}

/**
 * Waits until the content script in `page`'s tab has looked at the page as it is now, then
 * asserts there is no pause screen. Proof it looked: every tab at the page's current address
 * answers readPage (the script answers only once it has loaded the settings and made its first
 * look), then two frames pass in the page (a DOM change is looked at in the next frame, and the
 * screen mounts in the same task as the look). A script that is slow, or not running at all,
 * fails here instead of passing.
 */
export async function expectDecided(page: Page, background: Worker, what?: string): Promise<void> {
  const url = page.url();
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answers = await background.evaluate(async (url) => {
      const tabs = (await chrome.tabs.query({})).filter((tab) => tab.url === url && tab.id !== undefined);
      const message = { id: 1, type: 'readPage', data: {}, timestamp: Date.now() };
      return Promise.all(
        tabs.map((tab) => new Promise<boolean>((resolve) => chrome.tabs.sendMessage(tab.id!, message, (reply) => {
          void chrome.runtime.lastError;
          resolve(Boolean((reply as { res?: unknown } | undefined)?.res));
        }))),
      );
    }, url);
    if (answers.length > 0 && answers.every(Boolean)) break;
    if (Date.now() > deadline) throw new Error(`the content script at ${url} did not answer (${what ?? 'no screen expected'})`);
    await new Promise((done) => setTimeout(done, 100));
  }
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
  expect(await pauseDialog(page), what).toBeUndefined();
}

/**
 * For a page the content script must not run on at all (a custom site whose registration is
 * gone, or was never made): the tab has no content script to answer (the browser says there is
 * no receiving end, which it says at once, not after a wait), and there is no pause screen. The
 * caller asserts the registration's absence first, so no script can arrive later.
 */
export async function expectNotInjected(page: Page, background: Worker): Promise<void> {
  const url = page.url();
  // With no host permission the background cannot read the tab's address: it is the active tab.
  await page.bringToFront();
  const error = await background.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    const [tab] = tabs.filter((tab) => tab.url === url || tab.url === undefined);
    if (tab?.id === undefined || tabs.length !== 1) return `not one active tab at ${url}: ${JSON.stringify(tabs.map((t) => t.url))}`;
    const message = { id: 1, type: 'readPage', data: {}, timestamp: Date.now() };
    return new Promise<string>((resolve) =>
      chrome.tabs.sendMessage(tab.id!, message, (reply) => resolve(chrome.runtime.lastError?.message ?? `answered: ${JSON.stringify(reply)}`)),
    );
  }, url);
  expect(error).toContain('Receiving end does not exist');
  expect(await pauseDialog(page)).toBeUndefined();
}
