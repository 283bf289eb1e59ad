import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '@/utils/model/defaults';
import { recordDb } from '@/utils/store/db';
import { ABANDON_GRACE_MS, countdownFor } from '@/utils/model/attempt-lifecycle';
import { abandonAttempt, closeTabs, keepDraft, rebuildSummary, resolveAttempt, settleAbandonedAttempts, startAttempt, startWriter } from '@/utils/background/log';
import type { AttemptRef } from '@/utils/protocol/requests';
import { loadSnoozes, recordProblemItem, settingsItem, unwrittenItem } from '@/utils/store/storage';
import { localTimeZone, summarize } from '@/utils/model/summary';
import { ref, storedAttempts, storedJournal, storedSummary } from './support/record';

const started = (personId: string, tabId: number, now = 1_000, extra: Partial<AttemptRef> = {}) => {
  const attempt = ref(personId, now, extra);
  return startAttempt(attempt, tabId, now).then((reply) => ({ ...reply, attempt }));
};
const choose = (attempt: AttemptRef, outcome: 'left' | 'continued', tabId: number, now?: number, journalText: string | null = null) =>
  resolveAttempt({ ...attempt, outcome, feeling: null, journalText }, tabId, now);
const byId = async () => new Map((await storedAttempts()).map((a) => [a.id, a]));

