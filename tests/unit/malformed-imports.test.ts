import { describe, expect, it } from 'vitest';
import { parseBackup } from '@/utils/backup';
import { sampleBackup } from './backup-sample';
import { malformedBackups, type Malformed } from './malformed-backups';

const files = malformedBackups(sampleBackup());
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The message names the place itself, or a place inside it (`settings.people[0].identifiers[0]` → `….kind`). */
const expected = (says: Malformed['says']) => ('place' in says ? new RegExp(`(^|[ ;])${escape(says.place)}[:.[]`) : says.matches);

describe('100 generated malformed backup files', () => {
  it('are 100 different files, of every kind of damage', () => {
    expect(files).toHaveLength(100);
    expect(new Set(files.map((file) => file.text)).size).toBe(100);
    expect(new Set(files.map((file) => file.name.split(':')[0]!.replace(/^#\d+ /, ''))).size).toBe(10);
  });

  it.each(files.map((file) => [file.name, file] as const))('%s: refused, with a message that says what and where', (_, file) => {
    const parsed = parseBackup(file.text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(expected(file.says));
  });
});
