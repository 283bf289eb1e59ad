import type { Worker } from '@playwright/test';

/**
 * What the content script in the tab at `url` reads off its page, asked as the popup's "Watch this
 * person here" asks it (the `readPage` request of utils/messages.ts, sent from the background,
 * an extension context). An answer proves the content script is running in that tab and shows
 * what its reader sees there, so a test can say "no pause screen here" after the script has
 * read the page, never after a sleep.
 */
export async function readPage(background: Worker, url: string): Promise<{ kind: string; value: string }[]> {
  const reading = await background.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    if (tab?.id === undefined) throw new Error(`no tab at ${url}`);
    // The wire format of @webext-core/messaging, which utils/messages.ts is built on.
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
