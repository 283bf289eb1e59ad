import { defineContentScript } from 'wxt/utils/define-content-script';
import { outlook } from '@/utils/sites/outlook';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// Outlook's pages, before their own scripts: a script carrying Outlook's adapter only.
export default defineContentScript({ ...siteScript(outlook), main: (ctx) => watchPage(ctx, outlook) });
