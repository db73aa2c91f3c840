// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { createRouter, EventDates, EventList, priceText, RouterContext, setSiteMode } from '@constellation/web';
import { listItem } from './fixtures.tsx';

/*
 * An event's dates as readers need them: a recurring event's rule in words, its next dates
 * first and the past ones folded, add-to-calendar with every date (the hub's .ics), an
 * exhibition under way said "en cours" (not listed under a past day), a price said once.
 */

const NOW = Date.parse('2026-12-10T12:00:00Z');
const DAY = 86_400_000;
const at = (days: number, hour = 13) => new Date(NOW - (NOW % DAY) + days * DAY + hour * 3_600_000).toISOString();

afterEach(() => {
  cleanup();
  setSiteMode('national');
});

describe('an event page’s dates', () => {
  const recurring = listItem(at(-14), at(-14, 15), { timings: undefined, recurrence: { start: '2026-11-14T14:00', end: '2026-11-14T16:00', rrule: 'FREQ=MONTHLY;BYDAY=2SA;UNTIL=20270612' }, slug: 'club-du-samedi', url: 'https://ara.example/events/club-du-samedi' }).event;
  const occurrences = [-26, -14, 3, 31, 66, 94, 122, 150, 185].map((days) => ({ start: at(days), end: at(days, 15) }));

  it('says a recurring event’s rule in words, its next dates first, the past ones folded, and adds every date to a calendar', () => {
    render(<EventDates event={recurring} occurrences={occurrences} locale="fr" pageUrl="https://national.example/events/x" now={NOW} />);
    expect(screen.getByText('Se répète : le 2e samedi de chaque mois, de 14:00 à 16:00, jusqu’au 12 juin 2027.')).toBeTruthy();
    expect(screen.queryByText(/FREQ=/)).toBeNull();
    const lists = screen.getAllByRole('list');
    const upcoming = within(lists[0] as HTMLElement).getAllByRole('listitem');
    expect(upcoming).toHaveLength(6);
    expect(upcoming[0]?.querySelector('time')?.getAttribute('datetime')).toBe(at(3));
    // A date in another year says its year; one this year does not.
    expect(upcoming[0]?.textContent).not.toMatch(/2026|2027/);
    expect(upcoming[1]?.textContent).toMatch(/janv\. 2027/);
    // The fold says what opening it shows: the one date after the first six, not "all 7".
    const fold = screen.getByText('1 autre date').closest('details');
    expect(fold?.querySelectorAll('time')).toHaveLength(1);
    expect(screen.queryByText(/Toutes les dates/)).toBeNull();
    const past = screen.getByText('Dates passées (2)').closest('details');
    expect(past?.open).toBe(false);
    expect(past?.querySelector('time')?.getAttribute('datetime')).toBe(at(-14));
    // The hub's file of the event holds its RRULE; Google gets the rule in its own zone; Outlook (one date only) is not offered.
    expect(screen.getByRole('link', { name: 'Fichier iCal (.ics), toutes les dates' }).getAttribute('href')).toBe('https://ara.example/events/club-du-samedi.ics');
    const google = new URL(screen.getByRole('link', { name: 'Google Agenda (toutes les dates)' }).getAttribute('href') ?? '');
    expect(google.searchParams.get('recur')).toBe('RRULE:FREQ=MONTHLY;BYDAY=2SA;UNTIL=20270612');
    expect(google.searchParams.get('ctz')).toBe('Europe/Paris');
    expect(screen.queryByRole('link', { name: 'Outlook' })).toBeNull();
  });

  it('on a hub’s portal, links the hub’s own .ics; in English, the rule in English', () => {
    setSiteMode('regional');
    render(<EventDates event={recurring} occurrences={occurrences} locale="en" pageUrl="https://ara.example/events/x" now={NOW} />);
    // The rule says the clock and dates the list under it says (no "14:00" above "2:00 PM").
    expect(document.querySelector('.date-rule')?.textContent?.replace(/[\u2009\u202f]/g, ' ')).toBe('Repeats on the 2nd Saturday of every month, 2:00 – 4:00 PM, until June 12, 2027.');
    expect(screen.getByRole('link', { name: 'iCal file (.ics), every date' }).getAttribute('href')).toBe('/events/club-du-samedi.ics');
  });

  it('for an event of several dates without a rule, says its Google link adds the next date only (the .ics has them all), and counts the folded dates', () => {
    const timings = [2, 9, 16, 23, 30, 37, 44, 51].map((days) => ({ start: at(days), end: at(days, 15) }));
    const series = listItem(at(2), at(2, 15), { timings, slug: 'ateliers', url: 'https://cvl.example/events/ateliers' }).event;
    render(<EventDates event={series} occurrences={timings} locale="fr" pageUrl="https://cvl.example/events/ateliers" now={NOW} />);
    const fold = screen.getByText('2 autres dates').closest('details');
    expect(fold?.querySelectorAll('time')).toHaveLength(2);
    expect(screen.getByRole('link', { name: 'Fichier iCal (.ics), toutes les dates' }).getAttribute('href')).toBe('https://cvl.example/events/ateliers.ics');
    const google = new URL(screen.getByRole('link', { name: 'Google Agenda (la prochaine date seulement)' }).getAttribute('href') ?? '');
    expect(google.searchParams.get('dates')).toMatch(/^20261212T/);
    expect(google.searchParams.get('recur')).toBeNull();
    cleanup();
    render(<EventDates event={series} occurrences={timings} locale="en" pageUrl="https://cvl.example/events/ateliers" now={NOW} />);
    expect(screen.getByText('2 more dates')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Google Calendar (next date only)' })).toBeTruthy();
  });

  it('marks an exhibition under way "en cours", until its end', () => {
    const exhibition = listItem(at(-40), at(60, 18), { format: 'exhibition' });
    render(<EventDates event={exhibition.event} occurrences={[exhibition.occurrence]} locale="fr" pageUrl="https://x.example/" now={NOW} />);
    expect(screen.getByText('En cours')).toBeTruthy();
    expect(screen.getByText(/^jusqu’au \d+ février 2027$/)).toBeTruthy();
  });
});

describe('lists of events', () => {
  it('put what began on an earlier day and is still on under "En cours", not under its first day', () => {
    const exhibition = listItem(at(-40), at(60, 18), { format: 'exhibition', title: 'Minéraux' });
    const talk = listItem(at(2), at(2, 15), { title: 'Conférence' });
    render(
      <RouterContext.Provider value={createRouter(window)}>
        <EventList items={[exhibition, talk]} locale="fr" now={NOW} readerZone="Europe/Paris" />
      </RouterContext.Provider>,
    );
    const headings = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(headings[0]).toBe('En cours');
    expect(headings).toHaveLength(2);
    const ongoing = screen.getByRole('region', { name: 'En cours' });
    expect(within(ongoing).getByText('Minéraux')).toBeTruthy();
    expect(within(ongoing).getByText(/^jusqu’au /)).toBeTruthy();
  });
});

describe('an all-day event’s dates', () => {
  const weekend = listItem('2027-10-09T00:00:00+02:00', '2027-10-11T00:00:00+02:00', { allDay: true, slug: 'week-end', url: 'https://cvl.example/events/week-end' });

  it('says its days without a midnight, and gives Google its days (the end exclusive)', () => {
    render(<EventDates event={weekend.event} occurrences={[weekend.occurrence]} locale="fr" pageUrl="https://cvl.example/events/week-end" now={NOW} />);
    const item = screen.getAllByRole('listitem')[0] as HTMLElement;
    expect(item.textContent).toMatch(/^sam\. 9\s–\sdim\. 10 oct\. 2027$/);
    expect(item.textContent).not.toMatch(/00:00/);
    const google = new URL(screen.getByRole('link', { name: /^Google Agenda/ }).getAttribute('href') ?? '');
    expect(google.searchParams.get('dates')).toBe('20271009/20271011');
  });

  it('in English too', () => {
    render(<EventDates event={weekend.event} occurrences={[weekend.occurrence]} locale="en" pageUrl="https://cvl.example/events/week-end" now={NOW} />);
    expect((screen.getAllByRole('listitem')[0] as HTMLElement).textContent).toMatch(/^Sat, Oct 9\s–\sSun, Oct 10, 2027$/);
  });
});

describe('a price', () => {
  it('is said once', () => {
    expect(priceText({ free: true, details: 'Gratuit' }, 'fr')).toBe('Gratuit');
    expect(priceText({ free: true, details: 'gratuit !' }, 'fr')).toBe('Gratuit');
    expect(priceText({ free: true }, 'en')).toBe('Free');
    expect(priceText({ free: true, details: 'sur inscription' }, 'fr')).toBe('Gratuit — sur inscription');
    expect(priceText({ free: false, details: '5 €, 3 € réduit' }, 'fr')).toBe('5 €, 3 € réduit');
  });

  it('says a structured amount in the reader’s language, with the details after it', () => {
    expect(priceText({ free: false, amount: 12.5, details: 'Tarif réduit : 8 €' }, 'fr')).toBe('12,50\u00a0€ — Tarif réduit : 8 €');
    expect(priceText({ free: false, amount: 12 }, 'en')).toBe('€12');
    expect(priceText({ free: false, amount: 5, currency: 'CHF' }, 'fr')).toBe('5\u00a0CHF');
    expect(priceText({ free: false }, 'fr')).toBe('Payant');
    expect(priceText({ free: false }, 'en')).toBe('Paid');
  });
});
