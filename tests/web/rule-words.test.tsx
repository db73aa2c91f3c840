import { describe, expect, it } from 'vitest';
import { describeRule } from '@constellation/web';

/** Intl's English puts thin and narrow spaces around "–" and before "PM": compared as plain spaces. */
const english = (source: Parameters<typeof describeRule>[0]) => describeRule(source, 'en')?.replace(/[\u2009\u202f]/g, ' ');
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
    expect(english({ ...at('FREQ=WEEKLY'), exdates: ['2026-12-26T14:00', '2027-01-02T14:00'] })).toBe('every Saturday, 2:00 – 4:00 PM, from December 12, 2026, except December 26, 2026 and January 2, 2027');
    expect(describeRule({ ...at('FREQ=DAILY'), exdates: ['2026-12-13T14:00', '2026-12-14T14:00', '2026-12-15T14:00', '2026-12-16T14:00'] }, 'fr')).toBe('tous les jours, de 14:00 à 16:00, à partir du 12 décembre 2026, sauf 4 dates');
  });

  it('says them in English, with the clock and dates of the list of dates under it (Intl’s "en")', () => {
    expect(english(at('FREQ=MONTHLY;BYDAY=2SA;UNTIL=20270612'))).toBe('on the 2nd Saturday of every month, 2:00 – 4:00 PM, until June 12, 2027');
    expect(english(at('FREQ=WEEKLY;BYDAY=TU,TH'))).toBe('every Tuesday and Thursday, 2:00 – 4:00 PM, from December 12, 2026');
    expect(english(at('FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=4'))).toBe('on the 1st and 15th of every month, 2:00 – 4:00 PM, 4 times from December 12, 2026');
    expect(english(at('FREQ=DAILY;INTERVAL=2', '2026-12-12T09:30', '2026-12-12T18:00'))).toBe('every 2 days, 9:30 AM – 6:00 PM, from December 12, 2026');
    expect(english(at('FREQ=YEARLY', '2026-12-12T20:00', '2026-12-12T20:00'))).toBe('every year on December 12, at 08:00 PM, from December 12, 2026');
  });

  it('says nothing of a rule it cannot say right (the page lists the dates alone)', () => {
    expect(describeRule(at('FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2'), 'fr')).toBeUndefined();
    expect(describeRule(at('FREQ=HOURLY'), 'en')).toBeUndefined();
    expect(describeRule(at('not a rule'), 'fr')).toBeUndefined();
  });
});
