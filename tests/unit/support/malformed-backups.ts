import { placeOf } from '@/utils/model/backup';
import type { BackupFile } from '@/utils/model/schema';

/**
 * Malformed backup files, generated from a valid one by a seeded generator: the same seed gives
 * the same files, so a failure names a file that can be made again. Each kind of damage is one
 * generator below; the files cycle through the kinds (10 of each in 100), and the generator's
 * random numbers pick where and how. Each file says what its refusal must say: the place
 * (`settings.people[2].identifiers[0].value`) for a file that is a backup with a wrong part, or
 * the phrase of the refusal for one that is not a backup at all.
 */
export interface Malformed {
  name: string;
  text: string;
  /** The place the message must name, or a pattern the message must match. */
  says: { place: string } | { matches: RegExp };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a refusal of this file must match: the place itself or a place inside it (`….identifiers[0]` → `….identifiers[0].kind`), or the phrase. */
export function refusalPattern(says: Malformed['says']): RegExp {
  return 'place' in says ? new RegExp(`(^|[ ;])${escape(says.place)}[:.[]`) : says.matches;
}

type Path = (string | number)[];
type Json = unknown;

/** mulberry32: small, seeded, good enough to pick mutations. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const int = (random: Random, below: number) => Math.floor(random() * below);

function get(value: Json, path: Path): Json {
  return path.reduce<Json>((at, key) => (at as Record<string | number, Json>)[key], value);
}
function set(value: Json, path: Path, next: Json): void {
  (get(value, path.slice(0, -1)) as Record<string | number, Json>)[path[path.length - 1]!] = next;
}
function remove(value: Json, path: Path): void {
  delete (get(value, path.slice(0, -1)) as Record<string | number, Json>)[path[path.length - 1]!];
}

/** Keys that may be absent: optional, or given a default for files written before they existed. */
const MAY_BE_ABSENT = new Set(['learned', 'customSites', 'showBadge', 'abandonedAt', 'lockHours', 'strictHours', 'continueNeedsCode', 'incomingQuestions']);

/** Every place below the root's `format` and `version` holding a primitive (or null), and every object key. */
function places(backup: BackupFile): { leaves: Path[]; keys: Path[] } {
  const leaves: Path[] = [];
  const keys: Path[] = [];
  const walk = (value: Json, path: Path) => {
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = [...path, Array.isArray(value) ? Number(key) : key];
        if (!Array.isArray(value) && !MAY_BE_ABSENT.has(key)) keys.push(childPath);
        walk(child, childPath);
      }
    } else leaves.push(path);
  };
  for (const key of ['exportedAt', 'settings', 'attempts', 'journal'] as const) {
    keys.push([key]);
    walk(backup[key], [key]);
  }
  return { leaves, keys };
}

/**
 * Where zod reports a problem with this place: a discriminated union's tag (`identify.by`) is
 * reported at the union, the rest where they are.
 */
const reportedAt = (path: Path): Path => (path[path.length - 1] === 'by' ? path.slice(0, -1) : path);
const at = (path: Path) => ({ place: placeOf(reportedAt(path)) });

/** A value of another type than the one at this place. */
function otherType(value: Json, random: Random): Json {
  switch (typeof value) {
    case 'string':
      return pick(random, [42, true, [value], { value }]);
    case 'number':
      return pick(random, [String(value), false, [value], null]);
    case 'boolean':
      return pick(random, ['yes', 1, 'true']);
    default:
      // null where a value may be null: an object or a list is never one.
      return pick(random, [{}, [], { nested: null }]);
  }
}

/** `nth`: how many files of this kind came before, so lists of cases are gone through in turn. */
type Generator = (backup: BackupFile, random: Random, nth: number) => { name: string; file: Json | string; says: Malformed['says'] };

/** A value of the wrong type somewhere in the file. */
const wrongType: Generator = (backup, random) => {
  const path = pick(random, places(backup).leaves);
  const before = get(backup, path);
  // A number where a nullable number is: still a number. Pick again until the type differs from every allowed one.
  let next = otherType(before, random);
  if (before !== null && typeof before === 'number' && next === null) next = 'NaN';
  set(backup, path, next);
  return { name: `${placeOf(path)} is ${JSON.stringify(next)}`, file: backup, says: at(path) };
};

/** A field a backup must have, missing. */
const missingField: Generator = (backup, random) => {
  const path = pick(random, places(backup).keys);
  remove(backup, path);
  return { name: `${placeOf(path)} is missing`, file: backup, says: at(path) };
};

