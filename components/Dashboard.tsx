import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { recordDb } from '@/utils/db';
import { download, exportCsv, exportFileName, exportJson } from '@/utils/export';
import { sendMessage } from '@/utils/messages';
import type { Settings } from '@/utils/schema';
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
  type Clock,
  type Streak,
} from '@/utils/stats';
import { loadSettings, settingsItem } from '@/utils/storage';
import { localTimeZone, shownOutcome, type Summary } from '@/utils/summary';
import { Calendar } from './Calendar';
import { Bars, HourChart } from './Charts';
import { PageNav } from './PageNav';
import { useLiveQuery } from './useLiveQuery';
import { useInstalledAt, useRecordProblem, useSummary } from './useRecord';
import { useStored } from './useStored';
import { HealthNotice } from './HealthNotice';
import { WatchHere } from './WatchHere';
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
      <h2 id="recent-title">Recent attempts</h2>
      {recent.state === 'failed' ? (
        <p class="notice" role="alert">
          The recent attempts could not be read just now ({recent.error}).
        </p>
      ) : recent.state === 'loading' ? null : recent.value.length === 0 ? (
        <p class="empty">No attempts yet. Each time the pause screen appears, it is noted here.</p>
      ) : (
        <ol class="recent" data-testid="recent">
          {recent.value.map((attempt) => (
            <li key={attempt.id}>
              {momentText(attempt, settings.value)}: <span class={`outcome ${shownOutcome(attempt)}`}>{OUTCOME[shownOutcome(attempt)]}</span>{' '}
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
        <h1>Clean Break</h1>
        <PageNav current="Dashboard" />
      </header>
      {!settings.readable ? (
        <p class="notice" role="alert">
          Your settings could not be read just now, so names may be missing here. Nothing was changed.
        </p>
      ) : (
        !settings.valid && (
          <p class="notice" role="alert">
            Some saved settings could not be read and were set aside; everything readable is shown.
          </p>
        )
      )}
      <HealthNotice settings={settings.value} />
      {problem.value && (
        <p class="notice" role="alert" data-testid="record-problem">
          Some attempts could not be saved yet; they will be saved when possible.
          {problem.value.waiting > 0 && ` (${problem.value.waiting} waiting)`}
        </p>
      )}
      {figures.state === 'loading' && <p class="hint">Opening your record…</p>}
      {figures.state === 'counting' && (
        <p class="hint" role="status">
          {figures.unreadable ? 'Your figures could not be read, so they are being counted again from the log…' : 'Counting…'}
        </p>
      )}
      {figures.state === 'failed' && (
        <div class="notice" role="alert">
          <p>Your record could not be read just now, so no figures are shown. Nothing was deleted: it will show here when it can be read.</p>
          <p class="detail">({figures.error})</p>
        </div>
      )}
      {figures.state === 'ready' ? (
        <Figures summary={figures.summary} settings={settings.value} installedAt={installedAt.value} clock={clock}>
          {recentList}
        </Figures>
      ) : (
        recentList
      )}
      <section class="actions" aria-label="Actions">
        <div class="row">
          <WatchHere settings={settings.value} />
        </div>
        <Export settings={settings.value} />
      </section>
    </main>
  );
}

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
const daysText = (n: number) => (n === 1 ? '1 day' : `${n} days`);

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
          <dt>Today</dt>
          <dd data-testid="today">{counts.today.attempts}</dd>
        </div>
        <div>
          <dt>This week</dt>
          <dd data-testid="week">{counts.week.attempts}</dd>
        </div>
        <div>
          <dt>This month</dt>
          <dd data-testid="month">{counts.month.attempts}</dd>
        </div>
      </dl>
      <section aria-labelledby="share-title">
        <h2 id="share-title">Left or continued</h2>
        {split.leftPercent === null ? (
          <p class="empty">Nothing decided yet.</p>
        ) : (
          <>
            <p data-testid="share">
              You left <span data-testid="left">{times(split.left)}</span> and continued{' '}
              <span data-testid="continued">{times(split.continued)}</span>: you chose to leave {split.leftPercent}% of the time.
            </p>
            <div class="share-bar" aria-hidden="true">
              <span style={{ width: `${split.leftPercent}%` }} />
            </div>
          </>
        )}
        {(summary?.outcomes.pending ?? 0) > 0 && <p class="hint">{summary!.outcomes.pending} on a pause screen right now.</p>}
      </section>
      <section aria-labelledby="calendar-title">
        <h2 id="calendar-title">The last 12 weeks</h2>
        <Calendar weeks={calendar(summary, clock, 12)} />
      </section>
      {children}
      <section aria-labelledby="when-title">
        <h2 id="when-title">When it happens</h2>
        <h3>By hour of day</h3>
        <HourChart hours={byHour(summary)} />
        <h3>By weekday</h3>
        <Bars counts={byWeekday(summary)} label="Attempts by weekday" testId="by-weekday" />
        <h3>How you felt</h3>
        {feelings.length ? (
          <Bars counts={feelings} label="Attempts by feeling" testId="by-feeling" />
        ) : (
          <p class="empty">No feelings noted yet: the pause screen asks, if you like.</p>
        )}
      </section>
      <section aria-labelledby="where-title">
        <h2 id="where-title">Who and where</h2>
        {people.length === 0 ? (
          <p class="empty">Nothing here yet.</p>
        ) : (
          <div class="two">
            <div>
              <h3>People</h3>
              <Bars counts={people} label="Attempts by person" testId="by-person" />
            </div>
            <div>
              <h3>Sites</h3>
              <Bars counts={sites} label="Attempts by site" testId="by-site" />
            </div>
          </div>
        )}
      </section>
    </>
  );
}

function StreakView({ run, clock, settings }: { run: Streak; clock: Clock; settings: Settings }) {
  const since = shortDay(run.since, clock);
  const from = {
    continue: `Counting from ${since}, the day after you last continued.`,
    set: `Counting from ${since}, the day you chose.`,
    install: `Counting from ${since}, when you started with Clean Break.`,
    today: '',
  }[run.from];
  return (
    <section class="streak" aria-labelledby="streak-title">
      {run.days > 0 ? (
        <>
          <h2 id="streak-title" class="streak-days" data-testid="streak">
            Day <strong data-testid="days">{run.days}</strong> of no contact
          </h2>
          <p class="hint" data-testid="streak-from">
            {from}
          </p>
        </>
      ) : (
        <>
          <h2 id="streak-title" class="streak-days" data-testid="streak">
            Today is a fresh start
          </h2>
          <p class="hint" data-testid="streak-from">
            You continued today. That is something to notice, not a reason to be hard on yourself: tomorrow is Day 1.
          </p>
        </>
      )}
      {run.longest > 1 && (
        <p data-testid="longest">
          Your longest run: <strong>{daysText(run.longest)}</strong>
          {run.longest === run.days && run.days > 1 ? ', and it is this one.' : '.'}
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
      setMessage({ text: noContactSince ? 'Saved.' : 'Counting from your last Continue again.', error: false });
    } catch (error) {
      setMessage({ text: `Not saved: ${(error as Error).message}`, error: true });
    }
  };
  return (
    <details class="count-from">
      <summary>Count from another day</summary>
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          if (day) void save(day);
        }}
      >
        <label>
          No contact since <input type="date" name="noContactSince" max={todayKey(clock)} value={day} onInput={(e) => setDay((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">Save</button>
        {settings.noContactSince && (
          <button type="button" class="link" onClick={() => void save(null)}>
            Clear
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
    setState({ text: 'Preparing the file…', error: false });
    try {
      const now = Date.now();
      const parts = kind === 'csv' ? await exportCsv(recordDb(), settings) : await exportJson(recordDb(), now);
      download(parts, exportFileName(kind, now), kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
      setState(null);
    } catch (error) {
      setState({ text: `The log could not be exported just now: ${(error as Error).message}`, error: true });
    }
  };
  return (
    <div class="row export">
      <button type="button" onClick={() => void run('csv')}>
        Export CSV
      </button>
      <button type="button" onClick={() => void run('json')}>
        Export JSON
      </button>
      {state && <p class={state.error ? 'error' : 'hint'}>{state.text}</p>}
    </div>
  );
}
