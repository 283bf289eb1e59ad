import { useEffect, useState } from 'preact/hooks';
import { describeBackup, parseBackup, sizeProblem, type ImportMode } from '@/utils/model/backup';
import { decideChange, type PendingChange } from '@/utils/model/changes';
import { recordDb } from '@/utils/store/db';
import { backupFileName, exportFileName } from '@/utils/model/export';
import { exportBackup, exportCsv } from '@/utils/store/export';
import { download } from '@/components/page/download';
import { formatDate, messagesLanguage, plural, t } from '@/utils/model/i18n';
import type { ImportResult } from '@/utils/protocol/replies';
import { sendMessage } from '@/utils/protocol/messaging';
import type { BackupFile, Settings } from '@/utils/model/schema';
import { loadSettings, settingsItem } from '@/utils/store/storage';
import { localTimeZone } from '@/utils/model/summary';
import { describeChange } from './Protection';
import { useStored } from '@/components/page/useStored';
import { Confirm } from '@/components/page/Confirm';

/** "Thursday 3 December at 09:30" and "3 December 2026", as the UI language writes them, in the user's zone. */
const longDate = (time: number) =>
  formatDate(time, localTimeZone(), { weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' });
const day = (time: number) => formatDate(time, localTimeZone(), { day: 'numeric', month: 'long', year: 'numeric' });

type Said = { text: string; error: boolean } | null;

/**
 * "Your data" in the options page: export everything (the backup file) or the log as CSV,
 * import a backup (merged or in place of what is here, asked first), and clear the log (asked
 * first). Importing and clearing are decided by the background, through the protection lock.
 */
export function DataSettings() {
  const stored = useStored(loadSettings, settingsItem);
  const [said, say] = useState<Said>(null);
  if (!stored) return <section aria-labelledby="data-title" aria-busy="true" />;
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">{t('data_heading')}</h2>
      <p class="hint">{t('data_hint')}</p>
      <Exports settings={stored.value} readable={stored.readable} valid={stored.valid} say={say} />
      <Import settings={stored.value} say={say} />
      <ClearLog settings={stored.value} say={say} />
      <p class="status" role="status">
        {said && !said.error ? said.text : ''}
      </p>
      <p class="error" role="alert">
        {said?.error ? said.text : ''}
      </p>
    </section>
  );
}

interface Part {
  settings: Settings;
  say(said: Said): void;
}

function Exports({ settings, readable, valid, say }: Part & { readable: boolean; valid: boolean }) {
  const exportEverything = async () => {
    // Settings that could not be read are not "no settings": a file of defaults would pass for them.
    if (!readable) return say({ text: t('data_settings_unreadable'), error: true });
    const now = Date.now();
    try {
      download(await exportBackup(recordDb(), settings, now), backupFileName(now), 'application/json');
      say({
        text: valid ? t('data_exported') : t('data_exported_partly'),
        error: false,
      });
    } catch (error) {
      say({ text: t('data_log_unreadable', { error: (error as Error).message }), error: true });
    }
  };
  const exportLog = async () => {
    const now = Date.now();
    try {
      download(await exportCsv(recordDb(), settings), exportFileName('csv', now), 'text/csv;charset=utf-8');
      say({ text: t('data_exported_csv'), error: false });
    } catch (error) {
      say({ text: t('data_log_unreadable', { error: (error as Error).message }), error: true });
    }
  };
  return (
    <div class="row">
      <button type="button" onClick={() => void exportEverything()}>
        {t('data_export_json')}
      </button>
      <button type="button" onClick={() => void exportLog()}>
        {t('data_export_csv')}
      </button>
    </div>
  );
}

/** What the page says once the background has applied (or held, or refused) an import. */
export function importOutcome(result: ImportResult, backup: BackupFile, settings: Settings, now: number): Said {
  if (result.status === 'refused') return { text: result.message, error: true };
  const attempts = plural('backup_attempts', result.attempts);
  const journal = plural('backup_journal', result.journal);
  const rows = result.replacedLog ? t('import_rows_replaced', { attempts, journal }) : t('import_rows_added', { attempts, journal });
  const withSites = (text: string) =>
    backup.settings.customSites.length ? t('sentences_two', { first: text, second: t('import_needs_permission') }) : text;
  if (result.status === 'pending') {
    // Each thing taken away is a sentence of its own elsewhere ("Stop watching Jo"); here they go inside one.
    const language = messagesLanguage();
    const takes = describeChange(result.pending.change, settings, now).map((line) => line.charAt(0).toLocaleLowerCase(language) + line.slice(1));
    const held = t('import_held', { takes: takes.join('; '), when: longDate(result.pending.appliesAt) });
    return { text: withSites(t('sentences_two', { first: rows, second: held })), error: false };
  }
  const applied = t('import_applied', { people: plural('backup_people', backup.settings.people.length) });
  return { text: withSites(t('sentences_two', { first: applied, second: rows })), error: false };
}

function Import({ settings, say }: Part) {
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('merge');
  const [asking, setAsking] = useState<BackupFile | null>(null);
  const [busy, setBusy] = useState(false);
  const locked = decideChange(settings, { type: 'clearLog' }, Date.now()).later !== null;

  const read = async (event: Event) => {
    event.preventDefault();
    if (!file) return say({ text: t('import_choose_file'), error: true });
    // Checked before a byte is read: a huge file is never loaded.
    const tooBig = sizeProblem(file.size);
    if (tooBig) return say({ text: tooBig, error: true });
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      return say({ text: t('import_file_unreadable', { error: (error as Error).message }), error: true });
    }
    const parsed = parseBackup(text);
    if (!parsed.ok) return say({ text: parsed.message, error: true });
    say(null);
    setAsking(parsed.backup);
  };

  const apply = async (backup: BackupFile) => {
    setAsking(null);
    setBusy(true);
    try {
      const result = await sendMessage('importBackup', { mode, backup });
      say(importOutcome(result, backup, settings, Date.now()));
    } catch (error) {
      say({ text: t('import_failed', { error: (error as Error).message }), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="grid" onSubmit={(event) => void read(event)} aria-labelledby="import-title">
      <h3 id="import-title">{t('import_heading')}</h3>
      <label>
        {t('import_file')}{' '}
        <input
          type="file"
          name="backup"
          accept=".json,application/json"
          onChange={(e) => {
            setFile((e.target as HTMLInputElement).files?.[0] ?? null);
            // What was said of the last file is not said of this one.
            say(null);
          }}
        />
      </label>
      <fieldset>
        <legend>{t('import_how')}</legend>
        <label class="check">
          <input type="radio" name="mode" value="merge" checked={mode === 'merge'} onChange={() => setMode('merge')} />
          {t('import_merge_choice')}
        </label>
        <label class="check">
          <input type="radio" name="mode" value="replace" checked={mode === 'replace'} onChange={() => setMode('replace')} />
          {t('import_replace_choice')}
        </label>
      </fieldset>
      <div class="row">
        <button type="submit" disabled={busy}>
          {t('import_button')}
        </button>
      </div>
      {asking && (
        <Confirm
          title={t('import_confirm_title')}
          confirm={mode === 'merge' ? t('import_confirm_merge') : t('import_confirm_replace')}
          onConfirm={() => void apply(asking)}
          onCancel={() => {
            setAsking(null);
            say({ text: t('import_cancelled'), error: false });
          }}
        >
          <p>{t('import_file_holds', { day: day(Date.parse(asking.exportedAt)), contents: describeBackup(asking) })}</p>
          {mode === 'merge' ? (
            <p>{t('import_merge_explained')}</p>
          ) : locked ? (
            <p>{t('import_replace_locked')}</p>
          ) : (
            <p>{t('import_replace_explained')}</p>
          )}
        </Confirm>
      )}
    </form>
  );
}

function ClearLog({ settings, say }: Part) {
  const [asking, setAsking] = useState(false);
  const locked = decideChange(settings, { type: 'clearLog' }, Date.now()).later !== null;
  const clear = async () => {
    setAsking(false);
    try {
      const result = await sendMessage('change', { type: 'clearLog' });
      if (result.status === 'refused') say({ text: result.message, error: true });
      else if (result.status === 'pending') say({ text: clearingHeld(result.pending), error: false });
      else say({ text: t('clear_log_cleared'), error: false });
    } catch (error) {
      say({ text: t('clear_log_failed', { error: (error as Error).message }), error: true });
    }
  };
  return (
    <div class="row">
      <button type="button" class="danger" onClick={() => setAsking(true)}>
        {t('clear_log_button')}
      </button>
      {asking && (
        <Confirm title={t('clear_log_title')} confirm={t('clear_log_confirm')} onConfirm={() => void clear()} onCancel={() => setAsking(false)}>
          <p>{t('clear_log_explained')}</p>
          {locked && <p>{t('clear_log_locked')}</p>}
        </Confirm>
      )}
    </div>
  );
}

export const clearingHeld = (pending: PendingChange) => t('clear_log_held', { when: longDate(pending.appliesAt) });

