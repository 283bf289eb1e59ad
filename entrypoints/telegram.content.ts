import { defineContentScript } from 'wxt/utils/define-content-script';
import { telegram } from '@/utils/sites/telegram';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// Telegram Web's pages, before their own scripts: a script carrying Telegram Web's adapter only.
export default defineContentScript({ ...siteScript(telegram), main: (ctx) => watchPage(ctx, telegram) });
