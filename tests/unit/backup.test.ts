import { describe, expect, it } from 'vitest';
import { MAX_BACKUP_BYTES, checkBackup, describeBackup, describeProblems, importedAttempt, mergeSettings, newRows, parseBackup, placeOf, planImport, sizeProblem } from '@/utils/model/backup';
import { recordDb } from '@/utils/store/db';
import { defaultSettings } from '@/utils/model/defaults';
import { backupFileName } from '@/utils/model/export';
import { exportBackup } from '@/utils/store/export';
import { BACKUP_FORMAT, type BackupFile, type Person, type Settings } from '@/utils/model/schema';
import { EXPORTED_AT, sampleAttempt, sampleBackup, sampleJournal, sampleSettings } from './support/backup-sample';

const text = (backup: unknown) => JSON.stringify(backup);
const refusal = (file: string) => {
  const parsed = parseBackup(file);
  if (parsed.ok) throw new Error('the file was accepted');
  return parsed.message;
};

describe('a place in the file, as a reader finds it', () => {
  it.each([
    [['settings', 'people', 2, 'identifiers', 0, 'value'], 'settings.people[2].identifiers[0].value'],
    [['attempts', 41, 'outcome'], 'attempts[41].outcome'],
    [['version'], 'version'],
    [[], 'the file'],
    [['settings', 'odd key'], 'settings["odd key"]'],
    [[3], '[3]'],
  ] as [PropertyKey[], string][])('%j is %s', (path, place) => {
    expect(placeOf(path)).toBe(place);
  });

  it('lists the first five problems and counts the rest', () => {
    const problems = Array.from({ length: 8 }, (_, i) => ({ path: ['attempts', i, 'id'], message: 'bad' }));
    expect(describeProblems(problems)).toBe(
      'This backup cannot be imported, nothing was changed: attempts[0].id: bad; attempts[1].id: bad; attempts[2].id: bad; attempts[3].id: bad; attempts[4].id: bad; and 3 more problems.',
    );
    expect(describeProblems(problems.slice(0, 6))).toMatch(/; and 1 more problem\.$/);
  });
});

describe('the size of a file, checked before it is read', () => {
  it('refuses an empty file and one over 50 MB, and takes anything between', () => {
    expect(sizeProblem(0)).toBe('The file is empty: it is not a Clean Break backup.');
    expect(sizeProblem(MAX_BACKUP_BYTES + 1)).toBe('The file is 50.0 MB; a Clean Break backup is at most 50.0 MB. Nothing was imported.');
    expect(sizeProblem(80 * 1024 * 1024)).toMatch(/^The file is 80\.0 MB; /);
    expect(sizeProblem(1)).toBeNull();
    expect(sizeProblem(MAX_BACKUP_BYTES)).toBeNull();
  });
});

