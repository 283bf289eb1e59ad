import { defineContentScript } from 'wxt/utils/define-content-script';
import { whatsapp } from '@/utils/sites/whatsapp';
import { siteScript } from './watch.content/site-script';
import { watchPage } from './watch.content/watch';

// WhatsApp Web's pages, before their own scripts: a script carrying WhatsApp Web's adapter only.
export default defineContentScript({ ...siteScript(whatsapp), main: (ctx) => watchPage(ctx, whatsapp) });
