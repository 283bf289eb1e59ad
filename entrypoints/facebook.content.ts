import { defineContentScript } from 'wxt/utils/define-content-script';
import { facebook } from '@/utils/sites/facebook';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// Facebook's pages, before their own scripts: a script carrying Facebook's adapter only.
export default defineContentScript({ ...siteScript(facebook), main: (ctx) => watchPage(ctx, facebook) });
