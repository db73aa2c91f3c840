import { describe, expect, it } from 'vitest';
import { apiMessage, reasonOf } from '@constellation/web';

describe("the hub's refusals in the reader's language", () => {
  it('drops the field path the form already shows as a label', () => {
    expect(reasonOf({ field: 'timings.0.end', message: 'timings.0.end must not be before start' })).toBe('must not be before start');
    expect(reasonOf({ field: 'query.limit', message: 'query.limit must be greater or equal to 1' })).toBe('must be greater or equal to 1');
    expect(reasonOf({ field: '', message: 'the value is invalid' })).toBe('is invalid');
    // A message that does not start with its field is kept whole.
    expect(reasonOf({ field: 'title', message: 'a url, email or phone is required when registration is required' })).toBe('a url, email or phone is required when registration is required');
  });

  it.each([
    [{ field: 'title', message: 'title must not have fewer than 1 characters' }, 'est obligatoire'],
    [{ field: 'title', message: 'title must not have more than 200 characters' }, 'doit contenir au plus 200 caractères'],
    [{ field: 'timings.0.start', message: 'timings.0.start must match format "date-time"' }, 'doit être une date et une heure valides'],
    [{ field: 'format', message: 'format must be one of: conference, workshop, exhibition' }, 'doit être choisi dans la liste'],
    [{ field: 'recurrence.rrule', message: 'recurrence.rrule is not a valid RRULE: FREQ is required' }, "n'est pas une règle de récurrence valide (FREQ is required)"],
    [{ field: 'place', message: 'place must give at least a name, an address, a commune or coordinates' }, 'doit indiquer au moins un nom, une adresse, une commune ou des coordonnées'],
    [{ field: 'timings.0.end', message: 'timings.0.end must be at most 366 days after start' }, 'doit être au plus 366 jours après le début'],
  ])('says %j in French', (issue, french) => {
    expect(apiMessage(issue, 'fr')).toBe(french);
  });

  it('keeps English readers on the English reason, and an unknown reason as the API wrote it', () => {
    expect(apiMessage({ field: 'title', message: 'title is required' }, 'en')).toBe('is required');
    expect(apiMessage({ field: 'title', message: 'title sounds like spam' }, 'fr')).toBe('sounds like spam');
  });
});