describe('the attempt log', () => {
  beforeEach(() => fakeBrowser.reset());

  it('records an attempt as pending, then its outcome and time on screen', async () => {
    const { attempt, countdownSeconds, timesToday } = await started('p1', 7, 1_000);
    expect(countdownSeconds).toBe(10);
    expect(timesToday).toBe(1);
    expect(await storedAttempts()).toEqual([
      expect.objectContaining({ id: attempt.attemptId, outcome: 'pending', tabId: 7, personId: 'p1', kind: 'profile', startedAt: 1_000 }),
    ]);

    await resolveAttempt({ ...attempt, outcome: 'left', feeling: 'lonely', journalText: null }, 7, 13_500);
    expect(await storedAttempts()).toEqual([
      expect.objectContaining({ outcome: 'left', secondsOnScreen: 12.5, endedAt: 13_500, feeling: 'lonely', tabId: null }),
    ]);
    expect(await storedJournal()).toEqual([]);
  });

  it('records 50 attempts from 10 tabs at once without losing one, and its figures agree', async () => {
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => started(`person-${i}`, i % 10, 1_000 + i)));
    const attempts = await storedAttempts();
    expect(attempts).toHaveLength(50);
    expect(new Set(attempts.map((a) => a.id))).toEqual(new Set(replies.map((r) => r.attempt.attemptId)));
    // In each tab the latest attempt is pending; the earlier ones were left for someone else.
    expect(attempts.filter((a) => a.outcome === 'pending')).toHaveLength(10);
    expect(await storedSummary()).toEqual(summarize(attempts, localTimeZone()));
  });

  it('records Leave pressed before the start arrived (a cold worker): the outcome comes first, the start changes nothing', async () => {
    const attempt = ref('p1', 1_000);
    await choose(attempt, 'left', 4, 1_400);
    expect(await storedAttempts()).toEqual([
      expect.objectContaining({ id: attempt.attemptId, outcome: 'left', startedAt: 1_000, endedAt: 1_400, secondsOnScreen: 0.4 }),
    ]);
    const reply = await startAttempt(attempt, 4, 1_500);
    expect(reply.timesToday).toBe(1);
    expect(await storedAttempts()).toEqual([expect.objectContaining({ id: attempt.attemptId, outcome: 'left' })]);
    expect((await storedSummary())?.outcomes).toEqual({ pending: 0, left: 1, continued: 0 });
  });

  it('records a choice whose start never arrived at all, and a page that went away without one', async () => {
    const continued = ref('p1', 2_000);
    await choose(continued, 'continued', 1, 5_000);
    const gone = ref('p2', 2_000);
    await abandonAttempt(gone, 2, true, 3_000);
    const attempts = await byId();
    expect(attempts.get(continued.attemptId)).toMatchObject({ outcome: 'continued', startedAt: 2_000 });
    expect(attempts.get(gone.attemptId)).toMatchObject({ outcome: 'closed', startedAt: 2_000, endedAt: 3_000 });
    expect((await loadSnoozes()).value).toEqual([{ personId: 'p1', site: 'instagram', until: 5_000 + 10 * 60_000 }]);
  });

  it('does not believe a start time from before yesterday or in the future', async () => {
    const now = 10 * 24 * 60 * 60 * 1000;
    const early = ref('p1', 0);
    const late = ref('p2', now + 60_000);
    await startAttempt(early, 1, now);
    await startAttempt(late, 2, now);
    const attempts = await byId();
    expect(attempts.get(early.attemptId)?.startedAt).toBe(now - 24 * 60 * 60 * 1000);
    expect(attempts.get(late.attemptId)?.startedAt).toBe(now);
  });

  it('lengthens the countdown for each earlier attempt today, up to the cap, and says which time today it is', async () => {
    const settings = { ...defaultSettings(), countdownSeconds: 10, escalationSeconds: 20, countdownCapSeconds: 45 };
    expect([0, 1, 2, 3].map((n) => countdownFor(settings, n))).toEqual([10, 30, 45, 45]);
    await settingsItem.setValue(settings);
    const noon = new Date(2026, 10, 25, 12).getTime();
    const yesterday = new Date(2026, 10, 24, 23, 59).getTime();
    await started('p0', 9, yesterday);
    expect(await started('p1', 1, noon)).toMatchObject({ countdownSeconds: 10, timesToday: 1 });
    expect(await started('p2', 2, noon + 1)).toMatchObject({ countdownSeconds: 30, timesToday: 2 });
    expect(await started('p3', 3, noon + 2)).toMatchObject({ countdownSeconds: 45, timesToday: 3 });
  });

  it('lets the person through on this site after Continue, and keeps what was written', async () => {
    const { attempt } = await started('p1', 1, 5_000);
    await choose(attempt, 'continued', 1, 9_000, '  I miss you  ');
    expect((await loadSnoozes()).value).toEqual([{ personId: 'p1', site: 'instagram', until: 9_000 + 10 * 60_000 }]);
    expect(await storedJournal()).toEqual([
      expect.objectContaining({ text: 'I miss you', personId: 'p1', attemptId: attempt.attemptId, writtenAt: 9_000 }),
    ]);
    expect((await storedAttempts())[0]).toMatchObject({ outcome: 'continued', journalWritten: true });
    expect((await storedSummary())?.withJournal).toBe(1);
  });

  it('resolves once: a later message cannot change an outcome', async () => {
    const { attempt } = await started('p1', 1);
    await choose(attempt, 'left', 1);
    await choose(attempt, 'continued', 1);
    await abandonAttempt(attempt, 1, true);
    expect((await storedAttempts())[0]?.outcome).toBe('left');
    expect((await loadSnoozes()).value).toEqual([]);
  });

  it('records a closed tab as left by closing the tab, and a page navigated away as left when it went', async () => {
    const closed = await started('p1', 1, 1_000);
    const navigated = await started('p2', 2, 1_000);
    const open = await started('p3', 3, 1_000);
    await closeTabs([2, 3], 2_000);
    await abandonAttempt(navigated.attempt, 2, false, 4_000);
    expect((await byId()).get(closed.attempt.attemptId)?.outcome).toBe('closed');
    // Until the grace period is over it may still be a reload.
    await settleAbandonedAttempts(4_000 + ABANDON_GRACE_MS - 1);
    expect((await byId()).get(navigated.attempt.attemptId)?.outcome).toBe('pending');
    await settleAbandonedAttempts(4_000 + ABANDON_GRACE_MS);
    expect((await byId()).get(navigated.attempt.attemptId)).toMatchObject({ outcome: 'left', endedAt: 4_000, secondsOnScreen: 3 });
    expect((await byId()).get(open.attempt.attemptId)?.outcome).toBe('pending');
  });

  it('counts a reload (the page goes away, the same screen comes back in that tab) as the same attempt', async () => {
    const first = await started('p1', 5, 1_000);
    await abandonAttempt(first.attempt, 5, false, 2_000);
    // The new page names its screen anew; the record carries over to that name, keeping its start.
    const again = await started('p1', 5, 2_500);
    await settleAbandonedAttempts(2_000 + ABANDON_GRACE_MS * 2);
    expect(await storedAttempts()).toEqual([
      expect.objectContaining({ id: again.attempt.attemptId, outcome: 'pending', abandonedAt: null, startedAt: 1_000 }),
    ]);
    expect((await storedSummary())?.total).toBe(1);
    await choose(again.attempt, 'left', 5, 6_000);
    expect((await storedAttempts())[0]).toMatchObject({ outcome: 'left', secondsOnScreen: 5 });
  });

  it('settles a screen that went away as left, even if its tab is closed later', async () => {
    const { attempt } = await started('p1', 6, 1_000);
    await abandonAttempt(attempt, 6, false, 3_000);
    await closeTabs([], 9_000);
    expect((await storedAttempts())[0]).toMatchObject({ outcome: 'left', endedAt: 3_000 });
  });

  it('records a tab close whose page unloaded just before the tab left the strip as closed', async () => {
    const { attempt } = await started('p1', 7, 1_000);
    await abandonAttempt(attempt, 7, false, 3_000); // the unload's message won the race
    await closeTabs([], 3_200);
    expect((await storedAttempts())[0]).toMatchObject({ outcome: 'closed', endedAt: 3_000 });
  });

  it('keeps its figures equal to the figures of the whole log through every kind of change', async () => {
    const a = await started('p1', 1, 1_000);
    const b = await started('p2', 2, 2_000);
    await started('p3', 1, 3_000); // leaves p1 in tab 1
    await choose(b.attempt, 'continued', 2, 4_000, 'words');
    await abandonAttempt(ref('p4', 5_000), 3, false, 6_000);
    await settleAbandonedAttempts(6_000 + ABANDON_GRACE_MS);
    await closeTabs([2], 20_000);
    await keepDraft({ personId: 'p2', site: 'instagram', text: 'kept' }, 21_000);
    await choose(a.attempt, 'continued', 1, 22_000); // already left: changes nothing
    expect(await storedSummary()).toEqual(summarize(await storedAttempts(), localTimeZone()));
  });

  it('counts its figures again from the log when they are missing or unreadable', async () => {
    await started('p1', 1, 1_000);
    await started('p2', 2, 2_000);
    await recordDb().meta.put({ key: 'summary', value: { version: 99 } });
    await rebuildSummary();
    expect((await storedSummary())?.total).toBe(2);
    await recordDb().meta.delete('summary');
    await started('p3', 3, 3_000);
    expect((await storedSummary())?.total).toBe(3);
  });
});

