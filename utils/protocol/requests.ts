import { z } from '../model/zod';
import { Change, type ChangeResult } from '../model/changes';
import { AttemptKind, BackupFile, Feeling, IdentifierKind, SiteRef } from '../model/schema';
import type { CodeCheck, ImportResult, NewCode, StopReading, SyncReply } from './replies';
import { allowedSenders } from './senders';

/**
 * The one protocol between contexts. Every request is a zod schema, checked by the
 * background on receipt; the type each side sees comes from the same schema.
 */
/**
 * An attempt as the content script knows it: it makes the id when the screen goes up and sends
 * all of it with every message, so the background can record an outcome that arrives before,
 * after or without the start (a cold worker, a lost message, Leave pressed at once).
 */
export const AttemptRef = z.object({
  attemptId: z.string().check(z.minLength(1), z.maxLength(100)),
  personId: z.string().check(z.minLength(1)),
  site: SiteRef,
  kind: AttemptKind,
  /** When the screen went up, by the page's clock (the same machine's). */
  startedAt: z.int().check(z.nonnegative()),
});
export type AttemptRef = z.infer<typeof AttemptRef>;

/** What a stopping rule gave the pause page (utils/background/stop-rules.ts): its key, whom, and the address stopped. */
export const StopRef = z.object({
  key: z.string().check(z.maxLength(100)),
  site: SiteRef,
  personId: z.string().check(z.minLength(1), z.maxLength(200)),
  url: z.url({ protocol: /^https?$/ }).check(z.maxLength(8192)),
});
export type StopRef = z.infer<typeof StopRef>;

export const requests = {
  /** Content script: the pause screen is showing for this person. */
  attemptStarted: AttemptRef,
  /** Content script: the user chose. */
  attemptResolved: z.extend(AttemptRef, {
    outcome: z.enum(['left', 'continued']),
    feeling: z.nullable(Feeling),
    journalText: z.nullable(z.string().check(z.maxLength(20000))),
  }),
  /** Content script: the page went away with the screen up (navigated, reloaded or closed). */
  attemptAbandoned: AttemptRef,
  /** Content script: the first send after Continue was kept in the journal instead of sent. */
  keepDraft: z.object({ personId: z.string().check(z.minLength(1)), site: SiteRef, text: z.string().check(z.maxLength(20000), z.regex(/\S/)) }),
  /** Extension pages: one change to the settings (or the log), decided by the background and the protection lock. */
  change: Change,
  /**
   * Options page: apply a backup file the page has read and checked (utils/model/backup.ts), merged
   * with what is here or in its place. The settings part goes through the protection lock.
   */
  importBackup: z.object({ mode: z.enum(['merge', 'replace']), backup: BackupFile }),
  /** Extension pages: a change the lock holds is not wanted after all. */
  cancelPending: z.object({ id: z.string().check(z.minLength(1)) }),
  /** Extension pages: a change the lock holds, applied now with the friend's code. */
  applyPendingNow: z.object({ id: z.string().check(z.minLength(1)), code: z.string().check(z.maxLength(100)) }),
  /** Options page: make the friend's code (shown once). */
  setFriendCode: z.object({}),
  /** Content script: Continue anyway with the friend's code. */
  checkCode: z.object({ code: z.string().check(z.maxLength(100)) }),
  /** Journal page: delete one entry (the page asked first). */
  deleteJournalEntry: z.object({ id: z.string().check(z.minLength(1)) }),
  /** Popup and pages: the log's figures are missing or unreadable; count them again from the log. */
  rebuildSummary: z.object({}),
  /** Popup to the active tab's content script: who does this page show? ("Watch this person here") */
  readPage: z.object({}),
  /** Content script: the page showed this watched person in a conversation its address names; remember the address. */
  learnThread: z.object({
    personId: z.string().check(z.minLength(1)),
    site: SiteRef,
    // The conversation's own id, or the partner's account id where the address opens a chat by it (Telegram).
    conversation: z.object({ kind: z.enum(['conversationId', 'accountId']), value: z.string().check(z.trim(), z.minLength(1), z.maxLength(320)) }),
  }),
  /** Content script: the address says a conversation is open, and nobody could be read from the page. */
  unreadThread: z.object({ site: SiteRef }),
  /** Content script: this many of a watched person's items turned up and were softened (issue 24): a count, nothing else. */
  turnedUp: z.object({ site: SiteRef, count: z.int().check(z.positive(), z.maximum(1000)) }),
  /** Options page: keep the settings in the browser account's sync, or stop (utils/background/sync.ts). */
  setSync: z.object({ enabled: z.boolean() }),
  /** Content script: this site's watch index is missing (a fresh profile, an update): write the indexes now. */
  publishWatch: z.object({}),
  /** The pause page (entrypoints/pause): a rule sent this tab here from this address; whom does it name? */
  openStop: StopRef,
  /** The pause page: Continue; let this tab's navigation to the address through, once. */
  passStop: StopRef,
};

