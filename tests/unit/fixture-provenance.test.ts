import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * Every fixture says where it comes from (issue 22): a page or data file in tests/fixtures is
 * `captured` from the live site (source: from where, when), `reconstructed` from a cited source
 * (source: the repository and path, the tool or userscript, the public-index search) or
 * `illustrative` (source: why it is made up, or "no source cited"). A file read by an adapter's
 * cases says so in each of its cases in that folder's cases.json; any other file in that folder's
 * provenance.json, { "<file name>": <provenance> }.
 */
const fixturesDir = path.resolve('tests/fixtures');
const INDEXES = ['cases.json', 'provenance.json'];

const Source = z.string().trim().min(1);
const Provenance = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('captured'), source: Source }),
  z.strictObject({ kind: z.literal('reconstructed'), source: Source }),
  z.strictObject({ kind: z.literal('illustrative'), source: Source.optional() }),
]);
type Provenance = z.infer<typeof Provenance>;

/** One place a fixture's provenance is given: a case of a cases.json, or a provenance.json entry. */
interface Entry {
  /** The fixture, relative to tests/fixtures, with forward slashes. */
  file: string;
  /** Where the entry is, e.g. "x/cases.json, case 3" or "hostile/provenance.json". */
  where: string;
  index: 'cases.json' | 'provenance.json';
  provenance: unknown;
}

const rel = (...parts: string[]) => path.posix.join(...parts.filter(Boolean));

/** Folders under tests/fixtures, relative, '' for the root itself. */
function folders(dir = ''): string[] {
  const here = path.join(fixturesDir, dir);
  const subfolders = readdirSync(here).filter((name) => statSync(path.join(here, name)).isDirectory());
  return [dir, ...subfolders.flatMap((name) => folders(rel(dir, name)))];
}

function fixtureFilesIn(dir: string): string[] {
  const here = path.join(fixturesDir, dir);
  return readdirSync(here)
    .filter((name) => statSync(path.join(here, name)).isFile() && !INDEXES.includes(name))
    .map((name) => rel(dir, name));
}

/** The keys of a provenance.json's top-level object as written, duplicates kept (JSON.parse keeps the last). */
function writtenKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (const match of text.matchAll(/"(?:[^"\\]|\\.)*"|[{}[\]]/g)) {
    const token = match[0];
    if (token === '{' || token === '[') depth += 1;
    else if (token === '}' || token === ']') depth -= 1;
    else if (depth === 1 && /^\s*:/.test(text.slice(match.index + token.length))) keys.push(JSON.parse(token) as string);
  }
  return keys;
}

/** Everything the indexes say, and what is wrong with the indexes themselves. */
function readIndexes() {
  const entries: Entry[] = [];
  const problems: string[] = [];
  for (const dir of folders()) {
    const casesPath = path.join(fixturesDir, dir, 'cases.json');
    if (existsSync(casesPath)) {
      const where = rel(dir, 'cases.json');
      let cases: unknown;
      try {
        cases = JSON.parse(readFileSync(casesPath, 'utf8'));
      } catch (error) {
        problems.push(`${where}: not JSON (${String(error)})`);
      }
      if (cases !== undefined && !Array.isArray(cases)) problems.push(`${where}: not a list of cases`);
      if (Array.isArray(cases)) {
        cases.forEach((c: unknown, i) => {
          const file = (c as { file?: unknown } | null)?.file;
          if (typeof file !== 'string' || !file) problems.push(`${where}, case ${i + 1}: no file`);
          else entries.push({ file: rel(dir, file), where: `${where}, case ${i + 1}`, index: 'cases.json', provenance: (c as { provenance?: unknown }).provenance });
        });
      }
    }
    const provenancePath = path.join(fixturesDir, dir, 'provenance.json');
    if (existsSync(provenancePath)) {
      const where = rel(dir, 'provenance.json');
      const text = readFileSync(provenancePath, 'utf8');
      let map: unknown;
      try {
        map = JSON.parse(text);
      } catch (error) {
        problems.push(`${where}: not JSON (${String(error)})`);
      }
      if (map !== undefined && (typeof map !== 'object' || map === null || Array.isArray(map))) problems.push(`${where}: not an object of file names`);
      else if (map !== undefined) {
        const keys = writtenKeys(text);
        for (const key of new Set(keys.filter((key, i) => keys.indexOf(key) !== i))) problems.push(`${where}: ${key} is listed more than once`);
        for (const [name, provenance] of Object.entries(map as Record<string, unknown>)) {
          if (name.includes('/') || INDEXES.includes(name)) problems.push(`${where}: "${name}" is not a fixture of this folder`);
          else entries.push({ file: rel(dir, name), where, index: 'provenance.json', provenance });
        }
      }
    }
  }
  return { entries, problems };
}

