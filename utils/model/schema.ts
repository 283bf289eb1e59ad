import { z } from './zod';
import { FEELINGS } from './schema-values';
import { incomingQuestions } from './default-words';

/** A set of questions on a screen. */
export const QuestionList = z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(400))).check(z.minLength(1), z.maxLength(20));

export { ANY_SITE, FEELING_LABEL } from './schema-values';

/** What kind of moment the pause screen interrupts. */
export const MomentKind = z.enum(['profile', 'thread', 'compose']);
export type MomentKind = z.infer<typeof MomentKind>;

/**
 * What an attempt was: one of those moments, or a look at something of theirs that turned up by
 * chance and was softened (a post, a story, a row: `reveal`), which goes through the same screen.
 */
export const AttemptKind = z.enum([...MomentKind.options, 'reveal']);
export type AttemptKind = z.infer<typeof AttemptKind>;

/** The ways a person can be recognised on a site (PRODUCT.md, "People"). */
export const IdentifierKind = z.enum(['handle', 'accountId', 'conversationId', 'name', 'phone', 'email']);
export type IdentifierKind = z.infer<typeof IdentifierKind>;

/** `*` (ANY_SITE) means every site; otherwise a site adapter's id (or a custom site's id). */
export const SiteRef = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));

export const Identifier = z.object({
  kind: IdentifierKind,
  value: z.string().check(z.trim(), z.minLength(1), z.maxLength(320)),
  site: SiteRef,
  /**
   * Added by Clean Break itself: a conversation recognised from the page, remembered by its
   * address (utils/background/learn.ts). Absent in settings stored before it existed, and in the user's own.
   */
  learned: z.optional(z.boolean()),
});
export type Identifier = z.infer<typeof Identifier>;

/**
 * An id the extension made (a person's, an attempt's, a journal entry's): short, so a file that is
 * imported cannot fill the database with one (ids made here are UUIDs or shorter).
 */
export const Id = z.string().check(z.minLength(1), z.maxLength(200));

export const Person = z.object({
  id: Id,
  alias: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  identifiers: z.array(Identifier).check(z.maxLength(1000)),
  addedAt: z.int().check(z.nonnegative()),
});
export type Person = z.infer<typeof Person>;

export const SupportPerson = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  /** A tel:, sms:, mailto: or https: link. */
  link: z.string().check(z.trim(), z.regex(/^(tel:|sms:|mailto:|https:\/\/)\S+$/, 'a tel:, sms:, mailto: or https:// link')),
});
export type SupportPerson = z.infer<typeof SupportPerson>;

/**
 * A site the user added: its pages by a match pattern, and where on them the person is named.
 * Its id is the `site` of the identifiers, attempts and snoozes that belong to it.
 */
export const CustomSite = z.object({
  id: z.string().check(z.regex(/^custom-[a-z0-9-]{1,60}$/)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  /** A match pattern with a scheme and a real host, e.g. `https://forum.example.com/*` (utils/sites/custom/custom.ts). */
  pattern: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
  kind: MomentKind,
  identify: z.discriminatedUnion('by', [
    /** The address names the person right after this text: `/members/` or `user=`. */
    z.object({ by: z.literal('url'), after: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)) }),
    /** The page names the person in the elements this CSS selector finds. */
    z.object({ by: z.literal('element'), selector: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)) }),
  ]),
  addedAt: z.int().check(z.nonnegative()),
});
export type CustomSite = z.infer<typeof CustomSite>;

/** How long a change that weakens protection waits before it applies (0: the lock is off). */
export const LOCK_HOURS = [0, 1, 24, 72, 168] as const;
export const LockHours = z.union([z.literal(0), z.literal(1), z.literal(24), z.literal(72), z.literal(168)]);
export type LockHours = z.infer<typeof LockHours>;

const ClockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 22:00'));

/**
 * Hours when the pause is stricter (late nights, drinking: where no contact is broken most):
 * a longer countdown, and the typed phrase or the friend's code required. `start` after `end`
 * spans midnight (22:00–06:00).
 */
export const StrictHours = z
  .object({
    start: ClockTime,
    end: ClockTime,
    countdownSeconds: z.int().check(z.gte(3), z.lte(3600)),
    /** `phrase`: the phrase below must be typed; `code`: the friend's code (or the phrase while no code is set). */
    require: z.enum(['phrase', 'code']),
    phrase: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  })
  .check(z.refine((hours) => hours.start !== hours.end, { message: 'the hours must start and end at different times', path: ['end'] }));
