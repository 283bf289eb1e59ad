import { defineContentScript } from 'wxt/utils/define-content-script';
import { tiktok } from '@/utils/sites/tiktok';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// TikTok's pages, before their own scripts: a script carrying TikTok's adapter only.
export default defineContentScript({ ...siteScript(tiktok), main: (ctx) => watchPage(ctx, tiktok) });
