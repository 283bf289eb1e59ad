import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AttemptRef } from '@/utils/protocol/requests';
import { recordDb } from '@/utils/store/db';
import { readSummary } from '@/utils/store/db';
import type { Attempt, JournalEntry } from '@/utils/model/schema';

/** The attempts in the log, oldest first. */
export const storedAttempts = (): Promise<Attempt[]> => recordDb().attempts.orderBy('startedAt').toArray();
/** The journal, oldest first. */
export const storedJournal = (): Promise<JournalEntry[]> => recordDb().journal.orderBy('writtenAt').toArray();
export async function storedSummary() {
  const read = await readSummary();
  if (!read.ok) throw new Error(read.error);
  return read.value;
}

let counter = 0;
/** An attempt as a content script names it. */
export function ref(personId: string, startedAt = 1_000, extra: Partial<AttemptRef> = {}): AttemptRef {
  counter += 1;
  return { attemptId: `a-${counter}`, personId, site: 'instagram', kind: 'profile', startedAt, ...extra };
}

/** Everything a change could touch: storage.local whole, and every table of the log's database. */
export async function everything() {
  return {
    storage: await fakeBrowser.storage.local.get(null),
    attempts: await storedAttempts(),
    journal: await storedJournal(),
    meta: await recordDb().meta.toArray(),
  };
}
