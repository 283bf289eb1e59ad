import { defineContentScript } from 'wxt/utils/define-content-script';
import { linkedin } from '@/utils/sites/linkedin';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// LinkedIn's pages, before their own scripts: a script carrying LinkedIn's adapter only.
export default defineContentScript({ ...siteScript(linkedin), main: (ctx) => watchPage(ctx, linkedin) });
