import type { PendingChange } from '../model/changes';
import type { CodeRefusal } from '../model/code-refusal';
import type { MomentKind, Person, Settings } from '../model/schema';

/**
 * What the background answers to the requests whose replies are not plain data: types only, so
 * the pages and the content script know the answer's shape without importing the background.
 */

/** A friend's code checked: taken, or why not and when the next try may come. */
export type CodeCheck = { ok: true } | ({ ok: false } & CodeRefusal);

/** A backup applied: never half-applied (utils/background/import.ts). */
export type ImportResult =
  | { status: 'applied'; attempts: number; journal: number; replacedLog: boolean }
  | { status: 'pending'; pending: PendingChange; attempts: number; journal: number; replacedLog: boolean }
  | { status: 'refused'; message: string };

/** A new friend's code, shown once, or why none was made. */
export type NewCode = { ok: true; code: string } | { ok: false; message: string };

/** Sync turned on or off, or why not. */
export type SyncReply = { ok: true } | { ok: false; message: string };

/**
 * What the pause page shows for an address a rule stopped: the screen, or `pass` (the person is
 * no longer watched there, or let through meanwhile: the address opens), or `refused` (no rule
 * sent this page there: it shows nothing and records nothing).
 */
export type StopReading =
  | { status: 'screen'; person: Pick<Person, 'id' | 'alias'>; kind: MomentKind; story: boolean; screen: Pick<Settings, 'questions' | 'reminders' | 'countdownSeconds' | 'typedPhrase' | 'supportPerson'> }
  | { status: 'pass' }
  | { status: 'refused' };
