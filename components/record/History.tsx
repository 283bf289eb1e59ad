import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { recordDb, type RecordDb } from '@/utils/store/db';
import type { Attempt, Settings } from '@/utils/model/schema';
import { plural, t } from '@/utils/model/i18n';
import { dayRange, FEELING_LABEL, longDate, personName, relativeTime, siteName } from '@/utils/model/stats';
import { loadSettings, settingsItem } from '@/utils/store/storage';
import { localTimeZone, shownOutcome } from '@/utils/model/summary';
import { momentText, OUTCOME } from './moments';
import { PageNav } from '@/components/page/PageNav';
import { useLiveQuery } from './useLiveQuery';
import { useSummary } from './useRecord';
import { useStored } from '@/components/page/useStored';

/** What the history shows: ids are groups (every removed person is one "someone you removed"). */
export interface HistoryFilter {
  personIds: string[] | null;
  siteIds: string[] | null;
  outcome: 'left' | 'continued' | 'pending' | null;
  /** Times, from included, to excluded. */
  from: number;
  to: number;
}

const unionOf = async (lists: Promise<string[]>[]) => new Set((await Promise.all(lists)).flat());

/**
 * The ids of the attempts a filter keeps, newest first, read from the indexes alone (no
 * attempt is loaded, except pending ones to tell a screen still up from one gone): the
 * narrowest index gives the ids in time order, the other criteria are sets of ids from theirs.
 */
export async function matchingIds(db: RecordDb, filter: HistoryFilter): Promise<string[]> {
  const { personIds, siteIds, outcome, from, to } = filter;
  const onePerson = personIds?.length === 1 ? personIds[0]! : null;
  const oneSite = siteIds?.length === 1 ? siteIds[0]! : null;
  let base: Promise<string[]>;
  let personDone = false;
  let siteDone = false;
  // Ascending reads are served by getAllKeys; the page reverses the ids itself.
  if (onePerson !== null && oneSite !== null) {
    base = db.attempts.where('[personId+site+startedAt]').between([onePerson, oneSite, from], [onePerson, oneSite, to], true, false).primaryKeys();
    personDone = siteDone = true;
  } else if (onePerson !== null) {
    base = db.attempts.where('[personId+startedAt]').between([onePerson, from], [onePerson, to], true, false).primaryKeys();
    personDone = true;
  } else if (oneSite !== null) {
    base = db.attempts.where('[site+startedAt]').between([oneSite, from], [oneSite, to], true, false).primaryKeys();
    siteDone = true;
  } else {
    base = db.attempts.where('startedAt').between(from, to, true, false).primaryKeys();
  }
  const sets: Promise<Set<string>>[] = [];
  if (personIds && !personDone) {
    sets.push(unionOf(personIds.map((id) => db.attempts.where('[personId+startedAt]').between([id, from], [id, to], true, false).primaryKeys())));
  }
  if (siteIds && !siteDone) {
    sets.push(unionOf(siteIds.map((id) => db.attempts.where('[site+startedAt]').between([id, from], [id, to], true, false).primaryKeys())));
  }
  if (outcome === 'continued') sets.push(unionOf([db.attempts.where('outcome').equals('continued').primaryKeys()]));
  if (outcome === 'left') {
    sets.push(
      unionOf([
        db.attempts.where('outcome').anyOf('left', 'closed').primaryKeys(),
        db.attempts.where('outcome').equals('pending').filter((a) => shownOutcome(a) === 'left').primaryKeys(),
      ]),
    );
  }
  if (outcome === 'pending') sets.push(unionOf([db.attempts.where('outcome').equals('pending').filter((a) => shownOutcome(a) === 'pending').primaryKeys()]));
  const [ids, ...keep] = await Promise.all([base, ...sets]);
  return ids!.filter((id) => keep.every((set) => set.has(id))).reverse();
}

interface Choice {
  name: string;
  ids: string[];
}

/** Options for a select: one per name, with every id under it. */
function choices(ids: Iterable<string>, name: (id: string) => string): Choice[] {
  const groups = new Map<string, string[]>();
  for (const id of ids) groups.set(name(id), [...(groups.get(name(id)) ?? []), id]);
  return [...groups].map(([name, ids]) => ({ name, ids })).sort((a, b) => a.name.localeCompare(b.name));
}

const ROW_HEIGHT = 64;
const OVERSCAN = 6;

