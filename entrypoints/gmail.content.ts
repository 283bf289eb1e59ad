import { defineContentScript } from 'wxt/utils/define-content-script';
import { gmail } from '@/utils/sites/gmail';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// Gmail's pages, before their own scripts: a script carrying Gmail's adapter only.
export default defineContentScript({ ...siteScript(gmail), main: (ctx) => watchPage(ctx, gmail) });
