import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { existsSync } from 'node:fs';
import { allMatches } from './utils/sites';

/**
 * CB_BENCH_MARKS=1, for `npm run bench` only: each content script reads the page's clock before
 * its first statement and after its last, and records the span on the page's performance
 * timeline as the measure `clean-break:evaluate`, so the bench can time its evaluation on a page
 * load (bench/run.mjs). Both ends are plain `performance.now()` reads: the measure is made after
 * the second, so making it (a first performance entry of this world) is not in the figure, as a
 * mark made at the start would be. A `var`: the script may run twice in one world (an update). Never in a build that ships.
 */
const benchMarks = {
  name: 'clean-break-bench-marks',
  renderChunk(code: string, chunk: { fileName: string }) {
    if (process.env.CB_BENCH_MARKS !== '1' || !chunk.fileName.startsWith('content-scripts/')) return null;
    return `var cleanBreakEvaluateStart = performance.now();\n${code}\nperformance.measure('clean-break:evaluate', { start: cleanBreakEvaluateStart, end: performance.now() });\n`;
  },
};

/**
 * `wxt/browser` is webextension-polyfill (@wxt-dev/webextension-polyfill aliases it), a CommonJS
 * module. Imported as ESM (`export { default as browser } from 'webextension-polyfill'`), its
 * exports go through the bundler's interop, which reads the descriptor of each of their own
 * properties; where the browser has a `browser` of its own (Chromium since 2025, Firefox) the
 * polyfill exports that object as it is, and reading each descriptor builds every API a content
 * script can see (dom, extension, i18n, runtime, storage) before it has decided: about 0.7 ms of
 * its evaluation here. Required, the module's exports are taken as they are, and each API is
 * built when first used.
 */
const polyfillAsIs = {
  name: 'clean-break-polyfill-as-is',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    if (!id.replaceAll('\\', '/').endsWith('/@wxt-dev/webextension-polyfill/dist/browser.mjs')) return null;
    return { code: "export const browser = require('webextension-polyfill');\n", map: null };
  },
};

// The built extension goes to CB_OUT_DIR when set, so parallel builds (a helper's, a
// benchmark's) never overwrite the one the e2e suite is loading.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports only: auto-imports resolve by name, and an adapter method named like a
  // util (veilPatterns) was silently imported into the adapter, making a circular import.
  imports: false,
  outDir: process.env.CB_OUT_DIR ?? '.output',
  // CB_SOURCEMAP=1: source maps beside the bundles, for taking them apart (scripts/bundle-parts.mjs).
  vite: () => ({ plugins: [preact(), polyfillAsIs, benchMarks], build: { sourcemap: process.env.CB_SOURCEMAP === '1' } }),
  // `npm run dev` opens a browser with the extension loaded. Where Debian's Chromium is the
  // browser (as on our machines) use it; as root it needs --no-sandbox.
  webExt: {
    binaries: existsSync('/usr/bin/chromium') ? { chrome: '/usr/bin/chromium' } : undefined,
    chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
    startUrls: ['https://www.instagram.com/'],
  },
  manifest: ({ browser }) => ({
    // From the messages (public/_locales/<lang>/messages.json), English when the browser's language has none.
    default_locale: 'en',
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    // storage: the settings, the attempt log and the journal. scripting: the veil that hides
    // a watched person's own page before its first frame (utils/background/veil.ts). alarms: settling
    // an attempt whose page went away after the worker may have stopped. tabs is not
    // needed: the background learns a tab's id from the content script's message sender.
    // unlimitedStorage: years of attempts in IndexedDB (utils/store/db.ts) are never evicted or capped.
    // declarativeNetRequestWithHostAccess: a full load of a watched person's address is sent to the
    // extension's own pause page before the request leaves (utils/background/stop-rules.ts), on
    // the hosts granted below only, with no warning of its own.
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'alarms', 'declarativeNetRequestWithHostAccess'],
    // The pause page, where those redirects land: web-accessible, or a redirect from a link on any
    // other site is refused. It shows nothing and records nothing unless a rule sent it there
    // (components/screen/StopPage.tsx, docs/protection.md).
    web_accessible_resources: [{ resources: ['pause.html'], matches: ['<all_urls>'] }],
    // Exactly the built-in sites the content script runs on: registered scripts (the veil)
    // need them as host permissions. Custom sites are asked for one by one, when added.
    host_permissions: allMatches,
    // A custom site's host is asked for when the user adds it (permissions.request), never
    // up front: only hosts named here can be asked for, so this names them all.
    ...(browser === 'firefox'
      ? { optional_permissions: ['https://*/*', 'http://*/*'] }
      : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'clean-break@clean-break.invalid',
              strict_min_version: '128.0',
              // Nothing leaves the browser: no data is collected or transmitted.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
