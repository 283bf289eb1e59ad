import { defineContentScript } from 'wxt/utils/define-content-script';
import { snapchat } from '@/utils/sites/snapchat';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// Snapchat's pages, before their own scripts: a script carrying Snapchat's adapter only.
export default defineContentScript({ ...siteScript(snapchat), main: (ctx) => watchPage(ctx, snapchat) });
