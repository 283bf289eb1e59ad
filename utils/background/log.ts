import { browser } from 'wxt/browser';
import type { z } from '../model/zod';
import { META, recordDb, describeError, type RecordDb } from '../store/db';
import type { AttemptRef, requests, StartedReply } from '../protocol/requests';
import { moveLegacyLog } from './migrate';
import type { Attempt, JournalEntry } from '../model/schema';
import { continueRule } from '../model/changes';
import { loadFriendCode, loadSettings, loadSnoozes, recordProblemItem, snoozesItem, unwrittenItem } from '../store/storage';
import { applyToSummary, emptySummary, localTimeZone, summarize, Summary } from '../model/summary';
import { abandoned, cameBack, chose, countdownFor, settled, started, startOfLocalDay, tabsClosed, type Put } from '../model/attempt-lifecycle';
import { serialQueue } from './queue';

/**
 * The attempt log's and the journal's one writer, run by the background. Each change is one
 * IndexedDB transaction over the attempts, the journal and the summary beside them, so a
 * change and the figures always agree, and its cost does not grow with the log. Changes run
 * one at a time through one queue, so messages from many tabs at once lose nothing; nothing
 * is kept only in memory, since the service worker may stop at any time.
 *
 * A read that fails fails its transaction: nothing is ever written on the strength of it. A
 * write that fails is tried again, then kept in storage.local to be written later, and the
 * problem is shown (badge, popup): never swallowed.
 */
/** The log's queue: every change to the log, and what must wait for one (learn.ts), runs through it. */
export const serialized = serialQueue();

const newId = () => crypto.randomUUID();

/** One transaction's view of the log: reads, then writes that keep the summary in step. */
class LogTransaction {
  private summary: Summary | null = null;
  private dirty = false;
  constructor(readonly db: RecordDb) {}

  /** The stored summary; one that is missing (with attempts stored) or does not parse is rebuilt. */
  private async figures(): Promise<Summary> {
    if (this.summary) return this.summary;
    const row = await this.db.meta.get(META.summary);
    const parsed = row ? Summary.safeParse(row.value) : null;
    if (parsed?.success && parsed.data.timeZone === localTimeZone()) this.summary = parsed.data;
    else if (!row && (await this.db.attempts.count()) === 0) this.summary = emptySummary(localTimeZone());
    else this.summary = summarize(await this.db.attempts.toArray(), localTimeZone());
    return this.summary;
  }

  async put(before: Attempt | null, after: Attempt): Promise<void> {
    // The figures are read (or rebuilt) before the log changes under them.
    const figures = await this.figures();
    // An attempt carried over to a new id (a reload) leaves its old id.
    if (before && before.id !== after.id) await this.db.attempts.delete(before.id);
    await this.db.attempts.put(after);
    this.summary = applyToSummary(figures, before, after);
    this.dirty = true;
  }

  /** Writes what an attempt rule returned (utils/model/attempt-lifecycle.ts), in order. */
  async putAll(puts: readonly Put[]): Promise<void> {
    for (const [before, after] of puts) await this.put(before, after);
  }

  async done(): Promise<void> {
    if (this.dirty && this.summary) await this.db.meta.put({ key: META.summary, value: this.summary });
  }
}

async function inTransaction<T>(task: (change: LogTransaction) => Promise<T>): Promise<T> {
  const db = recordDb();
  return db.transaction('rw', db.attempts, db.journal, db.meta, async () => {
    const change = new LogTransaction(db);
    const result = await task(change);
    await change.done();
    return result;
  });
}

const pendingAttempts = (db: RecordDb) => db.attempts.where('outcome').equals('pending').toArray();

async function settleAbandoned(change: LogTransaction, now: number): Promise<void> {
  await change.putAll(settled(await pendingAttempts(change.db), now));
}

/** The attempt a content script speaks of, as stored: started (attempt-lifecycle.ts, `started`) if it is not yet. */
async function ensureStarted(change: LogTransaction, ref: AttemptRef, tabId: number, now: number): Promise<Attempt> {
  const stored = await change.db.attempts.get(ref.attemptId);
  if (stored) return stored;
  const { attempt, puts } = started(ref, tabId, await change.db.attempts.where('tabId').equals(tabId).toArray(), now);
  await change.putAll(puts);
  return attempt;
}

