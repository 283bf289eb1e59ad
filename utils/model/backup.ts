import { formatList, formatNumber, plural, t } from './i18n';
import { sameIdentifier } from './normalize';
import { splitQuestions } from './migrate-settings';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupFile, Settings, type Attempt, type Identifier, type JournalEntry, type Person } from './schema';
import { sitePattern } from '../sites/custom/custom';

/**
 * The backup file: everything Clean Break keeps (settings with the people, the attempt log, the
 * journal) as one versioned JSON file, and its import. Pure: reading the file, refusing it with
 * a message that names the place, and working out what an import leaves behind. The background
 * applies it (utils/background/import.ts); the options page reads the file and asks first
 * (components/options/DataSettings.tsx). The file is written by utils/model/export.ts (exportBackup).
 *
 * The file's schema is `BackupFile` in utils/model/schema.ts. A new version of the file adds a
 * `BackupFileV2` there and a step here from version 1 to it, with a test that imports a version 1
 * file; a file newer than this code is refused, never guessed at.
 */

/** Larger files are refused before they are read (a year of heavy use is a few megabytes). */
export const MAX_BACKUP_BYTES = 50 * 1024 * 1024;
/** How many of a file's problems a refusal lists; the rest are counted. */
const LISTED_PROBLEMS = 5;

export type ImportMode = 'merge' | 'replace';

export type ParsedBackup = { ok: true; backup: BackupFile } | { ok: false; message: string };

const refuse = (message: string): ParsedBackup => ({ ok: false, message });
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const megabytes = (bytes: number) =>
  t('backup_megabytes', { size: formatNumber(bytes / (1024 * 1024), { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });

/** Why a file of this many bytes is not read at all, or null when its size is fine. */
export function sizeProblem(bytes: number): string | null {
  if (bytes === 0) return t('backup_empty');
  if (bytes > MAX_BACKUP_BYTES) return t('backup_too_big', { size: megabytes(bytes), most: megabytes(MAX_BACKUP_BYTES) });
  return null;
}

const IDENTIFIER_KEY = /^[A-Za-z_$][\w$]*$/;

/** A zod issue's path as a reader finds the place: `settings.people[2].identifiers[0].value` (data, in every language). */
export function placeOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return t('backup_place_file');
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (!IDENTIFIER_KEY.test(name)) return `[${JSON.stringify(name)}]`;
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}

export interface Problem {
  path: readonly PropertyKey[];
  message: string;
}

/** Problems as one message: each with its place, the first few listed and the rest counted. */
export function describeProblems(problems: readonly Problem[], lead = t('backup_cannot_import')): string {
  const listed = problems
    .slice(0, LISTED_PROBLEMS)
    .map((problem) => t('backup_problem', { place: placeOf(problem.path), problem: problem.message }))
    .join('; ');
  const more = problems.length - LISTED_PROBLEMS;
  return t('backup_problems', { lead, problems: more > 0 ? plural('backup_more_problems', more, { problems: listed }) : listed });
}

/** Ids that must be unique within the file, and custom sites Clean Break would refuse to add. */
function consistencyProblems(backup: BackupFile): Problem[] {
  const problems: Problem[] = [];
  const unique = <T>(list: readonly T[], idOf: (entry: T) => string, path: PropertyKey[]) => {
    const first = new Map<string, number>();
    list.forEach((entry, index) => {
      const id = idOf(entry);
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, index);
      else problems.push({ path: [...path, index, 'id'], message: t('backup_same_id', { place: placeOf([...path, earlier]) }) });
    });
  };
  unique(backup.settings.people, (person) => person.id, ['settings', 'people']);
  unique(backup.settings.customSites, (site) => site.id, ['settings', 'customSites']);
  unique(backup.attempts, (attempt) => attempt.id, ['attempts']);
  unique(backup.journal, (entry) => entry.id, ['journal']);
  backup.settings.customSites.forEach((site, index) => {
    const checked = sitePattern(site.pattern);
    if (!checked.ok) problems.push({ path: ['settings', 'customSites', index, 'pattern'], message: checked.error });
  });
  return problems;
}

/** A field that is not there says so ("missing"), rather than "received undefined". */
function missingField(issue: { code: string; input?: unknown; expected?: unknown; values?: readonly unknown[] }): string | undefined {
  if (issue.input !== undefined) return undefined;
  if (issue.code === 'invalid_type') return t('backup_missing_expected', { expected: String(issue.expected) });
  if (issue.code === 'invalid_value' && issue.values) {
    return t('backup_missing_expected', { expected: formatList(issue.values.map((value) => JSON.stringify(value)), 'disjunction') });
  }
  return t('backup_missing');
}

/**
 * A backup file's text, read and checked: refused with a message saying what is wrong (and
 * where), or the backup. Refusing changes nothing; nothing in the file is trusted before it parses.
 */
export function parseBackup(text: string): ParsedBackup {
  // A file saved by an editor that adds a byte-order mark is still the same JSON.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (!json.trim()) return refuse(t('backup_empty'));
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return refuse(error instanceof Error ? t('backup_not_json_error', { error: error.message }) : t('backup_not_json'));
  }
  return checkBackup(raw);
}

