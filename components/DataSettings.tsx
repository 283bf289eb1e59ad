import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { describeBackup, parseBackup, sizeProblem, type ImportMode } from '@/utils/backup';
import { decide, type PendingChange } from '@/utils/changes';
import { recordDb } from '@/utils/db';
import { backupFileName, download, exportBackup, exportCsv, exportFileName } from '@/utils/export';
import type { ImportResult } from '@/utils/import';
import { sendMessage } from '@/utils/messages';
import type { BackupFile, Settings } from '@/utils/schema';
import { loadSettings, settingsItem } from '@/utils/storage';
import { describeChange } from './Protection';
import { useStored } from './useStored';

const longDate = (time: number) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' }).format(time);
const day = (time: number) => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' }).format(time);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

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
      <h2 id="data-title">Your data</h2>
      <p class="hint">
        Everything stays in this browser. Export it to keep a copy or to move to another browser, and import it there.
      </p>
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
    if (!readable) return say({ text: 'Your settings could not be read just now, so nothing was exported. Try again in a moment.', error: true });
    const now = Date.now();
    try {
      download(await exportBackup(recordDb(), settings, now), backupFileName(now), 'application/json');
      say({
        text: valid ? 'Everything was exported as one file.' : 'Exported. Some saved settings could not be read: the file has the ones that could, with defaults for the rest.',
        error: false,
      });
    } catch (error) {
      say({ text: `Nothing was exported: the log could not be read (${(error as Error).message}).`, error: true });
    }
  };
  const exportLog = async () => {
    const now = Date.now();
    try {
      download(await exportCsv(recordDb(), settings), exportFileName('csv', now), 'text/csv;charset=utf-8');
      say({ text: 'The log was exported as CSV.', error: false });
    } catch (error) {
      say({ text: `Nothing was exported: the log could not be read (${(error as Error).message}).`, error: true });
    }
  };
  return (
    <div class="row">
      <button type="button" onClick={() => void exportEverything()}>
        Export everything (JSON)
      </button>
      <button type="button" onClick={() => void exportLog()}>
        Export the log (CSV)
      </button>
    </div>
  );
}

/** What the page says once the background has applied (or held, or refused) an import. */
export function importOutcome(result: ImportResult, backup: BackupFile, settings: Settings, now: number): Said {
  if (result.status === 'refused') return { text: result.message, error: true };
  const rows = `${plural(result.attempts, 'attempt', 'attempts')} and ${plural(result.journal, 'journal entry', 'journal entries')} ${result.replacedLog ? 'now make up the log and the journal' : 'were added to the log and the journal'}.`;
  const sites = backup.settings.customSites.length
    ? ' Sites you added yourself need your permission in this browser: allow each one under Sites.'
    : '';
  if (result.status === 'pending') {
    const takes = describeChange(result.pending.change, settings, now).map((line) => line.charAt(0).toLowerCase() + line.slice(1));
    return {
      text: `${rows} Your import takes protection away (${takes.join('; ')}), so its settings will apply on ${longDate(result.pending.appliesAt)}: the protection lock holds them until then. They are listed under Protection, where you can cancel them.${sites}`,
      error: false,
    };
  }
  return { text: `Imported: ${plural(backup.settings.people.length, 'person', 'people')} from the file are watched. ${rows}${sites}`, error: false };
}

