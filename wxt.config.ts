import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { existsSync } from 'node:fs';
import { allMatches } from './utils/sites';

/**
 * CB_BENCH_MARKS=1, for `npm run bench` only: each content script marks the page's performance
 * timeline at its first and after its last statement, so the bench can time its evaluation on
 * a page load (bench/run.mjs). Never in a build that ships.
 */
const benchMarks = {
  name: 'clean-break-bench-marks',
  renderChunk(code: string, chunk: { fileName: string }) {
    if (process.env.CB_BENCH_MARKS !== '1' || !chunk.fileName.startsWith('content-scripts/')) return null;
    return `performance.mark('clean-break:evaluate-start');\n${code}\nperformance.mark('clean-break:evaluate-end');\n`;
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
  vite: () => ({ plugins: [preact(), benchMarks], build: { sourcemap: process.env.CB_SOURCEMAP === '1' } }),
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
    // a watched person's own page before its first frame (utils/veil.ts). alarms: settling
    // an attempt whose page went away after the worker may have stopped. tabs is not
    // needed: the background learns a tab's id from the content script's message sender.
    // unlimitedStorage: years of attempts in IndexedDB (utils/db.ts) are never evicted or capped.
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'alarms'],
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