describe('reading a backup file', () => {
  it('takes a valid backup, as written', () => {
    const backup = sampleBackup();
    expect(parseBackup(text(backup))).toEqual({ ok: true, backup });
  });

  it('takes a file an editor saved with a byte-order mark, and a pretty-printed one', () => {
    expect(parseBackup(`\uFEFF${text(sampleBackup())}`).ok).toBe(true);
    expect(parseBackup(JSON.stringify(sampleBackup(), null, 2)).ok).toBe(true);
  });

  it('fills in what files written before a setting existed lack, as stored settings are', () => {
    const backup = sampleBackup() as unknown as { settings: Partial<Settings>; attempts: Record<string, unknown>[] };
    delete backup.settings.customSites;
    delete backup.settings.showBadge;
    delete backup.attempts[0]!.abandonedAt;
    const parsed = parseBackup(text(backup));
    expect(parsed.ok && parsed.backup.settings.customSites).toEqual([]);
    expect(parsed.ok && parsed.backup.settings.showBadge).toBe(true);
    expect(parsed.ok && parsed.backup.attempts[0]!.abandonedAt).toBeNull();
  });

  it('refuses what is not JSON, or was cut short', () => {
    expect(refusal('started_at,ended_at\r\n')).toMatch(/^This file is not a Clean Break backup: it is not JSON, or it was cut short \(.+\)\. Nothing was imported\.$/);
    expect(refusal(text(sampleBackup()).slice(0, 500))).toMatch(/not JSON, or it was cut short/);
    expect(refusal('')).toBe('The file is empty: it is not a Clean Break backup.');
    expect(refusal(' \n ')).toBe('The file is empty: it is not a Clean Break backup.');
  });

  it('refuses JSON from another program, saying what it says it is', () => {
    expect(refusal(text({ sites: ['example.com'] }))).toBe(
      'This file is not a Clean Break backup: it has no “format” saying what it is. Nothing was imported.',
    );
    expect(refusal('[1,2]')).toMatch(/no “format”/);
    expect(refusal('null')).toMatch(/no “format”/);
    expect(refusal(text({ format: 'leechblock-options', version: 1 }))).toBe(
      'This file comes from another program, not Clean Break (its format is “leechblock-options”). Nothing was imported.',
    );
    expect(refusal(text({ ...sampleBackup(), format: 3 }))).toBe('This file comes from another program, not Clean Break. Nothing was imported.');
  });

  it('refuses the popup’s log export, saying which file to use', () => {
    expect(refusal(text({ format: 'clean-break-log', version: 1, exportedAt: '2026-11-20T18:30:00.000Z', attempts: [], journal: [] }))).toBe(
      'This is the log exported from the popup (attempts and journal only), not a full backup. Export everything from Options → Your data, and import that file.',
    );
  });

  it('refuses a file from a newer Clean Break: update first', () => {
    expect(refusal(text({ ...sampleBackup(), version: 2, somethingNew: [] }))).toBe(
      'This backup was made by a newer Clean Break (file version 2; this one reads version 1): update Clean Break first, then import it. Nothing was imported.',
    );
  });

  it.each([
    ['a version that is a string', (b: any) => (b.version = '1'), 'version: Invalid input: expected 1'],
    ['no version', (b: any) => delete b.version, 'version: missing (expected 1)'],
    ['an identifier with no value', (b: any) => (b.settings.people[2].identifiers[0].value = ''), 'settings.people[2].identifiers[0].value: Too small'],
    ['a person with no alias', (b: any) => delete b.settings.people[1].alias, 'settings.people[1].alias: missing (expected string)'],
    ['an alias too long', (b: any) => (b.settings.people[0].alias = 'x'.repeat(81)), 'settings.people[0].alias: Too big: expected string to have <=80 characters'],
    ['an unknown kind of identifier', (b: any) => (b.settings.people[1].identifiers[0].kind = 'nickname'), 'settings.people[1].identifiers[0].kind: Invalid option'],
    ['an outcome nobody records', (b: any) => (b.attempts[3].outcome = 'deleted'), 'attempts[3].outcome: Invalid option'],
    ['a time that is text', (b: any) => (b.attempts[0].startedAt = '2026-11-20'), 'attempts[0].startedAt: Invalid input: expected number, received string'],
    ['a journal that is an object', (b: any) => (b.journal = {}), 'journal: Invalid input: expected array, received object'],
    ['a support link that runs code', (b: any) => (b.settings.supportPerson.link = 'javascript:alert(1)'), 'settings.supportPerson.link: a tel:, sms:, mailto: or https:// link'],
    ['no questions', (b: any) => (b.settings.questions = []), 'settings.questions: Too small'],
    ['a date that is not one', (b: any) => (b.exportedAt = 'yesterday'), 'exportedAt: Invalid ISO datetime'],
    ['a custom site for the whole web', (b: any) => (b.settings.customSites[0].pattern = '*://*/*'), 'settings.customSites[0].pattern: “*” is not one site’s address'],
    ['a custom site on a built-in host', (b: any) => (b.settings.customSites[0].pattern = 'https://www.instagram.com/*'), 'settings.customSites[0].pattern: Instagram is built in'],
    ['two people with one id', (b: any) => (b.settings.people[2].id = 'p-sam'), 'settings.people[2].id: the same id as settings.people[0]'],
    ['two attempts with one id', (b: any) => (b.attempts[4].id = 'a-2'), 'attempts[4].id: the same id as attempts[1]'],
    ['two journal entries with one id', (b: any) => (b.journal[1].id = 'j-1'), 'journal[1].id: the same id as journal[0]'],
  ])('refuses %s, naming the place', (_, damage: (backup: any) => unknown, says) => {
    const backup = sampleBackup();
    damage(backup);
    const message = refusal(text(backup));
    expect(message).toMatch(/^This backup cannot be imported, nothing was changed: /);
    expect(message).toContain(says);
  });

  it('checks a backup sent as parsed JSON the same way (the background’s check)', () => {
    expect(checkBackup(sampleBackup())).toEqual({ ok: true, backup: sampleBackup() });
    const twice = sampleBackup();
    twice.attempts[1]!.id = 'a-1';
    expect(checkBackup(twice)).toEqual({ ok: false, message: expect.stringContaining('attempts[1].id: the same id as attempts[0]') });
    expect(checkBackup('text')).toEqual({ ok: false, message: expect.stringContaining('no “format”') });
  });
});

