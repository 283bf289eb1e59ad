import { attemptsOf, expect, seedSettings, test } from './extension';
import { pauseBackdrop, pauseButton, pauseDialog, waitForPause } from './pause';

const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };

test('a hostile page cannot remove, hide, restyle, cover or press the pause screen', async ({ context, background, serve }) => {
  await seedSettings(background, [sam], { countdownSeconds: 3 });
  await serve('https://www.instagram.com/sam.lee/', 'hostile/profile.html');
  const page = await context.newPage();
  await page.goto('https://www.instagram.com/sam.lee/');
  await waitForPause(page);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __attacks: string[] }).__attacks)).toContain('done');
  expect(await page.evaluate(() => (window as unknown as { __attacks: string[] }).__attacks[0])).toBe('shadowRoot:null');

  // Still there, on top, visible, and the page beneath still inert and unscrollable.
  await page.waitForTimeout(200);
  expect(await pauseDialog(page)).toBeDefined();
  const state = await page.evaluate(() => {
    const host = document.querySelector('clean-break-pause')!;
    const style = getComputedStyle(host);
    return {
      connected: host.isConnected,
      display: style.display,
      visibility: style.visibility,
      opacity: style.opacity,
      onTop: host.matches(':popover-open'),
      topElement: document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.localName,
      bodyInert: document.body.inert,
      overflow: getComputedStyle(document.documentElement).overflow,
      focused: document.activeElement?.localName,
    };
  });
  expect(state).toEqual({
    connected: true,
    display: 'block',
    visibility: 'visible',
    opacity: '1',
    onTop: true,
    topElement: 'clean-break-pause',
    bodyInert: true,
    overflow: 'hidden',
    focused: 'clean-break-pause',
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
