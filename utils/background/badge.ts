import { browser } from 'wxt/browser';
import { addDays } from 'date-fns';
import { formatNumber, t } from '../model/i18n';
import { memoryProblem } from './log';
import { recordDb } from '../store/db';
import { startOfLocalDay } from '../model/attempt-lifecycle';
import { loadSettings, recordProblemItem } from '../store/storage';

/** Re-draws the badge just after midnight, when today's count starts again. */
export const BADGE_ALARM = 'badge-midnight';

// MV3 has `action`; Firefox's MV2 build has `browserAction`.
const action = () => browser.action ?? browser.browserAction;

/**
 * The toolbar badge: today's attempts (when the user keeps it on), or "!" when the log could
 * not be written, which matters more than a count. Never throws: a badge is not worth a failure.
 */
export async function showBadge(now = Date.now()): Promise<void> {
  try {
    const problem = memoryProblem ?? (await recordProblemItem.getValue().catch(() => null))?.message ?? null;
    if (problem) {
      await action().setBadgeBackgroundColor({ color: '#b3261e' });
      await action().setBadgeText({ text: '!' });
      await action().setTitle({ title: t('badge_title_problem') });
      return;
    }
    await action().setTitle({ title: t('ext_name') });
    const settings = await loadSettings();
    const count = settings.value.showBadge ? await attemptsToday(now) : 0;
    await action().setBadgeBackgroundColor({ color: '#5b6b8c' });
    await action().setBadgeText({ text: count > 0 ? formatNumber(count) : '' });
  } catch {
    // The badge is a courtesy; the popup says the same.
  }
}

export async function scheduleBadgeAtMidnight(now = Date.now()): Promise<void> {
  const nextMidnight = startOfLocalDay(addDays(startOfLocalDay(now), 1).getTime() + 60 * 60 * 1000);
  await browser.alarms.create(BADGE_ALARM, { when: nextMidnight + 1000 }).catch(() => undefined);
}

/** Today's attempts, for the badge. */
async function attemptsToday(now = Date.now()): Promise<number> {
  return recordDb().attempts.where('startedAt').aboveOrEqual(startOfLocalDay(now)).count();
}