const fixtureFiles = folders().flatMap(fixtureFilesIn).sort();
const { entries, problems } = readIndexes();
const entriesOf = (file: string) => entries.filter((entry) => entry.file === file);

function provenanceProblems(entry: Entry): string[] {
  const result = Provenance.safeParse(entry.provenance);
  if (result.success) return [];
  if (entry.provenance === undefined) return [`${entry.where}: ${entry.file} has no provenance`];
  return result.error.issues.map((issue) => `${entry.where}: ${entry.file}: provenance${issue.path.map((p) => `.${String(p)}`).join('')}: ${issue.message}`);
}

describe('fixture provenance (issue 22)', () => {
  it('finds the fixtures and their indexes', () => {
    expect(fixtureFiles.length).toBeGreaterThan(100);
    expect(entries.length).toBeGreaterThan(fixtureFiles.length);
    expect(problems).toEqual([]);
  });

  it.each(fixtureFiles)('tests/fixtures/%s says where it comes from', (file) => {
    const found = entriesOf(file);
    const folder = path.posix.dirname(file);
    expect(found.length, `tests/fixtures/${file} has no provenance: give it one in ${folder}/cases.json (each of its cases) or ${folder}/provenance.json`).toBeGreaterThan(0);
    const indexes = new Set(found.map((entry) => entry.index));
    expect(indexes.size, `tests/fixtures/${file} is in both ${folder}/cases.json and ${folder}/provenance.json: give its provenance in one place`).toBe(1);
    expect(found.flatMap(provenanceProblems)).toEqual([]);
    const first = found[0]!.provenance;
    for (const entry of found) expect(entry.provenance, `${entry.where}: the cases of tests/fixtures/${file} disagree on its provenance`).toEqual(first);
  });

  it('names only fixtures that exist', () => {
    const known = new Set(fixtureFiles);
    expect(entries.filter((entry) => !known.has(entry.file)).map((entry) => `${entry.where}: ${entry.file} does not exist`)).toEqual([]);
  });

  it('checks provenance as the issue asks: kind, a source for what is reconstructed or captured, no other keys', () => {
    const valid: unknown[] = [
      { kind: 'captured', source: 'saved from web.whatsapp.com, 2026-01-12, then anonymised' },
      { kind: 'reconstructed', source: 'github Ajaxy/telegram-tt, src/components/common/PrivateChatInfo.tsx' },
      { kind: 'illustrative', source: 'no source cited' },
      { kind: 'illustrative' },
    ];
    const invalid: unknown[] = [
      undefined,
      {},
      { kind: 'guessed', source: 'x' },
      { kind: 'reconstructed' },
      { kind: 'reconstructed', source: ' ' },
      { kind: 'captured' },
      { kind: 'illustrative', source: '' },
      { kind: 'illustrative', source: 'made up', note: 'an unknown key' },
      'illustrative',
    ];
    for (const provenance of valid) expect(Provenance.safeParse(provenance).success, JSON.stringify(provenance)).toBe(true);
    for (const provenance of invalid) expect(Provenance.safeParse(provenance).success, JSON.stringify(provenance)).toBe(false);
  });

  it('reads provenance.json keys as written, duplicates included', () => {
    expect(writtenKeys('{\n  "a.html": { "kind": "illustrative", "source": "x: \\"y\\"" },\n  "b.html": { "kind": "illustrative" },\n  "a.html": {}\n}')).toEqual(['a.html', 'b.html', 'a.html']);
  });
});
