import { participationTypes, placeKinds, type Locale } from '@constellation/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import { filterQuery, formatBbox, listQuery, type Bbox } from '../api/query.ts';
import type { DirectoryPoint, MapItem, SiteConfig } from '../api/types.ts';
import { t } from '../i18n/locale.ts';
import { basemapFolder, loadBaseStyle } from '../map/base-style.ts';
import { viewBounds } from '../map/viewport.ts';
import type { EventMap, MapView } from '../map/map-engine.ts';
import { buildDirectoryPopup, buildPopupContent, buildPopupList, buildProgrammePopup } from '../map/popup-content.ts';
import { MapLegend, type DirectoryLayers } from './map-legend.tsx';
import { useRouter } from '../state/router.ts';
import { formatMap, viewPath, type Filters, type MapPosition } from '../state/url-state.ts';

export interface MapPanelProps {
  api: ApiClient;
  config: SiteConfig;
  filters: Filters;
  now: Date;
  position: MapPosition;
  locale: Locale;
  /** Keys (hub/id) of events that just changed live. */
  fresh: ReadonlySet<string>;
  /** Bumped when live changes make the clusters stale. */
  refresh: number;
  /** Near me: frame this area. */
  frame?: Bbox;
  /** Regional mode (a hub has no clusters API): the list's events, drawn as they are. */
  points: readonly MapItem[];
  /**
   * False until the page's first list has come (or failed): the map's code and basemap
   * then start. Evaluating maplibre and drawing its first frames hold the main thread for
   * a second on a modest device, and the list is what a reader (and a screen reader) waits for.
   */
  start?: boolean;
}

/** Equal as the address bar writes them (it rounds to what the zoom shows). */
function samePosition(a: MapPosition, b: MapPosition): boolean {
  return formatMap(a) === formatMap(b);
}

