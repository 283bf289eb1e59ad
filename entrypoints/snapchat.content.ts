import { defineContentScript } from 'wxt/utils/define-content-script';
import { snapchat } from '@/utils/sites/snapchat';
import { watchPage } from './watch.content/watch';

// Snapchat's pages, before their own scripts: this script carries Snapchat's adapter only (issue 12).
export default defineContentScript({
  matches: snapchat.matches,
  runAt: 'document_start',
  // The pause screen's CSS is bundled (pause.tsx), not fetched: the screen mounts in the
  // same task that found the person, and no extension file is exposed to the page.
  cssInjectionMode: 'manual',
  // WXT tells an older copy of this script to stop by an event in this world; its extra
  // window.postMessage would tell the page too (and cost a structured clone before deciding).
  noScriptStartedPostMessage: true,
  main: (ctx) => watchPage(ctx, snapchat),
});
