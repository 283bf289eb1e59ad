import type { z } from 'zod';
import type { requests, StartedReply } from './messages';
import type { Attempt, JournalEntry, Settings } from './schema';
import {
  attemptsItem,
  journalItem,
  loadAttempts,
  loadJournal,
  loadSettings,
  loadSnoozes,
  settingsItem,
  snoozesItem,
} from './storage';
import { startOfDay } from './stats';

/**
 * The attempt log's one writer, run by the background. Every change is a read-modify-write
 * of storage, serialised through one queue so that messages from many tabs at once lose
 * nothing; nothing is kept only in memory, since the service worker may stop at any time.
 */
let queue: Promise<unknown> = Promise.resolve();

/** How long an abandoned screen may take to come back (a reload) before it counts as left. */
export const ABANDON_GRACE_MS = 10_000;
/**
 * A page that went away this shortly before its tab closed went away because the tab closed:
 * its unload can reach the background before the tab has left the tab strip.
 */
const CLOSING_MS = 3_000;
export function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

const newId = () => crypto.randomUUID();

export function countdownFor(settings: Settings, earlierToday: number): number {
  return Math.min(settings.countdownCapSeconds, settings.countdownSeconds + settings.escalationSeconds * earlierToday);
}

function resolve(attempt: Attempt, outcome: Attempt['outcome'], now: number): Attempt {
  // A screen that went away earlier ended then, not when it was settled.
  const end = attempt.abandonedAt ?? now;
  const wentAwayEarlier = attempt.abandonedAt !== null && now - attempt.abandonedAt > CLOSING_MS;
  return {
    ...attempt,
    outcome: outcome === 'closed' && wentAwayEarlier ? 'left' : outcome,
    endedAt: end,
    secondsOnScreen: Math.max(0, Math.round((end - attempt.startedAt) / 100) / 10),
    tabId: null,
    abandonedAt: null,
  };
}

/** Abandoned screens that did not come back within the grace period were left. */
function settleAbandoned(attempts: Attempt[], now: number): Attempt[] {
  return attempts.map((a) =>
    a.outcome === 'pending' && a.abandonedAt !== null && now - a.abandonedAt >= ABANDON_GRACE_MS ? resolve(a, 'left', now) : a,
  );
}

export function settleAbandonedAttempts(now = Date.now()): Promise<void> {
  return serialized(async () => {
    const attempts = (await loadAttempts(true)).value;
    const settled = settleAbandoned(attempts, now);
    if (settled.some((a, i) => a !== attempts[i])) await attemptsItem.setValue(settled);
  });
}

export function startAttempt(
  request: z.infer<typeof requests.attemptStarted>,
  tabId: number,
  now = Date.now(),
): Promise<StartedReply> {
  return serialized(async () => {
    const settings = (await loadSettings(true)).value;
    const attempts = settleAbandoned((await loadAttempts(true)).value, now);
    // The same screen shown again in the same tab (a reload, the page re-rendering) is the same attempt.
    const same = attempts.find(
      (a) => a.outcome === 'pending' && a.tabId === tabId && a.personId === request.personId && a.site === request.site,
    );
    const earlierToday = attempts.filter((a) => a.startedAt >= startOfDay(now) && a !== same).length;
    if (same) {
      await attemptsItem.setValue(attempts.map((a) => (a === same ? { ...a, abandonedAt: null } : a)));
      return { attemptId: same.id, countdownSeconds: countdownFor(settings, earlierToday) };
    }
    // Another pending attempt in this tab: the page moved on to someone else, so that one was left.
    const updated = attempts.map((a) => (a.outcome === 'pending' && a.tabId === tabId ? resolve(a, 'left', now) : a));
    const attempt: Attempt = {
      id: newId(),
      startedAt: now,
      personId: request.personId,
      site: request.site,
      kind: request.kind,
      outcome: 'pending',
      endedAt: null,
      secondsOnScreen: null,
      journalWritten: false,
      feeling: null,
      tabId,
      abandonedAt: null,
    };
    await attemptsItem.setValue([...updated, attempt]);
    return { attemptId: attempt.id, countdownSeconds: countdownFor(settings, earlierToday) };
  });
}

