import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '@/utils/defaults';
import {
  ABANDON_GRACE_MS,
  abandonAttempt,
  closeTabs,
  countdownFor,
  resolveAttempt,
  settleAbandonedAttempts,
  startAttempt,
} from '@/utils/log';
import { loadAttempts, loadJournal, loadSnoozes, settingsItem } from '@/utils/storage';

const started = (personId: string, tabId: number, now?: number) =>
  startAttempt({ personId, site: 'instagram', kind: 'profile' }, tabId, now);

describe('the attempt log', () => {
  beforeEach(() => fakeBrowser.reset());

  it('records an attempt as pending, then its outcome and time on screen', async () => {
    const { attemptId, countdownSeconds } = await started('p1', 7, 1_000);
    expect(countdownSeconds).toBe(10);
    let [attempt] = (await loadAttempts()).value;
    expect(attempt).toMatchObject({ id: attemptId, outcome: 'pending', tabId: 7, personId: 'p1', kind: 'profile' });

    await resolveAttempt({ attemptId, outcome: 'left', feeling: 'lonely', journalText: null }, 13_500);
    [attempt] = (await loadAttempts()).value;
    expect(attempt).toMatchObject({ outcome: 'left', secondsOnScreen: 12.5, endedAt: 13_500, feeling: 'lonely', tabId: null });
    expect((await loadJournal()).value).toEqual([]);
  });

  it('records 50 attempts from 10 tabs at once without losing one', async () => {
    const all = Array.from({ length: 50 }, (_, i) => started(`person-${i}`, i % 10));
    const replies = await Promise.all(all);
    const attempts = (await loadAttempts()).value;
    expect(attempts).toHaveLength(50);
    expect(new Set(attempts.map((a) => a.id))).toEqual(new Set(replies.map((r) => r.attemptId)));
    // In each tab the latest attempt is pending; the earlier ones were left for someone else.
    expect(attempts.filter((a) => a.outcome === 'pending')).toHaveLength(10);
  });

  it('counts the screen shown again in the same tab (a reload) as the same attempt', async () => {
    const first = await started('p1', 3);
    const again = await started('p1', 3);
    expect(again.attemptId).toBe(first.attemptId);
    expect((await loadAttempts()).value).toHaveLength(1);
  });

  it('lengthens the countdown for each earlier attempt today, up to the cap', async () => {
    const settings = { ...defaultSettings(), countdownSeconds: 10, escalationSeconds: 20, countdownCapSeconds: 45 };
    expect([0, 1, 2, 3].map((n) => countdownFor(settings, n))).toEqual([10, 30, 45, 45]);
    await settingsItem.setValue(settings);
    const now = new Date(2026, 10, 25, 12).getTime();
    expect((await started('p1', 1, now)).countdownSeconds).toBe(10);
    expect((await started('p2', 2, now + 1)).countdownSeconds).toBe(30);
  });

  it('lets the person through on this site after Continue, and keeps what was written', async () => {
    const { attemptId } = await started('p1', 1, 5_000);
    await resolveAttempt({ attemptId, outcome: 'continued', feeling: null, journalText: '  I miss you  ' }, 9_000);
    expect((await loadSnoozes()).value).toEqual([{ personId: 'p1', site: 'instagram', until: 9_000 + 10 * 60_000 }]);
    expect((await loadJournal()).value).toEqual([
      expect.objectContaining({ text: 'I miss you', personId: 'p1', attemptId, writtenAt: 9_000 }),
    ]);
    expect((await loadAttempts()).value[0]).toMatchObject({ outcome: 'continued', journalWritten: true });
  });

  it('resolves once: a later message cannot change an outcome', async () => {
    const { attemptId } = await started('p1', 1);
    await resolveAttempt({ attemptId, outcome: 'left', feeling: null, journalText: null });
    await resolveAttempt({ attemptId, outcome: 'continued', feeling: null, journalText: null });
    await abandonAttempt(attemptId, true);
    expect((await loadAttempts()).value[0]?.outcome).toBe('left');
    expect((await loadSnoozes()).value).toEqual([]);
  });

  it('records a closed tab as left by closing the tab, and a page navigated away as left when it went', async () => {
    const closed = await started('p1', 1, 1_000);
    const navigated = await started('p2', 2, 1_000);
    const open = await started('p3', 3, 1_000);
    await closeTabs((tabId) => tabId !== 1, 2_000);
    await abandonAttempt(navigated.attemptId, false, 4_000);
    const outcomes = async () => new Map((await loadAttempts()).value.map((a) => [a.id, a]));
    expect((await outcomes()).get(closed.attemptId)?.outcome).toBe('closed');
    // Until the grace period is over it may still be a reload.
    await settleAbandonedAttempts(4_000 + ABANDON_GRACE_MS - 1);
    expect((await outcomes()).get(navigated.attemptId)?.outcome).toBe('pending');
    await settleAbandonedAttempts(4_000 + ABANDON_GRACE_MS);
    expect((await outcomes()).get(navigated.attemptId)).toMatchObject({ outcome: 'left', endedAt: 4_000, secondsOnScreen: 3 });
    expect((await outcomes()).get(open.attemptId)?.outcome).toBe('pending');
  });

  it('counts a reload (the page goes away, the same screen comes back in that tab) as the same attempt', async () => {
    const first = await started('p1', 5, 1_000);
    await abandonAttempt(first.attemptId, false, 2_000);
    const again = await started('p1', 5, 2_500);
    expect(again.attemptId).toBe(first.attemptId);
    await settleAbandonedAttempts(2_000 + ABANDON_GRACE_MS * 2);
    expect((await loadAttempts()).value).toEqual([expect.objectContaining({ outcome: 'pending', abandonedAt: null })]);
  });

  it('settles a screen that went away as left, even if its tab is closed later', async () => {
    const { attemptId } = await started('p1', 6, 1_000);
    await abandonAttempt(attemptId, false, 3_000);
    await closeTabs((tabId) => tabId !== 6, 9_000);
    expect((await loadAttempts()).value[0]).toMatchObject({ outcome: 'left', endedAt: 3_000 });
  });

  it('records a tab close whose page unloaded just before the tab left the strip as closed', async () => {
    const { attemptId } = await started('p1', 7, 1_000);
    await abandonAttempt(attemptId, false, 3_000); // the unload's message won the race
    await closeTabs((tabId) => tabId !== 7, 3_200);
    expect((await loadAttempts()).value[0]).toMatchObject({ outcome: 'closed', endedAt: 3_000 });
  });
});