async function startedReply(db: RecordDb, attempt: Attempt): Promise<StartedReply> {
  const settings = (await loadSettings()).value;
  const code = await loadFriendCode();
  const dayStart = startOfLocalDay(attempt.startedAt);
  const earlierToday = await db.attempts
    .where('startedAt')
    .between(dayStart, attempt.startedAt, true, true)
    .filter((a) => a.id !== attempt.id)
    .count();
  const rule = continueRule(settings, countdownFor(settings, earlierToday), code.value !== null, attempt.startedAt);
  return { countdownSeconds: rule.countdownSeconds, timesToday: earlierToday + 1, phrase: rule.phrase, needsCode: rule.needsCode, strict: rule.strict };
}

/** The changes a page can ask of the log, as data: kept as they are when a write fails, and written later. */
export type LogIntent =
  | { type: 'start'; ref: AttemptRef; tabId: number; now: number }
  | { type: 'resolve'; request: z.infer<typeof requests.attemptResolved>; tabId: number; now: number }
  | { type: 'abandon'; ref: AttemptRef; tabId: number; tabClosed: boolean; now: number }
  | { type: 'closeTabs'; openTabs: number[]; now: number }
  | { type: 'settle'; now: number }
  | { type: 'keepDraft'; request: z.infer<typeof requests.keepDraft>; now: number }
  | { type: 'deleteJournalEntry'; id: string }
  | { type: 'rebuildSummary' }
  | { type: 'clear' };

/** Applies one intent in one transaction. Snoozes (storage.local) are written after it commits. */
async function apply(intent: LogIntent): Promise<StartedReply | void> {
  switch (intent.type) {
    case 'start': {
      const attempt = await inTransaction(async (change) => {
        await settleAbandoned(change, intent.now);
        const attempt = await ensureStarted(change, intent.ref, intent.tabId, intent.now);
        const back = cameBack(attempt);
        await change.putAll(back);
        return back[0]?.[1] ?? attempt;
      });
      return startedReply(recordDb(), attempt);
    }
    case 'resolve': {
      const { request, now } = intent;
      const resolved = await inTransaction(async (change) => {
        const attempt = await ensureStarted(change, request, intent.tabId, now);
        const journalText = request.journalText?.trim() || null;
        const puts = chose(attempt, { outcome: request.outcome, feeling: request.feeling, journalWritten: journalText !== null }, now);
        if (puts.length === 0) return null;
        await change.putAll(puts);
        if (journalText) await change.db.journal.put(journalEntry(journalText, attempt.personId, attempt.site, attempt.id, now));
        return puts[0]![1];
      });
      // A look at one softened item lets that item through, not the person on the site.
      if (resolved?.outcome === 'continued' && resolved.kind !== 'reveal') await snooze(resolved.personId, resolved.site, now);
      return;
    }
    case 'abandon':
      return inTransaction(async (change) => {
        const attempt = await ensureStarted(change, intent.ref, intent.tabId, intent.now);
        await change.putAll(abandoned(attempt, intent.tabClosed, intent.now));
      });
    case 'closeTabs':
      return inTransaction(async (change) => {
        await change.putAll(tabsClosed(await pendingAttempts(change.db), intent.openTabs, intent.now));
      });
    case 'settle':
      return inTransaction((change) => settleAbandoned(change, intent.now));
    case 'keepDraft':
      return inTransaction(async (change) => {
        const { personId, site, text } = intent.request;
        // The entry belongs to the decision that led there: the latest continued attempt with
        // this person on this site (none, if the log was cleared since).
        const continued = await change.db.attempts
          .where('[personId+site+startedAt]')
          .between([personId, site, -Infinity], [personId, site, Infinity])
          .reverse()
          .filter((a) => a.outcome === 'continued')
          .first();
        await change.db.journal.put(journalEntry(text, personId, site, continued?.id ?? null, intent.now));
        if (continued && !continued.journalWritten) await change.put(continued, { ...continued, journalWritten: true });
      });
    case 'deleteJournalEntry':
      return inTransaction((change) => change.db.journal.delete(intent.id));
    case 'rebuildSummary':
      return inTransaction(async (change) => {
        await change.db.meta.put({ key: META.summary, value: summarize(await change.db.attempts.toArray(), localTimeZone()) });
      });
    case 'clear':
      return inTransaction(async (change) => {
        await change.db.attempts.clear();
        await change.db.meta.put({ key: META.summary, value: emptySummary(localTimeZone()) });
      });
  }
}

