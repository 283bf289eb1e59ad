import { browser } from 'wxt/browser';
import { META, type RecordDb } from '../store/db';
import { Attempt, JournalEntry } from '../model/schema';
import { keepBackup, LEGACY_LOG_KEYS, salvageList } from '../store/storage';
import { localTimeZone, summarize } from '../model/summary';

/**
 * Moves the log and the journal that the first release kept in storage.local (`attempts`,
 * `journal`, each a version-1 array) into the database, whenever they are found: at every start
 * of the background, not only on an update, so a move cut short (the worker stopped, a full
 * disk) is finished next time. Entries already in the database are kept as they are (a move
 * done before). The old keys are removed only once every entry is read back from the database
 * unchanged. An entry that no longer parses is kept, raw, among the backups.
 *
 * A read of storage.local that fails throws before anything is written.
 */
export async function moveLegacyLog(db: RecordDb): Promise<'nothing' | 'moved'> {
  const keys = [LEGACY_LOG_KEYS.attempts, LEGACY_LOG_KEYS.journal];
  const stored = await browser.storage.local.get(keys);
  const rawAttempts = stored[LEGACY_LOG_KEYS.attempts];
  const rawJournal = stored[LEGACY_LOG_KEYS.journal];
  if (rawAttempts === undefined && rawJournal === undefined) return 'nothing';

  const attempts = salvageList(rawAttempts, Attempt);
  const journal = salvageList(rawJournal, JournalEntry);
  const lost = (raw: unknown, kept: number) => raw !== undefined && raw !== null && (!Array.isArray(raw) || raw.length !== kept);
  if (lost(rawAttempts, attempts.length)) await keepBackup(LEGACY_LOG_KEYS.attempts, rawAttempts);
  if (lost(rawJournal, journal.length)) await keepBackup(LEGACY_LOG_KEYS.journal, rawJournal);

  const { newAttempts, newEntries } = await db.transaction('rw', db.attempts, db.journal, db.meta, async () => {
    // One cursor over the ids, not a request per id: 40,000 single reads took over a minute.
    const [haveAttempts, haveEntries] = await Promise.all([
      db.attempts.where(':id').anyOf(attempts.map((a) => a.id)).primaryKeys(),
      db.journal.where(':id').anyOf(journal.map((e) => e.id)).primaryKeys(),
    ]);
    const had = new Set<string>([...haveAttempts, ...haveEntries].map(String));
    const newAttempts = attempts.filter((a) => !had.has(a.id));
    const newEntries = journal.filter((e) => !had.has(e.id));
    await db.attempts.bulkPut(newAttempts);
    await db.journal.bulkPut(newEntries);
    await db.meta.put({ key: META.summary, value: summarize(await db.attempts.toArray(), localTimeZone()) });
    return { newAttempts, newEntries };
  });

  // Verified: every entry is in the database; the ones moved now, exactly as they were.
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const added = new Set<object>([...newAttempts, ...newEntries]);
  const [backAttempts, backEntries] = await Promise.all([
    db.attempts.where(':id').anyOf(attempts.map((a) => a.id)).toArray(),
    db.journal.where(':id').anyOf(journal.map((e) => e.id)).toArray(),
  ]);
  const readBack = <T extends { id: string }>(moved: T[], back: T[]) => {
    const byId = new Map(back.map((entry) => [entry.id, entry]));
    return moved.every((entry) => byId.has(entry.id) && (!added.has(entry) || same(byId.get(entry.id), entry)));
  };
  const verified = readBack(attempts, backAttempts) && readBack(journal, backEntries);
  if (!verified) throw new Error('the moved log could not be read back as it was; the old copy is kept');
  // WXT keeps each item's version under "<key>$".
  await browser.storage.local.remove([...keys, ...keys.map((key) => `${key}$`)]);
  return 'moved';
}
