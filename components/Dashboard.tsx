import { browser } from 'wxt/browser';
import { dashboardStats } from '@/utils/stats';
import { adapterById } from '@/utils/sites';
import type { Attempt, Person } from '@/utils/schema';
import { attemptsItem, loadAttempts, loadSettings, settingsItem } from '@/utils/storage';
import { useStored } from './useStored';
import { WatchHere } from './WatchHere';

const OUTCOME: Record<Attempt['outcome'], string> = {
  pending: 'On the pause screen',
  left: 'Left',
  continued: 'Continued',
  closed: 'Left (closed the tab)',
};

const KIND: Record<Attempt['kind'], string> = { profile: 'profile', thread: 'chat', compose: 'e-mail' };

/** The popup: the streak and the attempt log at a glance. */
export function Dashboard() {
  const settings = useStored(loadSettings, settingsItem);
  const attempts = useStored(loadAttempts, attemptsItem);
  if (!settings || !attempts) return <main class="popup" aria-busy="true" />;

  const stats = dashboardStats(attempts.value, Date.now(), settings.value.noContactSince);
  const people = new Map(settings.value.people.map((person): [string, Person] => [person.id, person]));
  const alias = (id: string) => people.get(id)?.alias ?? 'someone you removed';

  return (
    <main class="popup">
      <h1>Clean Break</h1>
      {(!settings.valid || !attempts.valid) && (
        <p class="notice" role="status">
          Some saved data could not be read and was set aside; everything readable is shown.
        </p>
      )}
      <section class="streak" aria-label="Your streak">
        <p>
          <strong data-testid="days">{stats.daysNoContact ?? 0}</strong>{' '}
          {stats.daysNoContact === 1 ? 'day' : 'days'} of no contact
        </p>
      </section>
      <dl class="counts">
        <div>
          <dt>Today</dt>
          <dd data-testid="today">{stats.today}</dd>
        </div>
        <div>
          <dt>This week</dt>
          <dd data-testid="week">{stats.week}</dd>
        </div>
        <div>
          <dt>This month</dt>
          <dd data-testid="month">{stats.month}</dd>
        </div>
        <div>
          <dt>Left</dt>
          <dd data-testid="left">{stats.left}</dd>
        </div>
        <div>
          <dt>Continued</dt>
          <dd data-testid="continued">{stats.continued}</dd>
        </div>
      </dl>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">Recent attempts</h2>
        {stats.recent.length === 0 ? (
          <p class="empty">No attempts yet. Each time the pause screen appears, it is noted here.</p>
        ) : (
          <ol class="recent" data-testid="recent">
            {stats.recent.map((attempt) => (
              <li key={attempt.id}>
                <time dateTime={new Date(attempt.startedAt).toISOString()}>
                  {new Date(attempt.startedAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}
                </time>{' '}
                {alias(attempt.personId)}’s {KIND[attempt.kind]} on {adapterById(attempt.site)?.name ?? attempt.site}:{' '}
                <span class={`outcome ${attempt.outcome}`}>
                  {attempt.outcome === 'pending' && attempt.abandonedAt !== null ? OUTCOME.left : OUTCOME[attempt.outcome]}
                </span>
                {attempt.secondsOnScreen !== null && <span class="seconds"> · {Math.round(attempt.secondsOnScreen)} s</span>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <p class="row">
        <WatchHere settings={settings.value} />
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Options
        </button>
      </p>
    </main>
  );
}
