// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { accessibilityFlags, audiences, disciplines, eventFormats, regions } from '@constellation/shared';
import { createRouter, EMPTY_FILTERS, FilterBar, formatLocation, parseLocation, RouterContext, setSiteMode, type AppState, type Filters, type Router } from '@constellation/web';

const subset = <Value extends string>(values: readonly Value[]) => fc.subarray([...values]).map((picked) => [...picked]);
const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));

/** Any filters a reader can set, as the app holds them (canonical: vocabulary order, no empty text). */
const filtersArbitrary: fc.Arbitrary<Filters> = fc
  .record({
    window: fc.oneof(fc.constant({}), fc.constantFrom({ when: 'today' as const }, { when: 'weekend' as const }), fc.tuple(day, day).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }))),
    q: fc.option(fc.string({ minLength: 1, maxLength: 40 }).filter((text) => text.trim() === text && text !== ''), { nil: undefined }),
    discipline: subset(disciplines.values),
    audience: subset(audiences.values),
    format: subset(eventFormats.values),
    accessibility: subset(accessibilityFlags.values),
    region: subset(regions.values),
    free: fc.boolean(),
    online: fc.boolean(),
    near: fc.option(fc.record({ lat: fc.integer({ min: -900_000, max: 900_000 }).map((n) => n / 10_000), lon: fc.integer({ min: -1_800_000, max: 1_800_000 }).map((n) => n / 10_000) }), { nil: undefined }),
    radius: fc.constantFrom(2, 5, 10, 25),
  })
  .map(({ window, q, near, radius, ...rest }) => ({ ...EMPTY_FILTERS, ...rest, ...window, ...(q === undefined ? {} : { q }), ...(near === undefined ? {} : { near, radius }) }));

const viewArbitrary = fc.oneof(
  fc.constant({ name: 'map' as const }),
  fc.constant({ name: 'agenda' as const }),
  fc.constant({ name: 'hubs' as const }),
  fc.record({ name: fc.constant('event' as const), hub: fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/), id: fc.uuid() }),
  fc.record({ name: fc.constant('campaign' as const), slug: fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/), tab: fc.constantFrom('map' as const, 'agenda' as const) }),
);

function reparse(url: string): AppState {
  const parsed = new URL(url, 'https://constellation.example');
  return parseLocation(parsed.pathname, parsed.search);
}

