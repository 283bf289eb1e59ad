import { describe, expect, it } from 'vitest';
import { recordDb } from '@/utils/store/db';
import { attemptsCsv, CSV_HEADER, csvField, exportFileName } from '@/utils/model/export';
import { attemptsByTime, exportCsv, exportJson } from '@/utils/store/export';
import type { Attempt, JournalEntry, Settings } from '@/utils/model/schema';

/** RFC 4180, read back: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

const settings: Pick<Settings, 'people' | 'customSites'> = {
  people: [
    { id: 'p1', alias: 'Sam, "the one"', identifiers: [], addedAt: 1 },
    { id: 'p2', alias: 'Line\nbreak', identifiers: [], addedAt: 1 },
  ],
  customSites: [
    { id: 'custom-forum', name: 'Book club', pattern: 'https://forum.example.com/*', kind: 'profile', identify: { by: 'url', after: '/members/' }, addedAt: 1 },
  ],
};

const attempt = (id: string, startedAt: number, extra: Partial<Attempt> = {}): Attempt => ({
  id,
  startedAt,
  personId: 'p1',
  site: 'instagram',
  kind: 'profile',
  outcome: 'left',
  endedAt: startedAt + 12_345,
  secondsOnScreen: 12.345,
  journalWritten: false,
  feeling: null,
  tabId: null,
  abandonedAt: null,
  ...extra,
});

describe('CSV fields', () => {
  it('are quoted only when they hold a comma, a quote, CR or LF, with quotes doubled', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(3.5)).toBe('3.5');
    expect(csvField(' spaced ')).toBe(' spaced ');
  });
});

describe('the CSV export', () => {
  it('has a header row and one row per attempt, CRLF line ends, ISO times, aliases and site names', () => {
    const text = attemptsCsv(
      [
        attempt('a1', Date.UTC(2026, 10, 3, 21, 4)),
        attempt('a2', Date.UTC(2026, 10, 4, 8, 0), { personId: 'p2', site: 'custom-forum', outcome: 'continued', feeling: 'missing-them', journalWritten: true }),
        attempt('a3', Date.UTC(2026, 10, 5), { personId: 'gone', site: 'whatsapp', outcome: 'pending', endedAt: null, secondsOnScreen: null }),
      ],
      settings,
    );
    expect(text.startsWith(CSV_HEADER)).toBe(true);
    expect(CSV_HEADER).toBe('started_at,ended_at,person,site,kind,outcome,seconds_on_screen,feeling,journal_written,id\r\n');
    expect(parseCsv(text)).toEqual([
      ['started_at', 'ended_at', 'person', 'site', 'kind', 'outcome', 'seconds_on_screen', 'feeling', 'journal_written', 'id'],
      ['2026-11-03T21:04:00.000Z', '2026-11-03T21:04:12.345Z', 'Sam, "the one"', 'Instagram', 'profile', 'left', '12.3', '', 'no', 'a1'],
      ['2026-11-04T08:00:00.000Z', '2026-11-04T08:00:12.345Z', 'Line\nbreak', 'Book club', 'profile', 'continued', '12.3', 'missing-them', 'yes', 'a2'],
      ['2026-11-05T00:00:00.000Z', '', 'Someone you removed', 'WhatsApp Web', 'profile', 'pending', '', '', 'no', 'a3'],
    ]);
    expect(text).toContain('"Sam, ""the one"""');
  });

  it('is read from the database a page at a time, oldest first, in parts that join to the same text', async () => {
    const attempts = Array.from({ length: 2500 }, (_, i) => attempt(`a${String(i).padStart(5, '0')}`, 1_000_000 + (2500 - i) * 1000));
    await recordDb().attempts.bulkPut(attempts);
    const parts = await exportCsv(recordDb(), settings);
    expect(parts.length).toBeGreaterThan(2);
    const sorted = [...attempts].sort((a, b) => a.startedAt - b.startedAt);
    expect(parts.join('')).toBe(attemptsCsv(sorted, settings));
    expect(parseCsv(parts.join(''))).toHaveLength(2501);
  });

  it('pages through attempts that share a time without losing or repeating one', async () => {
    const attempts = Array.from({ length: 57 }, (_, i) => attempt(`t${String(i).padStart(2, '0')}`, i < 40 ? 5000 : 5000 + i));
    await recordDb().attempts.bulkPut(attempts);
    const pages: string[][] = [];
    for await (const page of attemptsByTime(recordDb(), 7)) pages.push(page.map((a) => a.id));
    expect(pages.flat()).toEqual(attempts.map((a) => a.id));
  });

  it('of an empty log is the header alone', async () => {
    expect((await exportCsv(recordDb(), settings)).join('')).toBe(CSV_HEADER);
  });
});

describe('the JSON export', () => {
  it('is versioned and holds every attempt and journal entry as stored', async () => {
    const attempts = Array.from({ length: 1500 }, (_, i) => attempt(`a${i}`, 1000 + i));
    const journal: JournalEntry[] = [
      { id: 'j1', writtenAt: 5, personId: 'p1', site: 'instagram', attemptId: 'a1', text: 'I still think about the lake trip, "always".' },
    ];
    await recordDb().attempts.bulkPut(attempts);
    await recordDb().journal.bulkPut(journal);
    const now = Date.UTC(2026, 11, 1, 12);
    const text = (await exportJson(recordDb(), now)).join('');
    expect(JSON.parse(text)).toEqual({ format: 'clean-break-log', version: 1, exportedAt: '2026-12-01T12:00:00.000Z', attempts, journal });
  });

  it('of an empty log is still a valid file', async () => {
    const text = (await exportJson(recordDb(), 0)).join('');
    expect(JSON.parse(text)).toEqual({ format: 'clean-break-log', version: 1, exportedAt: '1970-01-01T00:00:00.000Z', attempts: [], journal: [] });
  });

  it('is named by the day', () => {
    expect(exportFileName('csv', new Date(2026, 11, 1, 9).getTime())).toBe('clean-break-log-2026-12-01.csv');
  });
});
