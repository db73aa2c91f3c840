// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { createRouter, dayKey, EventList, formatRange, groupByDay, RouterContext } from '@constellation/web';
import { listItem, XSS } from './fixtures.tsx';

afterEach(() => cleanup());

function renderList(items: ReturnType<typeof listItem>[], locale: 'fr' | 'en', readerZone = 'Europe/Paris') {
  const router = createRouter(window);
  return render(
    <RouterContext.Provider value={router}>
      <EventList items={items} locale={locale} readerZone={readerZone} />
    </RouterContext.Provider>,
  );
}

describe('days and time zones', () => {
  it('files each event under the day it happens where it happens', () => {
    // 21:30 UTC on 14 March: 22:30 in Paris (still the 14th), 01:30 on the 15th in Réunion.
    const paris = listItem('2026-03-14T21:30:00Z', '2026-03-14T22:30:00Z');
    const reunion = listItem('2026-03-14T21:30:00Z', '2026-03-14T23:00:00Z', { timeZone: 'Indian/Reunion', hub: 'la-reunion' });
    const later = listItem('2026-03-15T09:00:00Z', '2026-03-15T11:00:00Z');
    const groups = groupByDay([paris, reunion, later], (item) => item.occurrence.start, (item) => item.event.timeZone);
    expect(groups.map((group) => [group.key, group.items.map((item) => item.event.hub)])).toEqual([
      ['2026-03-14', ['centre-val-de-loire']],
      ['2026-03-15', ['la-reunion', 'centre-val-de-loire']],
    ]);
    expect(dayKey('2026-10-25T00:30:00Z', 'Europe/Paris')).toBe('2026-10-25');
    expect(dayKey('2026-10-24T22:30:00Z', 'Europe/Paris')).toBe('2026-10-25');
  });

  it('shows times on the event’s clock, with its zone when the reader is elsewhere', () => {
    const options = { locale: 'fr', timeZone: 'Indian/Reunion' };
    expect(formatRange('2026-03-14T14:00:00Z', '2026-03-14T16:30:00Z', { ...options, readerZone: 'Indian/Reunion' })).toMatch(/^18:00\s*–\s*20:30$/);
    expect(formatRange('2026-03-14T14:00:00Z', '2026-03-14T16:30:00Z', { ...options, readerZone: 'Europe/Paris' })).toMatch(/18:00.*20:30.*UTC\+4/);
    // Across the change to summer time in Paris (29 March 2026): 10:00 local on both days.
    const paris = { locale: 'fr', timeZone: 'Europe/Paris', readerZone: 'Europe/Paris' };
    expect(formatRange('2026-03-28T09:00:00Z', '2026-03-28T10:00:00Z', paris)).toMatch(/^10:00\s*–\s*11:00$/);
    expect(formatRange('2026-03-29T08:00:00Z', '2026-03-29T09:00:00Z', paris)).toMatch(/^10:00\s*–\s*11:00$/);
    // English readers get their own clock style, still on Paris time.
    expect(formatRange('2026-03-29T08:00:00Z', '2026-03-29T09:00:00Z', { ...paris, locale: 'en' })).toMatch(/^10:00\s*–\s*11:00\sAM$/);
  });

  it('renders a day heading per day in the reader’s language, events in order under it', () => {
    const items = [listItem('2026-03-14T09:00:00Z', '2026-03-14T10:00:00Z', { title: 'Atelier fossiles' }), listItem('2026-03-14T15:00:00Z', '2026-03-14T16:00:00Z', { title: 'Café des sciences' }), listItem('2026-03-16T18:00:00Z', '2026-03-16T20:00:00Z', { title: 'Nuit des étoiles' })];
    renderList(items, 'fr');
    const headings = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(headings).toEqual(['samedi 14 mars 2026', 'lundi 16 mars 2026']);
    const first = screen.getByRole('region', { name: 'samedi 14 mars 2026' });
    expect(within(first).getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual(['Atelier fossiles', 'Café des sciences']);
    expect(within(first).getAllByRole('link').map((link) => link.getAttribute('href'))).toEqual(items.slice(0, 2).map((item) => `/events/${item.event.hub}/${item.event.id}`));
    expect(first.textContent).toContain('10:00');
    expect(first.textContent).toContain('Source : Centre-Sciences');
    cleanup();
    renderList(items, 'en');
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual(['Saturday, March 14, 2026', 'Monday, March 16, 2026']);
  });

  it('marks cancelled, free and online events in words', () => {
    renderList([listItem('2026-03-14T09:00:00Z', '2026-03-14T10:00:00Z', { eventStatus: 'cancelled', price: { free: true }, attendanceMode: 'mixed', onlineUrl: 'https://visio.example/x' })], 'fr');
    const card = screen.getByRole('listitem');
    expect(within(card).getByText('Annulé')).toBeTruthy();
    expect(within(card).getByText('Gratuit')).toBeTruthy();
    expect(within(card).getByText('En ligne')).toBeTruthy();
  });
});

describe('remote text stays text', () => {
  it('renders a title, place and hub name full of markup as plain text', () => {
    (window as unknown as { __pwned?: number }).__pwned = undefined;
    const item = listItem('2026-03-14T09:00:00Z', '2026-03-14T10:00:00Z', { title: XSS, hubName: XSS, place: { name: XSS, commune: XSS } });
    const { container } = renderList([item], 'fr');
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByRole('link').textContent).toBe(XSS);
    expect(container.textContent).toContain(`Source : ${XSS}`);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
