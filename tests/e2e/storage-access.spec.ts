import type { BrowserContext, Page } from '@playwright/test';
import { expect, seed, seedSettings, test } from './support/extension';
import { expectPaused } from './support/pause';

// These tests load their page in full to test the content script's own world on their page: with the browser refusing the
// stopping rules (support/extension.ts), as one at its rule limit does, so the load reaches the
// page. tests/e2e/stop.spec.ts is the rules themselves.
test.use({ stops: false });

// Issue 23, 5: from the content script's own world (a compromised site tab, or DevTools on one),
// storage.local held every site's people, the friend's code's salt and hash, and the lock.
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };
const jo = { id: 'p-jo', alias: 'J.', identifiers: [{ kind: 'email', value: 'jo@example.com', site: '*' }, { kind: 'handle', value: 'jo_x', site: 'x' }] };

/** Evaluates `expression` in Clean Break's content script world of `page` (found through the DevTools protocol). */
async function inContentScript(context: BrowserContext, page: Page, extensionId: string, expression: string): Promise<unknown> {
  const cdp = await context.newCDPSession(page);
  const worlds: { id: number; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: world }) => worlds.push(world));
  await cdp.send('Runtime.enable');
  await expect.poll(() => worlds.filter((world) => world.auxData?.type === 'isolated').length).toBeGreaterThan(0);
  for (const world of worlds.filter((candidate) => candidate.auxData?.type === 'isolated')) {
    const ours = await cdp.send('Runtime.evaluate', { contextId: world.id, expression: 'globalThis.chrome?.runtime?.id ?? null', returnByValue: true });
    if (ours.result.value !== extensionId) continue;
    const { result } = await cdp.send('Runtime.evaluate', { contextId: world.id, expression, awaitPromise: true, returnByValue: true });
    await cdp.detach();
    return result.value;
  }
  throw new Error('no content script world of the extension in this page');
}

const read = (area: string) =>
  `chrome.storage.${area}.get(null).then((items) => ({ keys: Object.keys(items).sort() }), (error) => ({ error: String(error.message ?? error) }))`;
const write = `chrome.storage.local.set({ settings: { people: [] } }).then(() => 'written', (error) => String(error.message ?? error))`;

test('a site’s content script reads its own watch index and nothing of the settings, the code or the lock', async ({ context, background, serve, extensionId }) => {
  await seedSettings(background, [sam, jo], { lockHours: 24 });
  await seed(background, { friendCode: { salt: 'c2FsdA==', hash: 'aGFzaA==', failures: 0, retryAt: 0 } });
  await serve('https://www.instagram.com/**', 'instagram/app.html');
  const page = await context.newPage();
  await page.goto('https://www.instagram.com/sam.lee/');
  await expectPaused(page);

  expect(await inContentScript(context, page, extensionId, read('local'))).toEqual({ error: 'Access to storage is not allowed from this context.' });
  expect(await inContentScript(context, page, extensionId, read('sync'))).toEqual({ error: 'Access to storage is not allowed from this context.' });
  expect(await inContentScript(context, page, extensionId, write)).toBe('Access to storage is not allowed from this context.');
  // What it may read: the watch indexes, and in Instagram's only Instagram's people, by their Instagram identifiers.
  const session = (await inContentScript(context, page, extensionId, read('session'))) as { keys: string[] };
  expect(session.keys.every((key) => key.startsWith('watch'))).toBe(true);
  const instagram = (await inContentScript(
    context,
    page,
    extensionId,
    `chrome.storage.session.get('watch:instagram').then((items) => items['watch:instagram'].people)`,
  )) as { id: string; identifiers: { value: string }[] }[];
  expect(instagram.flatMap((person) => person.identifiers.map((identifier) => identifier.value))).not.toContain('jo_x');
  // And the settings are all still there, for the extension's own pages.
  expect(await background.evaluate(() => chrome.storage.local.get('settings').then((items) => (items.settings as { people: unknown[] }).people.length))).toBe(2);
});
