import { defineContentScript } from 'wxt/utils/define-content-script';
import { bluesky } from '@/utils/sites/bluesky';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// Bluesky's pages, before their own scripts: a script carrying Bluesky's adapter only.
export default defineContentScript({ ...siteScript(bluesky), main: (ctx) => watchPage(ctx, bluesky) });
