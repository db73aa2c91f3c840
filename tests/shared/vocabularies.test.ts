import { describe, expect, it } from 'vitest';
import {
  regionOfCommune,
  accessibilityFlags,
  actorKinds,
  announcementKinds,
  attendanceModes,
  audiences,
  contentSchemas,
  contentTypes,
  DEFAULT_LOCALE,
  defineVocabulary,
  disciplines,
  eventFormats,
  eventStatuses,
  geographicScopes,
  involvementLevels,
  isTimeZone,
  LOCALES,
  moderationStatuses,
  OPENAGENDA_ACCESSIBILITY_KEYS,
  participationTypes,
  placeKinds,
  REGION_FACTS,
  regions,
  resourceKinds,
  roles,
  validate,
  vocabularySchema,
  weekdays,
  type Vocabulary,
} from '@constellation/shared';

const vocabularies: { name: string; vocabulary: Vocabulary<string> }[] = [
  { name: 'eventFormats', vocabulary: eventFormats },
  { name: 'audiences', vocabulary: audiences },
  { name: 'disciplines', vocabulary: disciplines },
  { name: 'accessibilityFlags', vocabulary: accessibilityFlags },
  { name: 'regions', vocabulary: regions },
  { name: 'actorKinds', vocabulary: actorKinds },
  { name: 'eventStatuses', vocabulary: eventStatuses },
  { name: 'attendanceModes', vocabulary: attendanceModes },
  { name: 'placeKinds', vocabulary: placeKinds },
  { name: 'weekdays', vocabulary: weekdays },
  { name: 'participationTypes', vocabulary: participationTypes },
  { name: 'involvementLevels', vocabulary: involvementLevels },
  { name: 'geographicScopes', vocabulary: geographicScopes },
  { name: 'announcementKinds', vocabulary: announcementKinds },
  { name: 'resourceKinds', vocabulary: resourceKinds },
  { name: 'contentTypes', vocabulary: contentTypes },
  { name: 'moderationStatuses', vocabulary: moderationStatuses },
  { name: 'roles', vocabulary: roles },
];

describe.each(vocabularies)('vocabulary $name', ({ vocabulary }) => {
  it('has at least two values, all unique', () => {
    expect(vocabulary.values.length).toBeGreaterThanOrEqual(2);
    expect(new Set(vocabulary.values).size).toBe(vocabulary.values.length);
  });

  it('lists its values in the order of its terms', () => {
    expect(vocabulary.values).toEqual(vocabulary.terms.map((term) => term.value));
  });

  it('uses stable machine values: lower-case words joined by hyphens, or digits', () => {
    for (const value of vocabulary.values) expect(value).toMatch(/^(?:[a-z]+(?:-[a-z]+)*|[0-9]{2})$/);
  });

  it('has a non-empty French and English label for every value', () => {
    for (const term of vocabulary.terms) {
      for (const locale of LOCALES) {
        expect(term[locale].trim(), `${term.value} ${locale}`).not.toBe('');
        expect(term[locale], `${term.value} ${locale}`).toBe(term[locale].trim());
      }
    }
  });

  it('has() knows every value and nothing else', () => {
    for (const value of vocabulary.values) expect(vocabulary.has(value)).toBe(true);
    const first = vocabulary.values[0] ?? '';
    const others = ['', 'unknown', 'toString', '__proto__', 'constructor', ` ${first}`, `${first}x`, first.toUpperCase()].filter((other) => !vocabulary.values.includes(other));
    expect(others.length).toBeGreaterThanOrEqual(7);
    for (const other of others) {
      expect(vocabulary.has(other), JSON.stringify(other)).toBe(false);
    }
  });

  it('label() returns the label in each locale', () => {
    for (const term of vocabulary.terms) {
      expect(vocabulary.label(term.value, 'fr')).toBe(term.fr);
      expect(vocabulary.label(term.value, 'en')).toBe(term.en);
    }
  });

  it('label() falls back to the value itself for an unknown value', () => {
    expect(vocabulary.label('not-a-value', 'fr')).toBe('not-a-value');
  });

  it('its schema accepts exactly its values', () => {
    const schema = vocabularySchema(vocabulary);
    for (const value of vocabulary.values) expect(validate(schema, value).ok).toBe(true);
    for (const other of ['', 'unknown', 1, null, vocabulary.values]) expect(validate(schema, other).ok).toBe(false);
  });
});

describe('defineVocabulary', () => {
  it('refuses a duplicate value', () => {
    expect(() =>
      defineVocabulary([
        { value: 'a', fr: 'A', en: 'A' },
        { value: 'a', fr: 'A bis', en: 'A again' },
      ]),
    ).toThrow(/duplicate/);
  });

  it('keeps the description of a vocabulary schema', () => {
    expect(vocabularySchema(audiences, 'who it is for')).toMatchObject({ description: 'who it is for', enum: [...audiences.values] });
  });

  it('speaks French by default and English too', () => {
    expect(DEFAULT_LOCALE).toBe('fr');
    expect([...LOCALES].sort()).toEqual(['en', 'fr']);
  });
});