function journalEntry(text: string, personId: string, site: string, attemptId: string | null, now: number): JournalEntry {
  return { id: newId(), writtenAt: now, personId, site, attemptId, text };
}

async function snooze(personId: string, site: string, now: number, atLeastMinutes = 0, sendCheckUntil?: number): Promise<void> {
  const minutes = Math.max((await loadSettings()).value.snoozeMinutes, atLeastMinutes);
  if (minutes === 0) return;
  const loaded = await loadSnoozes(true);
  if (!loaded.readable) return;
  const snoozes = loaded.value.filter((s) => s.until > now && !(s.personId === personId && s.site === site));
  const until = now + minutes * 60_000;
  await snoozesItem.setValue([...snoozes, sendCheckUntil === undefined ? { personId, site, until } : { personId, site, until, sendCheckUntil }]);
}

/**
 * Lets them through on this site for at least `minutes` from now (the snooze Continue gives, never
 * shorter than one already running): a page let through from the extension's pause page
 * (utils/background/stop-rules.ts) is not paused again by the content script as it loads, even
 * with the snooze set to none. In turn with the log's writes, as Continue's own snooze is.
 */
export function snoozeAtLeast(personId: string, site: string, minutes: number, sendCheckMs?: number): Promise<void> {
  return serialized(async () => {
    const now = Date.now();
    const current = (await loadSnoozes()).value.find((s) => s.personId === personId && s.site === site && s.until > now);
    const sendCheckUntil = sendCheckMs === undefined ? undefined : now + sendCheckMs;
    if (current && current.until >= now + minutes * 60_000 && sendCheckUntil === undefined) return;
    await snooze(personId, site, now, Math.max(minutes, current ? Math.ceil((current.until - now) / 60_000) : 0), sendCheckUntil);
  });
}

/** Waits between tries of a failed write; tests make it instant. */
export const retry = { delaysMs: [50, 250, 1000] };
const UNWRITTEN_LIMIT = 5000;
let ready: Promise<void> | null = null;

/** Moves what an earlier release stored in storage.local into the database, once per worker (again if it failed). */
function migrated(): Promise<void> {
  if (ready) return ready;
  // Chromium stops a worker that makes no extension call for 30 s; a long move must not be cut short.
  const keepAlive = setInterval(() => {
    // Any extension call will do; where there is none to make (a test's fake browser), nothing is lost.
    Promise.resolve()
      .then(() => browser.runtime.getPlatformInfo())
      .catch(() => undefined);
  }, 10_000);
  ready = recordDb()
    .open()
    .then(() => moveLegacyLog(recordDb()))
    .then(
      () => undefined,
      (error: unknown) => {
        ready = null;
        throw error;
      },
    )
    .finally(() => clearInterval(keepAlive));
  return ready;
}

/** Tests: as if the worker had just started. */
export function resetWriter(): void {
  ready = null;
  serialized.reset();
}

