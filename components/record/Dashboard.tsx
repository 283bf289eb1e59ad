import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { recordDb } from '@/utils/store/db';
import { formatNumber, messageParts, plural, SLOT, t, type MessageKey } from '@/utils/model/i18n';
import { exportFileName } from '@/utils/model/export';
import { exportCsv, exportJson } from '@/utils/store/export';
import { download } from '@/components/page/download';
import { sendMessage } from '@/utils/protocol/messaging';
import type { Settings } from '@/utils/model/schema';
import {
  byFeeling,
  byHour,
  byPerson,
  bySite,
  byWeekday,
  calendar,
  longDate,
  periods,
  relativeTime,
  share,
  shortDay,
  streak,
  todayKey,
  weekStartKey,
  type Clock,
  type Streak,
} from '@/utils/model/stats';
import { loadSettings, loadTurnedUp, settingsItem, turnedUpItem } from '@/utils/store/storage';
import { turnedUpBetween } from '@/utils/model/turned-up';
import { localTimeZone, shownOutcome, type Summary } from '@/utils/model/summary';
import { Calendar } from './Calendar';
import { Bars, HourChart } from './Charts';
import { PageNav } from '@/components/page/PageNav';
import { useLiveQuery } from './useLiveQuery';
import { useInstalledAt, useRecordProblem, useSummary } from './useRecord';
import { useStored } from '@/components/page/useStored';
import { HealthNotice } from './HealthNotice';
import { AccessNotice } from '@/components/page/AccessNotice';
import { WatchHere } from '@/components/record/WatchHere';
import { momentText, OUTCOME } from './moments';

/** The clock the figures are read against, ticking each minute while the page is open. */
function useClock(timeZone: string): Clock {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return { now, timeZone };
}

const RECENT = 10;
const CALENDAR_WEEKS = 12;

const STREAK_FROM: Record<Exclude<Streak['from'], 'today'>, MessageKey & `streak_from_${string}`> = {
  continue: 'streak_from_continue',
  set: 'streak_from_set',
  install: 'streak_from_install',
};

/**
 * "They turned up 9 times this week; you looked once." Their items softened where they turned up by
 * chance (issue 24), apart from the attempts: the looks are this week's Continues. Nothing is said
 * until they have turned up, nor when the counts cannot be read (unreadable is not none).
 */
function TurnedUp({ clock, looked }: { clock: Clock; looked: number }) {
  const stored = useStored(loadTurnedUp, turnedUpItem);
  if (!stored?.readable) return null;
  const turned = turnedUpBetween(stored.value, weekStartKey(clock), todayKey(clock));
  if (turned === 0) return null;
  return (
    <p class="turned-up" data-testid="turned-up">
      {looked === 0
        ? t('turned_up_week_no_look', { turned: plural('times', turned) })
        : t('turned_up_week', { turned: plural('times', turned), looked: plural('times', looked) })}
    </p>
  );
}