const person = (id: string, alias: string, identifiers: Person['identifiers'] = []): Person => ({ id, alias, identifiers, addedAt: 1 });

describe('merging settings: what the file has and this browser lacks is added, nothing here changes', () => {
  const here: Settings = {
    ...defaultSettings(),
    people: [person('p-sam', 'Sammy', [{ kind: 'handle', value: '@Sam.Lee', site: 'instagram' }]), person('p-here', 'Here only')],
    countdownSeconds: 45,
    typedPhrase: '',
    lockHours: 24,
  };
  const file = sampleSettings();
  const merged = mergeSettings(here, file);

  it('keeps the people here, in their order, with their aliases; adds the file’s others after them', () => {
    expect(merged.people.map((p) => [p.id, p.alias])).toEqual([
      ['p-sam', 'Sammy'],
      ['p-here', 'Here only'],
      ['p-alex', 'Alex'],
      ['p-kim', 'Kim'],
    ]);
  });

  it('unions a shared person’s identifiers, one identifier written two ways counted once', () => {
    const withMore = mergeSettings(here, {
      ...file,
      people: [person('p-sam', 'Sam', [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }, { kind: 'handle', value: 'sam.lee', site: 'x' }])],
    });
    expect(withMore.people[0]!.identifiers).toEqual([
      { kind: 'handle', value: '@Sam.Lee', site: 'instagram' },
      { kind: 'handle', value: 'sam.lee', site: 'x' },
    ]);
  });

  it('adds the file’s custom sites, and its support person and day only when none is set here', () => {
    expect(merged.customSites.map((s) => s.id)).toEqual(['custom-forum']);
    expect(merged.supportPerson).toEqual(file.supportPerson);
    expect(merged.noContactSince).toBe('2026-10-01');
    const mine = { name: 'Mo', link: 'sms:+447700900000' };
    const kept = mergeSettings({ ...here, supportPerson: mine, noContactSince: '2026-11-11' }, file);
    expect(kept.supportPerson).toEqual(mine);
    expect(kept.noContactSince).toBe('2026-11-11');
  });

  it('keeps every other setting from here, the lock included', () => {
    expect(merged.countdownSeconds).toBe(45);
    expect(merged.typedPhrase).toBe('');
    expect(merged.disabledSites).toEqual([]);
    expect(merged.lockHours).toBe(24);
    expect(merged.questions).toEqual(here.questions);
  });

  it('merging the same file twice changes nothing the second time', () => {
    expect(mergeSettings(merged, file)).toEqual(merged);
  });
});