describe('URL state', () => {
  it('reads a campaign page at /campagnes/<slug>, its programme at /agenda, with the filters, the map and the programme page in the address', () => {
    const map = reparse('/campagnes/fete-de-la-science-2026?region=53,24&format=workshop&map=6/47/2');
    expect(map.view).toEqual({ name: 'campaign', slug: 'fete-de-la-science-2026', tab: 'map' });
    expect(map.filters.region).toEqual(['24', '53']);
    expect(formatLocation(map)).toBe('/campagnes/fete-de-la-science-2026?format=workshop&region=24,53&map=6/47/2');
    const agenda = reparse('/campagnes/fete-de-la-science-2026/agenda?cursor=abc');
    expect(agenda.view).toEqual({ name: 'campaign', slug: 'fete-de-la-science-2026', tab: 'agenda' });
    expect(formatLocation(agenda)).toBe('/campagnes/fete-de-la-science-2026/agenda?cursor=abc');
    expect(reparse('/campagnes').view).toEqual({ name: 'campaigns' });
    // Not a slug, or a path below the programme: nothing lives there.
    expect(reparse('/campagnes/F%C3%AAte').view).toEqual({ name: 'not-found' });
    expect(reparse('/campagnes/fds/agenda/x').view).toEqual({ name: 'not-found' });
  });

  it('round-trips every view and filter through the address bar', () => {
    fc.assert(
      fc.property(viewArbitrary, filtersArbitrary, (view, filters) => {
        const state: AppState = { view, filters };
        expect(reparse(formatLocation(state))).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the map position on the map view and the page cursor on the agenda', () => {
    const onMap = reparse(formatLocation({ view: { name: 'map' }, filters: EMPTY_FILTERS, map: { zoom: 9.5, lat: 47.90248, lon: 1.90407 } }));
    expect(onMap.map).toEqual({ zoom: 9.5, lat: 47.9025, lon: 1.9041 });
    expect(reparse(formatLocation({ view: { name: 'agenda' }, filters: EMPTY_FILTERS, cursor: 'abc123' })).cursor).toBe('abc123');
  });

  it('writes a canonical, readable query: vocabulary order, commas kept, defaults left out', () => {
    const url = formatLocation({ view: { name: 'agenda' }, filters: { ...EMPTY_FILTERS, discipline: ['physics', 'mathematics'], free: true, when: 'weekend' } });
    expect(url).toBe('/agenda?when=weekend&discipline=mathematics,physics&free=true');
  });

  it('drops what it does not know instead of failing', () => {
    const state = reparse('/?discipline=physics,alchemy&region=24,99&from=2026-13-01&to=nope&free=yes&near=91,0&map=30/0/0&when=someday');
    expect(state.filters).toEqual({ ...EMPTY_FILTERS, discipline: ['physics'], region: ['24'] });
    expect(state.map).toBeUndefined();
    expect(reparse('/events/grand-est').view).toEqual({ name: 'not-found' });
  });
});

describe('filters in the address bar', () => {
  let router: Router | undefined;
  afterEach(() => {
    cleanup();
    router?.dispose();
    window.history.replaceState(null, '', '/');
  });

  function renderBar(path: string) {
    window.history.replaceState(null, '', path);
    router = createRouter(window);
    const current = router;
    const view = () => (
      <RouterContext.Provider value={current}>
        <FilterBar filters={current.state.value.filters} locale="fr" national />
      </RouterContext.Provider>
    );
    const result = render(view());
    return { router: current, rerender: () => result.rerender(view()) };
  }

  it('puts a chip in the URL and takes it out again', () => {
    const { router: current, rerender } = renderBar('/');
    fireEvent.click(screen.getByRole('button', { name: 'Gratuit' }));
    expect(window.location.search).toBe('?free=true');
    expect(current.state.value.filters.free).toBe(true);
    rerender();
    expect(screen.getByRole('button', { name: 'Gratuit' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Retirer le filtre Gratuit' }));
    expect(window.location.search).toBe('');
  });

  it('adds facet values from checkboxes and a search from the search box', () => {
    const { rerender } = renderBar('/?when=today');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Astronomie et espace' }));
    rerender();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Centre-Val de Loire' }));
    rerender();
    const search = screen.getByRole('searchbox', { name: 'Rechercher un événement' });
    fireEvent.input(search, { target: { value: '  étoiles ' } });
    fireEvent.submit(search.closest('form') as HTMLFormElement);
    expect(`${window.location.pathname}${window.location.search}`).toBe('/?when=today&q=%C3%A9toiles&discipline=astronomy&region=24');
  });

  it('restores the same filters on reload and follows Back', () => {
    const { router: first } = renderBar('/agenda?format=workshop&online=true');
    const entries = window.history.length;
    first.setFilters({ audience: ['families'] });
    // A filter change is a new history entry (Back undoes it); a map move is not.
    expect(window.history.length).toBe(entries + 1);
    first.setMap({ zoom: 7, lat: 47.5, lon: 1.7 });
    expect(window.history.length).toBe(entries + 1);
    const afterChange = first.state.value;
    // A reload: a new router reading the same address.
    const reloaded = createRouter(window);
    expect(reloaded.state.value).toEqual(afterChange);
    reloaded.dispose();
    // Back: the browser restores the previous address and says so.
    window.history.replaceState(null, '', '/agenda?format=workshop&online=true');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(first.state.value.filters.audience).toEqual([]);
    expect(first.state.value.filters.format).toEqual(['workshop']);
  });
});

describe('regional portal paths', () => {
  afterEach(() => setSiteMode('national'));

  it('reads every portal path and writes it back the same', () => {
    setSiteMode('regional');
    const paths = [
      '/',
      '/map',
      '/agenda',
      '/events/grand-est/0190aaaa-0000-7000-8000-000000000001',
      '/articles',
      '/articles/la-nuit-des-etoiles',
      '/projects?discipline=astronomy&q=oiseaux',
      '/places/musee-de-l-air',
      '/login?next=%2Fcontribute',
      '/signup',
      '/account',
      '/members?discipline=biology',
      '/members/0190aaaa-0000-7000-8000-000000000002',
      '/contribute',
      '/contribute/events/new',
      '/contribute/articles/0190aaaa-0000-7000-8000-000000000003',
      '/contribute/import',
      '/moderation',
      '/moderation/reports',
      '/moderation/audit',
      '/moderation/stats',
      '/admin',
      '/admin/users',
      '/admin/actors',
      '/admin/pages',
      '/about',
      '/legal',
      '/privacy',
      '/accessibility',
    ];
    for (const path of paths) {
      const url = new URL(path, 'http://hub.example');
      const state = parseLocation(url.pathname, url.search);
      expect(state.view.name, path).not.toBe('not-found');
      expect(formatLocation(state), path).toBe(path);
    }
    expect(parseLocation('/', '').view).toEqual({ name: 'home' });
    expect(parseLocation('/contribute/events/new', '').view).toEqual({ name: 'edit', type: 'event' });
    expect(parseLocation('/admin/users', '').view).toEqual({ name: 'console', tab: 'users', params: {} });
    // Sign-up's consent links here: the privacy policy is a page of its own.
    expect(parseLocation('/privacy', '').view).toEqual({ name: 'site-page', slug: 'privacy' });
    // A directory's own parameters are not read as event filters.
    expect(parseLocation('/projects', '?discipline=astronomy').filters.discipline).toEqual([]);
    expect(parseLocation('/contribute/widgets/new', '').view.name).toBe('not-found');
  });

  it('keeps the national paths national', () => {
    expect(parseLocation('/', '').view).toEqual({ name: 'map' });
    expect(parseLocation('/articles', '').view.name).toBe('not-found');
    expect(parseLocation('/moderation', '').view.name).toBe('not-found');
  });
});
