import { t, type MessageKey } from '@/utils/model/i18n';
import type { Attempt, Settings } from '@/utils/model/schema';
import { personName, siteName } from '@/utils/model/stats';
import type { shownOutcome } from '@/utils/model/summary';

/** How an attempt reads, in the dashboard and the history. */
export const OUTCOME: Record<ReturnType<typeof shownOutcome>, MessageKey> = {
  pending: 'outcome_pending',
  left: 'outcome_left',
  continued: 'outcome_continued',
};

const MOMENT: Record<Attempt['kind'], MessageKey & `moment_${string}`> = {
  profile: 'moment_profile',
  thread: 'moment_thread',
  compose: 'moment_compose',
  reveal: 'moment_reveal',
};

/** "S.’s profile on Instagram" */
export const momentText = (attempt: Attempt, settings: Settings) =>
  t(MOMENT[attempt.kind], { person: personName(attempt.personId, settings), site: siteName(attempt.site, settings) });