/** Ids that are empty, not strings, shaped wrong, or the same twice. */
const badId: Generator = (backup, random) => {
  const lists: Path[] = [['settings', 'people'], ['attempts'], ['journal']];
  const list = pick(random, lists);
  const entries = get(backup, list) as { id: Json }[];
  const index = 1 + int(random, entries.length - 1);
  const variant = int(random, 4);
  const path = [...list, index, 'id'];
  if (variant === 0) set(backup, path, '');
  else if (variant === 1) set(backup, path, index);
  else if (variant === 2) set(backup, path, entries[0]!.id);
  else {
    set(backup, ['settings', 'customSites', 0, 'id'], pick(random, ['Forum!', 'forum', 'custom-', `custom-${'x'.repeat(61)}`]));
    return { name: 'a custom site’s id is not one', file: backup, says: at(['settings', 'customSites', 0, 'id']) };
  }
  const what = ['empty', 'a number', 'the same as the first'][variant];
  return { name: `${placeOf(path)} is ${what}`, file: backup, says: at(path) };
};

/** A string far longer than the place allows. */
const hugeString: Generator = (backup, random) => {
  const places: [Path, number][] = [
    [['settings', 'people', int(random, 3), 'alias'], 80],
    [['settings', 'people', 2, 'identifiers', int(random, 2), 'value'], 320],
    [['journal', int(random, 3), 'text'], 20_000],
    [['settings', 'questions', int(random, 5)], 400],
    [['settings', 'reminders', int(random, 6)], 600],
    [['settings', 'typedPhrase'], 200],
    [['settings', 'customSites', 0, 'name'], 80],
    [['settings', 'supportPerson', 'name'], 80],
  ];
  const [path, max] = pick(random, places);
  const length = max + 1 + int(random, 200_000);
  set(backup, path, pick(random, ['x', 'ü', '🌸', ' a']).repeat(length));
  return { name: `${placeOf(path)} is ${length} characters long`, file: backup, says: at(path) };
};

/** Parts nested where they do not belong, or not nested where they should be. */
const wrongNesting: Generator = (backup, _random, nth) => {
  const variant = nth % 7;
  const people = backup.settings.people;
  switch (variant) {
    case 0:
      set(backup, ['settings', 'people'], Object.fromEntries(people.map((person) => [nth < 7 ? person.id : person.alias, person])));
      return { name: `people are an object by ${nth < 7 ? 'id' : 'alias'}`, file: backup, says: at(['settings', 'people']) };
    case 1: {
      const who = nth < 7 ? 2 : 0;
      set(backup, ['settings', 'people', who, 'identifiers'], [people[who]!.identifiers]);
      return { name: `${people[who]!.alias}’s identifiers in a list inside the list`, file: backup, says: at(['settings', 'people', who, 'identifiers', 0]) };
    }
    case 2:
      set(backup, ['attempts'], { [nth < 7 ? 'attempts' : 'rows']: backup.attempts });
      return { name: `attempts wrapped in an object, as ${nth < 7 ? 'attempts' : 'rows'}`, file: backup, says: at(['attempts']) };
    case 3:
      set(backup, ['settings'], [backup.settings]);
      return { name: 'settings in a list', file: backup, says: at(['settings']) };
    case 4: {
      const { settings, ...rest } = backup;
      return { name: 'the settings’ fields at the top, with no settings', file: { ...rest, ...settings }, says: at(['settings']) };
    }
    case 5:
      set(backup, ['journal', 1], [backup.journal[1]]);
      return { name: 'a journal entry in a list of its own', file: backup, says: at(['journal', 1]) };
    default:
      set(backup, ['settings', 'people', 0, 'identifiers', 0], people[1]);
      return { name: 'a person where an identifier belongs', file: backup, says: at(['settings', 'people', 0, 'identifiers', 0]) };
  }
};

const INFINITY = '__infinity__';

/** Values of the right type that no backup holds. */
const badValue: Generator = (backup, random) => {
  const cases: [Path, Json][] = [
    [['attempts', int(random, 5), 'kind'], 'tweet'],
    [['attempts', int(random, 5), 'outcome'], 'deleted'],
    [['attempts', int(random, 5), 'feeling'], 'sad'],
    [['attempts', int(random, 5), 'startedAt'], -5],
    [['settings', 'people', int(random, 3), 'addedAt'], 1.5],
    [['settings', 'people', 1, 'identifiers', 0, 'kind'], 'nickname'],
    [['settings', 'countdownSeconds'], pick(random, [0, 100_000])],
    [['settings', 'escalationSeconds'], INFINITY],
    [['settings', 'noContactSince'], '01/10/2026'],
    [['settings', 'supportPerson', 'link'], 'javascript:alert(1)'],
    [['exportedAt'], 'yesterday'],
    [['settings', 'questions'], []],
    [['settings', 'customSites', 0, 'pattern'], pick(random, ['<all_urls>', '*://*/*', 'https://www.instagram.com/*'])],
    [['settings', 'people'], Array.from({ length: 201 }, (_, i) => ({ ...backup.settings.people[0]!, id: `p-${i}` }))],
  ];
  const [path, value] = pick(random, cases);
  set(backup, path, value);
  const shown = Array.isArray(value) ? `a list of ${value.length}` : value === INFINITY ? '1e400 (Infinity)' : JSON.stringify(value);
  return { name: `${placeOf(path)} is ${shown}`, file: backup, says: at(path) };
};

