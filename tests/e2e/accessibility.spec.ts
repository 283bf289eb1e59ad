import AxeBuilder from '@axe-core/playwright';
import { addDays, startOfDay } from 'date-fns';
import { expect, seed, seedRecord, seedSettings, stopInEffect, test } from './support/extension';
import { axNodes, expectPaused } from './support/pause';
import { alex, sam as samOnInstagram, threeWeeks } from './support/record-seed';

const sam = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };

test.describe('accessibility', () => {
  test.beforeEach(async ({ background }) =>
    seedSettings(background, [sam], { supportPerson: { name: 'Ana', link: 'tel:+15550100' }, typedPhrase: 'I choose this' }),
  );

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the pause screen has no axe violations (${colorScheme})`, async ({ context, extensionId }) => {
      // The preview renders the same component and stylesheet as the screen on a site, where
      // the closed shadow root keeps axe (like every page script) out.
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      await page.goto(`chrome-extension://${extensionId}/preview.html`);
      await expect(page.getByRole('dialog', { name: 'Take a breath' })).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the pause page a stopped address lands on has no axe violations (${colorScheme})`, async ({ context, background, serve }) => {
      await serve('https://www.instagram.com/**', 'instagram/app.html');
      // The redirect for their address itself (rules left from another test may be someone else's).
      await stopInEffect(background, 'https://www.instagram.com/sam.lee/');
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      await page.goto('https://www.instagram.com/sam.lee/');
      await expect(page.getByRole('dialog', { name: 'Take a breath' })).toBeVisible();
      expect(page.url()).toContain('/pause.html?');
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }

  for (const [colorScheme, status] of [['light', 'asking'], ['dark', 'asking'], ['light', 'failed']] as const) {
    test(`the question on the first send after Continue has no axe violations (${colorScheme}, ${status})`, async ({ context, extensionId }) => {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      await page.goto(`chrome-extension://${extensionId}/preview.html?screen=send-check&status=${status}`);
      const dialog = page.getByRole('alertdialog', { name: 'Send this to S.?' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('button', { name: 'Keep it in my journal' })).toBeFocused();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`options and the dashboard have no axe violations (${colorScheme})`, async ({ context, extensionId, background }) => {
      await seedSettings(background, [sam], {
        customSites: [
          {
            id: 'custom-forum',
            name: 'Book club',
            pattern: 'https://forum.example.com/*',
            kind: 'profile',
            identify: { by: 'url', after: '/members/' },
            addedAt: 1,
          },
        ],
      });
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      for (const [file, ready] of [['options.html', 'Sites'], ['popup.html', 'Watch this person here'], ['welcome.html', 'Welcome to Clean Break']] as const) {
        await page.goto(`chrome-extension://${extensionId}/${file}`);
        await expect(page.getByText(ready, { exact: true }).first()).toBeVisible();
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${file} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }
    });
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the dashboard, the history and the journal with a three-week log have no axe violations (${colorScheme})`, async ({ context, extensionId, background }) => {
      const now = Date.now();
      await seedSettings(background, [samOnInstagram, alex]);
      await seed(background, { installedAt: startOfDay(addDays(now, -30)).getTime() });
      await seedRecord(background, {
        attempts: threeWeeks(now),
        journal: [{ id: 'j1', writtenAt: now - 3_600_000, personId: alex.id, site: 'whatsapp', attemptId: null, text: 'Kept, not sent.' }],
      });
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      for (const [file, ready] of [['popup.html', 'Day 5 of no contact'], ['attempts.html', '40 attempts, newest first.'], ['journal.html', 'Kept, not sent.']] as const) {
        await page.goto(`chrome-extension://${extensionId}/${file}`);
        await expect(page.getByText(ready, { exact: true }).first()).toBeVisible();
        if (file === 'journal.html') await page.getByRole('button', { name: /^Delete/ }).click();
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${file} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }
    });
  }

  // Issue 25, 1: Chromium gives extension pages `body { font-size: 75% }`; no text on our pages is under 14 px.
  test('every page’s text is at least 14 px, with a three-week log', async ({ context, extensionId, background }) => {
    const now = Date.now();
    await seedSettings(background, [samOnInstagram, alex]);
    await seed(background, { installedAt: startOfDay(addDays(now, -30)).getTime() });
    await seedRecord(background, {
      attempts: threeWeeks(now),
      journal: [{ id: 'j1', writtenAt: now - 3_600_000, personId: alex.id, site: 'whatsapp', attemptId: null, text: 'Kept, not sent.' }],
    });
    const page = await context.newPage();
    const pages = [
      ['options.html', 'Sites'],
      ['popup.html', 'Day 5 of no contact'],
      ['welcome.html', 'Welcome to Clean Break'],
      ['attempts.html', '40 attempts, newest first.'],
      ['journal.html', 'Kept, not sent.'],
    ] as const;
    for (const [file, ready] of pages) {
      await page.goto(`chrome-extension://${extensionId}/${file}`);
      await expect(page.getByText(ready, { exact: true }).first()).toBeVisible();
      // Every visible text node's size as drawn (the charts' SVG labels scale with their drawing, and are left out).
      const sizes = await page.evaluate(() => {
        const found: { text: string; px: number }[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const element = node.parentElement;
          if (!node.textContent?.trim() || !element || element.closest('svg')) continue;
          const box = element.getBoundingClientRect();
          if (box.width && box.height) found.push({ text: node.textContent.trim().slice(0, 40), px: parseFloat(getComputedStyle(element).fontSize) });
        }
        return found;
      });
      expect(sizes.length, file).toBeGreaterThan(5);
      expect(sizes.filter((size) => size.px < 14), file).toEqual([]);
      expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize)), file).toBe(16);
    }
  });

  test('the preview shows the user’s support person and phrase, and is usable by keyboard alone', async ({ context, extensionId }) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/preview.html`);
    const dialog = page.getByRole('dialog', { name: 'Take a breath' });
    await expect(dialog.getByRole('link', { name: 'Call Ana instead' })).toHaveAttribute('href', 'tel:+15550100');
    await expect(dialog.getByRole('button', { name: 'Leave' })).toBeFocused();
    // Tab moves through the dialog and wraps around inside it.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))).toBe(true);
    }
  });

  test('respects reduced motion', async ({ context, extensionId }) => {
    const page = await context.newPage();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`chrome-extension://${extensionId}/preview.html`);
    await expect(page.locator('.backdrop')).toHaveCSS('animation-name', 'none');
  });

  test('on a site, screen readers are told it is a modal dialog, labelled, with its buttons', async ({ context, serve }) => {
    await serve('https://www.instagram.com/**', 'instagram/app.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    const session = await context.newCDPSession(page);
    const { nodes } = (await session.send('Accessibility.getFullAXTree')) as {
      nodes: { role?: { value?: string }; name?: { value?: string }; properties?: { name: string; value: { value?: unknown } }[] }[];
    };
    const dialog = nodes.find((n) => n.role?.value === 'dialog');
    expect(dialog?.name?.value).toBe('Take a breath');
    expect(dialog?.properties?.find((p) => p.name === 'modal')?.value.value).toBe(true);
    const roles = (await axNodes(page)).map((n) => `${n.role}:${n.name}`);
    expect(roles).toEqual(expect.arrayContaining(['button:Leave', 'button:Continue anyway', 'textbox:Write it here instead. It stays on this device and is never sent.', 'radio:Lonely', 'link:Call Ana instead']));
  });
});
