import { checkBackup, planImport, type ImportMode } from '../model/backup';
import { decideChange } from '../model/changes';
import { describeError } from '../store/db';
import { plural, t } from '../model/i18n';
import { importLog, undoImport, type ImportedLog } from './log-import';
import type { BackupFile, Settings } from '../model/schema';
import { proposeChange } from './settings-writer';
import { loadSettings } from '../store/storage';
import type { ImportResult } from '../protocol/replies';

const refused = (message: string): ImportResult => ({ status: 'refused', message });
/** A reason the settings part was not sent, said as it is (not as an error's name). */
class Refusal extends Error {}

/**
 * Applying a backup, in the background: never half-applied. The log and the journal are written
 * first, in one transaction (utils/background/log-import.ts importLog); then the settings go to the protection lock
 * as one `replaceSettings` change (utils/background/settings-writer.ts). When the settings cannot be saved,
 * the log part is taken out again and the answer says so. A change the lock holds is not a
 * failure: the log part stays (with the lock on it only ever adds), the settings wait.
 */
export async function importBackup(file: BackupFile, mode: ImportMode, now = Date.now()): Promise<ImportResult> {
  // What a page sends has passed the request's schema; the checks across the file run here too.
  const checked = checkBackup(file);
  if (!checked.ok) return refused(checked.message);
  const loaded = await loadSettings(true);
  if (!loaded.readable) return refused(t('import_settings_unreadable'));
  // The lock holds back clearing the log: then replace merges the log, and deletes nothing.
  const lockHoldsClearing = decideChange(loaded.value, { type: 'clearLog' }, now).later !== null;
  const planned = planImport(loaded.value, checked.backup, mode, lockHoldsClearing);
  if (!planned.ok) return refused(planned.message);
  const { plan } = planned;
  /**
   * A merge is worked out again on the settings as they are once the log is written: a change
   * another page made meanwhile (a person added) is kept, not written over by the first reading.
   */
  const mergedAgain = async (settings: Settings): Promise<Settings> => {
    if (mode !== 'merge') return settings;
    const current = await loadSettings(true);
    if (!current.readable) throw new Refusal(t('import_settings_unreadable_reason'));
    const again = planImport(current.value, checked.backup, mode, lockHoldsClearing);
    if (!again.ok) throw new Refusal(again.message);
    return again.plan.settings;
  };

  let log: ImportedLog;
  try {
    log = await importLog(plan.attempts, plan.journal, plan.replaceLog);
  } catch (error) {
    return refused(t('import_log_not_written', { error: describeError(error) }));
  }

  const result = await mergedAgain(plan.settings)
    .then((settings) => proposeChange({ type: 'replaceSettings', settings }, now))
    .catch((error: unknown) => ({ status: 'refused', message: error instanceof Refusal ? error.message : describeError(error) }) as const);
  const written = { attempts: log.attempts, journal: log.journal, replacedLog: plan.replaceLog };
  if (result.status === 'applied') return { status: 'applied', ...written };
  if (result.status === 'pending') return { status: 'pending', pending: result.pending, ...written };
  try {
    await undoImport(log.undo);
  } catch (error) {
    return refused(
      t('import_not_undone', {
        reason: result.message,
        error: describeError(error),
        attempts: plural('backup_attempts', log.attempts),
        journal: plural('backup_journal', log.journal),
      }),
    );
  }
  return refused(t('import_settings_not_saved', { reason: result.message }));
}