const NOT_JSON = /not JSON, or it was cut short/;

/** The file cut short: a download that stopped, a disk that filled. */
const truncated: Generator = (backup, random) => {
  const text = random() < 0.5 ? JSON.stringify(backup) : JSON.stringify(backup, null, 2);
  const at = 1 + int(random, text.length - 1);
  return { name: `cut at ${at} of ${text.length} characters`, file: text.slice(0, at), says: { matches: NOT_JSON } };
};

/** Text that is not JSON at all, or JSON with something around it. */
const notJson: Generator = (backup, random, nth) => {
  const valid = JSON.stringify(backup);
  const garbage = () => Array.from({ length: 64 + int(random, 512) }, () => String.fromCharCode(int(random, 256))).join('');
  const cases: [string, string][] = [
    ['random bytes', `\u0001${garbage()}`],
    ['the log as CSV', 'started_at,ended_at,person,site\r\n2026-11-20T18:30:00.000Z,,Sam,Instagram\r\n'],
    ['a web page', '<!doctype html><html><body>Not found</body></html>'],
    ['YAML', 'format: clean-break-backup\nversion: 1\n'],
    ['the word undefined', 'undefined'],
    ['NaN', 'NaN'],
    ['the backup with text after it', `${valid}\nPS: hello`],
    ['two backups one after the other', `${valid}${valid}`],
    ['single quotes', valid.replaceAll('"', "'")],
    ['a trailing comma', valid.replace(/\]\}$/, ',]}')],
  ];
  const [name, text] = cases[nth % cases.length]!;
  return { name, file: text, says: { matches: NOT_JSON } };
};

/** JSON that is not a Clean Break backup: another program's, or not an object. */
const foreign: Generator = (backup, _random, nth) => {
  const { format: _format, ...rest } = backup;
  const cases: [string, Json, RegExp][] = [
    ['a list holding the backup', [backup], /no “format”/],
    ['null', null, /no “format”/],
    ['a number', 42, /no “format”/],
    // Text here is the file as written: this one is the JSON string "clean-break-backup".
    ['a string', '"clean-break-backup"', /no “format”/],
    ['no format', rest, /no “format”/],
    ['another extension’s export', { format: 'leechblock-options', version: 1, sites: [] }, /another program.*leechblock-options/],
    ['a format that is a number', { ...rest, format: 7 }, /another program/],
    ['an older program’s name', { ...rest, format: 'Clean Break backup' }, /another program/],
    ['the popup’s log export', { format: 'clean-break-log', version: 1, exportedAt: backup.exportedAt, attempts: backup.attempts, journal: backup.journal }, /log exported from the popup/],
    ['a settings object alone', backup.settings, /no “format”/],
  ];
  const [name, file, says] = cases[nth % cases.length]!;
  return { name, file, says: { matches: says } };
};

/** Versions this Clean Break does not read: newer ones, and ones that are no version. */
const badVersion: Generator = (backup, random) => {
  if (random() < 0.5) {
    const version = 2 + int(random, 98);
    backup.version = version as 1;
    return { name: `version ${version}`, file: backup, says: { matches: new RegExp(`newer Clean Break \\(file version ${version};.*update Clean Break first`) } };
  }
  const version = pick(random, [0, -1, 1.5, '1', null, '2', true]);
  (backup as { version: Json }).version = version;
  return { name: `version ${JSON.stringify(version)}`, file: backup, says: { place: 'version' } };
};

const GENERATORS: Generator[] = [wrongType, missingField, badId, hugeString, wrongNesting, badValue, truncated, notJson, foreign, badVersion];

/** `count` malformed files made from `valid`, the same ones for the same seed. */
export function malformedBackups(valid: BackupFile, count = 100, seed = 20_261_202): Malformed[] {
  const random = seededRandom(seed);
  const made = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    const generator = GENERATORS[index % GENERATORS.length]!;
    // A file made before is made again differently: every file is a different test.
    for (let tries = 0; ; tries++) {
      const { name, file, says } = generator(structuredClone(valid), random, Math.floor(index / GENERATORS.length));
      const text = typeof file === 'string' ? file : JSON.stringify(file).replaceAll(`"${INFINITY}"`, '1e400');
      if (made.has(text) && tries < 50) continue;
      made.add(text);
      return { name: `#${index} ${generator.name}: ${name}`, text, says };
    }
  });
}