async function tryHard<T>(task: () => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (const delay of [0, ...retry.delaysMs]) {
    if (delay) await new Promise((done) => setTimeout(done, delay));
    try {
      return await task();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** Listeners told after each change (the background updates the badge). */
const changed = new Set<() => void>();
export function onLogChanged(listener: () => void): () => void {
  changed.add(listener);
  return () => changed.delete(listener);
}

/**
 * Applies an intent through the queue, after the migration, retrying a failed write. When it
 * still fails, the intent is kept (storage.local) and the problem recorded for the popup and
 * the badge; the caller gets the error.
 */
export function write(intent: LogIntent): Promise<StartedReply | void> {
  return serialized(async () => {
    try {
      const result = await tryHard(async () => {
        await migrated();
        return apply(intent);
      });
      await writeWaiting();
      return result;
    } catch (error) {
      await keepUnwritten(intent, error);
      throw error;
    } finally {
      for (const listener of changed) listener();
    }
  });
}

async function keepUnwritten(intent: LogIntent, error: unknown): Promise<void> {
  try {
    const waiting = await unwrittenItem.getValue();
    const list = Array.isArray(waiting) ? waiting : [];
    const next = [...list, intent].slice(-UNWRITTEN_LIMIT);
    await unwrittenItem.setValue(next);
    await recordProblemItem.setValue({ since: Date.now(), message: describeError(error), waiting: next.length });
  } catch {
    // storage.local is failing too: the problem stays in memory, for the badge.
    memoryProblem = describeError(error);
  }
}

/** A problem that could not even be written down. */
export let memoryProblem: string | null = null;

/** Writes the changes kept after failed writes, oldest first; stops at the first that fails again. */
async function writeWaiting(): Promise<void> {
  const waiting = await unwrittenItem.getValue().catch(() => null);
  if (!Array.isArray(waiting) || waiting.length === 0) return;
  let written = 0;
  for (const intent of waiting as LogIntent[]) {
    try {
      await apply(intent);
      written += 1;
    } catch {
      break;
    }
  }
  const rest = waiting.slice(written);
  await unwrittenItem.setValue(rest);
  if (rest.length === 0) {
    await recordProblemItem.setValue(null);
    memoryProblem = null;
  } else {
    await recordProblemItem.setValue({ since: Date.now(), message: 'some changes are still waiting to be written', waiting: rest.length });
  }
}

/** At the background's start: the migration, then anything waiting from failed writes. */
export function startWriter(): Promise<void> {
  return serialized(async () => {
    await tryHard(migrated);
    await writeWaiting();
  });
}

export const startAttempt = (ref: AttemptRef, tabId: number, now = Date.now()) =>
  write({ type: 'start', ref, tabId, now }) as Promise<StartedReply>;
export const resolveAttempt = (request: z.infer<typeof requests.attemptResolved>, tabId: number, now = Date.now()) =>
  write({ type: 'resolve', request, tabId, now }) as Promise<void>;
/**
 * The page showing the screen went away. If its tab is gone, the tab was closed. Otherwise
 * it may be a reload that shows the same screen again: the attempt stays pending, marked
 * abandoned, and settles as left if it does not come back (settleAbandonedAttempts).
 */
export const abandonAttempt = (ref: AttemptRef, tabId: number, tabClosed: boolean, now = Date.now()) =>
  write({ type: 'abandon', ref, tabId, tabClosed, now }) as Promise<void>;
/** Resolves as `closed` every pending attempt whose tab is not among the open ones. */
export const closeTabs = (openTabs: number[], now = Date.now()) => write({ type: 'closeTabs', openTabs, now }) as Promise<void>;
export const settleAbandonedAttempts = (now = Date.now()) => write({ type: 'settle', now }) as Promise<void>;
/** The first send after Continue, kept in the journal instead of sent. */
export const keepDraft = (request: z.infer<typeof requests.keepDraft>, now = Date.now()) =>
  write({ type: 'keepDraft', request, now }) as Promise<void>;
export const deleteJournalEntry = (id: string) => write({ type: 'deleteJournalEntry', id }) as Promise<void>;
export const clearLog = () => write({ type: 'clear' }) as Promise<void>;
/** The figures counted again from the log: a page found them missing or unreadable. */
export const rebuildSummary = () => write({ type: 'rebuildSummary' }) as Promise<void>;

/**
 * A write too large to keep for later (an import, or undoing one): through the queue and after
 * the migration like every other, retried, but when it still fails the caller is told and
 * nothing is kept in storage.local to be written later.
 */
export function writeOnce<T>(task: (db: RecordDb) => Promise<T>): Promise<T> {
  return serialized(async () => {
    try {
      await tryHard(migrated);
      const db = recordDb();
      return await db.transaction('rw', db.attempts, db.journal, db.meta, () => task(db));
    } finally {
      for (const listener of changed) listener();
    }
  });
}

/** When the earliest attempt in the log started, if any. */
export async function firstAttemptAt(): Promise<number | undefined> {
  return (await recordDb().attempts.orderBy('startedAt').first())?.startedAt;
}
