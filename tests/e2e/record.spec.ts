import type { BrowserContext, Page, Worker } from '@playwright/test';
import { attemptsOf, expect, recordOf, seedSettings, storageOf, test } from './support/extension';
import { clickNode, pauseButton, expectPaused } from './support/pause';

// The log in a real browser profile: IndexedDB in the extension's origin, written by the
// service worker, which Chromium stops whenever it likes.

const people = Array.from({ length: 10 }, (_, i) => ({
  id: `p-${i}`,
  alias: `Person ${i}`,
  identifiers: [{ kind: 'handle', value: `watched.${i}`, site: 'instagram' }],
}));

/** Stops the extension's service worker, as Chromium does when it is idle (CDP Target.closeTarget). */
async function stopWorker(context: BrowserContext, page: Page, extensionId: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!worker) throw new Error('no service worker to stop');
  await cdp.send('Target.closeTarget', { targetId: worker.targetId });
  // A worker busy with an event as it is closed can outlive the first close: closed again until it is gone.
  await expect
    .poll(async () => {
      const { targetInfos: now } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string }[] };
      const running = now.some((t) => t.targetId === worker.targetId);
      if (running) await cdp.send('Target.closeTarget', { targetId: worker.targetId }).catch(() => undefined);
      return running;
    })
    .toBe(false);
  await cdp.detach();
}

