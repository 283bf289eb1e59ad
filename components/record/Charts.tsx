import { formatList, formatNumber, t } from '@/utils/model/i18n';
import { hourName, type Count } from '@/utils/model/stats';

/**
 * A list of counts with a bar each: the text ("Monday 3") is what is read; the bar only shows
 * the proportion, and is hidden from screen readers.
 */
export function Bars({ counts, label, testId }: { counts: Count[]; label: string; testId?: string }) {
  const most = Math.max(1, ...counts.map((c) => c.count));
  return (
    <ul class="bars" aria-label={label} data-testid={testId}>
      {counts.map(({ name, count }) => (
        <li key={name}>
          <span class="bar-name">{name}</span>
          <span class="bar" aria-hidden="true">
            <span style={{ width: `${(count / most) * 100}%` }} />
          </span>
          <span class="bar-count">{formatNumber(count)}</span>
        </li>
      ))}
    </ul>
  );
}

const WIDTH = 24 * 13;
const HEIGHT = 64;

/** Attempts by hour of day, midnight first: a column chart described in words for screen readers. */
export function HourChart({ hours }: { hours: Count[] }) {
  const most = Math.max(1, ...hours.map((h) => h.count));
  const busiest = [...hours].filter((h) => h.count > 0).sort((a, b) => b.count - a.count).slice(0, 3);
  const description = busiest.length
    ? t('hours_most', { hours: formatList(busiest.map((h) => t('hour_count', { hour: h.name, count: h.count }))) })
    : t('hours_none');
  return (
    <figure class="hours">
      <svg role="img" aria-label={t('hours_label', { description })} viewBox={`0 0 ${WIDTH} ${HEIGHT + 14}`} width={WIDTH} height={HEIGHT + 14}>
        {hours.map((hour, i) => {
          const h = hour.count ? Math.max(2, (hour.count / most) * HEIGHT) : 1;
          return <rect key={hour.name} class={hour.count ? 'hour' : 'hour none'} x={i * 13 + 1} y={HEIGHT - h} width={11} height={h} rx={2} />;
        })}
        {[0, 6, 12, 18].map((hour) => (
          <text key={hour} x={hour * 13 + 1} y={HEIGHT + 12}>
            {hourName(hour)}
          </text>
        ))}
      </svg>
      <figcaption>{description}</figcaption>
    </figure>
  );
}