describe('a log that cannot be read or written', () => {
  beforeEach(() => fakeBrowser.reset());

  it('writes nothing when a read fails: three attempts stay three', async () => {
    for (const [i, person] of ['p1', 'p2', 'p3'].entries()) {
      const { attempt } = await started(person, i + 1, 1_000 + i);
      await choose(attempt, 'left', i + 1, 2_000 + i);
    }
    const before = await storedAttempts();
    const read = vi.spyOn(recordDb().attempts, 'get').mockRejectedValue(new Error('read failed'));
    await expect(started('p4', 9, 5_000)).rejects.toThrow('read failed');
    expect(read).toHaveBeenCalledTimes(4); // tried, then three more times
    read.mockRestore();
    expect(await storedAttempts()).toEqual(before);
    expect(await storedSummary()).toEqual(summarize(before, localTimeZone()));
  });

  it('keeps a change whose write failed, says so, and writes it when writing works again', async () => {
    const put = vi.spyOn(recordDb().attempts, 'put').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    const attempt = ref('p1', 1_000);
    await expect(choose(attempt, 'left', 1, 2_000)).rejects.toThrow('full');
    expect(await storedAttempts()).toEqual([]);
    expect(await unwrittenItem.getValue()).toEqual([expect.objectContaining({ type: 'resolve' })]);
    expect(await recordProblemItem.getValue()).toMatchObject({ message: expect.stringContaining('QuotaExceededError'), waiting: 1 });

    put.mockRestore();
    await startWriter(); // the next start of the background
    expect(await storedAttempts()).toEqual([expect.objectContaining({ id: attempt.attemptId, outcome: 'left', startedAt: 1_000 })]);
    expect(await unwrittenItem.getValue()).toEqual([]);
    expect(await recordProblemItem.getValue()).toBeNull();
  });

  it('writes what was waiting before the next change that succeeds, in order', async () => {
    const put = vi.spyOn(recordDb().attempts, 'put').mockRejectedValue(new Error('disk'));
    const first = ref('p1', 1_000);
    await expect(startAttempt(first, 1, 1_000)).rejects.toThrow('disk');
    await expect(choose(first, 'continued', 1, 3_000)).rejects.toThrow('disk');
    put.mockRestore();
    await started('p2', 2, 4_000);
    expect(await byId()).toEqual(
      new Map([
        [first.attemptId, expect.objectContaining({ outcome: 'continued', endedAt: 3_000 })],
        [expect.any(String), expect.objectContaining({ personId: 'p2', outcome: 'pending' })],
      ]),
    );
    expect(await recordProblemItem.getValue()).toBeNull();
  });
});
