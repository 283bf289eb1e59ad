// Clean Break in real Firefox (Debian's firefox-esr), driven by puppeteer-core over WebDriver
// BiDi: Playwright cannot drive this Firefox. See ../../../shared/FIREFOX.md for the recipe and
// its pitfalls; the numbers below ("pitfall 3") refer to it.
//
// The tests of one process share a Firefox (a fresh profile, behind a local proxy that refuses
// and records every request that would leave the browser); each test installs its own copy of
// the built extension as a temporary add-on (see withFirefox). Fixture pages are served at the
// real sites' addresses by intercepting their tab's requests; any other http(s) request from
// such a tab is recorded and aborted.
import puppeteer from 'puppeteer-core';
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';

import { EXT, FIREFOX, FIXTURES } from './paths.mjs';

export { EXT, FIREFOX, ROOT } from './paths.mjs';

const t0 = Date.now();
/** With CB_FIREFOX_DEBUG set, prints timed progress lines. */
export const debug = (...args) => {
  if (process.env.CB_FIREFOX_DEBUG) console.error(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `fn` until it returns something truthy (errors count as not yet); returns that value. */
export async function until(fn, what, timeout = 10_000) {
  let last;
  for (const end = Date.now() + timeout; Date.now() < end; await sleep(100)) {
    try {
      const value = await fn();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
  }
  throw new Error(`timed out after ${timeout} ms: ${what}${last !== undefined ? ` (last: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`);
}

/** Refuses every connection, recording its first line ("GET http://…", "CONNECT host:443"). */
async function refusingProxy() {
  const requests = [];
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', (data) => {
      requests.push(data.toString('latin1').split('\r\n')[0]);
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    });
  });
  const port = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
  return { requests, port, close: () => new Promise((resolve) => server.close(resolve)) };
}

// One Firefox per test process, shared by its tests; each test gets its own copy of the extension
// (its own add-on id, so its own moz-extension:// host and its own storage, IndexedDB included),
// installed for that test and uninstalled after it, and its own tabs. CB_FIREFOX_FRESH=1
// launches a fresh Firefox for every test instead.
const TESTS = 40;
const testId = (n) => `clean-break-test-${n}@clean-break.invalid`;
const testUuid = (n) => `11111111-2222-4333-8444-${String(n).padStart(12, '0')}`;
let shared = null;
let copies = null;
let tests = 0;

async function launch() {
  const proxy = await refusingProxy();
  // Downloads (an export) are saved here without asking.
  const downloads = mkdtempSync(path.join(tmpdir(), 'clean-break-firefox-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    // Pitfall 1: else BiDi refuses to navigate a tab to moz-extension://.
    args: ['--remote-allow-system-access'],
    // Pitfall 4: Firefox's own remote-settings traffic stops with this.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      // A fixed moz-extension:// host for each test's copy of the extension.
      'extensions.webextensions.uuids': JSON.stringify(Object.fromEntries(Array.from({ length: TESTS }, (_, n) => [testId(n), testUuid(n)]))),
      // Pitfall 3: everything that leaves the browser goes to the refusing proxy.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      // Firefox's own switch for automation: an optional permission asked for (a custom site's
      // host) is granted without its prompt, which nothing here could answer.
      'extensions.webextOptionalPermissionPrompts': false,
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
  debug('launched', await browser.version());
  return {
    browser,
    proxy,
    downloads,
    async close() {
      await browser.close().catch(() => {});
      await proxy.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

/** This test's copy of the build, under its own add-on id. */
function copyOfExtension(n) {
  copies ??= mkdtempSync(path.join(tmpdir(), 'clean-break-firefox-'));
  const dir = path.join(copies, String(n));
  cpSync(EXT, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.browser_specific_settings.gecko.id = testId(n);
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

after(async () => {
  await shared?.close();
  shared = null;
  if (copies) rmSync(copies, { recursive: true, force: true });
});

/**
 * Runs `fn` with Firefox and a freshly installed copy of the extension. Afterwards, whatever the
 * test did: no request reached the proxy and no site tab asked for anything its fixtures do not serve.
 */
export async function withFirefox(fn) {
  assert.ok(existsSync(path.join(EXT, 'manifest.json')), `no Firefox build at ${EXT}: run \`npx wxt build -b firefox\` first`);
  const n = tests++;
  assert.ok(n < TESTS, `more than ${TESTS} tests in one process: raise TESTS`);
  const fresh = Boolean(process.env.CB_FIREFOX_FRESH);
  const firefox = fresh || !shared ? await launch() : shared;
  if (!fresh) shared = firefox;
  const { browser, proxy, downloads } = firefox;
  proxy.requests.length = 0;
  for (const name of readdirSync(downloads)) rmSync(path.join(downloads, name), { force: true });
  const [blank] = await browser.pages();
  const ff = new Firefox(browser, proxy.requests, testUuid(n), downloads);
  let installed = null;
  try {
    // BiDi webExtension.install: a temporary add-on (unsigned is fine). It needs an absolute path.
    installed = await browser.installExtension(copyOfExtension(n));
    assert.equal(installed, testId(n));
    debug('installed', installed);
    await fn(ff);
    debug('test done');
    assert.deepEqual(ff.stray, [], 'requests no fixture serves');
    assert.deepEqual(ff.proxied, [], 'requests that left the browser');
  } finally {
    if (fresh) {
      await firefox.close();
    } else {
      // The test's tabs go (a screen up in one records its attempt in this copy's own log), then its copy.
      for (const page of await browser.pages().catch(() => [])) if (page !== blank) await page.close().catch(() => {});
      if (installed) await browser.uninstallExtension(installed).catch(() => {});
    }
    debug('cleaned up');
  }
}

class Firefox {
  constructor(browser, proxied, uuid, downloads) {
    this.browser = browser;
    /** Where this test's downloads are saved (emptied before each test). */
    this.downloads = downloads;
    /** The moz-extension:// host of this test's copy of the extension. */
    this.uuid = uuid;
    /** Requests that reached the refusing proxy: left (or tried to leave) the browser. */
    this.proxied = proxied;
    /** http(s) requests from site tabs that no fixture serves (aborted). */
    this.stray = [];
  }

  /** Opens an extension page (options.html, popup.html) in a fresh tab, loaded. */
  async extPage(file) {
    const page = await this.browser.newPage();
    // Pitfall 2: BiDi never reports this navigation as finished; poll instead.
    page.goto(`moz-extension://${this.uuid}/${file}`).catch(() => {});
    await until(
      () => page.evaluate((f) => location.href.endsWith(`/${f}`) && document.readyState === 'complete', file),
      `load ${file}`,
    );
    return page;
  }

  /**
   * Stores settings as the options page would (a 3-second countdown unless `extra` says otherwise). Pitfall 5.
   * `stops: false`: the browser refuses the stopping rules first (refuseStops), for a test of the
   * screen on a site's page after a full load, which the rules would otherwise stop before its request.
   */
  async seedSettings(people, extra = {}, { stops = true } = {}) {
    const options = await this.extPage('options.html');
    if (!stops) await this.refuseStops(options);
    const settings = {
      people: people.map((person) => ({ addedAt: 1, ...person })),
      disabledSites: [],
      questions: ['Are they willing to listen and compromise?', 'What is the plan from now on?'],
      reminders: ['No contact is for one purpose only: to forget and move on.'],
      countdownSeconds: 3,
      escalationSeconds: 0,
      countdownCapSeconds: 60,
      typedPhrase: '',
      snoozeMinutes: 10,
      supportPerson: null,
      noContactSince: null,
      ...extra,
    };
    await options.evaluate((s) => browser.storage.local.set({ settings: s }), settings);
    return options;
  }

  /**
   * The background's browser refuses the stopping rules (utils/background/stop-rules.ts), as one at
   * its rule limit does: `updateDynamicRules` fails, and none are in place, so a full load of a
   * watched address reaches the page, where the veil and the screen on the page hold (the
   * fallback). The same as tests/e2e/support/extension.ts setStops; this copy of the extension
   * only, which is the test's own.
   */
  async refuseStops(extensionPage) {
    await extensionPage.evaluate(async () => {
      const background = await browser.runtime.getBackgroundPage();
      background.browser.declarativeNetRequest.updateDynamicRules = async () => {
        throw new Error('Dynamic rule count exceeds the rule limit.');
      };
      const rules = await browser.declarativeNetRequest.getDynamicRules();
      await browser.declarativeNetRequest.updateDynamicRules({ removeRuleIds: rules.map((rule) => rule.id) });
    });
  }

  /** The match patterns of the scripts the background registered (the veil), read from an extension page. */
  async registeredMatches(extensionPage) {
    return extensionPage.evaluate(async () => (await browser.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []));
  }

  /**
   * Waits until the background has registered the veil for `pattern` and new tabs at `url` get
   * it: a tab loaded in the moment after registration can miss it (seen in Chromium's CI run, see
   * tests/e2e/extension.ts veilInEffect), and the test would measure that race, not the veil. The
   * probe tab's inline script reads the root's visibility before any script of ours has decided
   * anything: only the registered veil.css can have hidden it.
   */
  async veilInEffect(extensionPage, pattern, url) {
    await until(async () => (await this.registeredMatches(extensionPage)).includes(pattern), 'the veil is registered');
    const probe = await this.browser.newPage();
    await probe.setRequestInterception(true);
    probe.on('request', (request) => {
      if (request.url() === url) {
        return request.respond({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          body: '<!DOCTYPE html><link rel="icon" href="data:,"><script>window.__veil = getComputedStyle(document.documentElement).visibility</script>',
        });
      }
      if (!/^https?:/.test(request.url())) return request.continue();
      this.stray.push(request.url());
      return request.abort();
    });
    await until(async () => {
      await probe.goto(url);
      return (await probe.evaluate(() => window.__veil)) === 'hidden';
    }, 'the veil reaches new tabs');
    await probe.close();
  }

  /**
   * A tab whose requests for `routes` ([prefix, fixture file] pairs) get the fixture; other
   * http(s) requests are recorded as stray and aborted; data: and the like pass.
   * The tab also records, in the page's own world, every time the pause screen appears (pauseLog).
   */
  async sitePage(routes) {
    const bodies = routes.map(([prefix, file]) => [prefix, readFileSync(path.join(FIXTURES, file))]);
    const page = await this.browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      const route = bodies.find(([prefix]) => url.startsWith(prefix));
      if (route) return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: route[1] });
      // Firefox's own request for a fixture site's icon (the fixtures name none): the browser's, not the page's.
      if (isFixtureIcon(url, bodies)) return request.respond({ status: 404, contentType: 'text/plain', body: '' });
      if (!/^https?:/.test(url)) return request.continue();
      this.stray.push(url);
      return request.abort();
    });
    await page.evaluateOnNewDocument(recordPauses);
    return page;
  }
}