describe('planning an import', () => {
  const backup = sampleBackup();
  const here = { ...defaultSettings(), people: [person('p-here', 'Here only')] };

  it.each([
    ['merge, lock off', 'merge', false, false],
    ['merge, lock on', 'merge', true, false],
    ['replace, lock off', 'replace', false, true],
    ['replace, lock on: the log is merged, never cleared past the lock', 'replace', true, false],
  ] as const)('%s', (_, mode, lockHolds, replaceLog) => {
    const planned = planImport(here, backup, mode, lockHolds);
    expect(planned.ok && planned.plan.replaceLog).toBe(replaceLog);
    expect(planned.ok && planned.plan.settings).toEqual(mode === 'replace' ? backup.settings : mergeSettings(here, backup.settings));
  });

  it('refuses a merge whose result the settings cannot hold (more than 200 people), changing nothing', () => {
    const many = { ...here, people: Array.from({ length: 199 }, (_, i) => person(`here-${i}`, `Here ${i}`)) };
    expect(planImport(many, backup, 'merge', false)).toEqual({
      ok: false,
      message: expect.stringMatching(/^Merged with the settings here, this backup’s would not be valid, nothing was changed: settings\.people: Too big/),
    });
    expect(planImport(many, backup, 'replace', false).ok).toBe(true);
  });

  it('records an attempt still on screen in the other browser as closed when the file was made', () => {
    const pending = sampleAttempt('a-up', EXPORTED_AT - 30_000, { outcome: 'pending', endedAt: null, secondsOnScreen: null, tabId: 12 });
    expect(importedAttempt(pending, EXPORTED_AT)).toEqual({ ...pending, outcome: 'closed', endedAt: EXPORTED_AT, secondsOnScreen: 30, tabId: null });
    const gone = { ...pending, abandonedAt: EXPORTED_AT - 10_000 };
    expect(importedAttempt(gone, EXPORTED_AT)).toMatchObject({ outcome: 'closed', endedAt: EXPORTED_AT - 10_000, secondsOnScreen: 20, abandonedAt: null });
    const settled = sampleAttempt('a-done', 1);
    expect(importedAttempt(settled, EXPORTED_AT)).toBe(settled);
  });

  it('adds only the rows whose id is not here', () => {
    const rows = [sampleJournal('j-1', 1), sampleJournal('j-2', 2), sampleJournal('j-3', 3)];
    expect(newRows(rows, new Set(['j-2', 'j-9']))).toEqual([rows[0], rows[2]]);
    expect(newRows(rows, new Set())).toEqual(rows);
  });

  it('says what the file holds, for the confirmation', () => {
    expect(describeBackup(backup)).toBe('3 people, 5 attempts and 3 journal entries');
    expect(describeBackup({ ...backup, settings: { ...backup.settings, people: [backup.settings.people[0]!] }, attempts: [backup.attempts[0]!], journal: [backup.journal[0]!] })).toBe(
      '1 person, 1 attempt and 1 journal entry',
    );
  });
});

describe('export everything', () => {
  it('writes one backup file that reads back as what was stored', async () => {
    const stored = sampleBackup();
    await recordDb().attempts.bulkPut(stored.attempts);
    await recordDb().journal.bulkPut(stored.journal);
    const file = (await exportBackup(recordDb(), stored.settings, EXPORTED_AT)).join('');
    const parsed = parseBackup(file);
    expect(parsed).toEqual({ ok: true, backup: stored });
    expect((JSON.parse(file) as BackupFile).format).toBe(BACKUP_FORMAT);
  });

  it('writes an empty log as empty lists', async () => {
    const file = (await exportBackup(recordDb(), defaultSettings(), EXPORTED_AT)).join('');
    expect(parseBackup(file)).toEqual({ ok: true, backup: expect.objectContaining({ attempts: [], journal: [], settings: defaultSettings() }) });
  });

  it('names the file by the local day', () => {
    expect(backupFileName(new Date(2026, 11, 1, 9).getTime())).toBe('clean-break-backup-2026-12-01.json');
  });
});
