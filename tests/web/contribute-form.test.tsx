// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import {
  campaignAnswerText,
  anchorFor,
  anchorLabel,
  DEFAULT_RULE,
  EMPTY_SCHEDULE,
  FormErrorSummary as ErrorSummary,
  errorsByAnchor,
  EVENT_SECTIONS,
  FORM_SECTIONS,
  eventHints,
  FieldRow,
  formPaths,
  formToInput,
  inputToFormState,
  itemActions,
  newFormState,
  PROFILE_FIELDS,
  emptyValues,
  valuesToInput,
  placeIssues,
  sectionFields,
  withCommune,
  type FormState,
} from '@constellation/web';

afterEach(() => cleanup());

const ACTOR = '0193a000-0000-7000-8000-00000000aaaa';

function eventForm(patch: Record<string, unknown> = {}, schedule: Partial<FormState['schedule']> = {}): FormState {
  const form = newFormState('event', [ACTOR]);
  return { values: { ...form.values, title: 'Nuit des étoiles', format: 'observation', ...patch } as FormState['values'], schedule: { ...EMPTY_SCHEDULE, ...schedule } };
}

describe('form state → API input', () => {
  it('starts a new event with my first actor, in person, in Paris time', () => {
    const form = newFormState('event', [ACTOR, '0193a000-0000-7000-8000-00000000bbbb']);
    expect(form.values).toMatchObject({ actorId: ACTOR, attendanceMode: 'in-person', timeZone: 'Europe/Paris' });
  });

  it('drops empty optionals and keeps what was typed', () => {
    const input = formToInput('event', eventForm({ summary: '  ', description: '', keywords: 'astronomie, , ciel ,astronomie', disciplines: [], place: { name: 'Observatoire', address: '', postalCode: '', commune: 'Orléans', inseeCode: '45234', lat: '47.9', lon: '1,9' } }, { timings: [{ start: '2026-08-12T21:00', end: '2026-08-13T01:00' }] }));
    expect(input).toEqual({
      actorId: ACTOR,
      title: 'Nuit des étoiles',
      format: 'observation',
      timeZone: 'Europe/Paris',
      attendanceMode: 'in-person',
      place: { name: 'Observatoire', commune: 'Orléans', inseeCode: '45234', lat: 47.9, lon: 1.9 },
      keywords: ['astronomie', 'ciel'],
      timings: [{ start: '2026-08-12T21:00:00+02:00', end: '2026-08-13T01:00:00+02:00' }],
    });
    for (const key of ['summary', 'description', 'disciplines', 'image', 'price', 'registration', 'onlineUrl']) expect(input, key).not.toHaveProperty(key);
  });

  it('keeps on save the links the form does not edit: the previous edition of a repeated event and a programme event\'s umbrella', () => {
    const previousEditionId = '0193a000-0000-7000-8000-00000000cccc';
    const parentEventId = '0193a000-0000-7000-8000-00000000dddd';
    const saved = { actorId: ACTOR, title: 'Nuit des chauves-souris', timeZone: 'Europe/Paris', attendanceMode: 'online', onlineUrl: 'https://visio.example/x', format: 'workshop', timings: [{ start: '2027-08-27T20:00:00+02:00', end: '2027-08-27T23:00:00+02:00' }], previousEditionId, parentEventId };
    const input = formToInput('event', inputToFormState('event', saved));
    expect(input).toMatchObject({ previousEditionId, parentEventId, title: 'Nuit des chauves-souris' });
    expect(formToInput('event', inputToFormState('event', { ...saved, previousEditionId: undefined, parentEventId: undefined }))).not.toHaveProperty('previousEditionId');
  });

  it('sends timings or a recurrence, never both', () => {
    const recurring = formToInput('event', eventForm({}, { mode: 'recurrence', timings: [{ start: '2026-03-03T18:00', end: '' }], start: '2026-03-03T18:00', end: '2026-03-03T20:00', rule: { ...DEFAULT_RULE, byDay: ['TU'] } }));
    expect(recurring).not.toHaveProperty('timings');
    expect(recurring.recurrence).toEqual({ start: '2026-03-03T18:00', end: '2026-03-03T20:00', rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=10' });
    const dated = formToInput('event', eventForm({}, { mode: 'timings', timings: [{ start: '2026-03-03T18:00', end: '' }], start: '2026-03-03T18:00' }));
    expect(dated).not.toHaveProperty('recurrence');
    expect(dated.timings).toEqual([{ start: '2026-03-03T18:00:00+01:00', end: '2026-03-03T18:00:00+01:00' }]);
  });

  it('leaves out what the attendance mode hides, and keeps a typo in a coordinate for the API to name', () => {
    const place = { name: 'Salle', address: '', postalCode: '', commune: '', inseeCode: '', lat: 'nord', lon: '2' };
    const online = formToInput('event', eventForm({ attendanceMode: 'online', onlineUrl: 'https://visio.example/x', place }));
    expect(online).not.toHaveProperty('place');
    expect(online.onlineUrl).toBe('https://visio.example/x');
    const inPerson = formToInput('event', eventForm({ attendanceMode: 'in-person', onlineUrl: 'https://visio.example/x', place }));
    expect(inPerson).not.toHaveProperty('onlineUrl');
    expect(inPerson.place).toEqual({ name: 'Salle', lat: 'nord', lon: 2 });
  });

  it('sends a required field even empty, so the API names it', () => {
    const input = formToInput('event', eventForm({ title: '' }));
    expect(input.title).toBe('');
    const article = formToInput('article', newFormState('article', [ACTOR]));
    expect(article).toEqual({ actorId: ACTOR, title: '', body: '' });
  });

  it('round-trips a saved event through the form', () => {
    const saved = {
      actorId: ACTOR,
      title: 'Atelier',
      format: 'workshop',
      timeZone: 'Europe/Paris',
      attendanceMode: 'mixed',
      onlineUrl: 'https://visio.example/a',
      place: { commune: 'Tours', lat: 47.39, lon: 0.69 },
      price: { free: false, details: '5 €' },
      registration: { required: true, url: 'https://inscription.example/' },
      accessibility: ['wheelchair'],
      image: { url: 'https://img.example/a.jpg', alt: 'Des enfants', credit: 'CCSTI' },
      languages: ['fr', 'en'],
      timings: [{ start: '2026-03-29T10:00:00+02:00', end: '2026-03-29T12:00:00+02:00' }],
    };
    expect(formToInput('event', inputToFormState('event', saved))).toEqual(saved);
  });

  it('round-trips an all-day event with a full price: dates in the form, midnights and allDay in the input', () => {
    const saved = {
      actorId: ACTOR,
      title: 'Week-end de la science',
      format: 'festival',
      timeZone: 'Europe/Paris',
      attendanceMode: 'in-person',
      place: { commune: 'Tours', lat: 47.39, lon: 0.69 },
      price: { free: false, amount: 12.5, details: 'Tarif réduit : 8 €' },
      allDay: true,
      // Crosses the end of summer time: the midnight after the last day is at +01:00.
      timings: [{ start: '2030-10-26T00:00:00+02:00', end: '2030-10-28T00:00:00+01:00' }],
    };
    const state = inputToFormState('event', saved);
    expect(state.schedule.allDay).toBe(true);
    expect(state.schedule.timings).toEqual([{ start: '2030-10-26', end: '2030-10-27' }]);
    expect(state.values.price).toEqual({ mode: 'paid', amount: '12,5', details: 'Tarif réduit : 8 €' });
    expect(formToInput('event', state)).toEqual(saved);
  });

  it('sends a typed amount with a comma as a number, and one that is not a number as typed (the API names price.amount)', () => {
    const base = newFormState('event', [ACTOR]);
    const withPrice = (amount: string) => formToInput('event', { ...base, values: { ...base.values, price: { mode: 'paid', amount, details: '' } } }).price;
    expect(withPrice('7,50')).toEqual({ free: false, amount: 7.5 });
    expect(withPrice('sept')).toEqual({ free: false, amount: 'sept' });
    expect(withPrice('')).toEqual({ free: false });
    expect(formToInput('event', { ...base, values: { ...base.values, price: { mode: 'free', amount: '9', details: '' } } }).price).toEqual({ free: true });
  });

  it('builds a place from a chosen commune, and nests a profile’s dotted fields', () => {
    const place = withCommune({ name: '', address: '6 rue Marcel Proust', postalCode: '', commune: '', inseeCode: '', lat: '', lon: '' }, { name: 'Orléans', inseeCode: '45234', postalCode: '45000', departement: 'Loiret', lat: 47.9025, lon: 1.909 });
    expect(formToInput('place', { ...newFormState('place', []), values: { ...newFormState('place', []).values, name: 'Muséum', kind: 'museum', location: place } })).toEqual({
      name: 'Muséum',
      kind: 'museum',
      location: { address: '6 rue Marcel Proust', postalCode: '45000', commune: 'Orléans', inseeCode: '45234', lat: 47.9025, lon: 1.909 },
    });
    const profile = valuesToInput(PROFILE_FIELDS, { ...emptyValues(PROFILE_FIELDS), displayName: 'Ada', skills: 'médiation, robotique', 'contact.email': 'ada@example.org', listed: false });
    expect(profile).toEqual({ displayName: 'Ada', skills: ['médiation', 'robotique'], contact: { email: 'ada@example.org' }, listed: false });
  });
});

describe('API issues → field errors', () => {
  const form = eventForm({}, { timings: [{ start: '', end: '' }, { start: '2026-03-03T18:00', end: '2026-03-03T17:00' }] });
  const known = formPaths('event', form);

  it('puts each issue on its field, or on the nearest group the form shows', () => {
    const set = new Set(known);
    expect(anchorFor('title', set)).toBe('title');
    expect(anchorFor('place.commune', set)).toBe('place.commune');
    expect(anchorFor('timings.1.end', set)).toBe('timings.1.end');
    expect(anchorFor('timings.7.end', set)).toBe('timings');
    expect(anchorFor('image.url', set)).toBe('image.url');
    expect(anchorFor('registration', set)).toBe('registration');
    expect(anchorFor('query.version', set)).toBe('');
    expect(anchorFor('recurrence.rrule', new Set(formPaths('event', eventForm({}, { mode: 'recurrence' }))))).toBe('recurrence.rrule');
  });

  it('groups the messages by field, with labels the summary can show', () => {
    const placed = placeIssues(
      [
        { field: 'title', message: 'title must not be blank' },
        { field: 'timings.1.end', message: 'timings.1.end must not be before start' },
        { field: 'place.lat', message: 'place.lat must be a number' },
        { field: 'place.lat', message: 'place.lat is out of range' },
      ],
      known,
    );
    // Beside its label, a message says the reason alone, in French when the reader reads French.
    expect(errorsByAnchor(placed)).toEqual({ title: ['est obligatoire'], 'timings.1.end': ['ne doit pas précéder le début'], 'place.lat': ['must be a number', 'is out of range'] });
    const specs = sectionFields(EVENT_SECTIONS);
    expect(anchorLabel(specs, 'timings.1.end', 'fr')).toBe('Date 2 – Fin');
    expect(anchorLabel(specs, 'place.commune', 'fr')).toBe('Lieu – Commune');
    expect(anchorLabel(specs, 'title', 'en')).toBe('Title');
  });

  it('shows an error next to its input and links the summary to it', () => {
    render(
      <div>
        <ErrorSummary items={[{ anchor: 'place.commune', label: 'Lieu – Commune', message: 'place.commune must be <b>short</b>' }]} locale="fr" attempt={1} />
        <FieldRow path="place.commune" label="Commune" locale="fr" required errors={['place.commune must be <b>short</b>']}>
          {(attributes) => <input {...attributes} type="text" />}
        </FieldRow>
      </div>,
    );
    const input = screen.getByLabelText(/Commune/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-required')).toBe('true');
    const describedBy = input.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('place.commune must be <b>short</b>');
    const alert = screen.getByRole('alert');
    const link = alert.querySelector('a');
    expect(link?.getAttribute('href')).toBe(`#${input.id}`);
    // Text from the API stays text.
    expect(alert.querySelector('b')).toBeNull();
    link?.click();
    expect(document.activeElement).toBe(input);
  });
});

describe('quality hints before submitting', () => {
  it('lists what the event lacks, without blocking', () => {
    const bare = formToInput('event', eventForm({}, { timings: [{ start: '2026-03-03T18:00', end: '' }] }));
    expect(eventHints(bare)).toEqual(['noEnd', 'noAccessibility', 'noCoordinates']);
    const withImage = { ...bare, image: { url: 'https://img.example/a.jpg' } };
    expect(eventHints(withImage)).toContain('imageWithoutAlt');
    const complete = formToInput(
      'event',
      eventForm(
        { accessibility: ['wheelchair'], image: { url: 'https://img.example/a.jpg', alt: 'Un télescope', credit: '' }, place: { name: '', address: '', postalCode: '', commune: 'Tours', inseeCode: '', lat: '47.39', lon: '0.69' } },
        { timings: [{ start: '2026-03-03T18:00', end: '2026-03-03T20:00' }] },
      ),
    );
    expect(eventHints(complete)).toEqual([]);
    const recurringNoEnd = formToInput('event', eventForm({ attendanceMode: 'online', onlineUrl: 'https://visio.example', accessibility: ['wheelchair'] }, { mode: 'recurrence', start: '2026-03-03T18:00', end: '' }));
    expect(eventHints(recurringNoEnd)).toEqual(['noEnd']);
  });

  it('offers the actions each moderation state allows', () => {
    expect(itemActions('draft')).toEqual(['edit', 'submit', 'delete']);
    expect(itemActions('published')).toEqual(['edit', 'unpublish', 'delete']);
    expect(itemActions('rejected')).toContain('submit');
  });
});

describe('the other content types’ forms', () => {
  it('send each type’s required fields, and its optional ones only when given', () => {
    const project = newFormState('project', [ACTOR]);
    const projectInput = formToInput('project', { ...project, values: { ...project.values, title: 'Sauvages de ma rue', website: 'https://sauvages.example', participationType: 'observation', involvement: 'occasional', scope: 'national', regions: [], startDate: '' } });
    expect(projectInput).toEqual({ actorId: ACTOR, title: 'Sauvages de ma rue', website: 'https://sauvages.example', participationType: 'observation', involvement: 'occasional', scope: 'national' });
    const announcement = newFormState('announcement', [ACTOR]);
    expect(formToInput('announcement', { ...announcement, values: { ...announcement.values, kind: 'job', title: 'Médiateur·rice', deadline: '2026-12-31' } })).toEqual({ actorId: ACTOR, kind: 'job', title: 'Médiateur·rice', deadline: '2026-12-31' });
    // An actor has no actorId: it is the actor.
    const actor = newFormState('actor', [ACTOR]);
    expect(formToInput('actor', { ...actor, values: { ...actor.values, name: 'Les Astronomes', kind: 'association' } })).toEqual({ name: 'Les Astronomes', kind: 'association' });
    // A place to visit always has a location (the API then names its missing coordinates).
    expect(formToInput('place', newFormState('place', []))).toEqual({ name: '', kind: '', location: {} });
    const place = newFormState('place', []);
    const hours = formToInput('place', { ...place, values: { ...place.values, openingHours: [{ days: ['sa', 'su'], opens: '10:00', closes: '18:00' }, { days: [], opens: '', closes: '' }] } });
    expect(hours.openingHours).toEqual([{ days: ['sa', 'su'], opens: '10:00', closes: '18:00' }]);
  });
});

describe('the dossier form', () => {
  it('always sends its list of items, without blank rows at the end, and names a row’s fields for the summary', () => {
    const dossier = newFormState('dossier', []);
    expect(formToInput('dossier', { ...dossier, values: { ...dossier.values, title: 'Le ciel' } })).toEqual({ title: 'Le ciel', items: [] });
    const items = [
      { type: 'event', id: ' 0193a000-0000-7000-8000-000000000021 ', note: '' },
      { type: 'article', id: '', note: '' },
      { type: 'place', id: '0193a000-0000-7000-8000-000000000022', note: 'À voir de nuit' },
      { type: 'event', id: ' ', note: '' },
    ];
    // The blank row in between is sent, so the API's "items.1.id" names the second row on screen.
    expect(formToInput('dossier', { ...dossier, values: { ...dossier.values, title: 'Le ciel', items } }).items).toEqual([
      { type: 'event', id: '0193a000-0000-7000-8000-000000000021' },
      { type: 'article', id: '' },
      { type: 'place', id: '0193a000-0000-7000-8000-000000000022', note: 'À voir de nuit' },
    ]);
    const form = { ...dossier, values: { ...dossier.values, items } };
    expect(anchorFor('items.2.id', new Set(formPaths('dossier', form)))).toBe('items.2.id');
    expect(anchorLabel(sectionFields(FORM_SECTIONS.dossier ?? []), 'items.2.id', 'fr')).toBe('Contenu 3 – Identifiant');
  });
});

describe("the coordinator's answer on an organiser's event", () => {
  it('says awaiting, labelled, or refused with the reason, in French and in English', () => {
    expect(campaignAnswerText({ campaign: 'fds-2026', state: 'submitted', reason: null }, 'Fête de la science 2026', 'fr')).toBe('Soumis à la campagne Fête de la science 2026 : en attente de la décision de la coordination régionale.');
    expect(campaignAnswerText({ campaign: 'fds-2026', state: 'labelled', reason: null }, 'Fête de la science 2026', 'en')).toBe('Labelled for the Fête de la science 2026 campaign by the regional coordinator.');
    expect(campaignAnswerText({ campaign: 'fds-2026', state: 'refused', reason: 'Hors des dates' }, 'Fête de la science 2026', 'fr')).toContain('Motif donné par la coordination régionale : Hors des dates');
    expect(campaignAnswerText({ campaign: 'fds-2026', state: 'refused', reason: 'Out of the dates' }, 'Fête de la science 2026', 'en')).toBe('Not labelled for the Fête de la science 2026 campaign. The regional coordinator’s reason: Out of the dates');
  });
});
