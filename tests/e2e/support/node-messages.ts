import { readFileSync } from 'node:fs';
import path from 'node:path';
import { messageFrom, type MessageEntry } from '@/tests/unit/support/chrome-messages';

/**
 * The spec's own side runs in Node, with no extension APIs: helpers shared with the unit tests
 * (the sample backup's default questions, the malformed files' places) read the English
 * messages, as the unit tests' fake browser does. Imported first, before wxt/browser is loaded:
 * it picks `chrome` once, when loaded. The extension itself, in Chromium, reads its own.
 */
const english = JSON.parse(readFileSync(path.resolve('public/_locales/en/messages.json'), 'utf8')) as Record<string, MessageEntry>;
const node = globalThis as { chrome?: unknown };
node.chrome ??= {
  i18n: {
    getMessage: (name: string, substitutions?: string | string[]) => messageFrom(english, name, substitutions),
    getUILanguage: () => Intl.DateTimeFormat().resolvedOptions().locale,
  },
};
