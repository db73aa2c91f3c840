// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPopupContent, decodeMapItems, buildPopupList, buildProgrammePopup, closeFacetMenus, CommuneSearch, boxMetres, distinctEvents, foldName, listsInsteadOfZooming, matchCommunes, SAME_PLACE_METRES, unionBox, type PlaceLabels } from '@constellation/web';

/* The map at street level: events at one venue, the popup's dates, "Près de moi" without a position, facet menus. */

afterEach(cleanup);

const COMMUNES: PlaceLabels['communes'] = [
  ['Paris', 2.349, 48.853, 5],
  ['Saint-Étienne', 4.39, 45.434, 6],
  ['Orléans', 1.909, 47.902, 6],
  ['Saint-Jean-de-Braye', 1.97, 47.91, 9],
  ['Olivet', 1.9, 47.86, 9],
  ["L'Haÿ-les-Roses", 2.337, 48.78, 9],
];

describe('events at the same place', () => {
  it('list a cluster no zoom splits, or whose events lie within a few metres; zoom into the others', () => {
    expect(listsInsteadOfZooming({ sameSpot: true }, 5, 22)).toBe(true);
    // Two metres apart, across one of the server's grid lines: a zoom would split them, uselessly.
    expect(listsInsteadOfZooming({ bbox: [7.7521, 48.5734, 7.75212, 48.57342], expansionZoom: 18 }, 17, 22)).toBe(true);
    expect(boxMetres([7.7521, 48.5734, 7.75212, 48.57342])).toBeLessThan(SAME_PLACE_METRES);
    // A kilometre apart: zoom in.
    expect(listsInsteadOfZooming({ bbox: [7.74, 48.57, 7.75, 48.58], expansionZoom: 14 }, 12, 22)).toBe(false);
    // A server that says nothing: zoom in until no closer zoom is left.
    expect(listsInsteadOfZooming({}, 12, 22)).toBe(false);
    expect(listsInsteadOfZooming({}, 22, 22)).toBe(true);
    expect(unionBox([[1, 2, 1, 2], [0, 3, 0.5, 4]])).toEqual([0, 2, 1, 4]);
  });

  it('keep from the clusters answer that no zoom splits them, and their box', () => {
    const [spot, splits] = decodeMapItems({ items: [{ kind: 'cluster', count: 3, lat: 48.57, lon: 7.75, bbox: [7.75, 48.57, 7.75, 48.57], expansionZoom: null }, { kind: 'cluster', count: 2, lat: 48, lon: 7, bbox: [6.9, 47.9, 7.1, 48.1], expansionZoom: 9 }] });
    expect(spot).toMatchObject({ kind: 'cluster', sameSpot: true, bbox: [7.75, 48.57, 7.75, 48.57] });
    expect(splits).toMatchObject({ kind: 'cluster', expansionZoom: 9 });
    expect(splits).not.toHaveProperty('sameSpot');
  });

  it('come once each, soonest first', () => {
    const late = { hub: 'h', id: 'b', title: 'B', start: '2026-05-02T10:00:00Z' };
    const early = { hub: 'h', id: 'a', title: 'A', start: '2026-05-01T10:00:00Z' };
    expect(distinctEvents([late, early, late]).map((event) => event.id)).toEqual(['a', 'b']);
  });

  it('open as one list of links with their dates, from text only', () => {
    const opened: string[] = [];
    const list = buildPopupList(
      [
        { hub: 'h', id: 'a', title: '<img src=x onerror=alert(1)>', start: '2026-05-01T08:00:00Z', end: '2026-05-01T10:00:00Z', timeZone: 'Europe/Paris' },
        { hub: 'h', id: 'b', title: 'Nuit des étoiles', hubName: 'Centre-Sciences' },
      ],
      { locale: 'fr', heading: '2 événements à cet endroit', hrefOf: (event) => `/events/${event.hub}/${event.id}`, sourceLabel: (hub) => `Source : ${hub}`, readerZone: 'Europe/Paris', onOpen: (event) => opened.push(event.id) },
    );
    document.body.append(list);
    expect(list.querySelector('.map-popup-heading')?.textContent).toBe('2 événements à cet endroit');
    const links = [...list.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/events/h/a', '/events/h/b']);
    expect(links[0]?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(list.querySelector('img')).toBeNull();
    expect(list.textContent).toContain('Source : Centre-Sciences');
    expect(list.textContent).toMatch(/10:00\s*–\s*12:00/);
    links[1]?.click();
    expect(opened).toEqual(['b']);
    list.remove();
  });
});

describe('a village des sciences on the map', () => {
  it('keeps the umbrella a cluster is made of, and nothing from a cluster without one or with a broken one', () => {
    const [village, plain, broken] = decodeMapItems({
      items: [
        { kind: 'cluster', count: 5, lat: 47.08, lon: 2.4, bbox: [2.4, 47.08, 2.4, 47.08], expansionZoom: null, umbrella: { hub: 'centre-val-de-loire', id: 'u1', title: 'Village des sciences de Bourges', placeName: 'Place Séraucourt' } },
        { kind: 'cluster', count: 2, lat: 48, lon: 7, expansionZoom: 9 },
        { kind: 'cluster', count: 3, lat: 48, lon: 7, expansionZoom: 9, umbrella: { title: 'sans identifiant' } },
      ],
    });
    expect(village).toMatchObject({ kind: 'cluster', count: 5, umbrella: { hub: 'centre-val-de-loire', id: 'u1', title: 'Village des sciences de Bourges', placeName: 'Place Séraucourt' } });
    expect(plain).not.toHaveProperty('umbrella');
    expect(broken).not.toHaveProperty('umbrella');
  });

  it('opens into its programme: the village as a link, then each activity with its times and its own spot, from text only', () => {
    const opened: string[] = [];
    const umbrella = { hub: 'h', id: 'u1', title: 'Village des sciences <b>de Bourges</b>', placeName: 'Place Séraucourt' };
    const popup = buildProgrammePopup(
      umbrella,
      [
        { hub: 'h', id: 'c1', title: 'Expériences de chimie', start: '2026-10-09T07:30:00Z', end: '2026-10-09T09:30:00Z', timeZone: 'Europe/Paris', placeName: 'Place Séraucourt' },
        { hub: 'h', id: 'c2', title: 'Rencontre avec une astrophysicienne', start: '2026-10-10T13:00:00Z', end: '2026-10-10T14:00:00Z', timeZone: 'Europe/Paris', placeName: 'Chapiteau des étoiles' },
      ],
      { locale: 'fr', heading: 'Programme · 2 rendez-vous', hrefOf: (event) => `/events/${event.hub}/${event.id}`, readerZone: 'Europe/Paris', onOpen: (event) => opened.push(event.id) },
    );
    document.body.append(popup);
    const links = [...popup.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/events/h/u1', '/events/h/c1', '/events/h/c2']);
    expect(links[0]?.textContent).toBe('Village des sciences <b>de Bourges</b>');
    expect(popup.querySelector('b')).toBeNull();
    expect(popup.querySelector('.map-popup-heading')?.textContent).toBe('Programme · 2 rendez-vous');
    const items = [...popup.querySelectorAll('li')].map((item) => item.textContent ?? '');
    expect(items[0]).toMatch(/9:30\s*–\s*11:30/);
    expect(items[0]).toContain('Expériences de chimie');
    // The village's own place is said once, above; an activity elsewhere says where.
    expect(items[0]).not.toContain('Place Séraucourt');
    expect(items[1]).toContain('Chapiteau des étoiles');
    links[2]?.click();
    expect(opened).toEqual(['c2']);
    popup.remove();
  });
});

describe('the popup’s dates', () => {
  it('say the year when it is not this year, and only then', () => {
    const options = { locale: 'fr', href: '/e', sourceLabel: (hub: string) => hub, readerZone: 'Europe/Paris' };
    const event = { title: 'T', hub: 'h', start: '2027-01-09T14:00:00Z', end: '2027-01-09T16:00:00Z', timeZone: 'Europe/Paris' };
    // The popup uses the real present: an event next year names its year.
    const nextYear = new Date().getUTCFullYear() + 1;
    const later = buildPopupContent({ ...event, start: `${nextYear}-01-09T14:00:00Z`, end: `${nextYear}-01-09T16:00:00Z` }, options);
    expect(later.querySelector('.map-popup-when')?.textContent).toContain(String(nextYear));
    const thisYear = new Date().getUTCFullYear();
    const soon = buildPopupContent({ ...event, start: `${thisYear}-07-09T14:00:00Z`, end: `${thisYear}-07-09T16:00:00Z` }, options);
    expect(soon.querySelector('.map-popup-when')?.textContent).not.toContain(String(thisYear));
  });
});

describe('finding a commune', () => {
  it('ignores accents, case, hyphens and "St"; names starting with the words first, in population order', () => {
    expect(foldName("L'Haÿ-les-Roses")).toBe('l hay les roses');
    expect(matchCommunes(COMMUNES, 'orle').map((commune) => commune.name)).toEqual(['Orléans']);
    expect(matchCommunes(COMMUNES, 'st etienne').map((commune) => commune.name)).toEqual(['Saint-Étienne']);
    expect(matchCommunes(COMMUNES, 'saint').map((commune) => commune.name)).toEqual(['Saint-Étienne', 'Saint-Jean-de-Braye']);
    expect(matchCommunes(COMMUNES, 'roses').map((commune) => commune.name)).toEqual(["L'Haÿ-les-Roses"]);
    expect(matchCommunes(COMMUNES, 'o')).toEqual([]);
  });

  it('offers the matching communes and gives the chosen one’s place', async () => {
    const chosen: { name: string; lat: number; lon: number }[] = [];
    render(<CommuneSearch locale="fr" load={() => Promise.resolve({ communes: COMMUNES, departements: [] })} onChoose={(commune) => chosen.push(commune)} />);
    const input = screen.getByLabelText('Choisissez plutôt une commune');
    await new Promise((resolve) => setTimeout(resolve, 0));
    fireEvent.input(input, { target: { value: 'orléa' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Orléans' }));
    expect(chosen).toEqual([{ name: 'Orléans', lon: 1.909, lat: 47.902 }]);
    fireEvent.input(input, { target: { value: 'zzz' } });
    expect(await screen.findByText('Aucune commune de ce nom.')).toBeTruthy();
  });
});

describe('facet menus', () => {
  function menus() {
    const root = document.createElement('div');
    root.innerHTML = '<details class="facet"><summary>Public</summary><label><input type="checkbox"> Enfants</label></details><details class="facet"><summary>Format</summary><p>…</p></details>';
    document.body.append(root);
    const [first, second] = [...root.querySelectorAll('details')] as [HTMLDetailsElement, HTMLDetailsElement];
    return { root, first, second, stop: closeFacetMenus(root) };
  }

  it('close with Escape, giving the focus back to their summary', () => {
    const { root, first, stop } = menus();
    first.open = true;
    first.querySelector('input')?.focus();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(first.open).toBe(false);
    expect(document.activeElement).toBe(first.querySelector('summary'));
    stop();
    root.remove();
  });

  it('close on a click outside, not on one inside', () => {
    const { root, first, stop } = menus();
    first.open = true;
    first.querySelector('input')?.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(first.open).toBe(true);
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(first.open).toBe(false);
    stop();
    root.remove();
  });

  it('open one at a time', () => {
    const { root, first, second, stop } = menus();
    first.open = true;
    second.open = true;
    second.dispatchEvent(new Event('toggle'));
    expect(first.open).toBe(false);
    expect(second.open).toBe(true);
    stop();
    root.remove();
  });
});
