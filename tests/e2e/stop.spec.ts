import type { BrowserContext, Page, Worker } from '@playwright/test';
import { attemptsOf, expect, seed, seedSettings, stopInEffect, test } from './support/extension';
import { axNodes, clickNode, continueThrough, expectPaused, pauseButton, pauseText } from './support/pause';
import { expectDecided } from './support/read-page';

/*
 * Issue 23, point 1: a full load of an address that names a watched person never reaches the site.
 * A declarativeNetRequest rule (utils/background/stop-rules.ts) sends that main frame to the
 * extension's pause page before the request leaves; Continue lets exactly that navigation
 * through once; Leave goes back, or closes a tab opened for it. "Reached the site" is counted
 * where the site would answer: every request for the address at the browser's network layer
 * (context.route sees each request a page makes, redirected ones excepted).
 */

const SAM = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }] };
const LINKEDIN_SAM = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'handle', value: 'sam-lee-4b2a1', site: 'linkedin' }] };

/** Serves every address matching `url` with a page, and counts the requests that reached it. */
async function site(context: BrowserContext, url: RegExp, body = '<!doctype html><title>site</title><p>the site</p>'): Promise<string[]> {
  const reached: string[] = [];
  await context.route(url, (route) => {
    reached.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  return reached;
}

const stopped = stopInEffect;

/** Waits until no rule stops `url`; on a failure, says which rules still do and what the background had stored. */
async function notStopped(background: Worker, url: string): Promise<void> {
  await expect
    .poll(() =>
      background.evaluate(async (url) => {
        const rules = (await chrome.declarativeNetRequest.getDynamicRules()).filter((rule) => new RegExp(rule.condition.regexFilter ?? '$^').test(url));
        if (rules.length === 0) return 'none';
        const { settings, snoozes } = await chrome.storage.local.get(['settings', 'snoozes']);
        return JSON.stringify({ rules: rules.map((rule) => rule.id), snoozes, people: (settings as { people?: { id: string }[] } | undefined)?.people?.map((p) => p.id), now: Date.now() });
      }, url),
    )
    .toBe('none');
}

const onPausePage = (page: Page, extensionId: string) => expect.poll(() => page.url()).toMatch(new RegExp(`^chrome-extension://${extensionId}/pause\\.html\\?`));

test.describe('a full load of their address is stopped before the request', () => {
  test('their profile, opened in a new tab from a link: the pause page, no request; Leave closes the tab with a kind word', async ({ context, background, extensionId }) => {
    const reached = await site(context, /^https:\/\/www\.instagram\.com\//);
    await site(context, /^https:\/\/www\.example\.org\//, '<!doctype html><title>elsewhere</title><a id="them" target="_blank" href="https://www.instagram.com/sam.lee/">them</a>');
    await seedSettings(background, [SAM]);
    await stopped(background, 'https://www.instagram.com/sam.lee/');

    const elsewhere = await context.newPage();
    await elsewhere.goto('https://www.example.org/');
    const [page] = await Promise.all([context.waitForEvent('page'), elsewhere.click('#them')]);
    await onPausePage(page, extensionId);
    await expectPaused(page);
    expect(await pauseText(page)).toContain('S.');
    expect(await pauseText(page)).not.toContain('they will see that you watched');
    // The screen's own record, as on the site.
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.site, a.kind, a.outcome])).toEqual([['instagram', 'profile', 'pending']]);

    const closed = page.waitForEvent('close', { timeout: 10_000 });
    await clickNode(page, (await pauseButton(page, 'Leave'))!);
    await expect(page.getByRole('status')).toContainText('You stayed away');
    await closed;
    await expect.poll(async () => (await attemptsOf(background)).map((a) => a.outcome)).toEqual(['left']);
    expect(reached).toEqual([]);
  });

  test('their story, from a link on another site: the story words; Leave goes back; the story was never requested', async ({ context, background, extensionId }) => {
    const reached = await site(context, /^https:\/\/www\.instagram\.com\//);
    await site(context, /^https:\/\/www\.example\.org\//, '<!doctype html><title>elsewhere</title><a id="story" href="https://www.instagram.com/stories/sam.lee/3312345678901234567/">a story</a>');
    await seedSettings(background, [SAM]);
    await stopped(background, 'https://www.instagram.com/stories/sam.lee/3312345678901234567/');

    const page = await context.newPage();
    await page.goto('https://www.example.org/');
    await page.click('#story');
    await onPausePage(page, extensionId);
    await expectPaused(page);
    expect(await pauseText(page)).toContain('You are about to watch S.’s story.');
    expect(await pauseText(page)).toContain('If you open it, they will see that you watched.');
    await clickNode(page, (await pauseButton(page, 'Leave'))!);
    await expect.poll(() => page.url()).toBe('https://www.example.org/');
    await expect.poll(async () => (await attemptsOf(background)).map((a) => a.outcome)).toEqual(['left']);
    expect(reached).toEqual([]);
  });

  test('their Facebook story (watched by their account id), from a link: the story words; never requested', async ({ context, background, extensionId }) => {
    // docs/sites/facebook.md#stories: /stories/<bucket id>/<card id>/, the bucket theirs when its id is their account id.
    const story = 'https://www.facebook.com/stories/100012345678901/UzpfSVNDOjE/';
    const reached = await site(context, /^https:\/\/www\.facebook\.com\//);
    await site(context, /^https:\/\/www\.example\.org\//, `<!doctype html><title>elsewhere</title><a id="story" href="${story}">a story</a>`);
    await seedSettings(background, [{ id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'accountId', value: '100012345678901', site: 'facebook' }] }]);
    await stopped(background, story);

    const page = await context.newPage();
    await page.goto('https://www.example.org/');
    await page.click('#story');
    await onPausePage(page, extensionId);
    await expectPaused(page);
    expect(await pauseText(page)).toContain('You are about to watch S.’s story.');
    expect(await pauseText(page)).toContain('If you open it, they will see that you watched.');
    await expect.poll(async () => (await attemptsOf(background)).map((a) => [a.site, a.outcome])).toEqual([['facebook', 'pending']]);
    // Someone else's bucket reaches the site.
    await page.goto('https://www.facebook.com/stories/200012345678901/UzpfSVNDOjE/');
    await expectDecided(page, background);
    await expect(page.locator('body')).toContainText('the site');
    expect(reached).toEqual(['https://www.facebook.com/stories/200012345678901/UzpfSVNDOjE/']);
  });

  test('their name typed in another case than links use: stopped all the same', async ({ context, background, extensionId }) => {
    const reached = await site(context, /^https:\/\/www\.instagram\.com\//);
    await seedSettings(background, [SAM]);
    await stopped(background, 'https://www.instagram.com/sam.lee/');

    const page = await context.newPage();
    await page.goto('https://www.instagram.com/SAM.Lee/');
    await onPausePage(page, extensionId);
    await expectPaused(page);
    expect(await pauseText(page)).toContain('S.');
    expect(reached).toEqual([]);
  });

  test('their LinkedIn profile, typed and reloaded: never requested', async ({ context, background, extensionId }) => {
    const reached = await site(context, /^https:\/\/www\.linkedin\.com\//);
    await seedSettings(background, [LINKEDIN_SAM]);
    await stopped(background, 'https://www.linkedin.com/in/sam-lee-4b2a1/');

    const page = await context.newPage();
    await page.goto('https://www.linkedin.com/feed/');
    await page.goto('https://www.linkedin.com/in/sam-lee-4b2a1/');
    await onPausePage(page, extensionId);
    await expectPaused(page);
    await page.reload();
    await onPausePage(page, extensionId);
    await expectPaused(page);
    expect(reached).toEqual(['https://www.linkedin.com/feed/']);
  });

  test('Continue lets that one navigation through, once, and the page is not paused again', async ({ context, background, extensionId }) => {
    const reached = await site(context, /^https:\/\/www\.instagram\.com\//);
    await seedSettings(background, [SAM]);
    await stopped(background, 'https://www.instagram.com/sam.lee/');

    const page = await context.newPage();
    await page.goto('https://www.instagram.com/explore/');
    await page.goto('https://www.instagram.com/sam.lee/');
    await onPausePage(page, extensionId);
    await continueThrough(page);
    await expect.poll(() => page.url()).toBe('https://www.instagram.com/sam.lee/');
    expect(reached).toEqual(['https://www.instagram.com/explore/', 'https://www.instagram.com/sam.lee/']);
    // The content script on their page has decided, and let them through (Continue's snooze).
    await expectDecided(page, background, 'let through after Continue');
    await expect.poll(async () => (await attemptsOf(background)).map((a) => a.outcome)).toEqual(['continued']);
    // The let-through is gone once used.
    await expect.poll(() => background.evaluate(() => chrome.declarativeNetRequest.getSessionRules().then((rules) => rules.length))).toBe(0);
  });

  test('their learned chat: stopped; Continue opens it, and the first send there asks once, as after Continue on the page', async ({ context, background, extensionId, serve }) => {
    const thread = 'https://www.instagram.com/direct/t/340282366841710300949128171234567890/';
    await seedSettings(background, [
      { ...SAM, identifiers: [...SAM.identifiers, { kind: 'conversationId', value: '340282366841710300949128171234567890', site: 'instagram' }] },
    ]);
    await stopped(background, thread);
    await serve('https://www.instagram.com/direct/t/**', 'instagram/direct-thread.html');
    const page = await context.newPage();
    await page.goto(thread);
    await onPausePage(page, extensionId);
    await continueThrough(page);
    await expect.poll(() => page.url()).toBe(thread);
    const composer = page.locator('[role="main"] [role="textbox"]');
    await composer.click();
    await page.keyboard.type('Can we talk?');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await axNodes(page)).find((node) => node.role === 'alertdialog')?.name).toBe('Send this to S.?');
    await expect(page.locator('[role="grid"] [role="row"]')).toHaveCount(1);
    expect((await attemptsOf(background)).map((a) => [a.kind, a.outcome])).toEqual([['thread', 'continued']]);
  });

  test('the rules follow the settings: someone else, and someone no longer watched, reach the site', async ({ context, background }) => {
    const reached = await site(context, /^https:\/\/www\.instagram\.com\//);
    await seedSettings(background, [SAM]);
    await stopped(background, 'https://www.instagram.com/sam.lee/');

    const page = await context.newPage();
    // A name that starts like theirs is someone else.
    await page.goto('https://www.instagram.com/sam.leex/');
    await expectDecided(page, background, 'someone else');

    await seedSettings(background, []);
    await notStopped(background, 'https://www.instagram.com/sam.lee/');
    await page.goto('https://www.instagram.com/sam.lee/');
    await expectDecided(page, background, 'nobody watched');
    expect(reached).toEqual(['https://www.instagram.com/sam.leex/', 'https://www.instagram.com/sam.lee/']);
  });
});

test.describe('the pause page answers to nothing a site can run', () => {
  test('a site that frames it, fetches it or opens it without the rule’s key learns nothing and records nothing', async ({ context, background, extensionId }) => {
    await site(context, /^https:\/\/www\.instagram\.com\//);
    await seedSettings(background, [SAM]);
    await stopped(background, 'https://www.instagram.com/sam.lee/');
    const key = await background.evaluate(async () => {
      const [rule] = await chrome.declarativeNetRequest.getDynamicRules();
      return new URLSearchParams(rule!.action.redirect!.regexSubstitution!.split('?')[1]!.split('#')[0]).get('k');
    });
    expect(key).toBeTruthy();
    const forged = `chrome-extension://${extensionId}/pause.html?k=guess&s=instagram&p=p-sam#https://www.instagram.com/sam.lee/`;
    // Even with the right key (which no page can read), a frame shows nothing.
    const framed = `chrome-extension://${extensionId}/pause.html?k=${key}&s=instagram&p=p-sam#https://www.instagram.com/sam.lee/`;

    const page = await context.newPage();
    await page.goto('https://www.instagram.com/explore/');
    // Its shell is public (web-accessible, or a link elsewhere could not land there); nothing in it names anyone.
    const fetched = await page.evaluate(async (url) => {
      try {
        return await (await fetch(url)).text();
      } catch (error) {
        return String(error);
      }
    }, forged);
    expect(fetched).not.toContain('S.');
    expect(fetched).not.toContain('sam');
    await page.evaluate((url) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      document.body.append(frame);
    }, framed);
    await expect.poll(() => page.frames().some((f) => f.url().startsWith('chrome-extension://'))).toBe(true);
    const inFrame = page.frames().find((f) => f.url().startsWith('chrome-extension://'))!;
    await expect(inFrame.getByRole('status')).toContainText('opens only when Clean Break stops an address');

    // The site sends the whole tab there itself, with a guessed key.
    await page.evaluate((url) => (location.href = url), forged);
    await onPausePage(page, extensionId);
    await expect(page.getByRole('status')).toContainText('opens only when Clean Break stops an address');
    expect(await pauseButton(page, 'Leave')).toBeUndefined();
    expect(await attemptsOf(background)).toEqual([]);
  });

  test('a look that is let through is not stopped again while they are let through', async ({ context, background, extensionId }) => {
    const reached = await site(context, /^https:\/\/www\.instagram\.com\//);
    await seedSettings(background, [SAM]);
    await stopped(background, 'https://www.instagram.com/sam.lee/');
    // Continue's snooze, as the options' "let through for 10 minutes" gives.
    const now = await background.evaluate(() => Date.now());
    await seed(background, { snoozes: [{ personId: 'p-sam', site: 'instagram', until: now + 600_000 }] });
    await notStopped(background, 'https://www.instagram.com/sam.lee/');
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/sam.lee/');
    expect(page.url()).not.toContain(extensionId);
    await expectDecided(page, background, 'let through');
    expect(reached).toEqual(['https://www.instagram.com/sam.lee/']);
  });
});
