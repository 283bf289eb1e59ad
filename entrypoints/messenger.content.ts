import { defineContentScript } from 'wxt/utils/define-content-script';
import { messenger } from '@/utils/sites/messenger';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// Messenger's pages, before their own scripts: a script carrying Messenger's adapter only.
export default defineContentScript({ ...siteScript(messenger), main: (ctx) => watchPage(ctx, messenger) });