/** A backup as parsed JSON (the file's, or one a page sent the background), checked the same way. */
export function checkBackup(raw: unknown): ParsedBackup {
  if (!isRecord(raw) || !('format' in raw)) {
    return refuse(t('backup_no_format'));
  }
  if (raw.format === 'clean-break-log') return refuse(t('backup_popup_log'));
  if (raw.format !== BACKUP_FORMAT) {
    return refuse(typeof raw.format === 'string' ? t('backup_other_program_named', { format: raw.format.slice(0, 60) }) : t('backup_other_program'));
  }
  const version = raw.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION) {
    return refuse(t('backup_newer', { version: String(version), reads: String(BACKUP_VERSION) }));
  }
  // A file written before the two sets of questions: its settings as the stored ones were brought over (splitQuestions).
  const split = isRecord(raw.settings) ? { ...raw, settings: splitQuestions(raw.settings) } : raw;
  const parsed = BackupFile.safeParse(split, { error: missingField });
  if (!parsed.success) return refuse(describeProblems(parsed.error.issues));
  const problems = consistencyProblems(parsed.data);
  if (problems.length) return refuse(describeProblems(problems));
  return { ok: true, backup: parsed.data };
}

/** Identifiers a person has, with those of `more` they did not have (compared as the watch index compares them). */
function unionIdentifiers(mine: readonly Identifier[], more: readonly Identifier[]): Identifier[] {
  const result = [...mine];
  for (const identifier of more) {
    const known = result.some((had) => had.site === identifier.site && sameIdentifier(had, identifier));
    if (!known) result.push(identifier);
  }
  return result;
}

function mergePeople(mine: readonly Person[], theirs: readonly Person[]): Person[] {
  const incoming = new Map(theirs.map((person) => [person.id, person]));
  const merged = mine.map((person) => {
    const same = incoming.get(person.id);
    return same ? { ...person, identifiers: unionIdentifiers(person.identifiers, same.identifiers) } : person;
  });
  const here = new Set(mine.map((person) => person.id));
  return [...merged, ...theirs.filter((person) => !here.has(person.id))];
}

/**
 * Merge adds what the file has and this browser lacks, and changes nothing already here, so a
 * merge never weakens protection:
 * - people by id: a person in both keeps this browser's alias and gains the file's identifiers
 *   (a same identifier written differently, `@Sam` and `sam`, is one); the file's other people are added;
 * - custom sites by id: the file's others are added (each asks for its host in Sites, as when added by hand);
 * - the support person and the day no contact began: the file's when none is set here;
 * - everything else (countdown, escalation, snooze, typed phrase, questions, reminders, sites
 *   switched off, the badge, and any setting added later): this browser's.
 * Replace is the file's settings as they are.
 */
export function mergeSettings(current: Settings, incoming: Settings): Settings {
  const siteIds = new Set(current.customSites.map((site) => site.id));
  return {
    ...current,
    people: mergePeople(current.people, incoming.people),
    customSites: [...current.customSites, ...incoming.customSites.filter((site) => !siteIds.has(site.id))],
    supportPerson: current.supportPerson ?? incoming.supportPerson,
    noContactSince: current.noContactSince ?? incoming.noContactSince,
  };
}

/**
 * An attempt still on screen when the file was made belongs to a tab of the other browser: here
 * it can never be chosen, so it is recorded as closed (counted as left) when the file was made.
 */
export function importedAttempt(attempt: Attempt, exportedAt: number): Attempt {
  if (attempt.outcome !== 'pending') return attempt;
  const endedAt = Math.max(attempt.startedAt, attempt.abandonedAt ?? exportedAt);
  return {
    ...attempt,
    outcome: 'closed',
    endedAt,
    secondsOnScreen: Math.round((endedAt - attempt.startedAt) / 100) / 10,
    tabId: null,
    abandonedAt: null,
  };
}

/** The rows of the file not already here (by id: an entry already here is kept as it is). */
export function newRows<T extends { id: string }>(incoming: readonly T[], here: ReadonlySet<string>): T[] {
  return incoming.filter((row) => !here.has(row.id));
}

export interface ImportPlan {
  /** What the settings become: sent to the lock as one `replaceSettings` change. */
  settings: Settings;
  /** The file's log and journal in place of these; otherwise they are added by id. */
  replaceLog: boolean;
  attempts: Attempt[];
  journal: JournalEntry[];
}

export type Planned = { ok: true; plan: ImportPlan } | { ok: false; message: string };

/**
 * What importing this backup does, given the settings here and whether the protection lock
 * would hold back clearing the log now. With the lock holding, replace still merges the log: an
 * import never deletes a log entry past the lock (clear the log for that, through the lock).
 */
export function planImport(current: Settings, backup: BackupFile, mode: ImportMode, lockHoldsClearing: boolean): Planned {
  const settings = mode === 'replace' ? backup.settings : mergeSettings(current, backup.settings);
  // Both sides were valid; together they may not be (more than 200 people, say).
  const checked = Settings.safeParse(settings);
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => ({ ...issue, path: ['settings', ...issue.path] }));
    return { ok: false, message: describeProblems(problems, t('backup_merge_invalid')) };
  }
  const exportedAt = Date.parse(backup.exportedAt);
  return {
    ok: true,
    plan: {
      settings: checked.data,
      replaceLog: mode === 'replace' && !lockHoldsClearing,
      attempts: backup.attempts.map((attempt) => importedAttempt(attempt, exportedAt)),
      journal: backup.journal,
    },
  };
}

/** What the file holds, for the confirmation before importing it. */
export function describeBackup(backup: BackupFile): string {
  return t('import_backup_contents', {
    people: plural('backup_people', backup.settings.people.length),
    attempts: plural('backup_attempts', backup.attempts.length),
    journal: plural('backup_journal', backup.journal.length),
  });
}
