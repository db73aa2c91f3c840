// @vitest-environment happy-dom
import { render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AgendaPage, announce, campaignClient, createRouter, RouterContext, countsQuery, LiveNotice, liveMessage, createApiClient, decodeCampaignDetail, decodeLiveChange, EMPTY_FILTERS, filterQuery, filterWindow, inArea, streamQuery, upsertEvent, viewBounds, weekendOf, withoutEvent, type ApiClient, type EventDetail, type ListItem, type Page } from '@constellation/web';
import { listItem } from './fixtures.tsx';

describe('live changes on a list already shown', () => {
  const a = listItem('2026-03-14T09:00:00Z', '2026-03-14T10:00:00Z');
  const b = listItem('2026-03-15T09:00:00Z', '2026-03-15T10:00:00Z');
  const c = listItem('2026-03-16T09:00:00Z', '2026-03-16T10:00:00Z');

  it('inserts a new event in date order, moves a changed one and drops a removed one', () => {
    const fresh = listItem('2026-03-14T12:00:00Z', '2026-03-14T13:00:00Z');
    expect(upsertEvent([a, b, c], fresh, false).map((item) => item.event.id)).toEqual([a, fresh, b, c].map((item) => item.event.id));
    const moved = { ...a, occurrence: { start: '2026-03-17T09:00:00Z', end: '2026-03-17T10:00:00Z' } };
    expect(upsertEvent([a, b, c], moved, false).map((item) => item.event.id)).toEqual([b, c, a].map((item) => item.event.id));
    expect(withoutEvent([a, b, c], `${b.event.hub}/${b.event.id}`)).toEqual([a, c]);
  });

  it('leaves an event past the last row of a partial page to the next page', () => {
    const late = listItem('2026-04-01T09:00:00Z', '2026-04-01T10:00:00Z');
    expect(upsertEvent([a, b], late, true)).toEqual([a, b]);
    expect(upsertEvent([a, b], late, false)).toEqual([a, b, late]);
  });

  it('reads the stream’s events and keeps only the changes in the map’s area', () => {
    const change = decodeLiveChange('upsert', '42', JSON.stringify({ hub: 'grand-est', id: 'x', type: 'event', title: 'T', start: '2026-03-14T09:00:00Z', end: '2026-03-14T10:00:00Z', lat: 48.58, lon: 7.75, listed: true }));
    expect(change).toMatchObject({ op: 'upsert', seq: '42', hub: 'grand-est', lat: 48.58 });
    if (change?.op !== 'upsert') throw new Error('expected an upsert');
    expect(inArea(change, [7, 48, 8, 49])).toBe(true);
    expect(inArea(change, [1, 47, 2, 48])).toBe(false);
    expect(inArea({ ...change, lat: null, lon: null }, [7, 48, 8, 49])).toBe(false);
    expect(decodeLiveChange('delete', '43', '{"hub":"grand-est","id":"x","type":"event","reason":"deleted"}')).toEqual({ op: 'delete', seq: '43', hub: 'grand-est', id: 'x', type: 'event', reason: 'deleted' });
    expect(decodeLiveChange('upsert', '44', 'not json')).toBeUndefined();
  });
});

