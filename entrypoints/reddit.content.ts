import { defineContentScript } from 'wxt/utils/define-content-script';
import { reddit } from '@/utils/sites/reddit';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// Reddit's pages, before their own scripts: a script carrying Reddit's adapter only.
export default defineContentScript({ ...siteScript(reddit), main: (ctx) => watchPage(ctx, reddit) });
