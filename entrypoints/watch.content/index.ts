import { defineContentScript } from 'wxt/utils/define-content-script';
import { allMatches } from '@/utils/sites';
import { watchPage } from './watch';

// Runs on every page of every built-in site, before the page's own scripts: keep it small.
export default defineContentScript({
  matches: allMatches,
  runAt: 'document_start',
  // The pause screen's CSS is bundled (pause.tsx), not fetched: the screen mounts in the
  // same task that found the person, and no extension file is exposed to the page.
  cssInjectionMode: 'manual',
  main: watchPage,
});
