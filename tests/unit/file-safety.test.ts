import { describe, expect, it } from 'vitest';
import { attemptsCsv, csvField } from '@/utils/model/export';
import { parseBackup } from '@/utils/model/backup';
import { applyToSummary, localTimeZone, summarize, Summary } from '@/utils/model/summary';
import { byPerson, bySite } from '@/utils/model/stats';
import { EXPORTED_AT, sampleAttempt, sampleBackup } from './support/backup-sample';

// Issue 23, 7: what the record's files carry can never run, flood, or vanish.
describe('the CSV export keeps text as text', () => {
  it.each([
    ['=HYPERLINK("https://example.invalid","x")', `"'=HYPERLINK(""https://example.invalid"",""x"")"`],
    ['+1-555-0100', "'+1-555-0100"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['S.', 'S.'],
    ['Sam = me', 'Sam = me'],
  ])('%j', (text, field) => {
    expect(csvField(text)).toBe(field);
  });

  it('numbers and times are not touched', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(12.5)).toBe('12.5');
  });

  it('an alias that looks like a formula is exported as text in its row', () => {
    const [, row] = attemptsCsv([sampleAttempt('a-1', EXPORTED_AT)], {
      people: [{ id: 'p-sam', alias: '=cmd|\' /C calc\'!A0', identifiers: [], addedAt: 1 }],
      customSites: [],
    }).split('\r\n');
    expect(row).toContain(`'=cmd|' /C calc'!A0`);
    expect(row).not.toMatch(/(^|,)=/);
  });
});

describe('an imported file cannot flood the database', () => {
  it.each([
    ['an attempt id of 30 MB', (file: ReturnType<typeof sampleBackup>) => (file.attempts[0]!.id = 'a'.repeat(30 * 1024 * 1024))],
    ['a person id of 1 MB on an attempt', (file: ReturnType<typeof sampleBackup>) => (file.attempts[0]!.personId = 'p'.repeat(1024 * 1024))],
    ['a journal entry id of 1 MB', (file: ReturnType<typeof sampleBackup>) => (file.journal[0]!.id = 'j'.repeat(1024 * 1024))],
    ['a person id of 1 MB in the settings', (file: ReturnType<typeof sampleBackup>) => (file.settings.people[0]!.id = 'p'.repeat(1024 * 1024))],
  ])('%s is refused, saying where', (_name, damage) => {
    const file = sampleBackup();
    damage(file);
    const parsed = parseBackup(JSON.stringify(file));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/too big|<=200 characters/i);
  });

  it('ids as long as the extension makes them are taken', () => {
    const file = sampleBackup();
    file.attempts[0]!.id = crypto.randomUUID();
    expect(parseBackup(JSON.stringify(file)).ok).toBe(true);
  });
});

describe('counts by person and site keep every id, even those named like an object’s own members', () => {
  const odd = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
  const attempts = odd.flatMap((id, i) => Array.from({ length: i + 1 }, (_, n) => sampleAttempt(`${id}-${n}`, EXPORTED_AT - n * 1000, { personId: id, site: id })));

  it('counted from scratch', () => {
    const summary = summarize(attempts, localTimeZone());
    expect(Object.getPrototypeOf(summary.byPerson)).toBe(Object.prototype);
    expect(Object.entries(summary.byPerson).sort()).toEqual(odd.map((id, i) => [id, i + 1]).sort());
    expect(Object.entries(summary.bySite).sort()).toEqual(odd.map((id, i) => [id, i + 1]).sort());
  });

  it('kept through the database’s structured clone and read back through the schema', () => {
    const stored = structuredClone(summarize(attempts, localTimeZone()));
    const read = Summary.parse(stored);
    expect(Object.entries(read.byPerson).sort()).toEqual(odd.map((id, i) => [id, i + 1]).sort());
  });

  it('taken away again one by one, to nothing', () => {
    let summary = summarize(attempts, localTimeZone());
    for (const attempt of attempts) summary = applyToSummary(summary, attempt, null);
    expect(summary.byPerson).toEqual({});
    expect(Object.keys(summary.bySite)).toEqual([]);
  });

  it('shown on the dashboard by name (an id nobody is named by shows as unknown), not as a prototype', () => {
    const summary = summarize(attempts, localTimeZone());
    const people = byPerson(summary, { people: [{ id: '__proto__', alias: 'P.', identifiers: [], addedAt: 1 }] });
    // Every attempt counted: P. by name, the three ids nobody is named by together.
    expect(people.reduce((sum, count) => sum + count.count, 0)).toBe(10);
    expect(people.find((count) => count.name === 'P.')?.count).toBe(1);
    expect(bySite(summary, { customSites: [] }).reduce((sum, count) => sum + count.count, 0)).toBe(10);
  });

  it('a summary that is not counts is refused', () => {
    const bad = { ...summarize([], localTimeZone()), byPerson: { sam: -1 } };
    expect(Summary.safeParse(bad).success).toBe(false);
    expect(Summary.safeParse({ ...bad, byPerson: [] }).success).toBe(false);
    expect(Summary.safeParse({ ...bad, byPerson: { sam: 'two' } }).success).toBe(false);
  });
});
