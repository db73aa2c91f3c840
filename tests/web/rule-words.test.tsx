import { describe, expect, it } from 'vitest';
import { describeRule } from '@constellation/web';

const at = (rrule: string, start = '2026-12-12T14:00', end = '2026-12-12T16:00') => ({ start, end, rrule });

describe('a recurrence rule in words', () => {
  it('says the common rules in French', () => {
    expect(describeRule(at('FREQ=MONTHLY;BYDAY=2SA;UNTIL=20270612'), 'fr')).toBe('le 2e samedi de chaque mois, de 14:00 à 16:00, jusqu’au 12 juin 2027');
    expect(describeRule(at('FREQ=MONTHLY;BYDAY=-1FR;COUNT=6'), 'fr')).toBe('le dernier vendredi de chaque mois, de 14:00 à 16:00, 6 fois à partir du 12 décembre 2026');
    expect(describeRule(at('FREQ=MONTHLY;BYDAY=1MO'), 'fr')).toBe('le 1er lundi de chaque mois, de 14:00 à 16:00, à partir du 12 décembre 2026');
    expect(describeRule(at('FREQ=WEEKLY;BYDAY=TU,TH'), 'fr')).toBe('chaque mardi et jeudi, de 14:00 à 16:00, à partir du 12 décembre 2026');
    expect(describeRule(at('FREQ=WEEKLY'), 'fr')).toBe('chaque samedi, de 14:00 à 16:00, à partir du 12 décembre 2026');
    expect(describeRule(at('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=5'), 'fr')).toBe('un mercredi toutes les 2 semaines, de 14:00 à 16:00, 5 fois à partir du 12 décembre 2026');
    expect(describeRule(at('FREQ=DAILY;UNTIL=20261220'), 'fr')).toBe('tous les jours, de 14:00 à 16:00, jusqu’au 20 décembre 2026');
    expect(describeRule(at('FREQ=MONTHLY;INTERVAL=3'), 'fr')).toBe('le 12, tous les 3 mois, de 14:00 à 16:00, à partir du 12 décembre 2026');
    expect(describeRule(at('FREQ=YEARLY'), 'fr')).toBe('chaque année, le 12 décembre, de 14:00 à 16:00, à partir du 12 décembre 2026');
  });

  it('names the dates it skips', () => {
    expect(describeRule({ ...at('FREQ=MONTHLY;BYDAY=2SA;UNTIL=20270705T215959Z'), exdates: ['2027-05-08T14:00'] }, 'fr')).toBe('le 2e samedi de chaque mois, de 14:00 à 16:00, jusqu’au 5 juillet 2027, sauf le 8 mai 2027');
    expect(describeRule({ ...at('FREQ=WEEKLY'), exdates: ['2026-12-26T14:00', '2027-01-02T14:00'] }, 'en')).toBe('every Saturday, 14:00 – 16:00, from 12 December 2026, except 26 December 2026 and 2 January 2027');
    expect(describeRule({ ...at('FREQ=DAILY'), exdates: ['2026-12-13T14:00', '2026-12-14T14:00', '2026-12-15T14:00', '2026-12-16T14:00'] }, 'fr')).toBe('tous les jours, de 14:00 à 16:00, à partir du 12 décembre 2026, sauf 4 dates');
  });

  it('says them in English', () => {
    expect(describeRule(at('FREQ=MONTHLY;BYDAY=2SA;UNTIL=20270612'), 'en')).toBe('on the 2nd Saturday of every month, 14:00 – 16:00, until 12 June 2027');
    expect(describeRule(at('FREQ=WEEKLY;BYDAY=TU,TH'), 'en')).toBe('every Tuesday and Thursday, 14:00 – 16:00, from 12 December 2026');
    expect(describeRule(at('FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=4'), 'en')).toBe('on the 1st and 15th of every month, 14:00 – 16:00, 4 times from 12 December 2026');
    expect(describeRule(at('FREQ=DAILY;INTERVAL=2'), 'en')).toBe('every 2 days, 14:00 – 16:00, from 12 December 2026');
  });

  it('says nothing of a rule it cannot say right (the page lists the dates alone)', () => {
    expect(describeRule(at('FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2'), 'fr')).toBeUndefined();
    expect(describeRule(at('FREQ=HOURLY'), 'en')).toBeUndefined();
    expect(describeRule(at('not a rule'), 'fr')).toBeUndefined();
  });
});
