/**
 * A place's opening hours as a reader scans them: one table per period of validity, a row
 * per weekday from Monday, each day's time ranges in order, or "closed". Structured hours
 * (schema.org-style specifications) may overlap and come in any order; this sorts them out.
 */
import { weekdays, type DayOfWeek, type Locale, type OpeningHours } from '@constellation/shared';

export interface OpeningDay {
  day: DayOfWeek;
  label: string;
  /** "10:00 – 12:00", in order of opening; empty when closed. */
  ranges: string[];
}

export interface OpeningPeriod {
  validFrom?: string;
  validThrough?: string;
  days: OpeningDay[];
}

/** "09:00" in French, "9:00 AM" in English: the clock style of the rest of the app's dates. */
export function formatClock(time: string, locale: Locale): string {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  // A fixed UTC date: the wall-clock time is formatted as such, whatever the reader's zone.
  return new Intl.DateTimeFormat(locale, { hour: locale === 'fr' ? '2-digit' : 'numeric', minute: '2-digit', hour12: locale === 'en', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 1, hours, minutes));
}

/** "1 avril 2026" / "April 1, 2026" for a calendar day (no time zone involved). */
export function formatLocalDate(day: string, locale: Locale): string {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, date));
}

/** Groups specifications by their period, then lays each period out day by day. */
export function openingPeriods(hours: readonly OpeningHours[], locale: Locale): OpeningPeriod[] {
  const periods = new Map<string, { validFrom?: string; validThrough?: string; specs: OpeningHours[] }>();
  for (const spec of hours) {
    const key = `${spec.validFrom ?? ''}|${spec.validThrough ?? ''}`;
    let period = periods.get(key);
    if (period === undefined) {
      period = { specs: [], ...(spec.validFrom === undefined ? {} : { validFrom: spec.validFrom }), ...(spec.validThrough === undefined ? {} : { validThrough: spec.validThrough }) };
      periods.set(key, period);
    }
    period.specs.push(spec);
  }
  // Year-round hours first, then the seasons in calendar order.
  const ordered = [...periods.values()].sort((a, b) => {
    const always = (period: typeof a) => period.validFrom === undefined && period.validThrough === undefined;
    if (always(a) !== always(b)) return always(a) ? -1 : 1;
    return (a.validFrom ?? a.validThrough ?? '').localeCompare(b.validFrom ?? b.validThrough ?? '');
  });
  return ordered.map(({ specs, ...period }) => ({
    ...period,
    days: weekdays.values.map((day) => {
      const ranges = specs
        .filter((spec) => spec.days.includes(day))
        .map((spec) => [spec.opens, spec.closes] as const)
        .sort(([a], [b]) => a.localeCompare(b));
      const unique = [...new Set(ranges.map(([opens, closes]) => `${opens}-${closes}`))].map((key) => key.split('-') as [string, string]);
      return { day, label: weekdays.label(day, locale), ranges: unique.map(([opens, closes]) => `${formatClock(opens, locale)} – ${formatClock(closes, locale)}`) };
    }),
  }));
}
