// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { createSession, DEFAULT_RULE, EMPTY_SCHEDULE, formatOccurrence, localDateWords, ScheduleFields, SessionContext, withAllDay, instantToLocal, localToInstant, ruleFromText, ruleToText, scheduleFromInput, scheduleInput, type ScheduleDraft } from '@constellation/web';

describe('local date-times typed in a form become instants in the event’s zone', () => {
  it('uses the offset of that date, not of today', () => {
    expect(localToInstant('2026-01-15T18:00', 'Europe/Paris')).toBe('2026-01-15T18:00:00+01:00');
    expect(localToInstant('2026-07-15T18:00', 'Europe/Paris')).toBe('2026-07-15T18:00:00+02:00');
    expect(localToInstant('2026-07-15T18:00', 'Indian/Reunion')).toBe('2026-07-15T18:00:00+04:00');
    expect(localToInstant('2026-07-15T18:00', 'America/Cayenne')).toBe('2026-07-15T18:00:00-03:00');
  });

  it('keeps the wall clock on both sides of the spring change (29 March 2026 in Paris)', () => {
    expect(localToInstant('2026-03-28T10:00', 'Europe/Paris')).toBe('2026-03-28T10:00:00+01:00');
    expect(localToInstant('2026-03-29T10:00', 'Europe/Paris')).toBe('2026-03-29T10:00:00+02:00');
    expect(localToInstant('2026-03-29T01:59', 'Europe/Paris')).toBe('2026-03-29T01:59:00+01:00');
    expect(localToInstant('2026-03-29T03:00', 'Europe/Paris')).toBe('2026-03-29T03:00:00+02:00');
  });

  it('reads a time in the spring gap with the offset before it (02:30 does not exist: 03:30)', () => {
    expect(localToInstant('2026-03-29T02:30', 'Europe/Paris')).toBe('2026-03-29T03:30:00+02:00');
  });

  it('takes the first of the two 02:30s of the autumn change (25 October 2026 in Paris)', () => {
    expect(localToInstant('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T02:30:00+02:00');
    expect(localToInstant('2026-10-25T03:30', 'Europe/Paris')).toBe('2026-10-25T03:30:00+01:00');
    expect(localToInstant('2026-10-24T23:00', 'Europe/Paris')).toBe('2026-10-24T23:00:00+02:00');
  });

  it('refuses what is not a local date-time', () => {
    expect(localToInstant('', 'Europe/Paris')).toBeUndefined();
    expect(localToInstant('2026-02-30T10:00', 'Europe/Paris')).toBeUndefined();
    expect(localToInstant('2026-03-29T10:00', 'Not/AZone')).toBeUndefined();
  });

  it('reads instants back as the event’s wall clock, whatever their offset', () => {
    expect(instantToLocal('2026-03-29T08:00:00Z', 'Europe/Paris')).toBe('2026-03-29T10:00');
    expect(instantToLocal('2026-10-25T00:30:00Z', 'Europe/Paris')).toBe('2026-10-25T02:30');
    expect(instantToLocal('2026-10-25T01:30:00Z', 'Europe/Paris')).toBe('2026-10-25T02:30');
    expect(instantToLocal('nonsense', 'Europe/Paris')).toBe('');
  });
});

describe('the rule builder and the RRULE text', () => {
  it('writes the common cases', () => {
    expect(ruleToText({ ...DEFAULT_RULE, freq: 'WEEKLY', byDay: ['TH', 'TU'], end: 'count', count: '10' })).toBe('FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10');
    expect(ruleToText({ ...DEFAULT_RULE, freq: 'DAILY', interval: '2', end: 'until', until: '2026-06-30' })).toBe('FREQ=DAILY;INTERVAL=2;UNTIL=20260630');
    expect(ruleToText({ ...DEFAULT_RULE, freq: 'MONTHLY', monthlyBy: 'weekday', ordinal: -1, weekday: 'FR', end: 'never' })).toBe('FREQ=MONTHLY;BYDAY=-1FR');
    expect(ruleToText({ ...DEFAULT_RULE, freq: 'MONTHLY', monthlyBy: 'date', end: 'count', count: '6' })).toBe('FREQ=MONTHLY;COUNT=6');
    // Days chosen while weekly do not leak into a daily rule.
    expect(ruleToText({ ...DEFAULT_RULE, freq: 'DAILY', byDay: ['MO'], end: 'never' })).toBe('FREQ=DAILY');
  });

  it('reads back what it wrote', () => {
    for (const text of ['FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10', 'FREQ=DAILY;INTERVAL=2;UNTIL=20260630', 'FREQ=MONTHLY;BYDAY=-1FR', 'FREQ=MONTHLY;BYDAY=2TU;COUNT=5', 'FREQ=WEEKLY']) {
      const draft = ruleFromText(text);
      expect(draft, text).toBeDefined();
      if (draft !== undefined) expect(ruleToText(draft)).toBe(text);
    }
  });

  it('leaves to the raw field a rule it cannot show, or an invalid one', () => {
    expect(ruleFromText('FREQ=YEARLY;BYMONTH=3')).toBeUndefined();
    expect(ruleFromText('FREQ=WEEKLY;BYHOUR=10')).toBeUndefined();
    expect(ruleFromText('FREQ=MONTHLY;BYDAY=MO,TU')).toBeUndefined();
    expect(ruleFromText('FREQ=DAILY;UNTIL=20260630T120000Z')).toBeUndefined();
    expect(ruleFromText('FREQ=SOMETIMES')).toBeUndefined();
  });
});

describe('the schedule as the API’s fields', () => {
  it('sends timings as instants, an empty end as the start, and a bad value as typed', () => {
    const input = scheduleInput({ ...EMPTY_SCHEDULE, timings: [{ start: '2026-03-29T10:00', end: '2026-03-29T12:00' }, { start: '2026-10-25T02:30', end: '' }, { start: 'soon', end: '' }] }, 'Europe/Paris');
    expect(input).toEqual({
      timings: [
        { start: '2026-03-29T10:00:00+02:00', end: '2026-03-29T12:00:00+02:00' },
        { start: '2026-10-25T02:30:00+02:00', end: '2026-10-25T02:30:00+02:00' },
        { start: 'soon', end: 'soon' },
      ],
    });
    expect(input.recurrence).toBeUndefined();
  });

  it('sends a recurrence in wall-clock time, with its rule and exceptions, and no timings', () => {
    const input = scheduleInput(
      { ...EMPTY_SCHEDULE, mode: 'recurrence', start: '2026-03-03T18:00', end: '2026-03-03T20:00', rule: { ...DEFAULT_RULE, freq: 'WEEKLY', byDay: ['TU'], end: 'count', count: '10' }, exdates: ['2026-03-17T18:00', ''] },
      'Europe/Paris',
    );
    expect(input).toEqual({ recurrence: { start: '2026-03-03T18:00', end: '2026-03-03T20:00', rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=10', exdates: ['2026-03-17T18:00'] } });
    const advanced = scheduleInput({ ...EMPTY_SCHEDULE, mode: 'recurrence', start: '2026-03-03T18:00', end: '', advanced: true, rrule: ' FREQ=YEARLY;BYMONTH=3 ' }, 'Europe/Paris');
    expect(advanced.recurrence).toEqual({ start: '2026-03-03T18:00', end: '2026-03-03T18:00', rrule: 'FREQ=YEARLY;BYMONTH=3' });
  });

  it('reads a saved schedule back into the form', () => {
    const timings = scheduleFromInput({ timings: [{ start: '2026-03-29T08:00:00Z', end: '2026-03-29T10:00:00Z' }] }, 'Europe/Paris');
    expect(timings.mode).toBe('timings');
    expect(timings.timings).toEqual([{ start: '2026-03-29T10:00', end: '2026-03-29T12:00' }]);
    const recurring = scheduleFromInput({ recurrence: { start: '2026-03-03T18:00:00', end: '2026-03-03T20:00', rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=10' } }, 'Europe/Paris');
    expect(recurring).toMatchObject({ mode: 'recurrence', start: '2026-03-03T18:00', advanced: false, rule: { freq: 'WEEKLY', byDay: ['TU'], count: '10', end: 'count' } });
    expect(scheduleFromInput({ recurrence: { start: '2026-03-03T18:00', end: '2026-03-03T20:00', rrule: 'FREQ=YEARLY;BYMONTH=3' } }, 'Europe/Paris')).toMatchObject({ advanced: true, rrule: 'FREQ=YEARLY;BYMONTH=3' });
  });
});

describe('an all-day schedule', () => {
  it('sends each run from the local midnight of its first day to the midnight after its last', () => {
    const draft = { ...EMPTY_SCHEDULE, allDay: true, timings: [{ start: '2030-10-26', end: '2030-10-27' }, { start: '2030-11-11', end: '' }] };
    expect(scheduleInput(draft, 'Europe/Paris')).toEqual({
      allDay: true,
      timings: [
        { start: '2030-10-26T00:00:00+02:00', end: '2030-10-28T00:00:00+01:00' },
        { start: '2030-11-11T00:00:00+01:00', end: '2030-11-12T00:00:00+01:00' },
      ],
    });
  });

  it('sends a recurrence of whole days at 00:00, its first session ending the day after its last day', () => {
    const draft = { ...EMPTY_SCHEDULE, allDay: true, mode: 'recurrence' as const, start: '2030-06-01', end: '2030-06-01', advanced: true, rrule: 'FREQ=MONTHLY;COUNT=3', exdates: ['2030-07-01'] };
    expect(scheduleInput(draft, 'Europe/Paris')).toEqual({ allDay: true, recurrence: { start: '2030-06-01T00:00', end: '2030-06-02T00:00', rrule: 'FREQ=MONTHLY;COUNT=3', exdates: ['2030-07-01T00:00'] } });
    expect(scheduleFromInput({ allDay: true, recurrence: { start: '2030-06-01T00:00', end: '2030-06-02T00:00', rrule: 'FREQ=MONTHLY;COUNT=3', exdates: ['2030-07-01T00:00'] } }, 'Europe/Paris')).toMatchObject({ allDay: true, start: '2030-06-01', end: '2030-06-01', exdates: ['2030-07-01'] });
  });

  it('keeps the days typed when switched on and off', () => {
    const timed = { ...EMPTY_SCHEDULE, timings: [{ start: '2030-10-26T14:00', end: '2030-10-27T17:00' }] };
    const days = withAllDay(timed, true);
    expect(days.timings).toEqual([{ start: '2030-10-26', end: '2030-10-27' }]);
    expect(withAllDay(days, false).timings).toEqual([{ start: '2030-10-26T10:00', end: '2030-10-27T18:00' }]);
  });

  it('previews its dates without times', () => {
    const occurrence = { start: '2030-10-26T00:00:00+02:00', end: '2030-10-28T00:00:00+01:00' };
    expect(formatOccurrence(occurrence, 'Europe/Paris', 'fr', true)).toMatch(/^samedi 26\s–\sdimanche 27 octobre 2030$/);
    expect(formatOccurrence({ start: '2030-11-11T00:00:00+01:00', end: '2030-11-12T00:00:00+01:00' }, 'Europe/Paris', 'en', true)).toBe('Monday, November 11, 2030');
  });
});

describe('a date typed in the event form, said in words', () => {
  afterEach(() => cleanup());

  it('reads the day and time in the page’s language, whatever format the browser shows the input in', () => {
    expect(localDateWords('2026-12-07T14:30', 'fr')).toBe('lundi 7 décembre 2026 à 14:30');
    expect(localDateWords('2026-07-12', 'fr')).toBe('dimanche 12 juillet 2026');
    expect(localDateWords('2026-12-07T14:30', 'en')).toBe('Monday, December 7, 2026 at 02:30 PM');
    expect(localDateWords('', 'fr')).toBeUndefined();
    expect(localDateWords('2026-02-30', 'fr')).toBeUndefined();
  });

  it('describes each date input of the schedule by its date in words, so 07/12 cannot be read as July', () => {
    // No hub answers: the preview says so, the fields are what is tested.
    const session = createSession('http://hub.test', () => Promise.reject(new Error('offline')));
    const value = { ...EMPTY_SCHEDULE, timings: [{ start: '2026-12-07T14:30', end: '2026-12-07T16:00' }] };
    render(
      <SessionContext.Provider value={session}>
        <ScheduleFields value={value} onChange={() => undefined} timeZone="Europe/Paris" locale="fr" errors={{}} />
      </SessionContext.Provider>,
    );
    const start = screen.getByLabelText(/^Début/);
    const hint = document.getElementById(start.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe('lundi 7 décembre 2026 à 14:30');
    const end = screen.getByLabelText(/^Fin/);
    expect(document.getElementById(end.getAttribute('aria-describedby') ?? '')?.textContent).toBe('lundi 7 décembre 2026 à 16:00');
  });
});

describe('the preview of the dates says why there is none to come', () => {
  afterEach(() => cleanup());

  const HOUR = 3_600_000;
  const zone = 'Europe/Paris';
  const local = (ms: number) => instantToLocal(new Date(ms).toISOString(), zone);

  /** A hub answering the preview as the real one does for these schedules; `asked` counts the requests. */
  function hub(answer: (body: { timings?: { start: string; end: string }[] }) => Response) {
    const asked: unknown[] = [];
    const session = createSession('http://hub.test', (input, init) => {
      expect(String(input)).toBe('http://hub.test/api/v1/events/preview-dates');
      const body = JSON.parse(String(init?.body)) as { timings?: { start: string; end: string }[] };
      asked.push(body);
      return Promise.resolve(answer(body));
    });
    return { session, asked };
  }
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  /** What the hub lists: the timings not over yet. */
  const upcoming = (body: { timings?: { start: string; end: string }[] }) => json(200, { occurrences: (body.timings ?? []).filter((timing) => Date.parse(timing.end) >= Date.now()), more: false });

  function show(value: ScheduleDraft, session: ReturnType<typeof createSession>, locale: 'fr' | 'en' = 'fr') {
    render(
      <SessionContext.Provider value={session}>
        <ScheduleFields value={value} onChange={() => undefined} timeZone={zone} locale={locale} errors={{}} />
      </SessionContext.Provider>,
    );
    return document.querySelector('.date-preview') as HTMLElement;
  }

  it('says a date earlier today is past, and shows it, rather than "no dates"', async () => {
    const earlier = Date.now() - 2 * HOUR;
    const value = { ...EMPTY_SCHEDULE, timings: [{ start: local(earlier), end: local(earlier + HOUR) }] };
    const { session } = hub(upcoming);
    const preview = show(value, session);
    await screen.findByText('Cette date est déjà passée : l’événement n’apparaîtra pas parmi les événements à venir.');
    expect(preview.textContent).not.toContain('Aucune date');
    expect(preview.querySelector('ol.past-dates li')?.textContent).toBe(formatOccurrence({ start: new Date(earlier).toISOString(), end: new Date(earlier + HOUR).toISOString() }, zone, 'fr'));
    cleanup();
    show({ ...value, timings: [...value.timings, { start: local(earlier - 24 * HOUR), end: '' }] }, hub(upcoming).session, 'en');
    await screen.findByText('These 2 dates are already past: they will not show among upcoming events.');
  });

  it('lists the dates to come and, apart, the ones already past', async () => {
    const earlier = Date.now() - 3 * HOUR;
    const later = Date.now() + 48 * HOUR;
    const { session } = hub(upcoming);
    const preview = show({ ...EMPTY_SCHEDULE, timings: [{ start: local(earlier), end: local(earlier + HOUR) }, { start: local(later), end: local(later + HOUR) }] }, session);
    await screen.findByText('Déjà passée, donc absente des dates à venir :');
    const lists = [...preview.querySelectorAll('ol')];
    expect(lists.map((list) => list.querySelectorAll('li').length)).toEqual([1, 1]);
    expect(lists[1]?.classList.contains('past-dates')).toBe(true);
  });

  it('says every session of a recurrence is past when none is to come', async () => {
    const { session } = hub(() => json(200, { occurrences: [], more: false }));
    show({ ...EMPTY_SCHEDULE, mode: 'recurrence', start: '2024-01-08T18:00', end: '2024-01-08T20:00', rule: { ...DEFAULT_RULE, freq: 'WEEKLY', byDay: ['MO'], end: 'count', count: '3' } }, session);
    await screen.findByText('Toutes les séances de cette récurrence sont déjà passées : vérifiez la première séance et la fin de la répétition.');
  });

  it('names an end before its start, and a repetition stopping before its first session, without asking the hub', async () => {
    const later = Date.now() + 48 * HOUR;
    const { session, asked } = hub(upcoming);
    const preview = show({ ...EMPTY_SCHEDULE, timings: [{ start: local(later), end: local(later + HOUR) }, { start: local(later), end: local(later - HOUR) }] }, session);
    expect(preview.querySelector('.field-error')?.textContent).toBe('Ces dates ne conviennent pas :Date 2, fin : la fin précède le début');
    cleanup();
    show({ ...EMPTY_SCHEDULE, allDay: true, timings: [{ start: '2030-10-27', end: '2030-10-26' }] }, session, 'en');
    expect(screen.getByText('Date 1, last day (included): the end is before the start')).toBeTruthy();
    cleanup();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      show({ ...EMPTY_SCHEDULE, mode: 'recurrence', start: '2030-03-14T18:00', end: '2030-03-14T20:00', rule: { ...DEFAULT_RULE, freq: 'DAILY', end: 'until', until: '2030-03-01' } }, session);
      expect(screen.getByText('Règle de répétition : la répétition s’arrête avant la première séance, il n’y aurait aucune date')).toBeTruthy();
      // Past the pause after typing, nothing was sent: the form knew.
      await vi.advanceTimersByTimeAsync(2_000);
      expect(asked).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says the hub’s refusals by the field’s label, in the reader’s language, never as a raw path', async () => {
    const { session } = hub(() => json(400, { error: 'bad_request', message: 'recurrence.exdates.0 must not be before start', field: 'recurrence.exdates.0', issues: [{ field: 'recurrence.exdates.0', message: 'recurrence.exdates.0 must not be before start' }] }));
    const preview = show({ ...EMPTY_SCHEDULE, mode: 'recurrence', start: '2030-03-14T18:00', end: '2030-03-14T20:00', rule: { ...DEFAULT_RULE, freq: 'WEEKLY', byDay: ['TH'], end: 'never' }, exdates: ['2030-03-07T18:00'] }, session);
    await screen.findByText('Séance annulée 1 : ne doit pas précéder le début');
    expect(preview.textContent).not.toContain('recurrence.');
  });
});
