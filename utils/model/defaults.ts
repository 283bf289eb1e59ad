import type { Settings } from './schema';
import { incomingQuestions, reminders, urgeQuestions } from './default-words';

/** The words Clean Break starts with (utils/model/default-words.ts), in the browser's language. */
export const DEFAULT_QUESTIONS: readonly string[] = urgeQuestions();
export const DEFAULT_INCOMING_QUESTIONS: readonly string[] = incomingQuestions();
export const DEFAULT_REMINDERS: readonly string[] = reminders();


export function defaultSettings(): Settings {
  return {
    people: [],
    disabledSites: [],
    customSites: [],
    questions: [...DEFAULT_QUESTIONS],
    incomingQuestions: [...DEFAULT_INCOMING_QUESTIONS],
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