/** Whether `url` is /favicon.ico on the origin of one of the routes' prefixes. */
function isFixtureIcon(url, routes) {
  try {
    const { origin, pathname } = new URL(url);
    return pathname === '/favicon.ico' && routes.some(([prefix]) => new URL(prefix).origin === origin);
  } catch {
    return false;
  }
}

/**
 * Runs in the page's world before its scripts: notes each appearance of the pause screen's host
 * (whose shadow root is closed, but the host itself is in the page's DOM) with the address and
 * the selected chat at that moment. The log is kept in the tab's sessionStorage, so it spans the
 * tab's loads on one site. Lets a test show that a page was *not* paused at any time while the
 * tab was on it, once a later pause in the same tab proves the content script was running and
 * deciding.
 */
function recordPauses() {
  const KEY = '__cleanBreakTestPauseLog';
  let shown = false;
  const note = () => {
    const now = !!document.querySelector('[popover]');
    if (now && !shown) {
      const log = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
      log.push({
        path: location.pathname + location.search,
        chat: document.querySelector('#pane-side [aria-selected="true"]')?.getAttribute('data-chat') ?? null,
      });
      sessionStorage.setItem(KEY, JSON.stringify(log));
    }
    shown = now;
  };
  new MutationObserver(note).observe(document, { childList: true, subtree: true });
  note();
}