/** The worker that is running now (a new one after a stop, once something woke it); Playwright may still list the stopped one. */
async function currentWorker(context: BrowserContext, extensionId: string): Promise<Worker> {
  for (let i = 0; i < 100; i++) {
    for (const worker of context.serviceWorkers().filter((w) => w.url().includes(extensionId)).reverse()) {
      if (await worker.evaluate(() => true).catch(() => false)) return worker;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('no running service worker');
}
const attemptsNow = async (context: BrowserContext, extensionId: string) => attemptsOf(await currentWorker(context, extensionId));

test('the log of the first release (10,000 attempts and a journal in storage.local) moves to IndexedDB whole, and is then removed', async ({
  context,
  background,
  extensionId,
  serve,
}) => {
  test.setTimeout(180_000);
  await seedSettings(background, people);
  // The version-1 shapes, as the first release stored them; the oldest lack abandonedAt.
  await background.evaluate(async () => {
    const attempts = Array.from({ length: 10_000 }, (_, i) => ({
      id: `old-${i}`,
      startedAt: Date.now() - (10_000 - i) * 600_000,
      personId: `p-${i % 10}`,
      site: 'instagram',
      kind: 'profile',
      outcome: i % 7 === 0 ? 'continued' : 'left',
      endedAt: Date.now() - (10_000 - i) * 600_000 + 9_000,
      secondsOnScreen: 9,
      journalWritten: i === 9_999,
      feeling: null,
      tabId: null,
      ...(i < 5_000 ? {} : { abandonedAt: null }),
    }));
    const journal = [{ id: 'j-old', writtenAt: Date.now() - 600_000, personId: 'p-9', site: 'instagram', attemptId: 'old-9999', text: 'Kept from before.' }];
    await chrome.storage.local.set({ attempts, attempts$: { v: 1 }, journal, journal$: { v: 1 } });
  });
  await serve('https://www.instagram.com/**', 'instagram/app.html');
  const page = await context.newPage();
  await page.goto('https://www.instagram.com/explore/');

  // Not an install or an update: the worker merely starts again, and finds the old log.
  await stopWorker(context, page, extensionId);
  await page.goto('https://www.instagram.com/watched.3/');
  await expectPaused(page);
  await expect.poll(async () => (await attemptsNow(context, extensionId)).length, { timeout: 120_000 }).toBe(10_001);
  const worker = await currentWorker(context, extensionId);

  const attempts = await attemptsOf(worker);
  const old = attempts.filter((a) => String(a.id).startsWith('old-'));
  expect(old).toHaveLength(10_000);
  expect(old.every((a) => a.abandonedAt === null)).toBe(true);
  expect(attempts.filter((a) => a.outcome === 'pending')).toEqual([expect.objectContaining({ personId: 'p-3' })]);
  expect(await recordOf(worker, 'journal')).toEqual([expect.objectContaining({ id: 'j-old', text: 'Kept from before.' })]);
  const [summary] = await recordOf(worker, 'meta');
  expect(summary).toMatchObject({ key: 'summary', value: { total: 10_001, outcomes: { continued: 1_429, pending: 1 } } });
  const stored = await storageOf(worker);
  expect(Object.keys(stored)).not.toContain('attempts');
  expect(Object.keys(stored)).not.toContain('journal');
});

test('Leave is recorded when the service worker was stopped while the screen was up, and so is the next attempt', async ({
  context,
  background,
  extensionId,
  serve,
}) => {
  await seedSettings(background, people);
  await serve('https://www.instagram.com/**', 'instagram/app.html');
  const page = await context.newPage();
  await page.goto('https://www.instagram.com/watched.1/');
  await expectPaused(page);
  await expect.poll(async () => (await attemptsOf(background)).map((a) => a.outcome)).toEqual(['pending']);

  await stopWorker(context, page, extensionId);
  await clickNode(page, (await pauseButton(page, 'Leave'))!);
  await page.waitForURL((url) => !url.href.includes('watched.1'));
  await expect.poll(async () => (await attemptsNow(context, extensionId)).map((a) => [a.personId, a.outcome])).toEqual([['p-1', 'left']]);

  await page.goto('https://www.instagram.com/watched.2/');
  await expectPaused(page);
  await clickNode(page, (await pauseButton(page, 'Leave'))!);
  await expect
    .poll(async () => (await attemptsNow(context, extensionId)).map((a) => [a.personId, a.outcome]).sort())
    .toEqual([
      ['p-1', 'left'],
      ['p-2', 'left'],
    ]);
});

test('Leave pressed the moment the screen appears, on a stopped (cold) worker, is recorded as left, not left pending', async ({
  context,
  background,
  extensionId,
  serve,
}) => {
  await seedSettings(background, people);
  await serve('https://www.instagram.com/**', 'instagram/app.html');
  const page = await context.newPage();
  await page.goto('https://www.instagram.com/explore/');
  await stopWorker(context, page, extensionId);
  await page.locator('#link-watched').evaluate((link) => link.setAttribute('href', '/watched.4/'));
  await page.locator('#link-watched').click(); // in-app: the screen goes up and the cold worker is woken by its start
  await expectPaused(page);
  await clickNode(page, (await pauseButton(page, 'Leave'))!);
  await expect.poll(async () => (await attemptsNow(context, extensionId)).map((a) => [a.personId, a.outcome])).toEqual([['p-4', 'left']]);
});

test('200 attempts from 20 tabs at once are 200 entries', async ({ context, background, serve }) => {
  test.setTimeout(180_000);
  await seedSettings(background, people, { snoozeMinutes: 0 });
  await serve('https://www.instagram.com/**', 'instagram/app.html');
  const tabs = await Promise.all(Array.from({ length: 20 }, () => context.newPage()));
  await Promise.all(tabs.map((tab) => tab.goto('https://www.instagram.com/explore/')));
  // In every tab at once: the app moves from one watched profile to the next (history.pushState),
  // each time after its screen is up, so each is a new attempt and the one before it was left.
  await Promise.all(
    tabs.map((tab) =>
      tab.evaluate(async () => {
        for (let i = 0; i < 10; i++) {
          history.pushState({}, '', `/watched.${i}/`);
          const deadline = Date.now() + 20_000;
          while (Date.now() < deadline && !document.querySelector('[popover]')) await new Promise((done) => setTimeout(done, 20));
          await new Promise((done) => setTimeout(done, 50));
        }
      }),
    ),
  );
  await expect.poll(async () => (await attemptsOf(background)).length, { timeout: 60_000 }).toBe(200);
  const attempts = await attemptsOf(background);
  expect(new Set(attempts.map((a) => a.id)).size).toBe(200);
  // Each tab's last screen is still up; the nine before it in that tab were left.
  expect(attempts.filter((a) => a.outcome === 'pending')).toHaveLength(20);
  expect(attempts.filter((a) => a.outcome === 'left')).toHaveLength(180);
  await Promise.all(tabs.map((tab) => tab.close()));
});
