import { t } from './i18n';
import type { Settings } from './schema';

/**
 * The pause screen's default text, from the article the extension grows from
 * (shared/the-no-contact-rule.txt), written for anyone: "they", not "he". It is in the messages,
 * so a new user gets it in their language; once stored in the settings it is the user's own text
 * and stays as stored, whatever the language later.
 */
const QUESTION_KEYS = ['default_question_1', 'default_question_2', 'default_question_3', 'default_question_4', 'default_question_5'] as const;
const REMINDER_KEYS = [
  'default_reminder_1',
  'default_reminder_2',
  'default_reminder_3',
  'default_reminder_4',
  'default_reminder_5',
  'default_reminder_6',
] as const;

export const DEFAULT_QUESTIONS: readonly string[] = QUESTION_KEYS.map((key) => t(key));
export const DEFAULT_REMINDERS: readonly string[] = REMINDER_KEYS.map((key) => t(key));

export function defaultSettings(): Settings {
  return {
    people: [],
    disabledSites: [],
    customSites: [],
    questions: [...DEFAULT_QUESTIONS],
    reminders: [...DEFAULT_REMINDERS],
    countdownSeconds: 10,
    escalationSeconds: 5,
    countdownCapSeconds: 60,
    typedPhrase: '',
    snoozeMinutes: 10,
    supportPerson: null,
    noContactSince: null,
    showBadge: true,
    lockHours: 0,
    strictHours: null,
    continueNeedsCode: false,
  };
}