describe('queries', () => {
  it('turns "today" and "this weekend" into the reader’s days', () => {
    const wednesday = new Date(2026, 2, 11, 15, 30);
    const window = filterWindow({ ...EMPTY_FILTERS, when: 'today' }, wednesday);
    expect(window).toEqual({ from: wednesday, to: new Date(2026, 2, 12) });
    expect(weekendOf(wednesday)).toEqual({ from: new Date(2026, 2, 14), to: new Date(2026, 2, 16) });
    const sunday = new Date(2026, 2, 15, 10);
    expect(weekendOf(sunday)).toEqual({ from: sunday, to: new Date(2026, 2, 16) });
    expect(filterWindow({ ...EMPTY_FILTERS, from: '2026-03-01', to: '2026-03-02' }, wednesday)).toEqual({ from: new Date(2026, 2, 1), to: new Date(2026, 2, 3) });
  });

  it('sends the list, the map and the stream the same filter names', () => {
    const now = new Date('2026-03-11T12:00:00Z');
    const filters = { ...EMPTY_FILTERS, discipline: ['astronomy' as const], free: true, accessibility: ['motor' as const], region: ['24' as const] };
    const query = filterQuery(filters, { now, bbox: [1, 47, 3, 48.5] });
    expect(Object.fromEntries(query)).toEqual({ from: '2026-03-11T12:00:00.000Z', discipline: 'astronomy', accessibility: 'motor', free: 'true', region: '24', bbox: '1,47,3,48.5' });
    // A hub is one region: no region filter in regional mode.
    expect(filterQuery(filters, { now, national: false }).has('region')).toBe(false);
    // The stream has no accessibility filter: it is left out, and the client knows to reload.
    const stream = streamQuery(query);
    expect(stream.exact).toBe(false);
    expect(stream.query.has('accessibility')).toBe(false);
    expect(stream.query.get('type')).toBe('event');
  });

  it('computes the area a map shows from its position and size', () => {
    const [west, south, east, north] = viewBounds({ zoom: 5, lat: 46.6, lon: 2.4 }, 1024, 768);
    expect(west).toBeCloseTo(-8.85, 1);
    expect(east).toBeCloseTo(13.65, 1);
    expect(south).toBeLessThan(46.6);
    expect(north).toBeGreaterThan(46.6);
    // Mercator: the same pixels span fewer degrees northwards.
    expect(north - 46.6).toBeLessThan(46.6 - south);
  });
});

describe('the API client', () => {
  it('asks the national API for an event by hub and id, a hub by id alone, and only the national one for a stream', async () => {
    const asked: string[] = [];
    const fetcher: typeof fetch = async (input) => {
      asked.push(String(input));
      return new Response(JSON.stringify({ event: { id: 'e', hub: 'grand-est', title: 'T', timeZone: 'Europe/Paris' }, provenance: { hub: 'grand-est', hubName: 'Grand Est', url: 'https://ge.example/events/t', syncedAt: '2026-03-01T00:00:00Z' }, occurrences: [] }), { headers: { 'content-type': 'application/json' } });
    };
    const national = createApiClient('https://constellation.example', { fetcher });
    const detail = await national.event('grand-est', 'e');
    expect(detail.event.hubName).toBe('Grand Est');
    expect(national.streamUrl(new URLSearchParams({ type: 'event' }))).toBe('https://constellation.example/api/v1/stream?type=event');
    const regional = createApiClient('https://hub.example', { regional: true, fetcher });
    await regional.event('grand-est', 'e');
    // A hub streams its own changes, with every filter of its list (the national stream has no text search).
    expect(regional.streamUrl(new URLSearchParams({ type: 'event' }))).toBe('https://hub.example/api/v1/stream?type=event');
    expect(streamQuery(new URLSearchParams({ q: 'étoiles', accessibility: 'motor', from: '2026-12-07' }), regional.streamFilters)).toEqual({ query: new URLSearchParams({ q: 'étoiles', accessibility: 'motor', from: '2026-12-07', type: 'event' }), exact: true });
    expect(streamQuery(new URLSearchParams({ q: 'étoiles' }), national.streamFilters).exact).toBe(false);
    // A hub serves an event's dates apart from its document.
    expect(asked).toEqual(['https://constellation.example/api/v1/events/grand-est/e', 'https://hub.example/api/v1/events/e', 'https://hub.example/api/v1/events/e/occurrences']);
  });
});

