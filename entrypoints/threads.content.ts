import { defineContentScript } from 'wxt/utils/define-content-script';
import { threads } from '@/utils/sites/threads';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// Threads's pages, before their own scripts: a script carrying Threads's adapter only.
export default defineContentScript({ ...siteScript(threads), main: (ctx) => watchPage(ctx, threads) });