type Requests = typeof requests;

export const PageReading = z.object({
  site: z.string(),
  siteName: z.string(),
  identifiers: z.array(z.object({ kind: IdentifierKind, value: z.string() })),
});
export type PageReading = z.infer<typeof PageReading>;

export const StartedReply = z.object({
  /** The countdown for this attempt: longer for each earlier one today. */
  countdownSeconds: z.number(),
  /** Which attempt of the day this is, counting this one (1 for the first). */
  timesToday: z.int().check(z.positive()),
  /** A phrase Continue needs typed now (the stricter hours'), instead of the settings' own. */
  phrase: z._default(z.nullable(z.string()), null),
  /** Continue needs the friend's code. */
  needsCode: z._default(z.boolean(), false),
  /** The stricter hours apply now. */
  strict: z._default(z.boolean(), false),
});
export type StartedReply = z.infer<typeof StartedReply>;

export interface ProtocolMap {
  attemptStarted(data: z.infer<Requests['attemptStarted']>): StartedReply;
  attemptResolved(data: z.infer<Requests['attemptResolved']>): void;
  attemptAbandoned(data: z.infer<Requests['attemptAbandoned']>): void;
  keepDraft(data: z.infer<Requests['keepDraft']>): void;
  change(data: z.infer<Requests['change']>): ChangeResult;
  importBackup(data: z.infer<Requests['importBackup']>): ImportResult;
  cancelPending(data: z.infer<Requests['cancelPending']>): ChangeResult;
  applyPendingNow(data: z.infer<Requests['applyPendingNow']>): CodeCheck;
  setFriendCode(data: z.infer<Requests['setFriendCode']>): NewCode;
  checkCode(data: z.infer<Requests['checkCode']>): CodeCheck;
  deleteJournalEntry(data: z.infer<Requests['deleteJournalEntry']>): void;
  rebuildSummary(data: z.infer<Requests['rebuildSummary']>): void;
  readPage(data: z.infer<Requests['readPage']>): PageReading;
  learnThread(data: z.infer<Requests['learnThread']>): boolean;
  unreadThread(data: z.infer<Requests['unreadThread']>): void;
  turnedUp(data: z.infer<Requests['turnedUp']>): void;
  setSync(data: z.infer<Requests['setSync']>): SyncReply;
  publishWatch(data: z.infer<Requests['publishWatch']>): void;
  openStop(data: z.infer<Requests['openStop']>): StopReading;
  passStop(data: z.infer<Requests['passStop']>): boolean;
}

// The protocol's shell (sendMessage, onMessage, who sent a message) is utils/protocol/messaging.ts, which
// the content scripts import without the request schemas above.

// Which senders may make each request is utils/protocol/senders.ts (`allowedSenders`): the
// content scripts check it too, without these schemas. It names every request, and only those:
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const allowedSendersNameEveryRequest: Same<keyof typeof allowedSenders, keyof Requests> = true;