describe('domain vocabularies', () => {
  it('event formats are the ten of the design', () => {
    expect([...eventFormats.values].sort()).toEqual(['conference', 'exhibition', 'festival', 'field-survey', 'game', 'lab-visit', 'other', 'science-cafe', 'screening', 'workshop']);
  });

  it('audiences are the six of the design', () => {
    expect([...audiences.values].sort()).toEqual(['adults', 'children', 'families', 'professionals', 'school-groups', 'teens']);
  });

  it('actor kinds are the ten of the design', () => {
    expect([...actorKinds.values].sort()).toEqual(['association', 'ccsti', 'company', 'independent', 'lab', 'library', 'local-authority', 'media', 'museum', 'university']);
  });

  it('event statuses and attendance modes are those of the design', () => {
    expect([...eventStatuses.values].sort()).toEqual(['cancelled', 'full', 'postponed', 'scheduled']);
    expect([...attendanceModes.values].sort()).toEqual(['in-person', 'mixed', 'online']);
  });

  it('moderation goes draft → pending → published | rejected', () => {
    expect(moderationStatuses.values).toEqual(['draft', 'pending', 'published', 'rejected']);
  });

  it('content types are exactly the federated schemas, and never member profiles', () => {
    expect([...contentTypes.values].sort()).toEqual(Object.keys(contentSchemas).sort());
    expect(contentTypes.has('member')).toBe(false);
  });

  it('weekdays are the seven days, Monday first', () => {
    expect(weekdays.values).toEqual(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']);
  });
});

describe('accessibility flags', () => {
  it('are the five OpenAgenda flags, mapped to mi, hi, vi, ii, pi', () => {
    expect(OPENAGENDA_ACCESSIBILITY_KEYS).toEqual({ motor: 'mi', hearing: 'hi', visual: 'vi', intellectual: 'ii', psychic: 'pi' });
    expect(Object.keys(OPENAGENDA_ACCESSIBILITY_KEYS).sort()).toEqual([...accessibilityFlags.values].sort());
    expect(new Set(Object.values(OPENAGENDA_ACCESSIBILITY_KEYS)).size).toBe(5);
  });
});

describe('regions', () => {
  const expectedCodes = ['01', '02', '03', '04', '06', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'];
  const overseasCodes = ['01', '02', '03', '04', '06'];

  it('are the 18 regions by INSEE code', () => {
    expect(regions.values).toHaveLength(18);
    expect([...regions.values].sort()).toEqual(expectedCodes);
  });

  it.each([
    ['11', 'Île-de-France'],
    ['24', 'Centre-Val de Loire'],
    ['44', 'Grand Est'],
    ['84', 'Auvergne-Rhône-Alpes'],
    ['94', 'Corse'],
    ['04', 'La Réunion'],
  ] as const)('region %s is %s', (code, name) => {
    expect(regions.label(code, 'fr')).toBe(name);
  });

  it('have facts for every region and for nothing else', () => {
    expect(Object.keys(REGION_FACTS).sort()).toEqual(expectedCodes);
  });

  it('five are overseas', () => {
    const overseas = regions.values.filter((code) => REGION_FACTS[code].overseas);
    expect(overseas.sort()).toEqual(overseasCodes);
  });

  it.each(regions.values.map((code) => [code, REGION_FACTS[code]] as const))('region %s has a real IANA time zone and a sensible zoom', (code, facts) => {
    expect(isTimeZone(facts.timeZone), facts.timeZone).toBe(true);
    expect(() => new Intl.DateTimeFormat('fr', { timeZone: facts.timeZone })).not.toThrow();
    if (!facts.overseas) expect(facts.timeZone, code).toBe('Europe/Paris');
    else expect(facts.timeZone, code).not.toBe('Europe/Paris');
    expect(Number.isInteger(facts.zoom)).toBe(true);
    expect(facts.zoom).toBeGreaterThanOrEqual(5);
    expect(facts.zoom).toBeLessThanOrEqual(12);
  });

  /** Bounding boxes (lat, lon) of metropolitan France, Corsica included, and of each overseas region. */
  const bounds: Record<string, { lat: [number, number]; lon: [number, number] }> = {
    metropolitan: { lat: [41.3, 51.1], lon: [-5.2, 9.6] },
    '01': { lat: [15.8, 16.55], lon: [-61.85, -61.0] },
    '02': { lat: [14.38, 14.88], lon: [-61.24, -60.8] },
    '03': { lat: [2.1, 5.8], lon: [-54.6, -51.6] },
    '04': { lat: [-21.4, -20.85], lon: [55.2, 55.84] },
    '06': { lat: [-13.05, -12.6], lon: [45.0, 45.3] },
  };

  it.each(regions.values.map((code) => [code, REGION_FACTS[code]] as const))('region %s has its center inside its territory', (code, facts) => {
    const box = facts.overseas ? bounds[code] : bounds.metropolitan;
    if (box === undefined) throw new Error(`no bounds for overseas region ${code}`);
    expect(facts.center.lat).toBeGreaterThanOrEqual(box.lat[0]);
    expect(facts.center.lat).toBeLessThanOrEqual(box.lat[1]);
    expect(facts.center.lon).toBeGreaterThanOrEqual(box.lon[0]);
    expect(facts.center.lon).toBeLessThanOrEqual(box.lon[1]);
  });

  it('Corsica is the south-easternmost metropolitan region', () => {
    const corsica = REGION_FACTS['94'].center;
    for (const code of regions.values.filter((value) => !REGION_FACTS[value].overseas && value !== '94')) {
      expect(REGION_FACTS[code].center.lat).toBeGreaterThan(corsica.lat);
      expect(REGION_FACTS[code].center.lon).toBeLessThan(corsica.lon);
    }
  });
});

describe('regionOfCommune', () => {
  it('names the region of a commune from its INSEE code, or from its postal code', () => {
    expect(regionOfCommune({ inseeCode: '45234' })).toBe('24'); // Orléans
    expect(regionOfCommune({ inseeCode: '2A004' })).toBe('94'); // Ajaccio
    expect(regionOfCommune({ inseeCode: '97411' })).toBe('04'); // Saint-Denis, La Réunion
    expect(regionOfCommune({ postalCode: '67000' })).toBe('44'); // Strasbourg
    expect(regionOfCommune({ postalCode: '20000' })).toBe('94');
    expect(regionOfCommune({})).toBeUndefined();
  });
});
