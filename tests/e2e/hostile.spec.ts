import type { Page } from '@playwright/test';
import { attemptsOf, expect, seedSettings, test } from './support/extension';
import { pauseBackdrop, pauseButton, pauseDialog, pauseText, expectPaused } from './support/pause';
import { expectDecided } from './support/read-page';

// These tests load their page in full to test a hostile page fights the screen on its own page: with the browser refusing the
// stopping rules (support/extension.ts), as one at its rule limit does, so the load reaches the
// page. tests/e2e/stop.spec.ts is the rules themselves.
test.use({ stops: false });

const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };

test('a hostile page cannot remove, hide, restyle, cover or press the pause screen', async ({ context, background, serve }) => {
  await seedSettings(background, [sam], { countdownSeconds: 3 });
  await serve('https://www.instagram.com/sam.lee/', 'hostile/profile.html');
  const page = await context.newPage();
  await page.goto('https://www.instagram.com/sam.lee/');
  await expectPaused(page);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __attacks: string[] }).__attacks)).toContain('done');
  expect(await page.evaluate(() => (window as unknown as { __attacks: string[] }).__attacks[0])).toBe('shadowRoot:null');

  // Still there, on top, visible, and the page beneath still inert and unscrollable.
  // A positive: a moment for any last attack to land; the screen must still be up after it.
  await page.waitForTimeout(200);
  expect(await pauseDialog(page)).toBeDefined();
  const state = await page.evaluate(() => {
    const host = document.querySelector('[popover]')!;
    const style = getComputedStyle(host);
    return {
      connected: host.isConnected,
      display: style.display,
      visibility: style.visibility,
      opacity: style.opacity,
      onTop: host.matches(':popover-open'),
      topIsHost: document.elementFromPoint(innerWidth / 2, innerHeight / 2) === host,
      bodyInert: document.body.inert,
      overflow: getComputedStyle(document.documentElement).overflow,
      focusedIsHost: document.activeElement === host,
      // A plain element no page can define: no custom element's door to the closed root.
      name: host.localName,
    };
  });
  expect(state).toEqual({
    connected: true,
    display: 'block',
    visibility: 'visible',
    opacity: '1',
    onTop: true,
    topIsHost: true,
    bodyInert: true,
    overflow: 'hidden',
    focusedIsHost: true,
    name: 'div',
  });

  // The screen is drawn by its own stylesheet, bundled with the content script: the page's
  // `* { … !important }` rules do not reach into it.
  const viewport = page.viewportSize()!;
  expect(await pauseBackdrop(page)).toEqual({
    position: 'fixed',
    background: 'rgba(244, 241, 236, 0.96)',
    width: viewport.width,
    height: viewport.height,
  });

  // The scripted Enter, Escape and clicks chose nothing.
  expect((await attemptsOf(background)).map((a) => a.outcome)).toEqual(['pending']);
  // A real key press still works: Leave has the focus.
  expect((await pauseButton(page, 'Leave'))?.focused).toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await attemptsOf(background)).map((a) => a.outcome)).toEqual(['left']);
});

/** Twenty frames of the page as painted: the screen up and on top, the page held hidden by the screen's guard, the page inert. */
interface Painted {
  screen: boolean;
  held: boolean;
  inert: boolean;
}

const nextFrames = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Painted[]>((resolve) => {
        const frames: Painted[] = [];
        const sample = () => {
          const host = document.querySelector('[popover]');
          const style = host && getComputedStyle(host);
          const root = document.documentElement.style;
          frames.push({
            screen: Boolean(host?.isConnected && host.matches(':popover-open') && style?.display === 'block' && style.visibility === 'visible'),
            held: root.getPropertyValue('visibility') === 'hidden' && root.getPropertyPriority('visibility') === 'important',
            inert: Boolean(document.body?.inert),
          });
          if (frames.length < 20) requestAnimationFrame(sample);
          else resolve(frames);
        };
        requestAnimationFrame(sample);
      }),
  );

const counter = (page: Page, name: string) => page.evaluate((key) => (window as unknown as Record<string, number>)[key], name);

