import { defineContentScript } from 'wxt/utils/define-content-script';
import { discord } from '@/utils/sites/discord';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// Discord's pages, before their own scripts: a script carrying Discord's adapter only.
export default defineContentScript({ ...siteScript(discord), main: (ctx) => watchPage(ctx, discord) });
