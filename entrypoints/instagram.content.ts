import { defineContentScript } from 'wxt/utils/define-content-script';
import { instagram } from '@/utils/sites/instagram';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// Instagram's pages, before their own scripts: a script carrying Instagram's adapter only.
export default defineContentScript({ ...siteScript(instagram), main: (ctx) => watchPage(ctx, instagram) });
