import { FIRST_RELEASE_QUESTIONS, incomingQuestions, urgeQuestions } from './default-words';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Settings as the first releases stored them (version 1) brought to the two sets of questions
 * (version 2; utils/model/default-words.ts). Pure, on the raw stored value, so it runs before any
 * schema: whatever does not look like settings is left for the salvage to deal with.
 * - Questions never edited (exactly the first releases' defaults, the article's questions for when
 *   they make contact): the pause screen gets the new defaults for the user's own urge, and those
 *   questions go where they belong, to when they reach out.
 * - Questions the user wrote: theirs stay on the pause screen, word for word; the questions for
 *   when they reach out are the article's.
 * Settings that already have both are left as they are (it runs again harmlessly). Used for the
 * stored settings (utils/store/storage.ts) and a backup written before the split (utils/model/backup.ts).
 */
export function splitQuestions(raw: unknown): unknown {
  if (!isRecord(raw) || 'incomingQuestions' in raw) return raw;
  const { questions } = raw;
  const neverEdited =
    Array.isArray(questions) && questions.length === FIRST_RELEASE_QUESTIONS.length && questions.every((question, i) => question === FIRST_RELEASE_QUESTIONS[i]);
  return neverEdited
    ? { ...raw, questions: urgeQuestions(), incomingQuestions: [...FIRST_RELEASE_QUESTIONS] }
    : { ...raw, incomingQuestions: incomingQuestions() };
}
