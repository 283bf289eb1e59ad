import { defaultSettings } from '@/utils/model/defaults';
import { BACKUP_FORMAT, BACKUP_VERSION, type Attempt, type BackupFile, type JournalEntry, type Settings } from '@/utils/model/schema';

/** A backup as another browser's Clean Break would write it: three people, a custom site, a log and a journal. */
export function sampleSettings(): Settings {
  return {
    ...defaultSettings(),
    people: [
      { id: 'p-sam', alias: 'Sam', identifiers: [{ kind: 'handle', value: 'sam.lee', site: 'instagram' }], addedAt: 1_700_000_000_000 },
      { id: 'p-alex', alias: 'Alex', identifiers: [{ kind: 'email', value: 'alex@example.com', site: '*' }], addedAt: 1_700_000_100_000 },
      {
        id: 'p-kim',
        alias: 'Kim',
        identifiers: [
          { kind: 'handle', value: 'kim_k', site: 'x' },
          { kind: 'conversationId', value: '340282366841710300949128171234567890', site: 'instagram', learned: true },
        ],
        addedAt: 1_700_000_200_000,
      },
    ],
    disabledSites: ['tiktok'],
    customSites: [
      {
        id: 'custom-forum',
        name: 'Book club',
        pattern: 'https://forum.example.com/*',
        kind: 'profile',
        identify: { by: 'url', after: '/members/' },
        addedAt: 1_700_000_300_000,
      },
    ],
    countdownSeconds: 20,
    typedPhrase: 'I choose me',
    supportPerson: { name: 'Jo', link: 'tel:+441234567890' },
    noContactSince: '2026-10-01',
  };
}

export function sampleAttempt(id: string, startedAt: number, extra: Partial<Attempt> = {}): Attempt {
  return {
    id,
    startedAt,
    personId: 'p-sam',
    site: 'instagram',
    kind: 'profile',
    outcome: 'left',
    endedAt: startedAt + 12_000,
    secondsOnScreen: 12,
    journalWritten: false,
    feeling: 'lonely',
    tabId: null,
    abandonedAt: null,
    ...extra,
  };
}

export function sampleJournal(id: string, writtenAt: number, extra: Partial<JournalEntry> = {}): JournalEntry {
  return { id, writtenAt, personId: 'p-sam', site: 'instagram', attemptId: null, text: `What I wanted to say (${id})`, ...extra };
}

export const EXPORTED_AT = Date.UTC(2026, 10, 20, 18, 30);

export function sampleBackup(): BackupFile {
  const day = 24 * 60 * 60 * 1000;
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(EXPORTED_AT).toISOString(),
    settings: sampleSettings(),
    attempts: [
      sampleAttempt('a-1', EXPORTED_AT - 9 * day),
      sampleAttempt('a-2', EXPORTED_AT - 5 * day, { personId: 'p-alex', site: 'gmail', kind: 'compose', outcome: 'continued', journalWritten: true, feeling: 'missing-them' }),
      sampleAttempt('a-3', EXPORTED_AT - 2 * day, { personId: 'p-kim', site: 'x', outcome: 'closed', feeling: null }),
      sampleAttempt('a-4', EXPORTED_AT - day, { site: 'custom-forum' }),
      sampleAttempt('a-5', EXPORTED_AT - 3_600_000, { personId: 'p-kim', site: 'instagram', kind: 'thread', feeling: 'had-a-drink' }),
    ],
    journal: [
      sampleJournal('j-1', EXPORTED_AT - 5 * day, { personId: 'p-alex', site: 'gmail', attemptId: 'a-2' }),
      sampleJournal('j-2', EXPORTED_AT - 2 * day, { personId: null, site: null }),
      sampleJournal('j-3', EXPORTED_AT - 3_600_000, { personId: 'p-kim' }),
    ],
  };
}
