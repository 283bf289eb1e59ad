import { t } from './i18n';

/**
 * The words Clean Break starts with, from the article it grows from (shared/the-no-contact-rule.txt),
 * written for anyone: "they", not "he". In the messages, so a new user gets them in their language;
 * once stored in the settings they are the user's own text and stay as stored, whatever the language later.
 *
 * Two sets of questions, for two moments. The article's own questions ("are they willing to work on
 * the relationship …") are for when **they** make contact ("In case they make an attempt to contact
 * you, listen to what they say"); its reasons (no contact is for recovery only, not to win them
 * back; having to make someone love you more is a sign) are for the user's own urge, the pause
 * screen's moment.
 */
const URGE_KEYS = ['default_urge_question_1', 'default_urge_question_2', 'default_urge_question_3', 'default_urge_question_4'] as const;
const INCOMING_KEYS = ['default_question_1', 'default_question_2', 'default_question_3', 'default_question_4', 'default_question_5'] as const;
const REMINDER_KEYS = [
  'default_reminder_1',
  'default_reminder_2',
  'default_reminder_3',
  'default_reminder_4',
  'default_reminder_5',
  'default_reminder_6',
] as const;

// Functions, read when called: the schema imports this module, and is loaded where there are no
// messages to read (the tests' own Node process).
/** For the user's own urge: the pause screen. */
export const urgeQuestions = (): string[] => URGE_KEYS.map((key) => t(key));
/** For when they reach out. */
export const incomingQuestions = (): string[] => INCOMING_KEYS.map((key) => t(key));
export const reminders = (): string[] => REMINDER_KEYS.map((key) => t(key));

/**
 * The questions the first releases stored as the pause screen's by default (English, the one
 * language they shipped in): the article's questions for when they make contact. Settings holding
 * exactly these were never edited (utils/model/migrate-settings.ts).
 */
export const FIRST_RELEASE_QUESTIONS: readonly string[] = [
  'Are they willing to work on the relationship and address the issues?',
  'Are they willing to listen and compromise?',
  'Do they feel sorry for what they did?',
  'What is the plan from now on?',
  'Has anything changed about what separated you in the first place?',
];