export type StrictHours = z.infer<typeof StrictHours>;

export const Settings = z.object({
  people: z.array(Person).check(z.maxLength(200)),
  /** Sites switched off by the user; every built-in site is on unless listed here. */
  disabledSites: z.array(SiteRef),
  /** Sites the user added; each one's host permission is asked for when it is added. */
  customSites: z._default(z.array(CustomSite).check(z.maxLength(50)), []),
  /** For the user's own urge: the pause screen (utils/model/default-words.ts). */
  questions: QuestionList,
  /** For when they reach out (added after version 1: absent means the article's own). */
  incomingQuestions: z._default(QuestionList, incomingQuestions),
  reminders: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(600))).check(z.minLength(1), z.maxLength(20)),
  countdownSeconds: z.int().check(z.gte(3), z.lte(600)),
  /** Added to the countdown for each earlier attempt the same day. */
  escalationSeconds: z.int().check(z.gte(0), z.lte(600)),
  countdownCapSeconds: z.int().check(z.gte(3), z.lte(3600)),
  typedPhrase: z.string().check(z.trim(), z.maxLength(200)),
  snoozeMinutes: z.int().check(z.gte(0), z.lte(24 * 60)),
  supportPerson: z.nullable(SupportPerson),
  /** Day the user counts no contact from (YYYY-MM-DD), when set by hand. */
  noContactSince: z.nullable(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  /** Today's attempts on the toolbar badge (added after version 1: absent means on). */
  showBadge: z._default(z.boolean(), true),
  /** The protection lock's cool-off in hours (added after version 1: absent means off). */
  lockHours: z._default(LockHours, 0),
  /** Stricter hours, or none (added after version 1: absent means none). */
  strictHours: z._default(z.nullable(StrictHours), null),
  /** Continue anyway needs the friend's code, when one is set (added after version 1: absent means no). */
  continueNeedsCode: z._default(z.boolean(), false),
});
export type Settings = z.infer<typeof Settings>;

export const Feeling = z.enum(FEELINGS);
export type Feeling = z.infer<typeof Feeling>;

/** `closed`: the tab was closed while the pause screen was up (counts as left). */
export const Outcome = z.enum(['pending', 'left', 'continued', 'closed']);
export type Outcome = z.infer<typeof Outcome>;

export const Attempt = z.object({
  id: Id,
  startedAt: z.int().check(z.nonnegative()),
  personId: Id,
  site: SiteRef,
  kind: AttemptKind,
  outcome: Outcome,
  endedAt: z.nullable(z.int().check(z.nonnegative())),
  secondsOnScreen: z.nullable(z.number().check(z.nonnegative())),
  journalWritten: z.boolean(),
  feeling: z.nullable(Feeling),
  /** The tab showing the pause screen while the outcome is pending; null once resolved. */
  tabId: z.nullable(z.int()),
  /**
   * When the page showing the screen went away with its tab still open (a reload, or a
   * navigation elsewhere). Still pending: the same screen coming back in that tab is the
   * same attempt; otherwise it settles as left, at this time.
   */
  abandonedAt: z._default(z.nullable(z.int().check(z.nonnegative())), null),
});
export type Attempt = z.infer<typeof Attempt>;

export const JournalEntry = z.object({
  id: Id,
  writtenAt: z.int().check(z.nonnegative()),
  personId: z.nullable(Id),
  site: z.nullable(SiteRef),
  attemptId: z.nullable(Id),
  text: z.string().check(z.minLength(1), z.maxLength(20000)),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

/** After Continue: this person on this site is let through until `until`. */
export const Snooze = z.object({
  personId: Id,
  site: SiteRef,
  until: z.int().check(z.nonnegative()),
  /**
   * Let through from the pause page into their chat (utils/background/stop-rules.ts): the chat's
   * page, opened before this time, asks once on the first send, as after Continue on the page itself.
   */
  sendCheckUntil: z.optional(z.int().check(z.nonnegative())),
});
export type Snooze = z.infer<typeof Snooze>;

/**
 * Everything Clean Break keeps, as one file (utils/model/backup.ts reads it, utils/model/export.ts writes it).
 * Settings, attempts and entries parse as stored ones do: fields added since the file was made
 * take their defaults.
 */
export const BACKUP_FORMAT = 'clean-break-backup';
export const BACKUP_VERSION = 1;
export const BackupFile = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.iso.datetime(),
  settings: Settings,
  attempts: z.array(Attempt),
  journal: z.array(JournalEntry),
});
export type BackupFile = z.infer<typeof BackupFile>;