describe('a campaign\'s page', () => {
  it('asks the campaign\'s cacheable routes over its own days unless the reader chose days, and narrows the stream and exports to it', async () => {
    const asked: string[] = [];
    const fetcher: typeof fetch = async (input) => {
      asked.push(String(input));
      const body = String(input).includes('/clusters') ? { items: [] } : { items: [], next: null };
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    };
    const api = createApiClient('https://constellation.example', { fetcher });
    const whole = campaignClient(api, { slug: 'fds-2026', ownWindow: false });
    await whole.events(new URLSearchParams({ from: '2026-12-07T10:00:00.000Z', region: '53', limit: '50' }));
    await whole.clusters(new URLSearchParams({ from: '2026-12-07T10:00:00.000Z', bbox: '1,2,3,4', zoom: '5' }));
    const chosen = campaignClient(api, { slug: 'fds-2026', ownWindow: true });
    await chosen.events(new URLSearchParams({ from: '2026-10-03T00:00:00.000Z', to: '2026-10-04T00:00:00.000Z' }));
    expect(asked).toEqual([
      'https://constellation.example/api/v1/campaigns/fds-2026/events?region=53&limit=50',
      'https://constellation.example/api/v1/campaigns/fds-2026/clusters?bbox=1%2C2%2C3%2C4&zoom=5',
      'https://constellation.example/api/v1/campaigns/fds-2026/events?from=2026-10-03T00%3A00%3A00.000Z&to=2026-10-04T00%3A00%3A00.000Z',
    ]);
    expect(whole.exportUrl('csv', new URLSearchParams({ format: 'workshop' }))).toBe('https://constellation.example/events.csv?format=workshop&campaign=fds-2026');
    expect(whole.streamUrl(new URLSearchParams({ from: '2026-12-07T10:00:00.000Z', type: 'event' }))).toBe('https://constellation.example/api/v1/stream?type=event');
  });

  it('counts without the reader\'s clock when no days are chosen (the server and the browser ask the same), and reads the counts leniently', () => {
    const filters = { ...EMPTY_FILTERS, region: ['53' as const] };
    expect(countsQuery(filters, new Date('2026-12-07T10:00:00Z')).toString()).toBe(countsQuery(filters, new Date('2027-01-01T00:00:00Z')).toString());
    expect(countsQuery({ ...filters, from: '2026-10-03' }, new Date()).has('from')).toBe(true);
    const detail = decodeCampaignDetail({ campaign: { slug: 'fds-2026', name: 'Fête de la science', startDate: '2026-10-01', endDate: '2026-10-15', regions: ['53'], extra: 1 }, counts: { total: 3, byRegion: { '53': 3, bad: 'x' }, byFormat: {} } });
    expect(detail).toEqual({ campaign: { slug: 'fds-2026', name: 'Fête de la science', startDate: '2026-10-01', endDate: '2026-10-15', regions: ['53'] }, counts: { total: 3, byRegion: { '53': 3 }, byFormat: {} } });
    expect(() => decodeCampaignDetail({ campaign: { slug: 'x' } })).toThrow(TypeError);
  });
});

describe('the live notice', () => {
  afterEach(() => {
    liveMessage.value = undefined;
    document.body.innerHTML = '';
  });

  /** A box at these window coordinates, as the browser's layout would give it. */
  function placed(element: Element, top: number, height: number): void {
    element.getBoundingClientRect = () => ({ top, bottom: top + height, height, left: 0, right: 360, width: 360, x: 0, y: top, toJSON: () => ({}) });
  }

  it('moves to the top of the window while the item it announces is under it at the bottom, and back when it is not', async () => {
    window.innerHeight = 780;
    const card = document.createElement('article');
    card.className = 'event-card fresh';
    document.body.append(card);
    // A phone: the new event's card ends where the notice sits (its last 100 px).
    placed(card, 560, 200);
    const { container } = render(<LiveNotice />);
    const notice = container.querySelector('.live-notice') as HTMLElement;
    placed(notice, 680, 84);
    announce('Nouvel événement : Soirée');
    await waitFor(() => expect(notice.classList.contains('live-notice-top')).toBe(true));
    // Scrolled so that the card is at the top: the notice goes back to the bottom.
    placed(card, 20, 200);
    window.dispatchEvent(new Event('scroll'));
    await waitFor(() => expect(notice.classList.contains('live-notice-top')).toBe(false));
  });
});