export function resolveAttempt(request: z.infer<typeof requests.attemptResolved>, now = Date.now()): Promise<void> {
  return serialized(async () => {
    const attempts = (await loadAttempts(true)).value;
    const attempt = attempts.find((a) => a.id === request.attemptId);
    if (!attempt || attempt.outcome !== 'pending') return;
    const journalText = request.journalText?.trim() || null;
    const resolved: Attempt = {
      ...resolve(attempt, request.outcome, now),
      feeling: request.feeling,
      journalWritten: journalText !== null,
    };
    await attemptsItem.setValue(attempts.map((a) => (a.id === attempt.id ? resolved : a)));
    if (journalText) await appendJournal(journalText, attempt, now);
    if (request.outcome === 'continued') await snooze(attempt.personId, attempt.site, now);
  });
}

async function appendJournal(text: string, attempt: Attempt, now: number): Promise<void> {
  const journal = (await loadJournal(true)).value;
  const entry: JournalEntry = {
    id: newId(),
    writtenAt: now,
    personId: attempt.personId,
    site: attempt.site,
    attemptId: attempt.id,
    text,
  };
  await journalItem.setValue([...journal, entry]);
}

/**
 * The first send after Continue, kept in the journal instead of sent. The entry belongs to the
 * decision that led there: the latest attempt with this person on this site that was continued
 * (none, if the log was cleared since), which now counts as one with a journal entry.
 */
export function keepDraft(request: z.infer<typeof requests.keepDraft>, now = Date.now()): Promise<void> {
  return serialized(async () => {
    const attempts = (await loadAttempts(true)).value;
    const continued = attempts
      .filter((a) => a.personId === request.personId && a.site === request.site && a.outcome === 'continued')
      .reduce<Attempt | null>((latest, a) => (!latest || a.startedAt >= latest.startedAt ? a : latest), null);
    const journal = (await loadJournal(true)).value;
    const entry: JournalEntry = {
      id: newId(),
      writtenAt: now,
      personId: request.personId,
      site: request.site,
      attemptId: continued?.id ?? null,
      text: request.text,
    };
    await journalItem.setValue([...journal, entry]);
    if (continued && !continued.journalWritten) {
      await attemptsItem.setValue(attempts.map((a) => (a === continued ? { ...a, journalWritten: true } : a)));
    }
  });
}

async function snooze(personId: string, site: string, now: number): Promise<void> {
  const settings = (await loadSettings(true)).value;
  if (settings.snoozeMinutes === 0) return;
  const snoozes = (await loadSnoozes(true)).value.filter(
    (s) => s.until > now && !(s.personId === personId && s.site === site),
  );
  await snoozesItem.setValue([...snoozes, { personId, site, until: now + settings.snoozeMinutes * 60_000 }]);
}

/**
 * The page showing the screen went away. If its tab is gone, the tab was closed. Otherwise
 * it may be a reload that shows the same screen again: the attempt stays pending, marked
 * abandoned, and settles as left if it does not come back (settleAbandonedAttempts).
 */
export function abandonAttempt(attemptId: string, tabClosed: boolean, now = Date.now()): Promise<void> {
  return serialized(async () => {
    const attempts = (await loadAttempts(true)).value;
    const attempt = attempts.find((a) => a.id === attemptId);
    if (!attempt || attempt.outcome !== 'pending') return;
    const next = tabClosed ? resolve(attempt, 'closed', now) : { ...attempt, abandonedAt: now };
    await attemptsItem.setValue(attempts.map((a) => (a.id === attemptId ? next : a)));
  });
}

/** Resolves as `closed` every pending attempt whose tab is not among the open ones. */
export function closeTabs(isOpen: (tabId: number) => boolean, now = Date.now()): Promise<void> {
  return serialized(async () => {
    const attempts = (await loadAttempts(true)).value;
    const closing = (a: Attempt) => a.outcome === 'pending' && (a.tabId === null || !isOpen(a.tabId));
    if (!attempts.some(closing)) return;
    await attemptsItem.setValue(attempts.map((a) => (closing(a) ? resolve(a, 'closed', now) : a)));
  });
}

export function saveSettings(settings: Settings): Promise<void> {
  return serialized(() => settingsItem.setValue(settings));
}

export function clearLog(): Promise<void> {
  return serialized(() => attemptsItem.setValue([]));
}
