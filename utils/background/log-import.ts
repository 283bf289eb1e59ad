import { META, type RecordDb } from '../store/db';
import type { Attempt, JournalEntry } from '../model/schema';
import { localTimeZone, summarize } from '../model/summary';
import { newRows } from '../model/backup';
import { writeOnce } from './log';

/** A backup's log and journal written into the record (utils/background/import.ts applies the rest of a backup). */

/**
 * What undoes an import: the rows it added are removed, the rows it replaced put back. Rows
 * recorded since (new ids) are left alone.
 */
export interface ImportUndo {
  remove: { attempts: string[]; journal: string[] };
  restore: { attempts: Attempt[]; journal: JournalEntry[] };
}

export interface ImportedLog {
  undo: ImportUndo;
  /** How many of the file's attempts and entries were written (in a merge, those not here already). */
  attempts: number;
  journal: number;
}

const recount = async (db: RecordDb) =>
  db.meta.put({ key: META.summary, value: summarize(await db.attempts.toArray(), localTimeZone()) });

/**
 * A backup's log and journal, in one transaction with the figures counted again: in place of
 * these (`replace`), or added by id, an entry already here kept as it is. All or nothing.
 */
export function importLog(attempts: readonly Attempt[], journal: readonly JournalEntry[], replace: boolean): Promise<ImportedLog> {
  return writeOnce(async (db) => {
    const restore: ImportUndo['restore'] = { attempts: [], journal: [] };
    let addAttempts = [...attempts];
    let addJournal = [...journal];
    if (replace) {
      restore.attempts = await db.attempts.toArray();
      restore.journal = await db.journal.toArray();
      await db.attempts.clear();
      await db.journal.clear();
    } else {
      const present = (rows: ({ id: string } | undefined)[]) => new Set(rows.flatMap((row) => (row ? [row.id] : [])));
      addAttempts = newRows(attempts, present(await db.attempts.bulkGet(attempts.map((a) => a.id))));
      addJournal = newRows(journal, present(await db.journal.bulkGet(journal.map((e) => e.id))));
    }
    await db.attempts.bulkAdd(addAttempts);
    await db.journal.bulkAdd(addJournal);
    await recount(db);
    return {
      undo: { remove: { attempts: addAttempts.map((a) => a.id), journal: addJournal.map((e) => e.id) }, restore },
      attempts: addAttempts.length,
      journal: addJournal.length,
    };
  });
}

/** Takes an import back out of the log (its settings could not be saved), in one transaction. */
export function undoImport(undo: ImportUndo): Promise<void> {
  return writeOnce(async (db) => {
    await db.attempts.bulkDelete(undo.remove.attempts);
    await db.journal.bulkDelete(undo.remove.journal);
    await db.attempts.bulkPut(undo.restore.attempts);
    await db.journal.bulkPut(undo.restore.journal);
    await recount(db);
  });
}