function Import({ settings, say }: Part) {
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('merge');
  const [asking, setAsking] = useState<BackupFile | null>(null);
  const [busy, setBusy] = useState(false);
  const locked = decide(settings, { type: 'clearLog' }, Date.now()).later !== null;

  const read = async (event: Event) => {
    event.preventDefault();
    if (!file) return say({ text: 'Choose a backup file first.', error: true });
    // Checked before a byte is read: a huge file is never loaded.
    const tooBig = sizeProblem(file.size);
    if (tooBig) return say({ text: tooBig, error: true });
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      return say({ text: `The file could not be read (${(error as Error).message}). Nothing was imported.`, error: true });
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
      say({ text: `Nothing was imported: ${(error as Error).message}`, error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="grid" onSubmit={(event) => void read(event)} aria-labelledby="import-title">
      <h3 id="import-title">Import a backup</h3>
      <label>
        Backup file{' '}
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
        <legend>How to import it</legend>
        <label class="check">
          <input type="radio" name="mode" value="merge" checked={mode === 'merge'} onChange={() => setMode('merge')} />
          Merge: add what the file has and this browser lacks (people, their usernames, sites, attempts, journal entries); nothing here changes
        </label>
        <label class="check">
          <input type="radio" name="mode" value="replace" checked={mode === 'replace'} onChange={() => setMode('replace')} />
          Replace: the file’s settings, log and journal instead of this browser’s
        </label>
      </fieldset>
      <div class="row">
        <button type="submit" disabled={busy}>
          Import…
        </button>
      </div>
      {asking && (
        <Confirm
          title="Import this backup?"
          confirm={mode === 'merge' ? 'Merge it' : 'Replace with it'}
          onConfirm={() => void apply(asking)}
          onCancel={() => {
            setAsking(null);
            say({ text: 'Nothing was imported.', error: false });
          }}
        >
          <p>
            The file, made on {day(Date.parse(asking.exportedAt))}, holds {describeBackup(asking)}.
          </p>
          {mode === 'merge' ? (
            <p>Merging adds what this browser does not have yet. Nothing here is changed or removed.</p>
          ) : locked ? (
            <p>
              The protection lock is on: the file’s attempts and journal entries are added and nothing in the log is deleted (to
              start the log afresh, clear it). Whatever the file’s settings take away waits out the lock’s cool-off.
            </p>
          ) : (
            <p>
              Replacing puts the file’s settings, people, log and journal in place of this browser’s: people not in the file stop
              being watched, and attempts not in the file are deleted.
            </p>
          )}
        </Confirm>
      )}
    </form>
  );
}

function ClearLog({ settings, say }: Part) {
  const [asking, setAsking] = useState(false);
  const locked = decide(settings, { type: 'clearLog' }, Date.now()).later !== null;
  const clear = async () => {
    setAsking(false);
    try {
      const result = await sendMessage('change', { type: 'clearLog' });
      if (result.status === 'refused') say({ text: result.message, error: true });
      else if (result.status === 'pending') say({ text: clearingHeld(result.pending), error: false });
      else say({ text: 'The log was cleared.', error: false });
    } catch (error) {
      say({ text: `The log was not cleared: ${(error as Error).message}`, error: true });
    }
  };
  return (
    <div class="row">
      <button type="button" class="danger" onClick={() => setAsking(true)}>
        Clear the log…
      </button>
      {asking && (
        <Confirm title="Clear the log?" confirm="Clear the log" onConfirm={() => void clear()} onCancel={() => setAsking(false)}>
          <p>
            Every attempt in the log is deleted from this browser, and the figures start again. The journal is kept. Export
            everything first to keep a copy.
          </p>
          {locked && <p>The protection lock is on: the log is cleared when its cool-off ends, unless you cancel it.</p>}
        </Confirm>
      )}
    </div>
  );
}

export const clearingHeld = (pending: PendingChange) =>
  `Clearing the log is pending until ${longDate(pending.appliesAt)}: the protection lock holds it. It is listed under Protection, where you can cancel it.`;

/**
 * A confirmation as a modal dialog (the platform's own `<dialog>`: focus moves into it and stays,
 * Escape cancels). Cancel has the focus, so Enter does not confirm by accident.
 */
function Confirm({
  title,
  confirm,
  onConfirm,
  onCancel,
  children,
}: {
  title: string;
  confirm: string;
  onConfirm(): void;
  onCancel(): void;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h3 id={titleId}>{title}</h3>
      {children}
      <div class="row">
        <button type="button" class="danger" onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" autoFocus onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
