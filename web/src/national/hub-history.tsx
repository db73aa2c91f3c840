/**
 * A hub's health over time in the national console: pulls and failures, items applied and
 * refused, and the lag, hour by hour, as three small column charts. Each chart is a picture
 * of the table that follows them (hidden from screen readers, which read the table).
 */
import { useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { useFetch } from '../components/use-fetch.ts';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import type { AdminSession } from './admin-session.ts';
import type { AdminHub } from './hub-format.ts';

/** One hour of a hub's health (aggregator/src/admin/hub-history.ts). */
export interface HealthHour {
  hour: string;
  pulls: number;
  failures: number;
  applied: number;
  rejected: number;
  maxLagSeq: number;
}

export const HISTORY_WINDOWS: { hours: number; label: StringKey }[] = [
  { hours: 24, label: 'nationalHistory24h' },
  { hours: 48, label: 'nationalHistory48h' },
  { hours: 168, label: 'nationalHistory7d' },
];

interface Series {
  /** The class of the part, drawn from the bottom up. */
  part: string;
  value: (hour: HealthHour) => number;
}

const COLUMN = 10;
const HEIGHT = 48;

/** Columns of one value per hour, stacked when there are several parts; a hairline marks an hour with nothing. */
function ColumnChart({ hours, series }: { hours: readonly HealthHour[]; series: readonly Series[] }) {
  const total = (hour: HealthHour) => series.reduce((sum, part) => sum + part.value(hour), 0);
  const max = Math.max(1, ...hours.map(total));
  return (
    <svg class="hour-chart" viewBox={`0 0 ${hours.length * COLUMN} ${HEIGHT}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <line x1="0" y1={HEIGHT - 0.5} x2={hours.length * COLUMN} y2={HEIGHT - 0.5} class="hour-chart-axis" />
      {hours.map((hour, index) => {
        let bottom = HEIGHT;
        return series.map((part) => {
          const value = part.value(hour);
          if (value === 0) return null;
          const height = Math.max(1.5, (value / max) * (HEIGHT - 2));
          bottom -= height;
          return <rect key={`${index}-${part.part}`} x={index * COLUMN + 1} y={bottom} width={COLUMN - 2} height={height} class={part.part} />;
        });
      })}
    </svg>
  );
}

function hourLabel(instant: string, locale: Locale, long: boolean): string {
  const date = new Date(instant);
  return new Intl.DateTimeFormat(locale, long ? { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit' }).format(date);
}

function Chart({ title, legend, hours, series, locale }: { title: string; legend: { part: string; label: string; total: number }[]; hours: readonly HealthHour[]; series: readonly Series[]; locale: Locale }) {
  const number = new Intl.NumberFormat(locale);
  const first = hours[0];
  const last = hours.at(-1);
  return (
    <figure class="hour-figure">
      <figcaption class="hour-figure-title">{title}</figcaption>
      <ColumnChart hours={hours} series={series} />
      <p class="hour-figure-axis" aria-hidden="true">
        <span>{first === undefined ? '' : hourLabel(first.hour, locale, true)}</span>
        <span>{last === undefined ? '' : hourLabel(last.hour, locale, true)}</span>
      </p>
      <ul class="hour-legend">
        {legend.map((entry) => (
          <li key={entry.part}>
            <span class={`hour-swatch ${entry.part}`} aria-hidden="true" /> {t('nationalHistoryLegend', { label: entry.label, count: number.format(entry.total) }, locale)}
          </li>
        ))}
      </ul>
    </figure>
  );
}

export function HubHistory({ hub, session, locale }: { hub: AdminHub; session: AdminSession; locale: Locale }) {
  const [hours, setHours] = useState(48);
  // The key moves with the hub's counters, so an open chart follows each reload of the list.
  const key = `health/${hub.id}/${hours}/${hub.health.lastPullAt ?? ''}/${hub.health.appliedCount}`;
  const [loaded] = useFetch(key, (signal) => session.request<{ items: HealthHour[] }>('GET', `/api/v1/admin/hubs/${encodeURIComponent(hub.id)}/health`, { query: { hours: String(hours) }, signal }).then((answer) => answer.items));
  const number = new Intl.NumberFormat(locale);
  const w = (key: StringKey, values: Record<string, string | number> = {}) => t(key, values, locale);
  const sum = (items: readonly HealthHour[], pick: (hour: HealthHour) => number) => items.reduce((total, hour) => total + pick(hour), 0);
  const groupName = `history-window-${hub.id}`;
  return (
    <section class="hub-history" aria-label={w('nationalHistoryHeading', { name: hub.name })}>
      <fieldset class="hub-history-window">
        <legend>{w('nationalHistoryWindow')}</legend>
        {HISTORY_WINDOWS.map((choice) => (
          <label key={choice.hours}>
            <input type="radio" name={groupName} value={choice.hours} checked={hours === choice.hours} onChange={() => setHours(choice.hours)} /> {w(choice.label)}
          </label>
        ))}
      </fieldset>
      {loaded.status === 'loading' ? <p role="status">{w('loading')}</p> : null}
      {loaded.status === 'failed' ? <p class="error">{w('nationalFailed', { message: loaded.message })}</p> : null}
      {loaded.status === 'done' ? (
        <>
          <div class="hour-figures">
            <Chart
              title={w('nationalHistoryPulls')}
              hours={loaded.value}
              locale={locale}
              series={[
                { part: 'hour-ok', value: (hour) => hour.pulls - hour.failures },
                { part: 'hour-bad', value: (hour) => hour.failures },
              ]}
              legend={[
                { part: 'hour-ok', label: w('nationalHistorySucceeded'), total: sum(loaded.value, (hour) => hour.pulls - hour.failures) },
                { part: 'hour-bad', label: w('nationalHistoryFailures'), total: sum(loaded.value, (hour) => hour.failures) },
              ]}
            />
            <Chart
              title={w('nationalHistoryItems')}
              hours={loaded.value}
              locale={locale}
              series={[
                { part: 'hour-ok', value: (hour) => hour.applied },
                { part: 'hour-bad', value: (hour) => hour.rejected },
              ]}
              legend={[
                { part: 'hour-ok', label: w('nationalHistoryApplied'), total: sum(loaded.value, (hour) => hour.applied) },
                { part: 'hour-bad', label: w('nationalHistoryRejected'), total: sum(loaded.value, (hour) => hour.rejected) },
              ]}
            />
            <Chart
              title={w('nationalHistoryLag')}
              hours={loaded.value}
              locale={locale}
              series={[{ part: 'hour-lag', value: (hour) => hour.maxLagSeq }]}
              legend={[{ part: 'hour-lag', label: w('nationalHistoryLagMax'), total: Math.max(0, ...loaded.value.map((hour) => hour.maxLagSeq)) }]}
            />
          </div>
          <details class="hub-history-numbers">
            <summary>{w('nationalHistoryNumbers')}</summary>
            <div class="table-scroll">
              <table class="console-table hub-history-table">
                <caption>{w('nationalHistoryHeading', { name: hub.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w('nationalHistoryHour')}</th>
                    <th scope="col">{w('nationalHistoryPullsColumn')}</th>
                    <th scope="col">{w('nationalHistoryFailures')}</th>
                    <th scope="col">{w('nationalHistoryApplied')}</th>
                    <th scope="col">{w('nationalHistoryRejected')}</th>
                    <th scope="col">{w('nationalHistoryLagColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...loaded.value].reverse().map((hour) => (
                    <tr key={hour.hour}>
                      <th scope="row">{hourLabel(hour.hour, locale, true)}</th>
                      <td>{number.format(hour.pulls)}</td>
                      <td>{number.format(hour.failures)}</td>
                      <td>{number.format(hour.applied)}</td>
                      <td>{number.format(hour.rejected)}</td>
                      <td>{number.format(hour.maxLagSeq)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      ) : null}
    </section>
  );
}