/** An EventSource the test drives: what the page opened, whether it closed it, and messages to it. */
class ScriptedSource {
  static readonly CLOSED = 2;
  static opened: ScriptedSource[] = [];
  readonly listeners = new Map<string, (message: { data: string; lastEventId: string }) => void>();
  readyState = 1;
  closed = false;
  constructor(readonly url: string) {
    ScriptedSource.opened.push(this);
  }
  addEventListener(type: string, listener: (message: { data: string; lastEventId: string }) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
  }
  send(type: string, seq: number, body: Record<string, unknown>) {
    this.listeners.get(type)?.({ data: JSON.stringify(body), lastEventId: String(seq) });
  }
}

describe('the open agenda while its stream runs', () => {
  const first = listItem('2099-03-14T09:00:00Z', '2099-03-14T10:00:00Z', { hub: 'grand-est' });
  const added = listItem('2099-03-15T09:00:00Z', '2099-03-15T10:00:00Z', { hub: 'grand-est', title: 'Ajouté en direct' });
  const native = globalThis.EventSource;
  afterEach(() => {
    globalThis.EventSource = native;
    ScriptedSource.opened = [];
  });

  it('places a change without fetching the list again, and keeps the stream open through a reload, fetching again for what arrives meanwhile', async () => {
    globalThis.EventSource = ScriptedSource as unknown as typeof EventSource;
    // Each call to the list waits for the test to answer it.
    const answers: ((page: Page<ListItem>) => void)[] = [];
    const api = {
      streamFilters: ['from', 'to', 'bbox', 'discipline', 'audience', 'format', 'free', 'online', 'region', 'hub'],
      streamUrl: (query: URLSearchParams) => `/api/v1/stream?${query}`,
      exportUrl: (format: string) => `/api/v1/export.${format}`,
      events: () => new Promise<Page<ListItem>>((resolve) => answers.push(resolve)),
      event: async (): Promise<EventDetail> => ({ event: added.event, occurrences: [added.occurrence] }) as unknown as EventDetail,
    } as unknown as ApiClient;
    window.history.replaceState(null, '', '/agenda');
    const view = render(
      <RouterContext.Provider value={createRouter(window)}>
        <AgendaPage api={api} config={{ mode: 'national', name: 'Constellation' }} locale="fr" />
      </RouterContext.Provider>,
    );
    const titles = () => [...view.container.querySelectorAll('[data-testid="agenda-list"] h3')].map((heading) => heading.textContent);
    await waitFor(() => expect(answers).toHaveLength(1));
    answers[0]?.({ items: [first], next: null });
    await waitFor(() => expect(ScriptedSource.opened).toHaveLength(1));
    const stream = ScriptedSource.opened[0] as ScriptedSource;

    // The agenda's page size is no filter: the change is placed from its detail, no list fetched.
    stream.send('upsert', 1, { hub: 'grand-est', id: added.event.id, type: 'event', title: added.event.title, listed: true });
    await waitFor(() => expect(titles()).toEqual([first.event.title, added.event.title]));
    expect(answers).toHaveLength(1);

    // Too much missed: the list is fetched again, and the stream stays open meanwhile.
    stream.send('reset', 2, { hub: 'grand-est', id: first.event.id });
    await waitFor(() => expect(answers).toHaveLength(2));
    expect(stream.closed).toBe(false);
    // A removal while that fetch runs: its answer may predate the removal, so it is fetched again.
    stream.send('delete', 3, { hub: 'grand-est', id: first.event.id, type: 'event' });
    await waitFor(() => expect(answers).toHaveLength(3));
    answers[2]?.({ items: [added], next: null });
    await waitFor(() => expect(titles()).toEqual([added.event.title]));
    expect(ScriptedSource.opened).toHaveLength(1);
    expect(stream.closed).toBe(false);
  });
});
