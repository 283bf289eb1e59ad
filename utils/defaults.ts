import type { Settings } from './schema';

/**
 * The pause screen's default text, from the article the extension grows from
 * (shared/the-no-contact-rule.txt), written for anyone: "they", not "he".
 */
export const DEFAULT_QUESTIONS: readonly string[] = [
  'Are they willing to work on the relationship and address the issues?',
  'Are they willing to listen and compromise?',
  'Do they feel sorry for what they did?',
  'What is the plan from now on?',
  'Has anything changed about what separated you in the first place?',
];

export const DEFAULT_REMINDERS: readonly string[] = [
  'No contact is for one purpose only: to forget and move on.',
  'The less you see or hear from them, the faster you will get on with your life.',
  'Contact or no contact is not going to change what ended the relationship.',
  'You deserve to be loved without rules, tricks or manipulations. True love does not work this way.',
  'Leaving them alone is a clean break: it earns respect and lets you both heal.',
  'When it is time to move on, it is time to move on.',
];

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
