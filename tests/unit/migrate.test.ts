import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { recordDb } from '@/utils/store/db';
import { resetWriter, startAttempt, startWriter } from '@/utils/background/log';
import type { Attempt, JournalEntry } from '@/utils/model/schema';
import { localTimeZone, summarize } from '@/utils/model/summary';
import { ref, storedAttempts, storedJournal, storedSummary } from './support/record';

// What the first release stored in storage.local (utils/model/schema.ts, version 1), as it wrote it.
const v1Attempt = (id: string, startedAt: number, extra: Partial<Attempt> = {}): Attempt => ({
  id,
  startedAt,
  personId: 'p-sam',
  site: 'instagram',
  kind: 'profile',
  outcome: 'left',
  endedAt: startedAt + 12_000,
  secondsOnScreen: 12,
  journalWritten: false,
  feeling: null,
  tabId: null,
  abandonedAt: null,
  ...extra,
});
const v1Entry = (id: string, writtenAt: number, attemptId: string | null): JournalEntry => ({
  id,
  writtenAt,
  personId: 'p-sam',
  site: 'instagram',
  attemptId,
  text: `entry ${id}`,
});
const rawKeys = async () => Object.keys(await fakeBrowser.storage.local.get(null)).sort();

describe('moving the log out of storage.local', () => {
  beforeEach(() => fakeBrowser.reset());

  it('moves every attempt and journal entry of the version-1 shapes, then removes the old keys', async () => {
    // The earliest version-1 attempts had no abandonedAt; the schema's default reads them.
    const { abandonedAt: _, ...earliest } = v1Attempt('a0', 500);
    const attempts = [earliest, v1Attempt('a1', 1_000, { outcome: 'continued', journalWritten: true }), v1Attempt('a2', 2_000, { outcome: 'closed' })];
    const journal = [v1Entry('j1', 1_500, 'a1'), v1Entry('j2', 3_000, null)];
    await fakeBrowser.storage.local.set({ attempts, attempts$: { v: 1 }, journal, journal$: { v: 1 }, snoozes: [] });

    await startWriter();

    expect(await storedAttempts()).toEqual([v1Attempt('a0', 500), attempts[1], attempts[2]]);
    expect(await storedJournal()).toEqual(journal);
    expect(await storedSummary()).toEqual(summarize(await storedAttempts(), localTimeZone()));
    expect(await rawKeys()).toEqual(['snoozes']);
  });

  it('moves whatever it finds at any start, not only on an update, and adds to what is there', async () => {
    await startAttempt(ref('p1', 10_000), 1, 10_000);
    await fakeBrowser.storage.local.set({ attempts: [v1Attempt('old', 1_000)] });
    resetWriter(); // the worker stopped and started again
    await startWriter();
    expect((await storedAttempts()).map((a) => a.id)).toEqual(['old', expect.stringMatching(/^a-/)]);
    expect((await storedSummary())?.total).toBe(2);
  });

  it('keeps entries a move cut short already wrote as they are now, and moves the rest', async () => {
    // An earlier move wrote a1, which has been resolved since; then the worker stopped before removing the old keys.
    await recordDb().attempts.put(v1Attempt('a1', 1_000, { outcome: 'continued' }));
    await fakeBrowser.storage.local.set({ attempts: [v1Attempt('a1', 1_000), v1Attempt('a2', 2_000)] });
    await startWriter();
    expect(await storedAttempts()).toEqual([v1Attempt('a1', 1_000, { outcome: 'continued' }), v1Attempt('a2', 2_000)]);
    expect(await rawKeys()).toEqual([]);
  });

  it('keeps the raw value of entries that no longer parse among the backups, and moves the rest', async () => {
    const damaged = [v1Attempt('a1', 1_000), { id: 'broken' }, null];
    await fakeBrowser.storage.local.set({ attempts: damaged, journal: 'not a list' });
    await startWriter();
    expect(await storedAttempts()).toEqual([v1Attempt('a1', 1_000)]);
    const { backups } = await fakeBrowser.storage.local.get('backups');
    expect(backups).toEqual([
      { item: 'attempts', savedAt: expect.any(Number), raw: damaged },
      { item: 'journal', savedAt: expect.any(Number), raw: 'not a list' },
    ]);
    expect(await rawKeys()).toEqual(['backups']);
  });

  it('writes nothing and removes nothing when storage.local cannot be read, and moves it at the next start', async () => {
    const attempts = [v1Attempt('a1', 1_000)];
    await fakeBrowser.storage.local.set({ attempts });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('IO error'));
    await expect(startWriter()).rejects.toThrow('IO error');
    get.mockRestore();
    expect(await storedAttempts()).toEqual([]);
    expect(await rawKeys()).toEqual(['attempts']);

    await startWriter();
    expect(await storedAttempts()).toEqual(attempts);
    expect(await rawKeys()).toEqual([]);
  });

  it('keeps the old copy when the moved log cannot be read back as it was', async () => {
    const attempts = [v1Attempt('a1', 1_000), v1Attempt('a2', 2_000)];
    await fakeBrowser.storage.local.set({ attempts });
    // The database takes the write but loses part of it (a damaged disk).
    const table = recordDb().attempts;
    const bulkPut = table.bulkPut.bind(table);
    const lossy = vi.spyOn(table, 'bulkPut').mockImplementation(((items: Attempt[]) => bulkPut(items.slice(0, -1))) as never);
    await expect(startWriter()).rejects.toThrow('read back');
    lossy.mockRestore();
    expect(await rawKeys()).toEqual(['attempts']);
  });

  it('holds the first change until the move is done, so nothing recorded meanwhile is lost', async () => {
    await fakeBrowser.storage.local.set({ attempts: [v1Attempt('a1', 1_000)] });
    // No startWriter: a message can wake the worker first.
    await startAttempt(ref('p1', 5_000), 3, 5_000);
    expect((await storedAttempts()).map((a) => a.id)).toEqual(['a1', expect.stringMatching(/^a-/)]);
    expect(await rawKeys()).toEqual([]);
  });

  // 40,000 (where the old store broke) is moved in the e2e test, in a real browser: fake-indexeddb is slow.
  it('moves a long log whole', async () => {
    const attempts = Array.from({ length: 3_000 }, (_, i) => v1Attempt(`a${i}`, 1_000 + i * 60_000));
    await fakeBrowser.storage.local.set({ attempts });
    await startWriter();
    expect(await recordDb().attempts.count()).toBe(3_000);
    expect((await storedSummary())?.total).toBe(3_000);
    expect(await rawKeys()).toEqual([]);
  }, 60_000);
});
