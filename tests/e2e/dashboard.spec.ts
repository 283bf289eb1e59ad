import { addDays, format, startOfDay, startOfMonth, startOfWeek } from 'date-fns';
import { readFileSync } from 'node:fs';
import type { Page, Worker } from '@playwright/test';
import { expect, journalOf, seed, seedRecord, seedSettings, storageOf, test } from './support/extension';
import { clickNode, continueThrough, focusNode, axNodes, pauseButton, expectPaused } from './support/pause';
import { alex, localTime, sam, threeWeeks } from './support/record-seed';

/** Dates as the extension writes them: through Intl, in the browser's UI language. */
async function datesOf(background: Worker) {
  const language = await background.evaluate(() => chrome.i18n.getUILanguage());
  const as = (options: Intl.DateTimeFormatOptions) => (time: number) => new Intl.DateTimeFormat(language, options).format(time);
  return {
    label: as({ weekday: 'long', day: 'numeric', month: 'long' }),
    day: as({ day: 'numeric', month: 'long' }),
    full: as({ dateStyle: 'full' }),
    withTime: as({ dateStyle: 'full', timeStyle: 'short' }),
  };
}

async function seeded(background: Parameters<typeof seedRecord>[0], extra: Record<string, unknown> = {}) {
  const now = Date.now();
  const attempts = threeWeeks(now);
  await seedSettings(background, [sam, alex], extra);
  await seed(background, { installedAt: startOfDay(addDays(now, -30)).getTime() });
  await seedRecord(background, { attempts });
  return { now, attempts };
}

async function open(page: Page, extensionId: string, file: string) {
  await page.goto(`chrome-extension://${extensionId}/${file}`);
}