test.describe('a page that fights the screen cannot freeze its tab, nor show itself', () => {
  test.setTimeout(30_000);
  test.beforeEach(async ({ background }) => seedSettings(background, [sam], { countdownSeconds: 3 }));

  test('its MutationObserver takes the screen out on every mutation: the page is held hidden until it gives up', async ({ context, serve }) => {
    await serve('https://www.instagram.com/sam.lee/', 'hostile/remove-on-mutation.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');
    // The tab answers (a frozen one never would), and in every frame the page is either
    // under the screen or not painted at all.
    await expect.poll(async () => (await nextFrames(page)).some((frame) => frame.held)).toBe(true);
    for (const frame of await nextFrames(page)) expect(frame.screen || frame.held).toBe(true);

    await page.evaluate(() => (window as unknown as { __giveUp(): void }).__giveUp());
    await expectPaused(page);
    await expect.poll(async () => (await nextFrames(page)).every((frame) => frame.screen && !frame.held && frame.inert)).toBe(true);
    expect((await pauseButton(page, 'Leave'))?.focused).toBe(true);
  });

  test('its MutationObserver strips <html>\'s style on every change: the tab answers, and the page stays inert and unscrollable', async ({ context, serve }) => {
    await serve('https://www.instagram.com/sam.lee/', 'hostile/strip-root-style.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    // The page keeps stripping; the tab still answers (a frozen one never would) and paints frames.
    await expect.poll(() => counter(page, '__stripped')).toBeGreaterThan(20);
    const frames = await nextFrames(page);
    for (const frame of frames) expect(frame).toMatchObject({ screen: true, inert: true });
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden');
    await page.mouse.wheel(0, 800);
    await page.keyboard.press('End');
    await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
    expect(await page.evaluate(() => scrollY)).toBe(0);

    // It gives up: the inline style is back within a frame, and the screen is still up.
    await page.evaluate(() => (window as unknown as { __giveUp(): void }).__giveUp());
    await expect.poll(() => page.evaluate(() => document.documentElement.style.getPropertyValue('overflow'))).toBe('hidden');
    expect(await pauseDialog(page)).toBeDefined();
  });

  test('it takes the screen out from a timer: the screen is back before every frame (or the page held hidden)', async ({ context, serve }) => {
    await serve('https://www.instagram.com/sam.lee/', 'hostile/remove-on-interval.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    await expect.poll(() => counter(page, '__removed')).toBeGreaterThan(20);
    const frames = await nextFrames(page);
    for (const frame of frames) expect(frame.screen || frame.held).toBe(true);
    expect(frames.some((frame) => frame.screen)).toBe(true);
  });

  test('it clears document.documentElement.innerHTML: the screen is put back', async ({ context, serve }) => {
    await serve('https://www.instagram.com/sam.lee/', 'hostile/clear-root.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    await expect.poll(() => counter(page, '__cleared')).toBeGreaterThan(5);
    // Never painted without the screen: under it, or (when the page clears faster than the
    // guard's few puts back a frame, as on a loaded machine) held hidden.
    const frames = await nextFrames(page);
    for (const frame of frames) expect(frame.screen || frame.held).toBe(true);
    expect(frames.some((frame) => frame.screen)).toBe(true);
    expect(await pauseDialog(page)).toBeDefined();
  });

  test('it replaces document.body every 50 ms: the screen stays and every new body is inert', async ({ context, serve }) => {
    await serve('https://www.instagram.com/sam.lee/', 'hostile/replace-body.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    await expect.poll(() => counter(page, '__replaced')).toBeGreaterThan(5);
    for (const frame of await nextFrames(page)) expect(frame).toEqual({ screen: true, held: false, inert: true });
    expect(await pauseDialog(page)).toBeDefined();
  });
});

// Issue 23, 4: WXT tells an older copy of a content script to stop with a DOM event named after the
// extension's id and the script (`<id>:<script>:wxt:content-script-started`); once the id is public
// (a store listing), any page can send it. It must neither take the screen down nor stop watching.
test.describe('a page that knows the extension’s id cannot switch it off', () => {
  const forge = (page: Page, extensionId: string) =>
    page.evaluate((id) => {
      for (const script of ['instagram', 'content-scripts/instagram', 'watch']) {
        const detail = { contentScriptName: script, messageId: 'forged' };
        document.dispatchEvent(new CustomEvent(`${id}:${script}:wxt:content-script-started`, { detail }));
        window.dispatchEvent(new CustomEvent(`${id}:${script}:wxt:content-script-started`, { detail }));
        // A made-up navigation too: the script follows the page's own navigations, not events.
        window.dispatchEvent(new Event(`${id}:${script}:wxt:locationchange`));
      }
    }, extensionId);

  test('the "newer script started" event, sent with the screen up: the screen stays', async ({ context, background, serve, extensionId }) => {
    await seedSettings(background, [sam]);
    await serve('https://www.instagram.com/**', 'instagram/app.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    await forge(page, extensionId);
    // The screen's liveness check runs once a second: three of them, and it is still up.
    await page.waitForTimeout(3_000);
    expect(await pauseDialog(page)).toBeDefined();
    expect(await page.evaluate(() => document.body.inert)).toBe(true);
    expect((await attemptsOf(background)).map((a) => a.outcome)).toEqual(['pending']);
  });

  test('sent before they turn up: the script still watches, and pauses them when the app opens their profile', async ({ context, background, serve, extensionId }) => {
    await seedSettings(background, [sam]);
    await serve('https://www.instagram.com/**', 'instagram/app.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/explore/');
    await expectDecided(page, background);
    await forge(page, extensionId);
    await page.locator('#link-watched').click(); // Instagram's router: history.pushState, no load
    await expectPaused(page);
  });
});

// Issue 23, 2: a page that defines a custom element under the host's name before the screen mounts
// got the closed shadow root from its ElementInternals, read the screen and put its own in its place.
test('a page that defines custom elements before the screen mounts reaches nothing of it', async ({ context, background, serve }) => {
  await seedSettings(background, [sam]);
  await serve('https://www.instagram.com/sam.lee/', 'hostile/custom-element.html');
  const page = await context.newPage();
  await page.goto('https://www.instagram.com/sam.lee/');
  await expectPaused(page);
  // A moment for the page's timers to look for the roots they would have reached.
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { __reached: unknown[] }).__reached)).toEqual([]);
  const host = await page.evaluate(() => {
    const element = document.querySelector('[popover]')!;
    return { name: element.localName, shadowRoot: String(element.shadowRoot), custom: customElements.get(element.localName) !== undefined };
  });
  expect(host).toEqual({ name: 'div', shadowRoot: 'null', custom: false });
  // The screen is the extension's: its own words, and Leave focused.
  expect(await pauseText(page)).toContain('S.');
  expect((await pauseButton(page, 'Leave'))?.focused).toBe(true);
});

// Issue 23, 3: a page's own modal dialog, popover or fullscreen element was drawn over the screen
// and took its clicks (a site's ordinary dialog would do it by accident).
test('the page’s own modal dialog, popover and fullscreen are closed while the screen is up, and the screen stays on top', async ({ context, background, serve }) => {
  await seedSettings(background, [sam]);
  await serve('https://www.instagram.com/sam.lee/', 'hostile/top-layer.html');
  const page = await context.newPage();
  await page.goto('https://www.instagram.com/sam.lee/');
  await expectPaused(page);
  await page.evaluate(() => (window as unknown as { openTopLayer(): void }).openTopLayer());
  // Fullscreen needs a gesture: given through the DevTools protocol, as a click on the page would.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Runtime.evaluate', { expression: 'document.documentElement.requestFullscreen().catch(() => {})', userGesture: true, awaitPromise: true });
  const topOfPage = () =>
    page.evaluate(() => {
      // The screen's host is the extension's element under <html>; the page's own popover is in <body>.
      const host = document.documentElement.querySelector(':scope > div[popover]');
      return {
        dialogOpen: (document.getElementById('login') as HTMLDialogElement).open,
        popoverOpen: document.getElementById('banner')!.matches(':popover-open'),
        fullscreen: document.fullscreenElement !== null,
        screenOnTop: host !== null && document.elementFromPoint(innerWidth / 2, innerHeight / 2) === host,
      };
    });
  await expect.poll(topOfPage).toEqual({ dialogOpen: false, popoverOpen: false, fullscreen: false, screenOnTop: true });
  // A real click at the centre lands on the screen, not on the page's buttons; Leave still has the focus.
  const viewport = page.viewportSize()!;
  await page.mouse.click(viewport.width / 2, viewport.height / 2);
  expect(await page.evaluate(() => (window as unknown as { __pressed?: number }).__pressed ?? 0)).toBe(0);
  expect(await pauseDialog(page)).toBeDefined();
});