export const pauseLog = (page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('__cleanBreakTestPauseLog') ?? '[]'));

/**
 * Runs `fn(root)` inside the closed shadow root of the element `hostSelector` (pitfall 6: BiDi
 * serializes closed roots with includeShadowTree 'all'). Returns its JSON result, or undefined
 * when there is no such host. Uses a puppeteer internal: puppeteer-core's version is pinned.
 */
export async function inClosedRoot(page, hostSelector, fn) {
  const session = page.mainFrame().browsingContext.userContext.browser.session;
  const target = { context: page.mainFrame().browsingContext.id };
  const host = await session.send('script.evaluate', {
    expression: `document.querySelector(${JSON.stringify(hostSelector)})`,
    target,
    awaitPromise: false,
    resultOwnership: 'root',
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  const root = host.result.result.value?.shadowRoot;
  if (!root) return undefined;
  const result = await session.send('script.callFunction', {
    functionDeclaration: `(root) => JSON.stringify((${fn})(root))`,
    arguments: [{ sharedId: root.sharedId }],
    target,
    awaitPromise: true,
  });
  if (result.result.type === 'exception') throw new Error(result.result.exceptionDetails.text);
  return JSON.parse(result.result.result.value);
}

/**
 * Types `text` into the element `selector` inside the pause screen's closed root as a person
 * would: scrolled into view, a trusted click on it, then the keys.
 */
export async function typeInScreen(page, selector, text) {
  const point = await inClosedRoot(
    page,
    '[popover]',
    new Function(
      'root',
      `const element = root.querySelector(${JSON.stringify(selector)});
      if (!element) return null;
      element.scrollIntoView({ block: 'center', behavior: 'instant' });
      const box = element.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };`,
    ),
  );
  assert.ok(point, `no ${selector} on the pause screen`);
  await page.mouse.click(point.x, point.y);
  await page.keyboard.type(text);
}

/**
 * The pause screen as a person sees it: its dialog's title, all its text, and its buttons (name,
 * disabled, focused, centre). Undefined when there is no screen (or no dialog in it yet).
 */
export function pauseScreen(page) {
  return inClosedRoot(page, '[popover]', (root) => {
    const dialog = root.querySelector('[role="dialog"]');
    if (!dialog) return undefined;
    const title = root.getElementById(dialog.getAttribute('aria-labelledby'))?.textContent ?? '';
    return {
      title,
      text: dialog.textContent,
      buttons: [...dialog.querySelectorAll('button')].map((button) => {
        const box = button.getBoundingClientRect();
        return {
          name: button.textContent.trim(),
          disabled: button.disabled,
          focused: root.activeElement === button,
          x: box.x + box.width / 2,
          y: box.y + box.height / 2,
        };
      }),
    };
  }).catch(() => undefined); // the document is being replaced
}

/** Fails unless the pause screen (its "Take a breath" dialog) is up within `timeout`. Returns it. */
export const expectPaused = (page, timeout = 10_000) => untilPause(page, true, timeout);
/** Fails unless the pause screen is gone within `timeout`. */
export const expectNotPaused = (page, timeout = 10_000) => untilPause(page, false, timeout);

async function untilPause(page, shown, timeout) {
  let screen;
  await until(
    async () => {
      screen = await pauseScreen(page);
      return shown ? screen?.title === 'Take a breath' : screen === undefined && !(await page.$('[popover]'));
    },
    shown ? 'the pause screen appears' : 'the pause screen goes away',
    timeout,
  );
  return screen;
}

/**
 * A trusted click at the centre of the pause screen's button `name`, scrolled into view first
 * (as a person would scroll the screen to reach it).
 */
export async function clickPauseButton(page, name) {
  await expectPaused(page);
  const button = await inClosedRoot(
    page,
    '[popover]',
    new Function(
      'root',
      `const button = [...root.querySelectorAll('[role="dialog"] button')].find((b) => b.textContent.trim() === ${JSON.stringify(name)});
      if (!button) return null;
      button.scrollIntoView({ block: 'center', behavior: 'instant' });
      const box = button.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2, inView: box.top >= 0 && box.bottom <= innerHeight };`,
    ),
  );
  assert.ok(button, `no ${name} button`);
  assert.ok(button.inView, `the ${name} button cannot be scrolled into view: ${JSON.stringify(button)}`);
  await page.mouse.click(button.x, button.y);
}

/**
 * The texts of the journal's entries, newest first, as its page shows them once it has any:
 * opened afresh (and closed again), as a user would open it.
 */
export async function journalTexts(ff) {
  const journal = await ff.extPage('journal.html');
  try {
    return await until(async () => {
      const texts = await journal.evaluate(() => [...document.querySelectorAll('article.entry .entry-text')].map((p) => p.textContent));
      return texts.length ? texts : null;
    }, 'the journal shows an entry');
  } finally {
    await journal.close().catch(() => {});
  }
}

/**
 * Waits until the popup, freshly opened, shows `want`: `today` (the count) and `recent` (text
 * the recent-attempts list contains). Read off the page, as the user sees it: where the attempt
 * log is stored is the extension's business. A fresh popup is opened every two seconds, as a
 * user would reopen it.
 */
export async function expectPopupShows(ff, want, timeout = 12_000) {
  const end = Date.now() + timeout;
  let seen;
  while (Date.now() < end) {
    const popup = await ff.extPage('popup.html');
    try {
      await until(async () => {
        seen = await popup.evaluate(() => ({
          today: document.querySelector('[data-testid=today]')?.textContent ?? null,
          recent: document.querySelector('[data-testid=recent]')?.textContent ?? '',
        }));
        return (want.today === undefined || seen.today === String(want.today)) && (want.recent === undefined || seen.recent.includes(want.recent));
      }, 'popup', Math.min(2_000, Math.max(100, end - Date.now())));
      return seen;
    } catch {
      // not yet: reopen
    } finally {
      await popup.close().catch(() => {});
    }
  }
  throw new Error(`popup never showed ${JSON.stringify(want)}; last saw ${JSON.stringify(seen)}`);
}