test.describe('the dashboard', () => {
  test('shows the streak, the counts, the share, the calendar and the pattern of a three-week log', async ({ context, background, extensionId }) => {
    const { now, attempts } = await seeded(background);
    const { label, day } = await datesOf(background);
    const popup = await context.newPage();
    await open(popup, extensionId, 'popup.html');

    // The summary was missing (seeded straight into the database): the popup has it counted.
    await expect(popup.getByTestId('streak')).toHaveText('Day 5 of no contact');
    await expect(popup.getByTestId('streak-from')).toHaveText(`Counting from ${day(addDays(now, -4).getTime())}, the day after you last continued.`);
    await expect(popup.getByTestId('longest')).toHaveText('Your longest run: 10 days.');

    const since = (start: Date) => attempts.filter((a) => a.startedAt >= start.getTime()).length;
    await expect(popup.getByTestId('today')).toHaveText('2');
    await expect(popup.getByTestId('week')).toHaveText(String(since(startOfWeek(now, { weekStartsOn: 1 }))));
    await expect(popup.getByTestId('month')).toHaveText(String(since(startOfMonth(now))));
    await expect(popup.getByTestId('share')).toHaveText('You left 37 times and continued 3 times: you chose to leave 93% of the time.');

    // Each day's count is in the calendar's grid, by name.
    const grid = popup.getByRole('grid', { name: 'Attempts by day, the last 12 weeks' });
    // Eleven full weeks and this one up to today.
    await expect(grid.getByRole('gridcell')).toHaveCount(77 + ((new Date(now).getDay() + 6) % 7) + 1);
    await expect(grid.getByRole('gridcell', { name: `${label(now)}: 2 attempts` })).toBeVisible();
    const fiveAgo = attempts.filter((a) => format(a.startedAt, 'yyyy-MM-dd') === format(addDays(now, -5), 'yyyy-MM-dd')).length;
    await expect(grid.getByRole('gridcell', { name: `${label(localTime(now, 5, 12))}: ${fiveAgo} attempts` })).toBeVisible();
    await expect(grid.getByRole('gridcell', { name: `${label(localTime(now, 40, 12))}: no attempts` })).toBeVisible();

    // By keyboard: today is in the tab order; the arrows move a day and a week.
    await grid.getByRole('gridcell', { name: new RegExp(`^${label(now)}`) }).focus();
    await popup.keyboard.press('ArrowLeft');
    await expect(grid.getByRole('gridcell', { name: new RegExp(`^${label(localTime(now, 7, 12))}:`) })).toBeFocused();
    await popup.keyboard.press('ArrowUp');
    await expect(grid.getByRole('gridcell', { name: new RegExp(`^${label(localTime(now, 8, 12))}:`) })).toBeFocused();
    await expect(popup.getByTestId('calendar-detail')).toContainText(label(localTime(now, 8, 12)));

    await expect(popup.getByRole('list', { name: 'Attempts by person' })).toHaveText(/S\.\s*27\s*A\.\s*13/);
    await expect(popup.getByRole('list', { name: 'Attempts by site' })).toHaveText(/Instagram\s*27\s*WhatsApp Web\s*13/);
    await expect(popup.getByRole('list', { name: 'Attempts by feeling' })).toContainText('Lonely');
    await expect(popup.getByRole('img', { name: /^Attempts by hour of day\. Most often around/ })).toBeVisible();

    const recent = popup.getByTestId('recent').getByRole('listitem');
    await expect(recent).toHaveCount(10);
    await expect(recent.first()).toHaveText('S.’s profile on Instagram: Left · just now');
    await expect(recent.nth(1)).toHaveText('A.’s chat on WhatsApp Web: Left · just now');
    await expect(popup.getByRole('link', { name: 'History' })).toHaveAttribute('href', `chrome-extension://${extensionId}/attempts.html`);
    await expect(popup.getByRole('link', { name: 'Journal' })).toHaveAttribute('href', `chrome-extension://${extensionId}/journal.html`);
  });

  test('a new user who never continued is on Day 1, never 0, and sees no figures where there are none', async ({ context, background, extensionId }) => {
    await seedSettings(background, [sam]);
    await seed(background, { installedAt: Date.now() });
    const popup = await context.newPage();
    await open(popup, extensionId, 'popup.html');
    await expect(popup.getByTestId('streak')).toHaveText('Day 1 of no contact');
    await expect(popup.getByTestId('streak-from')).toContainText('when you started with Clean Break');
    await expect(popup.getByText('No attempts yet. Each time the pause screen appears, it is noted here.')).toBeVisible();
    await expect(popup.getByText('Nothing decided yet.')).toBeVisible();
  });

  test('counts from the day the person sets in the popup', async ({ context, background, extensionId }) => {
    const { now } = await seeded(background);
    const { day } = await datesOf(background);
    const popup = await context.newPage();
    await open(popup, extensionId, 'popup.html');
    await expect(popup.getByTestId('streak')).toHaveText('Day 5 of no contact');
    await popup.getByText('Count from another day').click();
    await popup.getByLabel('No contact since').fill(format(addDays(now, -2), 'yyyy-MM-dd'));
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(popup.getByTestId('streak')).toHaveText('Day 3 of no contact');
    await expect(popup.getByTestId('streak-from')).toHaveText(`Counting from ${day(addDays(now, -2).getTime())}, the day you chose.`);
  });

  test('says so when attempts could not be saved yet', async ({ context, background, extensionId }) => {
    await seedSettings(background, [sam]);
    await seed(background, { recordProblem: { since: Date.now(), message: 'QuotaExceededError', waiting: 2 } });
    const popup = await context.newPage();
    await open(popup, extensionId, 'popup.html');
    await expect(popup.getByTestId('record-problem')).toHaveText('Some attempts could not be saved yet; they will be saved when possible. (2 waiting)');
  });

  test('updates live when an attempt is recorded while it is open', async ({ context, background, extensionId, serve }) => {
    await seeded(background);
    const popup = await context.newPage();
    await open(popup, extensionId, 'popup.html');
    await expect(popup.getByTestId('today')).toHaveText('2');
    await serve('https://www.instagram.com/**', 'instagram/app.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    await clickNode(page, (await pauseButton(page, 'Leave'))!);
    await expect(popup.getByTestId('today')).toHaveText('3');
  });

  test('exports the log as CSV: a header and one row per attempt', async ({ context, background, extensionId }) => {
    const { attempts } = await seeded(background);
    const popup = await context.newPage();
    await open(popup, extensionId, 'popup.html');
    await expect(popup.getByTestId('today')).toHaveText('2');
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^clean-break-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('started_at,ended_at,person,site,kind,outcome,seconds_on_screen,feeling,journal_written,id');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(attempts.length + 2);
    const oldest = [...attempts].sort((a, b) => a.startedAt - b.startedAt)[0]!;
    expect(lines[1]).toBe(
      `${new Date(oldest.startedAt).toISOString()},${new Date(oldest.endedAt).toISOString()},S.,Instagram,profile,continued,12,missing-them,no,${oldest.id}`,
    );
    expect(lines.filter((line) => line.includes(',A.,WhatsApp Web,thread,'))).toHaveLength(13);

    const [json] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Export JSON' }).click()]);
    const log = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(log).toMatchObject({ format: 'clean-break-log', version: 1, journal: [] });
    expect(log.attempts).toHaveLength(40);
  });
});

test.describe('the history', () => {
  test('lists every attempt, newest first, and filters by person, site, outcome and days', async ({ context, background, extensionId }) => {
    const { now, attempts } = await seeded(background);
    const { full } = await datesOf(background);
    const page = await context.newPage();
    await open(page, extensionId, 'attempts.html');
    const count = page.getByTestId('result-count');
    await expect(count).toHaveText('40 attempts, newest first.');
    const rows = page.getByTestId('history-rows').getByRole('listitem');
    await expect(rows.first()).toContainText('S.’s profile on Instagram: Left');

    await page.getByLabel('Person').selectOption('A.');
    await expect(count).toHaveText('13 attempts match, newest first.');
    await expect(rows.first()).toContainText('A.’s chat on WhatsApp Web: Left');

    await page.getByLabel('Outcome').selectOption('Continued');
    await expect(count).toHaveText('1 attempt matches, newest first.');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('A.’s chat on WhatsApp Web: Continued');
    await expect(rows.first()).toContainText(full(localTime(now, 12, 22)));

    await page.getByLabel('Person').selectOption('Everyone');
    await expect(count).toHaveText('3 attempts match, newest first.');
    await page.getByLabel('Site').selectOption('Instagram');
    await expect(count).toHaveText('2 attempts match, newest first.');

    await page.getByRole('button', { name: 'Show everything' }).click();
    await expect(count).toHaveText('40 attempts, newest first.');
    await page.getByLabel('From').fill(format(addDays(now, -3), 'yyyy-MM-dd'));
    await page.getByLabel('To').fill(format(addDays(now, -1), 'yyyy-MM-dd'));
    const inRange = attempts.filter((a) => a.startedAt >= startOfDay(addDays(now, -3)).getTime() && a.startedAt < startOfDay(now).getTime()).length;
    await expect(count).toHaveText(`${inRange} attempts match, newest first.`);

    await page.getByLabel('Outcome').selectOption('On the pause screen');
    await page.getByLabel('From').fill('');
    await page.getByLabel('To').fill('');
    await expect(count).toHaveText('No attempts match these filters.');
  });

  test('with 5,000 attempts renders only the rows in view, and reaches the oldest by keyboard', async ({ context, background, extensionId }) => {
    await seedSettings(background, [sam]);
    const start = Date.now() - 5000 * 3_600_000;
    const many = Array.from({ length: 5000 }, (_, i) => ({
      id: `bulk-${String(i).padStart(4, '0')}`,
      startedAt: start + i * 3_600_000,
      personId: sam.id,
      site: 'instagram',
      kind: 'profile',
      outcome: i === 0 ? 'continued' : 'left',
      endedAt: start + i * 3_600_000 + 5000,
      secondsOnScreen: 5,
      journalWritten: false,
      feeling: null,
      tabId: null,
      abandonedAt: null,
    }));
    await seedRecord(background, { attempts: many });
    const { withTime } = await datesOf(background);
    const page = await context.newPage();
    await open(page, extensionId, 'attempts.html');
    await expect(page.getByTestId('result-count')).toHaveText('5,000 attempts, newest first.');
    const rows = page.getByTestId('history-rows').getByRole('listitem');
    await expect(rows.first()).toContainText('S.’s profile on Instagram: Left');
    expect(await rows.count()).toBeLessThan(60);

    await page.getByRole('region', { name: 'Attempts, newest first' }).focus();
    await page.keyboard.press('End');
    const oldest = page.getByTestId('history-rows').locator('li[aria-posinset="5000"]');
    await expect(oldest).toContainText('S.’s profile on Instagram: Continued');
    await expect(oldest).toContainText(withTime(start));
    expect(await rows.count()).toBeLessThan(60);
  });
});

test.describe('the journal', () => {
  test('what was written on the pause screen is there in full, and can be deleted after asking', async ({ context, background, serve, extensionId }) => {
    await seedSettings(background, [sam]);
    await serve('https://www.instagram.com/**', 'instagram/app.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectPaused(page);
    const nodes = await axNodes(page);
    await focusNode(page, nodes.find((n) => n.role === 'textbox' && n.name.startsWith('Write it here instead'))!);
    await page.keyboard.type('I still think about the lake trip.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('But I know why I stopped.');
    await clickNode(page, (await pauseButton(page, 'Leave'))!);
    await expect.poll(async () => (await journalOf(background)).length).toBe(1);

    const journal = await context.newPage();
    await open(journal, extensionId, 'journal.html');
    const entry = journal.getByRole('article');
    await expect(entry).toHaveCount(1);
    await expect(entry.locator('.entry-text')).toHaveText('I still think about the lake trip.\nBut I know why I stopped.');
    await expect(entry).toContainText('To S. on Instagram');
    await expect(entry.getByRole('heading')).toContainText((await datesOf(background)).full(Date.now()));

    // Delete asks first; Keep keeps it.
    await entry.getByRole('button', { name: /^Delete/ }).click();
    const confirm = entry.getByRole('group', { name: 'Delete this entry?' });
    await expect(confirm).toContainText('Delete this entry? It cannot be brought back.');
    await expect(confirm.getByRole('button', { name: 'Keep' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Keep' }).click();
    await expect(confirm).toHaveCount(0);
    expect(await journalOf(background)).toHaveLength(1);

    await entry.getByRole('button', { name: /^Delete/ }).click();
    await entry.getByRole('group', { name: 'Delete this entry?' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(journal.getByText('Nothing written yet.', { exact: false })).toBeVisible();
    expect(await journalOf(background)).toEqual([]);
  });

  test('what the send question kept instead of sending is there too', async ({ context, background, serve, extensionId }) => {
    await seedSettings(background, [sam]);
    await serve('https://www.instagram.com/direct/t/**', 'instagram/direct-thread.html');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/direct/t/340282366841710300949128171234567890/');
    await continueThrough(page);
    await page.locator('[role="main"] [role="textbox"]').click();
    await page.keyboard.type('I miss you. Can we talk?');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await axNodes(page)).some((n) => n.role === 'button' && n.name === 'Keep it in my journal')).toBe(true);
    await clickNode(page, (await axNodes(page)).find((n) => n.role === 'button' && n.name === 'Keep it in my journal')!);
    await expect.poll(async () => (await journalOf(background)).length).toBe(1);

    const journal = await context.newPage();
    await open(journal, extensionId, 'journal.html');
    await expect(journal.getByRole('article')).toHaveCount(1);
    await expect(journal.getByRole('article').locator('.entry-text')).toHaveText('I miss you. Can we talk?');
    await expect(journal.getByRole('article')).toContainText('To S. on Instagram');
  });

  test('shows every entry, newest first, with its person and site, also for someone removed', async ({ context, background, extensionId }) => {
    await seedSettings(background, [sam]);
    const now = Date.now();
    await seedRecord(background, {
      journal: [
        { id: 'j1', writtenAt: now - 86_400_000 * 3, personId: sam.id, site: 'instagram', attemptId: null, text: 'The first one.' },
        { id: 'j2', writtenAt: now - 86_400_000, personId: 'p-gone', site: 'whatsapp', attemptId: null, text: 'Kept instead of sent: "are you up?"' },
      ],
    });
    const page = await context.newPage();
    await open(page, extensionId, 'journal.html');
    const entries = page.getByRole('article');
    await expect(entries).toHaveCount(2);
    await expect(entries.nth(0)).toContainText('Kept instead of sent: "are you up?"');
    await expect(entries.nth(0)).toContainText('To someone you removed on WhatsApp Web');
    await expect(entries.nth(1)).toContainText('The first one.');
    await expect(entries.nth(1)).toContainText('To S. on Instagram');
  });
});

test.describe('options for the record', () => {
  test('the toolbar badge shows today’s attempts, and can be turned off; the day no contact is counted from can be set', async ({ context, background, extensionId }) => {
    const { now } = await seeded(background);
    const badge = () => background.evaluate(() => chrome.action.getBadgeText({}));
    const options = await context.newPage();
    await open(options, extensionId, 'options.html');
    const box = options.getByRole('checkbox', { name: 'Show today’s attempts on the toolbar badge' });
    await expect(box).toBeChecked();
    await box.uncheck();
    await expect(options.locator('main > p.status')).toHaveText('The toolbar badge no longer shows today’s attempts.');
    await expect.poll(async () => ((await storageOf(background)) as { settings: { showBadge: boolean } }).settings.showBadge).toBe(false);
    await expect.poll(badge).toBe('');
    await box.check();
    await expect.poll(badge).toBe('2');

    await options.getByLabel(/^No contact since/).fill(format(addDays(now, -1), 'yyyy-MM-dd'));
    await options.getByRole('button', { name: 'Save the day' }).click();
    await expect(options.locator('main > p.status')).toHaveText('Days of no contact are counted from the day you chose.');
    const popup = await context.newPage();
    await open(popup, extensionId, 'popup.html');
    await expect(popup.getByTestId('streak')).toHaveText('Day 2 of no contact');
  });
});
