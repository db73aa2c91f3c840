import '../i18n/strings-portal.ts';
import type { Locale, OpeningHours } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import { formatLocalDate, openingPeriods, type OpeningPeriod } from './opening-hours.ts';

function periodLabel(period: OpeningPeriod, locale: Locale): string {
  const from = period.validFrom === undefined ? undefined : formatLocalDate(period.validFrom, locale);
  const to = period.validThrough === undefined ? undefined : formatLocalDate(period.validThrough, locale);
  if (from !== undefined && to !== undefined) return t('portalValidBetween', { from, to }, locale);
  if (from !== undefined) return t('portalValidFrom', { from }, locale);
  if (to !== undefined) return t('portalValidThrough', { to }, locale);
  return t('portalAlways', {}, locale);
}

/** A place's weekly hours: a table per period, a row per day, "closed" said in words. */
export function OpeningHoursTable({ hours, locale }: { hours: readonly OpeningHours[]; locale: Locale }) {
  const periods = openingPeriods(hours, locale);
  return (
    <div class="portal-hours">
      {periods.map((period) => (
        <table key={`${period.validFrom ?? ''}|${period.validThrough ?? ''}`} class="portal-hours-table">
          <caption>{periodLabel(period, locale)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('portalDay', {}, locale)}</th>
              <th scope="col">{t('portalHours', {}, locale)}</th>
            </tr>
          </thead>
          <tbody>
            {period.days.map((day) => (
              <tr key={day.day} class={day.ranges.length === 0 ? 'closed' : undefined}>
                <th scope="row">{day.label}</th>
                <td>{day.ranges.length === 0 ? t('portalClosed', {}, locale) : day.ranges.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
