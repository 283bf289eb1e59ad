import type { BrowserContext, Page, Worker } from '@playwright/test';
import { attemptsOf, expect, seedSettings, stopInEffect, storageOf, test } from './support/extension';
import { pauseDialog, expectPaused } from './support/pause';
import { expectDecided, expectNotInjected } from './support/read-page';

/**
 * Custom sites: added in options, asked for one host at a time, watched by a content script
 * the background registers for them, and given back when removed.
 *
 * Headless Chromium shows the permission question but nothing can answer it. Where a test
 * needs the user to have said yes, it says yes beforehand the way the browser's own settings
 * do (chrome://extensions → Site access → add a site, i.e. developerPrivate.addHostPermission):
 * permissions.request then resolves true at once, as it does for a host the user already allowed.
 */
async function allowHost(context: BrowserContext, extensionId: string, origin: string): Promise<void> {
  const page = await context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(
    // developerPrivate exists only on chrome://extensions and has no published types.
    ([id, host]) => (chrome as unknown as { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } }).developerPrivate.addHostPermission(id, host),
    [extensionId, origin] as const,
  );
  await page.close();
}

const hostAllowed = (background: Worker, origin: string) =>
  background.evaluate((o) => chrome.permissions.contains({ origins: [o] }), origin);

const registeredScripts = (background: Worker) =>
  background.evaluate(async () =>
    (await chrome.scripting.getRegisteredContentScripts()).map((script) => ({ id: script.id, matches: script.matches })),
  );

async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  return options;
}

interface StoredSettings {
  customSites: { id: string; name: string; pattern: string; identify: unknown }[];
  people: { alias: string; identifiers: { kind: string; value: string; site: string }[] }[];
}
const settingsOf = async (background: Worker) => ((await storageOf(background)).settings ?? {}) as StoredSettings;