/** The map: created once, removed on unmount; clusters fetched from the API for its view. */
export function MapPanel({ api, config, filters, now, position, locale, fresh, refresh, frame, points, start = true }: MapPanelProps) {
  const router = useRouter();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<EventMap | undefined>(undefined);
  const [view, setView] = useState<MapView | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const national = config.mode === 'national';
  // Places to visit and projects: shown by default on the national map, each with its own toggle.
  const [layers, setLayers] = useState<DirectoryLayers>({ place: true, project: true });
  const [directory, setDirectory] = useState<{ points: readonly DirectoryPoint[]; hubNames: ReadonlyMap<string, string> }>({ points: [], hubNames: new Map() });
  const query = filterQuery(filters, { now, national: config.mode === 'national' });
  const latest = useRef({ locale, router, filters, now, hubNames: directory.hubNames });
  latest.current = { locale, router, filters, now, hubNames: directory.hubNames };

  // The first clusters, asked for as the map starts (with its code and basemap) rather than
  // once it exists: they are then in its first style load (one tile pass with everything,
  // not a second one for the events). Keyed as the clusters effect below keys its request.
  const early = useRef<{ key: string; items: Promise<MapItem[]> } | undefined>(undefined);
  const clusterRequest = (bounds: Bbox, zoomLevel: number, signal?: AbortSignal) => {
    const params = new URLSearchParams(query);
    params.delete('near');
    params.delete('radius');
    params.set('bbox', formatBbox(bounds));
    params.set('zoom', String(zoomLevel));
    return { key: `${query.toString()}|${formatBbox(bounds)}|${zoomLevel}|${refresh}`, request: () => api.clusters(params, signal) };
  };

  useEffect(() => {
    if (!start) return undefined;
    let cancelled = false;
    let created: EventMap | undefined;
    // The size MapLibre will read (whole pixels), so the view it reports asks for the same box.
    const width = container.current?.clientWidth ?? 0;
    const height = container.current?.clientHeight ?? 0;
    if (national && width > 0 && height > 0) {
      const first = clusterRequest(viewBounds(position, width, height), Math.floor(position.zoom));
      const items = first.request();
      // A failure is the clusters effect's to report (it asks again).
      items.catch(() => undefined);
      early.current = { key: first.key, items };
    }
    // The map's code and its basemap (the real style, or the offline one when unreachable) at once.
    Promise.all([import('../map/map-engine.ts'), loadBaseStyle(config.mapStyle, locale, { base: basemapFolder() })])
      .then(([{ createEventMap }, base]) => {
        if (cancelled || container.current === null) return;
        created = createEventMap({
          container: container.current,
          base,
          position,
          label: t('map', {}, locale),
          onMove: (next) => {
            setView(next);
            latest.current.router.setMap(next.position);
          },
          onLoad: () => container.current?.setAttribute('data-map-ready', 'true'),
          ...(early.current === undefined ? {} : { firstItems: early.current.items }),
          popupDetails: async (hub, id) => {
            const { event } = await api.event(hub, id);
            return { timeZone: event.timeZone, ...(event.hubName === undefined ? {} : { hubName: event.hubName }) };
          },
          clusterEvents: async ([west, south, east, north]) => {
            // A box around one spot has no size: widen it by a few metres.
            const pad = 0.0001;
            const params = listQuery(latest.current.filters, { now: latest.current.now, national: config.mode === 'national', limit: 50 });
            params.delete('near');
            params.delete('radius');
            params.set('bbox', formatBbox([west - pad, south - pad, east + pad, north + pad]));
            const page = await api.events(params);
            return page.items.map(({ event, occurrence }) => ({ hub: event.hub, id: event.id, title: event.title, start: occurrence.start, end: occurrence.end, timeZone: event.timeZone, ...(event.hubName === undefined ? {} : { hubName: event.hubName }) }));
          },
          programme: async (umbrella) => {
            // The village's activities under the reader's filters (from now on by default), wherever they stand.
            const params = listQuery(latest.current.filters, { now: latest.current.now, national: config.mode === 'national', limit: 100 });
            for (const name of ['near', 'radius', 'bbox']) params.delete(name);
            params.set('parent', umbrella.id);
            params.set('hub', umbrella.hub);
            const page = await api.events(params);
            return page.items.map(({ event, occurrence }) => ({ hub: event.hub, id: event.id, title: event.title, start: occurrence.start, end: occurrence.end, timeZone: event.timeZone, ...(event.place?.name === undefined ? {} : { placeName: event.place.name }) }));
          },
          programmeContent: (umbrella, events) => {
            const language = latest.current.locale;
            const count = events === undefined ? t('loading', {}, language) : t(events.length === 1 ? 'programmeCountOne' : 'programmeCount', { count: events.length }, language);
            return buildProgrammePopup(umbrella, events ?? [], {
              locale: language,
              heading: `${t('programmeTitle', {}, language)} · ${count}`,
              hrefOf: (event) => viewPath({ name: 'event', hub: event.hub, id: event.id }),
              onOpen: (event, click) => {
                click.preventDefault();
                latest.current.router.go(viewPath({ name: 'event', hub: event.hub, id: event.id }));
              },
            });
          },
          popupListContent: (events) =>
            buildPopupList(events, {
              locale: latest.current.locale,
              heading: events.length === 0 ? t('loading', {}, latest.current.locale) : t('eventsHere', { count: events.length }, latest.current.locale),
              hrefOf: (event) => viewPath({ name: 'event', hub: event.hub, id: event.id }),
              sourceLabel: (hub) => t('fromHub', { hub }, latest.current.locale),
              onOpen: (event, click) => {
                click.preventDefault();
                latest.current.router.go(viewPath({ name: 'event', hub: event.hub, id: event.id }));
              },
            }),
          ...(national
            ? {
                directoryPopup: (point: DirectoryPoint) => {
                  const language = latest.current.locale;
                  const kind = point.type === 'place' ? (placeKinds.has(point.kind) ? placeKinds.label(point.kind, language) : t('legendPlaces', {}, language)) : participationTypes.has(point.kind) ? `${t('popupProject', {}, language)} (${participationTypes.label(point.kind, language).toLowerCase()})` : t('popupProject', {}, language);
                  return buildDirectoryPopup(point, { kind, linkLabel: t('directoryPageLink', { hub: latest.current.hubNames.get(point.hub) ?? point.hub }, language) });
                },
              }
            : {}),
          popupContent: (event) =>
            buildPopupContent(event, {
              locale: latest.current.locale,
              href: viewPath({ name: 'event', hub: event.hub, id: event.id }),
              sourceLabel: (hub) => t('fromHub', { hub }, latest.current.locale),
              onOpen: (click) => {
                click.preventDefault();
                latest.current.router.go(viewPath({ name: 'event', hub: event.hub, id: event.id }));
              },
            }),
        });
        map.current = created;
        setView(created.view());
      })
      .catch((error: unknown) => {
        console.warn('map unavailable', error);
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      created?.remove();
      map.current = undefined;
    };
    // Created once (`start` only ever turns true); later changes reach it through the effects below.
  }, [start]);

  // The address bar moved (Back, a shared link): follow it.
  useEffect(() => {
    const current = map.current?.view().position;
    if (current !== undefined && !samePosition(current, position)) map.current?.jumpTo(position);
  }, [position.zoom, position.lat, position.lon]);

  useEffect(() => {
    if (frame !== undefined) map.current?.fitBounds(frame);
  }, [frame?.join(','), view === undefined]);

  const bboxKey = view === undefined ? '' : formatBbox(view.bounds);
  const zoom = view === undefined ? 0 : Math.floor(view.position.zoom);
  const key = `${query.toString()}|${bboxKey}|${zoom}|${refresh}`;
  useEffect(() => {
    if (view === undefined || map.current === undefined || config.mode !== 'national') return;
    const controller = new AbortController();
    const asked = early.current;
    early.current = undefined;
    const answer = asked !== undefined && asked.key === key ? asked.items : clusterRequest(view.bounds, zoom, controller.signal).request();
    answer.then(
      (items) => {
        // The early request has no signal: a view that moved on since drops its answer here.
        if (!controller.signal.aborted) map.current?.setItems(items, fresh);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) console.warn('clusters failed', error);
      },
    );
    return () => controller.abort();
  }, [key]);

  useEffect(() => {
    if (config.mode === 'regional') map.current?.setItems(points, fresh);
  }, [points, view === undefined]);

  // The places and projects of every hub: read once (a few thousand nationally), drawn per toggle.
  const wanted = (['place', 'project'] as const).filter((type) => layers[type]);
  useEffect(() => {
    if (!national || wanted.length === 0) return undefined;
    const controller = new AbortController();
    Promise.all([api.points(['place', 'project'], controller.signal), api.hubs(controller.signal).catch(() => [])]).then(
      ([found, hubs]) => setDirectory({ points: found, hubNames: new Map(hubs.map((hub) => [hub.id, hub.name])) }),
      (error: unknown) => {
        if (!controller.signal.aborted) console.warn('places and projects unavailable', error);
      },
    );
    return () => controller.abort();
  }, [national, wanted.length > 0]);
  useEffect(() => {
    map.current?.setDirectory(directory.points.filter((point) => layers[point.type]));
  }, [directory, layers.place, layers.project, view === undefined]);

  return (
    <div class="map-box">
      <div ref={container} class="map" data-testid="map" />
      {failed ? <p class="map-fallback">{t('mapUnavailable', {}, locale)}</p> : null}
      {national && !failed ? <MapLegend layers={layers} onChange={setLayers} locale={locale} /> : null}
    </div>
  );
}
