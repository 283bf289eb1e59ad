import { defineContentScript } from 'wxt/utils/define-content-script';
import { allMatches } from '@/utils/sites';
import { watchPage } from './watch';
import '@/components/PauseScreen.css';

// Runs on every page of every built-in site, before the page's own scripts: keep it small.
export default defineContentScript({
  matches: allMatches,
  runAt: 'document_start',
  cssInjectionMode: 'ui',
  main: watchPage,
});
