import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { englishMessage } from './fake-i18n';

// The fake browser has no i18n: the English messages, as Chrome reads them, and a UI language
// (British English: dates as "Tuesday 3 November"; a test may spy on it for another).
fakeBrowser.i18n.getMessage = englishMessage as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en-GB';

// Every test starts with no log database, and a writer as if the worker had just started;
// failed writes are retried without waiting. (Imported late: WXT's fake browser is set up
// after this file is loaded.)
beforeEach(async () => {
  const [{ default: Dexie }, { closeRecordDb }, { resetWriter, retry }] = await Promise.all([
    import('dexie'),
    import('@/utils/store/db'),
    import('@/utils/background/log'),
  ]);
  closeRecordDb();
  await Dexie.delete('clean-break');
  resetWriter();
  retry.delaysMs = [0, 0, 0];
});
