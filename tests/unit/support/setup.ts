import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { englishMessage } from './fake-i18n';

// The fake browser has no i18n: the English messages, as Chrome reads them, and a UI language
// (British English: dates as "Tuesday 3 November"; a test may spy on it for another).
fakeBrowser.i18n.getMessage = englishMessage as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en-GB';

// Chromium's storage access levels (utils/background/storage-access.ts), which the fake browser
// lacks: each area remembers the level it was given, as `accessLevel`.
for (const area of ['local', 'sync', 'session'] as const) {
  const storage = fakeBrowser.storage[area] as unknown as { setAccessLevel(details: { accessLevel: string }): Promise<void>; accessLevel?: string };
  storage.setAccessLevel = async ({ accessLevel }) => {
    storage.accessLevel = accessLevel;
  };
}

// Every test starts with no log database, and a writer as if the worker had just started;
// failed writes are retried without waiting. (Imported late: WXT's fake browser is set up
// after this file is loaded.)
beforeEach(async () => {
  const [{ default: Dexie }, { closeRecordDb }, { resetWriter, retry }, { resetWatchArea }] = await Promise.all([
    import('dexie'),
    import('@/utils/store/db'),
    import('@/utils/background/log'),
    import('@/utils/background/storage-access'),
  ]);
  closeRecordDb();
  resetWatchArea();
  for (const area of ['local', 'sync', 'session'] as const) delete (fakeBrowser.storage[area] as unknown as { accessLevel?: string }).accessLevel;
  await Dexie.delete('clean-break');
  resetWriter();
  retry.delaysMs = [0, 0, 0];
});
