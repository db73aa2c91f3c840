// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import type { OpeningHours } from '@constellation/shared';
import { formatClock, formatLocalDate, OpeningHoursTable, openingPeriods } from '@constellation/web';

afterEach(() => cleanup());

const space = (text: string) => text.replace(/\s/g, ' ');

describe('opening hours', () => {
  it('lays out each day from Monday, ranges in order, closed days empty', () => {
    const hours: OpeningHours[] = [
      { days: ['tu', 'we', 'th', 'fr'], opens: '14:00', closes: '18:00' },
      { days: ['sa', 'su', 'we'], opens: '10:00', closes: '12:30' },
    ];
    const [period, ...others] = openingPeriods(hours, 'fr');
    expect(others).toEqual([]);
    expect(period?.days.map((day) => [day.label, day.ranges])).toEqual([
      ['Lundi', []],
      ['Mardi', ['14:00 – 18:00']],
      ['Mercredi', ['10:00 – 12:30', '14:00 – 18:00']],
      ['Jeudi', ['14:00 – 18:00']],
      ['Vendredi', ['14:00 – 18:00']],
      ['Samedi', ['10:00 – 12:30']],
      ['Dimanche', ['10:00 – 12:30']],
    ]);
  });

  it('puts year-round hours first, then the seasons in calendar order, without repeating a range', () => {
    const hours: OpeningHours[] = [
      { days: ['mo'], opens: '09:00', closes: '17:00', validFrom: '2026-07-01', validThrough: '2026-08-31' },
      { days: ['mo'], opens: '10:00', closes: '16:00' },
      { days: ['mo'], opens: '10:00', closes: '16:00' },
      { days: ['mo'], opens: '11:00', closes: '15:00', validFrom: '2026-04-01', validThrough: '2026-06-30' },
    ];
    const periods = openingPeriods(hours, 'en');
    expect(periods.map((period) => [period.validFrom, period.validThrough])).toEqual([
      [undefined, undefined],
      ['2026-04-01', '2026-06-30'],
      ['2026-07-01', '2026-08-31'],
    ]);
    expect(periods[0]?.days[0]?.ranges.map(space)).toEqual(['10:00 AM – 4:00 PM']);
  });

  it('formats clock times and days in the reader’s style, whatever the zone', () => {
    expect(formatClock('09:05', 'fr')).toBe('09:05');
    expect(space(formatClock('21:30', 'en'))).toBe('9:30 PM');
    expect(formatLocalDate('2026-04-01', 'fr')).toBe('1 avril 2026');
    expect(formatLocalDate('2026-04-01', 'en')).toBe('April 1, 2026');
    expect(formatClock('00:00', 'fr')).toBe('00:00');
  });

  it('renders a table per period, with closed days said in words', () => {
    render(<OpeningHoursTable hours={[{ days: ['mo', 'tu'], opens: '10:00', closes: '18:00', validFrom: '2026-07-01', validThrough: '2026-08-31' }]} locale="fr" />);
    const table = screen.getByRole('table', { name: 'Du 1 juillet 2026 au 31 août 2026' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => space(row.textContent ?? ''))).toEqual(['Lundi10:00 – 18:00', 'Mardi10:00 – 18:00', 'MercrediFermé', 'JeudiFermé', 'VendrediFermé', 'SamediFermé', 'DimancheFermé']);
    expect(within(table).getByRole('rowheader', { name: 'Lundi' })).toBeTruthy();
  });
});
