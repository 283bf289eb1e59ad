import { useState } from 'preact/hooks';
import { formatList, plural, t } from '@/utils/model/i18n';
import { weekdayNames, type CalendarDay, type CalendarWeek } from '@/utils/model/stats';

const CELL = 18;
const GAP = 3;
const STEP = CELL + GAP;
const LEFT = 30;
const TOP = 16;
/** Every other weekday is labelled: Mon, Wed, Fri, Sun. */
const weekdayLabels = () => weekdayNames('short').map((name, row) => (row % 2 === 0 ? name : ''));

/** "Tuesday 3 November: 2 attempts" */
export const dayLabel = (day: CalendarDay) => t('calendar_day', { day: day.label, attempts: plural('attempts', day.attempts) });

function dayDetail(day: CalendarDay): string {
  const attempts = plural('attempts', day.attempts);
  const parts = [
    ...(day.left ? [t('calendar_left', { count: day.left })] : []),
    ...(day.continued ? [t('calendar_continued', { count: day.continued })] : []),
  ];
  return parts.length
    ? t('calendar_detail_split', { day: day.label, attempts, split: formatList(parts) })
    : t('calendar_detail', { day: day.label, attempts });
}

/**
 * The last weeks as an SVG calendar, a column per week and a row per weekday, each day shaded
 * by its attempts. It is an ARIA grid: one day is in the tab order, the arrow keys move by day
 * (up, down) and week (left, right), and each day is named with its count for screen readers.
 */
export function Calendar({ weeks }: { weeks: CalendarWeek[] }) {
  const days = weeks.flatMap((week) => week.days);
  const [selected, setSelected] = useState(days[days.length - 1]?.key ?? '');
  const current = days.find((day) => day.key === selected) ?? days[days.length - 1];
  if (!current) return null;
  const position = new Map(days.map((day, index) => [day.key, index]));

  const move = (event: KeyboardEvent) => {
    const index = position.get(current.key)!;
    const by: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -7, ArrowRight: 7 };
    let next: number | undefined;
    if (event.key in by) next = index + by[event.key]!;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = days.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    const day = days[Math.max(0, Math.min(days.length - 1, next))]!;
    setSelected(day.key);
    (event.currentTarget as SVGElement).querySelector<SVGElement>(`[data-day="${day.key}"]`)?.focus();
  };

  const width = LEFT + weeks.length * STEP;
  const height = TOP + 7 * STEP;
  const months = weeks.flatMap((week, column) => {
    const first = week.days.find((day) => day.key.endsWith('-01')) ?? (column === 0 ? week.days[0] : undefined);
    return first ? [{ column, text: first.month }] : [];
  });

  return (
    <figure class="calendar">
      <svg
        role="grid"
        aria-label={plural('calendar_label', weeks.length)}
        aria-describedby="calendar-detail"
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        onKeyDown={move}
      >
        <g aria-hidden="true" class="calendar-labels">
          {months.map(({ column, text }) => (
            <text key={column} x={LEFT + column * STEP} y={TOP - 5}>
              {text}
            </text>
          ))}
          {weekdayLabels().map((text, row) => (
            <text key={row} x={0} y={TOP + row * STEP + CELL - 5}>
              {text}
            </text>
          ))}
        </g>
        {Array.from({ length: 7 }, (_, row) => (
          <g role="row" key={row}>
            {weeks.map((week, column) => {
              const day = week.days[row];
              if (!day) return null;
              return (
                <rect
                  key={day.key}
                  role="gridcell"
                  data-day={day.key}
                  data-level={day.level}
                  class="day"
                  tabIndex={day.key === current.key ? 0 : -1}
                  aria-label={dayLabel(day)}
                  aria-selected={day.key === current.key}
                  x={LEFT + column * STEP}
                  y={TOP + row * STEP}
                  width={CELL}
                  height={CELL}
                  rx={4}
                  onClick={() => setSelected(day.key)}
                  onFocus={() => setSelected(day.key)}
                />
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption>
        <span id="calendar-detail" data-testid="calendar-detail">
          {dayDetail(current)}
        </span>
        <span class="legend" aria-hidden="true">
          {t('calendar_fewer')} <span class="swatch" data-level="0" />
          <span class="swatch" data-level="1" />
          <span class="swatch" data-level="2" />
          <span class="swatch" data-level="3" />
          <span class="swatch" data-level="4" /> {t('calendar_more')}
        </span>
      </figcaption>
    </figure>
  );
}
