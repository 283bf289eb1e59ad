import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, extensionPath, seedSettings, setStops, test } from './support/extension';
import { expectPaused } from './support/pause';


/*
 * Issue 11: the extension updated or reloaded while the screen is up. The content script left
 * in the page can no longer reach the extension; it must take the screen down and give the page
 * back (not hidden, not inert, scrollable) rather than leave it covered for good.
 *
 * Reloading the extension would leave the other tests' shared browser with a new service
 * worker, so this test runs in a browser of its own.
 */
const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };

let context: BrowserContext;
let userDataDir: string;

test.beforeAll(async () => {
  userDataDir = mkdtempSync(path.join(tmpdir(), 'clean-break-reload-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless=new', `--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`, '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

test.afterAll(async () => {
  await context?.close();
  rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

const worker = async (): Promise<Worker> => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));

test('reloading the extension with the screen up gives the page back: visible, not inert, scrollable', async () => {
  const background = await worker();
  // The screen on their page after a full load that reached it: with the browser refusing the
  // stopping rules (support/extension.ts), as one at its rule limit does.
  await setStops(background, false);
  await seedSettings(background, [sam]);
  const body = readFileSync(path.resolve('tests/fixtures/hostile/long-profile.html'));
  await context.route('https://www.instagram.com/sam.lee/', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
  const page = await context.newPage();
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto('https://www.instagram.com/sam.lee/');
  await expectPaused(page);

  // The worker goes away with the extension: its evaluate never answers.
  void background.evaluate(() => chrome.runtime.reload()).catch(() => undefined);
  await expect.poll(() => background.evaluate(() => 1).catch(() => 'gone')).toBe('gone');

  await expect
    .poll(() =>
      page.evaluate(() => ({
        screen: document.querySelector('[popover]') !== null,
        rootVisibility: getComputedStyle(document.documentElement).visibility,
        bodyVisibility: getComputedStyle(document.body).visibility,
        inert: document.body.inert,
        overflow: getComputedStyle(document.documentElement).overflow,
      })),
    )
    .toEqual({ screen: false, rootVisibility: 'visible', bodyVisibility: 'visible', inert: false, overflow: 'visible' });

  // A person's own wheel and click reach the page.
  await page.mouse.move(400, 300);
  await page.mouse.wheel(0, 1200);
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0);
  await page.evaluate(() => scrollTo(0, 0));
  await page.click('#follow');
  expect(await page.evaluate(() => (window as unknown as { __clicks?: number }).__clicks)).toBe(1);
});
