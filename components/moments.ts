import type { Attempt, Settings } from '@/utils/schema';
import { personName, siteName } from '@/utils/stats';
import type { shownOutcome } from '@/utils/summary';

/** How an attempt reads, in the dashboard and the history. */
export const OUTCOME: Record<ReturnType<typeof shownOutcome>, string> = {
  pending: 'On the pause screen',
  left: 'Left',
  continued: 'Continued',
};

export const KIND: Record<Attempt['kind'], string> = { profile: 'profile', thread: 'chat', compose: 'e-mail' };

/** "S.’s profile on Instagram" */
export const momentText = (attempt: Attempt, settings: Settings) =>
  `${personName(attempt.personId, settings)}’s ${KIND[attempt.kind]} on ${siteName(attempt.site, settings)}`;