/** The popup: the streak, the figures, the calendar, the pattern and the recent attempts. */
export function Dashboard() {
  const settings = useStored(loadSettings, settingsItem);
  const installedAt = useInstalledAt();
  const problem = useRecordProblem();
  const figures = useSummary();
  // Never the whole log: the ten newest, by the time index.
  const recent = useLiveQuery(() => recordDb().attempts.orderBy('startedAt').reverse().limit(RECENT).toArray(), []);
  const timeZone = figures.state === 'ready' && figures.summary ? figures.summary.timeZone : localTimeZone();
  const clock = useClock(timeZone);
  if (!settings || !installedAt || !problem) return <main class="popup" aria-busy="true" />;

  const recentList = (
    <section aria-labelledby="recent-title">
      <h2 id="recent-title">{t('dashboard_recent_heading')}</h2>
      {recent.state === 'failed' ? (
        <p class="notice" role="alert">
          {t('dashboard_recent_failed', { error: recent.error })}
        </p>
      ) : recent.state === 'loading' ? null : recent.value.length === 0 ? (
        <p class="empty">{t('attempts_none_yet')}</p>
      ) : (
        <ol class="recent" data-testid="recent">
          {recent.value.map((attempt) => (
            <li key={attempt.id}>
              {momentText(attempt, settings.value)}: <span class={`outcome ${shownOutcome(attempt)}`}>{t(OUTCOME[shownOutcome(attempt)])}</span>{' '}
              <time dateTime={new Date(attempt.startedAt).toISOString()} title={longDate(attempt.startedAt, clock.timeZone)}>
                · {relativeTime(attempt.startedAt, clock)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );

  return (
    <main class="popup">
      <header class="page-head">
        <h1>{t('ext_name')}</h1>
        <PageNav current="Dashboard" />
      </header>
      {!settings.readable ? (
        <p class="notice" role="alert">
          {t('dashboard_settings_unreadable')}
        </p>
      ) : (
        !settings.valid && (
          <p class="notice" role="alert">
            {t('dashboard_settings_partly')}
          </p>
        )
      )}
      <HealthNotice settings={settings.value} />
      <AccessNotice />
      {problem.value && (
        <p class="notice" role="alert" data-testid="record-problem">
          {t('dashboard_record_problem')}
          {problem.value.waiting > 0 && ` ${plural('dashboard_record_waiting', problem.value.waiting)}`}
        </p>
      )}
      {figures.state === 'loading' && <p class="hint">{t('dashboard_opening')}</p>}
      {figures.state === 'counting' && (
        <p class="hint" role="status">
          {figures.unreadable ? t('dashboard_recounting') : t('dashboard_counting')}
        </p>
      )}
      {figures.state === 'failed' && (
        <div class="notice" role="alert">
          <p>{t('dashboard_record_failed')}</p>
          <p class="detail">{t('error_detail', { error: figures.error })}</p>
        </div>
      )}
      {figures.state === 'ready' ? (
        <Figures summary={figures.summary} settings={settings.value} installedAt={installedAt.value} clock={clock}>
          {recentList}
        </Figures>
      ) : (
        recentList
      )}
      <section class="actions" aria-label={t('dashboard_actions')}>
        <div class="row">
          <WatchHere settings={settings.value} />
        </div>
        <Export settings={settings.value} />
      </section>
    </main>
  );
}

/** The figures; `children` (the recent attempts) come after the calendar, before the pattern. */
function Figures({
  summary,
  settings,
  installedAt,
  clock,
  children,
}: {
  summary: Summary | null;
  settings: Settings;
  installedAt: number | null;
  clock: Clock;
  children: ComponentChildren;
}) {
  const run = streak(summary, { noContactSince: settings.noContactSince, installedAt }, clock);
  const counts = periods(summary, clock);
  const split = share(summary);
  const feelings = byFeeling(summary);
  const people = byPerson(summary, settings);
  const sites = bySite(summary, settings);
  return (
    <>
      <StreakView run={run} clock={clock} settings={settings} />
      <dl class="counts">
        <div>
          <dt>{t('dashboard_today')}</dt>
          <dd data-testid="today">{formatNumber(counts.today.attempts)}</dd>
        </div>
        <div>
          <dt>{t('dashboard_this_week')}</dt>
          <dd data-testid="week">{formatNumber(counts.week.attempts)}</dd>
        </div>
        <div>
          <dt>{t('dashboard_this_month')}</dt>
          <dd data-testid="month">{formatNumber(counts.month.attempts)}</dd>
        </div>
      </dl>
      <TurnedUp clock={clock} looked={counts.week.continued} />
      <section aria-labelledby="share-title">
        <h2 id="share-title">{t('share_heading')}</h2>
        {split.leftPercent === null ? (
          <p class="empty">{t('share_nothing')}</p>
        ) : (
          <>
            <p data-testid="share">
              {messageParts('share_text', { left: SLOT, continued: SLOT, percent: formatNumber(split.leftPercent / 100, { style: 'percent' }) }).map((part) =>
                typeof part === 'string' ? (
                  part
                ) : (
                  <span key={part.slot} data-testid={part.slot}>
                    {plural('times', part.slot === 'left' ? split.left : split.continued)}
                  </span>
                ),
              )}
            </p>
            <div class="share-bar" aria-hidden="true">
              <span style={{ width: `${split.leftPercent}%` }} />
            </div>
          </>
        )}
        {(summary?.outcomes.pending ?? 0) > 0 && <p class="hint">{plural('share_pending', summary!.outcomes.pending)}</p>}
      </section>
      <section aria-labelledby="calendar-title">
        <h2 id="calendar-title">{plural('calendar_heading', CALENDAR_WEEKS)}</h2>
        <Calendar weeks={calendar(summary, clock, CALENDAR_WEEKS)} />
      </section>
      {children}
      <section aria-labelledby="when-title">
        <h2 id="when-title">{t('when_heading')}</h2>
        <h3>{t('by_hour_heading')}</h3>
        <HourChart hours={byHour(summary)} />
        <h3>{t('by_weekday_heading')}</h3>
        <Bars counts={byWeekday(summary)} label={t('by_weekday_label')} testId="by-weekday" />
        <h3>{t('by_feeling_heading')}</h3>
        {feelings.length ? (
          <Bars counts={feelings} label={t('by_feeling_label')} testId="by-feeling" />
        ) : (
          <p class="empty">{t('feelings_none')}</p>
        )}
      </section>
      <section aria-labelledby="where-title">
        <h2 id="where-title">{t('where_heading')}</h2>
        {people.length === 0 ? (
          <p class="empty">{t('nothing_here')}</p>
        ) : (
          <div class="two">
            <div>
              <h3>{t('people_heading')}</h3>
              <Bars counts={people} label={t('by_person_label')} testId="by-person" />
            </div>
            <div>
              <h3>{t('sites_heading')}</h3>
              <Bars counts={sites} label={t('by_site_label')} testId="by-site" />
            </div>
          </div>
        )}
      </section>
    </>
  );
}

function StreakView({ run, clock, settings }: { run: Streak; clock: Clock; settings: Settings }) {
  const since = shortDay(run.since, clock);
  const from = run.from === 'today' ? '' : t(STREAK_FROM[run.from], { day: since });
  return (
    <section class="streak" aria-labelledby="streak-title">
      {run.days > 0 ? (
        <>
          <h2 id="streak-title" class="streak-days" data-testid="streak">
            {messageParts('streak_days', { days: SLOT }).map((part) =>
              typeof part === 'string' ? (
                part
              ) : (
                <strong key="days" data-testid="days">
                  {formatNumber(run.days)}
                </strong>
              ),
            )}
          </h2>
          <p class="hint" data-testid="streak-from">
            {from}
          </p>
        </>
      ) : (
        <>
          <h2 id="streak-title" class="streak-days" data-testid="streak">
            {t('streak_fresh')}
          </h2>
          <p class="hint" data-testid="streak-from">
            {t('streak_fresh_hint')}
          </p>
        </>
      )}
      {run.longest > 1 && (
        <p data-testid="longest">
          {messageParts(run.longest === run.days && run.days > 1 ? 'streak_longest_now' : 'streak_longest', { run: SLOT }).map((part) =>
            typeof part === 'string' ? part : <strong key="run">{plural('days', run.longest)}</strong>,
          )}
        </p>
      )}
      <CountFrom settings={settings} clock={clock} />
    </section>
  );
}

/** The day the person counts from, set by hand (also in options). */
function CountFrom({ settings, clock }: { settings: Settings; clock: Clock }) {
  const [day, setDay] = useState(settings.noContactSince ?? '');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
    const save = async (noContactSince: string | null) => {
    try {
      const result = await sendMessage('change', { type: 'setRecord', values: { noContactSince } });
      if (result.status === 'refused') throw new Error(result.message);
      setMessage({ text: noContactSince ? t('saved') : t('count_from_cleared'), error: false });
    } catch (error) {
      setMessage({ text: t('not_saved', { error: (error as Error).message }), error: true });
    }
  };
  return (
    <details class="count-from">
      <summary>{t('count_from_summary')}</summary>
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          if (day) void save(day);
        }}
      >
        <label>
          {t('count_from_label')} <input type="date" name="noContactSince" max={todayKey(clock)} value={day} onInput={(e) => setDay((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t('save')}</button>
        {settings.noContactSince && (
          <button type="button" class="link" onClick={() => void save(null)}>
            {t('clear')}
          </button>
        )}
      </form>
      {message && <p class={message.error ? 'error' : 'hint'}>{message.text}</p>}
    </details>
  );
}

function Export({ settings }: { settings: Settings }) {
  const [state, setState] = useState<{ text: string; error: boolean } | null>(null);
  const run = async (kind: 'csv' | 'json') => {
    setState({ text: t('export_preparing'), error: false });
    try {
      const now = Date.now();
      const parts = kind === 'csv' ? await exportCsv(recordDb(), settings) : await exportJson(recordDb(), now);
      download(parts, exportFileName(kind, now), kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
      setState(null);
    } catch (error) {
      setState({ text: t('export_failed', { error: (error as Error).message }), error: true });
    }
  };
  return (
    <div class="row export">
      <button type="button" onClick={() => void run('csv')}>
        {t('export_csv')}
      </button>
      <button type="button" onClick={() => void run('json')}>
        {t('export_json')}
      </button>
      {state && <p class={state.error ? 'error' : 'hint'}>{state.text}</p>}
    </div>
  );
}
