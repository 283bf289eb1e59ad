import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';

// Every test starts with no log database, and a writer as if the worker had just started;
// failed writes are retried without waiting. (Imported late: WXT's fake browser is set up
// after this file is loaded.)
beforeEach(async () => {
  const [{ default: Dexie }, { closeRecordDb }, { resetWriter, retry }] = await Promise.all([
    import('dexie'),
    import('@/utils/db'),
    import('@/utils/log'),
  ]);
  closeRecordDb();
  await Dexie.delete('clean-break');
  resetWriter();
  retry.delaysMs = [0, 0, 0];
});