/** The full history: every attempt, newest first, filtered, rendering only the rows in view. */
export function History() {
  const settings = useStored(loadSettings, settingsItem);
  const figures = useSummary();
  const [person, setPerson] = useState('');
  const [site, setSite] = useState('');
  const [outcome, setOutcome] = useState<HistoryFilter['outcome']>(null);
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  if (!settings) return <main class="page" aria-busy="true" />;

  const summary = figures.state === 'ready' ? figures.summary : null;
  const people = choices(new Set([...settings.value.people.map((p) => p.id), ...Object.keys(summary?.byPerson ?? {})]), (id) => personName(id, settings.value));
  const sites = choices(Object.keys(summary?.bySite ?? {}), (id) => siteName(id, settings.value));
  const [from, to] = dayRange(fromDay || null, toDay || null, localTimeZone());
  const filter: HistoryFilter = {
    personIds: people.find((c) => c.name === person)?.ids ?? null,
    siteIds: sites.find((c) => c.name === site)?.ids ?? null,
    outcome,
    from,
    to,
  };

  return (
    <main class="page history">
      <header class="page-head">
        <h1>{t('history_heading')}</h1>
        <PageNav current="History" />
      </header>
      {!settings.valid && (
        <p class="notice" role="alert">
          {t('settings_partly_unreadable')}
        </p>
      )}
      <form class="filters" aria-label={t('history_filters')} onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('filter_person')}
          <select name="person" value={person} onChange={(e) => setPerson((e.target as HTMLSelectElement).value)}>
            <option value="">{t('filter_everyone')}</option>
            {people.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filter_site')}
          <select name="site" value={site} onChange={(e) => setSite((e.target as HTMLSelectElement).value)}>
            <option value="">{t('filter_every_site')}</option>
            {sites.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filter_outcome')}
          <select
            name="outcome"
            value={outcome ?? ''}
            onChange={(e) => setOutcome(((e.target as HTMLSelectElement).value || null) as HistoryFilter['outcome'])}
          >
            <option value="">{t('filter_any')}</option>
            <option value="left">{t(OUTCOME.left)}</option>
            <option value="continued">{t(OUTCOME.continued)}</option>
            <option value="pending">{t(OUTCOME.pending)}</option>
          </select>
        </label>
        <label>
          {t('filter_from')} <input type="date" name="from" value={fromDay} max={toDay || undefined} onInput={(e) => setFromDay((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('filter_to')} <input type="date" name="to" value={toDay} min={fromDay || undefined} onInput={(e) => setToDay((e.target as HTMLInputElement).value)} />
        </label>
        {(person || site || outcome || fromDay || toDay) && (
          <button
            type="button"
            class="link"
            onClick={() => {
              setPerson('');
              setSite('');
              setOutcome(null);
              setFromDay('');
              setToDay('');
            }}
          >
            {t('filter_show_everything')}
          </button>
        )}
      </form>
      <Results filter={filter} settings={settings.value} />
    </main>
  );
}

function Results({ filter, settings }: { filter: HistoryFilter; settings: Settings }) {
  const key = JSON.stringify(filter, (_, value: unknown) => (value === Infinity ? 'inf' : value === -Infinity ? '-inf' : value));
  const ids = useLiveQuery(() => matchingIds(recordDb(), filter), [key]);
  const filtered = filter.personIds !== null || filter.siteIds !== null || filter.outcome !== null || Number.isFinite(filter.from) || Number.isFinite(filter.to);

  if (ids.state === 'loading') return <p class="hint">{t('history_opening')}</p>;
  if (ids.state === 'failed') {
    return (
      <p class="notice" role="alert">
        {t('history_failed', { error: ids.error })}
      </p>
    );
  }
  const count = ids.value.length;
  return (
    <>
      <p class="result-count" role="status" data-testid="result-count">
        {count === 0
          ? filtered
            ? t('history_none_match')
            : t('attempts_none_yet')
          : plural(filtered ? 'history_match' : 'history_count', count)}
      </p>
      {count > 0 && <VirtualList ids={ids.value} settings={settings} resetKey={key} />}
    </>
  );
}

function VirtualList({ ids, settings, resetKey }: { ids: string[]; settings: Settings; resetKey: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  // Rows already read, kept while the next window is read, so scrolling never flashes blank.
  const cache = useRef(new Map<string, Attempt>());

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setHeight(element.clientHeight || 600);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
    setScrollTop(0);
  }, [resetKey]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(ids.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = ids.slice(first, last);
  const rows = useLiveQuery(() => recordDb().attempts.bulkGet(visible), [ids, first, last]);
  if (rows.state === 'ready') {
    if (cache.current.size > 2000) cache.current.clear();
    for (const attempt of rows.value) if (attempt) cache.current.set(attempt.id, attempt);
  }
  const timeZone = localTimeZone();
  const clock = { now: Date.now(), timeZone };

  return (
    <div
      class="scroller"
      ref={scroller}
      tabIndex={0}
      role="region"
      aria-label={t('history_rows_label')}
      onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}
    >
      <ol class="history-rows" style={{ height: `${ids.length * ROW_HEIGHT}px` }} data-testid="history-rows">
        {visible.map((id, offset) => {
          const index = first + offset;
          const attempt = cache.current.get(id);
          return (
            <li key={id} style={{ top: `${index * ROW_HEIGHT}px`, height: `${ROW_HEIGHT}px` }} aria-posinset={index + 1} aria-setsize={ids.length}>
              {attempt ? <Row attempt={attempt} settings={settings} clock={clock} /> : <span class="hint">…</span>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function Row({ attempt, settings, clock }: { attempt: Attempt; settings: Settings; clock: { now: number; timeZone: string } }) {
  const outcome = shownOutcome(attempt);
  const details = [
    attempt.outcome === 'closed' ? t('row_closed') : null,
    attempt.secondsOnScreen !== null ? t('row_seconds', { seconds: Math.round(attempt.secondsOnScreen) }) : null,
    attempt.feeling ? t(FEELING_LABEL[attempt.feeling]) : null,
    attempt.journalWritten ? t('row_journal') : null,
  ].filter(Boolean);
  return (
    <>
      <span class="row-when">
        <time dateTime={new Date(attempt.startedAt).toISOString()}>{longDate(attempt.startedAt, clock.timeZone)}</time>
        <span class="hint"> · {relativeTime(attempt.startedAt, clock)}</span>
      </span>
      <span class="row-what">
        {momentText(attempt, settings)}: <strong class={`outcome ${outcome}`}>{t(OUTCOME[outcome])}</strong>
        {details.length > 0 && <span class="hint"> · {details.join(' · ')}</span>}
      </span>
    </>
  );
}
