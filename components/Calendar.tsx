import { useState } from 'preact/hooks';
import type { CalendarDay, CalendarWeek } from '@/utils/stats';

const CELL = 18;
const GAP = 3;
const STEP = CELL + GAP;
const LEFT = 30;
const TOP = 16;
const WEEKDAY_LABELS = ['Mon', '', 'Wed', '', 'Fri', '', 'Sun'];

const attemptsText = (n: number) => (n === 0 ? 'no attempts' : n === 1 ? '1 attempt' : `${n} attempts`);

/** "Tuesday 3 November: 2 attempts" */
export const dayLabel = (day: CalendarDay) => `${day.label}: ${attemptsText(day.attempts)}`;

function dayDetail(day: CalendarDay): string {
  if (day.attempts === 0) return `${day.label}: no attempts.`;
  const parts = [day.left && `left ${day.left}`, day.continued && `continued ${day.continued}`].filter(Boolean);
  return `${dayLabel(day)}${parts.length ? ` (${parts.join(', ')})` : ''}.`;
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
    return first ? [{ column, text: first.label.split(' ')[2]!.slice(0, 3) }] : [];
  });

  return (
    <figure class="calendar">
      <svg
        role="grid"
        aria-label={`Attempts by day, the last ${weeks.length} weeks`}
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
          {WEEKDAY_LABELS.map((text, row) => (
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
          Fewer <span class="swatch" data-level="0" />
          <span class="swatch" data-level="1" />
          <span class="swatch" data-level="2" />
          <span class="swatch" data-level="3" />
          <span class="swatch" data-level="4" /> more
        </span>
      </figcaption>
    </figure>
  );
}
