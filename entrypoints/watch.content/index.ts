import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchCustomSite } from './watch';

// The custom sites' script: not in the manifest; the background registers it for the hosts the
// user granted (utils/background/registration.ts, WATCH_SCRIPT). Each built-in site has its own script
// (entrypoints/<site>.content.ts), carrying its own adapter only.
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  // The pause screen's CSS is bundled (pause.tsx), not fetched: the screen mounts in the
  // same task that found the person, and no extension file is exposed to the page.
  cssInjectionMode: 'manual',
  // WXT tells an older copy of this script to stop by an event in this world; its extra
  // window.postMessage would tell the page too (and cost a structured clone before deciding).
  noScriptStartedPostMessage: true,
  main: watchCustomSite,
});