test.describe('custom sites', () => {
  test.afterEach(async ({ background }) => {
    // Hosts stay granted across tests in the shared browser: give them back.
    await background.evaluate(() =>
      chrome.permissions.remove({ origins: ['https://forum.example.com/*', 'https://chat.example.org/*'] }),
    );
  });

  test('a site added in options is asked for, watched where the address names the person, and given back when removed', async ({
    context,
    background,
    serve,
    extensionId,
    strayRequests,
  }) => {
    await seedSettings(background, []);
    await serve('https://forum.example.com/**', 'custom/forum.html');
    const origin = 'https://forum.example.com/*';
    await allowHost(context, extensionId, origin);

    const options = await openOptions(context, extensionId);
    const form = options.getByRole('form', { name: 'Add a site' });
    await form.getByLabel('Name (for you)').fill('Book club');
    await form.getByLabel('Address', { exact: true }).fill('forum.example.com');
    await form.getByLabel('Text right before the person in the address').fill('/members/');
    await form.getByRole('button', { name: 'Add site' }).click();
    await expect(options.locator('main > p.status')).toHaveText('Added Book club. Now add, under People, how the person appears there.');
    const [site] = (await settingsOf(background)).customSites;
    expect(site).toMatchObject({ name: 'Book club', pattern: 'https://forum.example.com/*', identify: { by: 'url', after: '/members/' } });
    await expect.poll(() => registeredScripts(background)).toContainEqual({ id: 'clean-break-custom-sites', matches: [origin] });

    // The person, by a link to their page there: read as that site reads it.
    await options.getByLabel('Alias').fill('S.');
    await options.getByRole('button', { name: 'Add person' }).click();
    const card = options.getByRole('article', { name: 'S.' });
    await card.getByLabel('Username, name or link').fill('https://forum.example.com/members/sam.lee/');
    await card.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(card).toContainText('Username sam.lee on Book club');
    expect((await settingsOf(background)).people[0]?.identifiers).toEqual([{ kind: 'handle', value: 'sam.lee', site: site!.id }]);

    // Their page is stopped before its request (the pause page); pages that only mention them are not.
    await expect
      .poll(() => background.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? [])))
      .toContain('https://forum.example.com/*members/sam.lee*');
    const firstFrame = (page: Page) => page.evaluate(() => (window as unknown as { __firstFrame?: unknown }).__firstFrame);
    const page = await context.newPage();
    await page.goto('https://forum.example.com/threads/42-what-are-you-reading');
    await page.goto('https://forum.example.com/members/sam.leeroy/');
    // Its address starts like theirs, so the rule sends it to the pause page, which reads the
    // address as the content script does and opens it: it must end up shown, and not paused.
    await expect.poll(() => page.url()).toBe('https://forum.example.com/members/sam.leeroy/');
    await expectDecided(page, background);
    await expect(page.getByRole('heading', { name: 'sam.leeroy' })).toBeVisible();
    void firstFrame;
    await page.goto('https://forum.example.com/members/sam.lee/');
    await expectPaused(page);
    expect(page.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/pause\.html\?/);
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.site, a.kind, a.outcome])).toEqual([
      [site!.id, 'profile', 'pending'],
    ]);
    await page.keyboard.press('Enter'); // Leave, focused
    await expect.poll(async () => (await attemptsOf(background)).map((a) => a.outcome)).toEqual(['left']);
    await expect.poll(() => page.url()).toBe('https://forum.example.com/members/sam.leeroy/');

    // Removed: unregistered, the host given back, and the page is the site's own again.
    await options.getByRole('button', { name: 'Remove Book club' }).click();
    await options.getByRole('dialog', { name: 'Stop watching Book club?' }).getByRole('button', { name: 'Stop watching' }).click();
    await expect(options.locator('main > p.status')).toHaveText('Removed Book club.');
    await expect.poll(() => hostAllowed(background, origin)).toBe(false);
    await expect.poll(() => registeredScripts(background)).not.toContainEqual(expect.objectContaining({ id: 'clean-break-custom-sites' }));
    const later = await context.newPage();
    await later.goto('https://forum.example.com/members/sam.lee/');
    await expectNotInjected(later, background);
    expect(strayRequests).toEqual([]);
  });

  test('a chat read from an element the user named is paused when opened in place; the list that names them is not', async ({
    context,
    background,
    serve,
    extensionId,
  }) => {
    await serve('https://chat.example.org/**', 'custom/chat.html');
    await allowHost(context, extensionId, 'https://chat.example.org/*');
    const chat = {
      id: 'custom-chat',
      name: 'Game chat',
      pattern: 'https://chat.example.org/*',
      kind: 'thread',
      identify: { by: 'element', selector: '.conversation-header .partner' },
      addedAt: 1,
    };
    await seedSettings(background, [{ id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'name', value: 'sam lee', site: 'custom-chat' }] }], {
      customSites: [chat],
    });
    // Settings brought from elsewhere (an import, another browser): the site waits for the user's yes.
    const options = await openOptions(context, extensionId);
    await options.getByRole('listitem', { name: 'Game chat' }).getByRole('button', { name: 'Allow chat.example.org' }).click();
    await expect(options.getByRole('listitem', { name: 'Game chat' })).not.toContainText('Not allowed');
    await expect.poll(() => registeredScripts(background)).toContainEqual({ id: 'clean-break-custom-sites', matches: ['https://chat.example.org/*'] });

    const page = await context.newPage();
    await page.goto('https://chat.example.org/app');
    await expectDecided(page, background, 'the list');
    await page.getByRole('button', { name: /Sam Leeroy/ }).click();
    await expectDecided(page, background, 'Sam Leeroy');
    await page.getByRole('button', { name: /Sam Lee are you there/ }).click();
    await expectPaused(page);
    expect(page.url()).toBe('https://chat.example.org/app');
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.site, a.kind])).toEqual([['custom-chat', 'thread']]);
  });

  test('nothing is added or watched without the browser’s yes, and bad input is named', async ({ context, background, serve, extensionId }) => {
    await serve('https://games.example.net/**', 'custom/chat.html');
    const stranded = {
      id: 'custom-games',
      name: 'Games',
      pattern: 'https://games.example.net/*',
      kind: 'thread',
      identify: { by: 'element', selector: '.conversation-header .partner' },
      addedAt: 1,
    };
    // A site in the settings whose host the user never allowed (or took back in the browser).
    await seedSettings(background, [{ id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'name', value: 'Sam Lee', site: '*' }] }], {
      customSites: [stranded],
    });
    const options = await openOptions(context, extensionId);
    const row = options.getByRole('listitem', { name: 'Games' });
    await expect(row).toContainText('Not allowed on this site yet.');
    await expect(row.getByRole('button', { name: 'Allow games.example.net' })).toBeVisible();
    expect(await registeredScripts(background)).not.toContainEqual(expect.objectContaining({ id: 'clean-break-custom-sites' }));
    const page = await context.newPage();
    await page.goto('https://games.example.net/app');
    await page.getByRole('button', { name: /Sam Lee are you there/ }).click();
    await expectNotInjected(page, background);

    const form = options.getByRole('form', { name: 'Add a site' });
    const error = form.getByRole('alert');
    const address = form.getByLabel('Address', { exact: true });
    const add = form.getByRole('button', { name: 'Add site' });
    await address.fill('www.instagram.com');
    await add.click();
    await expect(error).toHaveText('Instagram is built in: add the person on Instagram instead.');
    await address.fill('*');
    await add.click();
    await expect(error).toHaveText('“*” is not one site’s address: Clean Break asks for one site at a time.');
    await address.fill('forum.example.net');
    await form.getByRole('radio', { name: /In the page’s element/ }).check();
    await form.getByLabel('CSS selector of the element that shows the person').fill('h1[');
    await add.click();
    await expect(error).toHaveText('“h1[” is not a CSS selector Clean Break can use.');

    // A good one: the browser asks, and until it has a yes nothing is saved.
    await form.getByLabel('CSS selector of the element that shows the person').fill('h1.profile-name');
    await add.click();
    await expect(form.getByRole('status')).toHaveText('Answer your browser’s question to add the site…');
    await expect(add).toBeDisabled();
    // The browser's question stays open (nothing answers it here), so there is no event to wait
    // for: a moment for a save that should not happen to land. It can only let a failure show.
    await options.waitForTimeout(300);
    expect((await settingsOf(background)).customSites.map((s) => s.name)).toEqual(['Games']);
    expect(await hostAllowed(background, 'https://forum.example.net/*')).toBe(false);
  });
});

test('a built-in site turned off in options is not watched until it is turned on again', async ({ context, background, serve, extensionId }) => {
  await seedSettings(background, [{ id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: '*' }] }]);
  await serve('https://www.instagram.com/**', 'instagram/app.html');
  const options = await openOptions(context, extensionId);
  const sites = options.getByRole('group', { name: 'Built-in sites' });
  await sites.getByRole('checkbox', { name: 'Instagram' }).uncheck();
  await expect(options.locator('main > p.status')).toHaveText('Instagram is no longer watched.');
  expect((await storageOf(background)).settings).toMatchObject({ disabledSites: ['instagram'] });
  // The rules that stop their address before the request follow the settings a moment later.
  await stopInEffect(background, 'https://www.instagram.com/sam.lee/', false);

  const page = await context.newPage();
  await page.goto('https://www.instagram.com/sam.lee/');
  await expect(page.getByRole('heading', { name: 'sam.lee' })).toBeVisible();
  await expectDecided(page, background, 'Instagram off');

  await sites.getByRole('checkbox', { name: 'Instagram' }).check();
  await expect(options.locator('main > p.status')).toHaveText('Instagram is watched again.');
  // The open page hears the change at once.
  await expectPaused(page);
});
