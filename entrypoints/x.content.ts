import { defineContentScript } from 'wxt/utils/define-content-script';
import { x } from '@/utils/sites/x';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// X's pages, before their own scripts: a script carrying X's adapter only.
export default defineContentScript({ ...siteScript(x), main: (ctx) => watchPage(ctx, x) });
