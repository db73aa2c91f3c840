/**
 * The MapLibre map, behind a small imperative interface the Preact component drives. It
 * is loaded with a dynamic import, so the list renders before maplibre's code arrives.
 * Data flows down: the component fetches clusters and calls setItems; the map reports
 * moves and clicks up.
 */
import { Map as MapLibreMap, NavigationControl, Popup, prewarm, setWorkerUrl, type GeoJSONSource, type MapGeoJSONFeature } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import type { Bbox } from '../api/query.ts';
import type { DirectoryPoint, MapItem, MapUmbrella } from '../api/types.ts';
import type { MapPosition } from '../state/url-state.ts';
import { labelFontOf, type BaseStyle } from './base-style.ts';
import { LABEL_FONT } from './basemap-style.ts';
import { addDirectoryIcons, DIRECTORY_LAYERS, DIRECTORY_SOURCE, directoryFeatures } from './directory-layers.ts';
import { CLUSTER_LAYER, EVENT_LAYERS, EVENTS_SOURCE, layerBefore, POINT_LAYER, SELECTED_LAYER, SELECTED_SOURCE, withFont } from './event-layers.ts';
import { distinctEvents, listsInsteadOfZooming, unionBox, type Box, type PlacedEvent } from './same-place.ts';
import { manageBasemap } from './style-fallback.ts';
import { MAP_IDLE_MARK, markNow } from '../perf-marks.ts';
import type { PopupEvent, ProgrammeEvent } from './popup-content.ts';

// Without it the worker cannot be found in a bundled build and the map stays blank.
setWorkerUrl(workerUrl);
// The map's worker (half a megabyte of script to fetch and evaluate, on a thread of its own)
// starts as this module loads (main.tsx asks for it with the page, on the map view) instead
// of when the map is created after the first list: it is ready when the basemap arrives.
if (typeof Worker === 'function') prewarm();

export interface MapView {
  position: MapPosition;
  bounds: Bbox;
}

export interface EventMapOptions {
  container: HTMLElement;
  /** The basemap (base-style.ts): the event layers are drawn over it. */
  base: BaseStyle;
  position: MapPosition;
  /** The canvas's accessible name. */
  label: string;
  onMove(view: MapView): void;
  /** The popup's content for an event (built from text, never HTML). */
  popupContent(event: PopupEvent & { id: string }): HTMLElement;
  /** What the clusters answer leaves out (its hub's name, its time zone), fetched when a popup opens. */
  popupDetails?(hub: string, id: string): Promise<Partial<PopupEvent>>;
  onLoad?(): void;
  /**
   * The first clusters, asked for with the map's code: drawn as the style loads, with the
   * basemap's first tiles, rather than by a second setData (a second tiling and more frames).
   */
  firstItems?: Promise<readonly MapItem[]>;
  /** The popup's content for several events at one place; without it, their single popups one under another. */
  popupListContent?(events: readonly PlacedEvent[]): HTMLElement;
  /** The events of a cluster that no zoom splits (one venue), by its box; without it such a cluster zooms in. */
  clusterEvents?(bbox: Bbox): Promise<PlacedEvent[]>;
  /** The popup of a place to visit or a project (its layers are drawn when given). */
  directoryPopup?(point: DirectoryPoint): HTMLElement;
  /**
   * A village's programme (the umbrella's events), for a cluster that is one umbrella, and its
   * popup (events undefined while they load); without them such a cluster acts as any other.
   */
  programme?(umbrella: MapUmbrella): Promise<ProgrammeEvent[]>;
  programmeContent?(umbrella: MapUmbrella, events: readonly ProgrammeEvent[] | undefined): HTMLElement;
}

export interface EventMap {
  /** What to draw; `fresh` holds `hub/id` keys of events that just changed live (drawn apart). */
  setItems(items: readonly MapItem[], fresh?: ReadonlySet<string>): void;
  /** The places and projects shown (none hides their layers). */
  setDirectory(points: readonly DirectoryPoint[]): void;
  jumpTo(position: MapPosition): void;
  fitBounds(bounds: Bbox): void;
  view(): MapView;
  resize(): void;
  remove(): void;
}

function featureCollection(items: readonly MapItem[], fresh: ReadonlySet<string>) {
  return {
    type: 'FeatureCollection' as const,
    features: items.map((item) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [item.lon, item.lat] },
      properties:
        item.kind === 'cluster'
          ? { kind: 'cluster', count: item.count, label: compactCount(item.count), ...(item.expansionZoom === undefined ? {} : { expansionZoom: item.expansionZoom }), ...(item.sameSpot === true ? { sameSpot: true } : {}), ...(item.bbox === undefined ? {} : { bbox: item.bbox }), ...umbrellaProperties(item.umbrella) }
          : { kind: 'event', hub: item.hub, id: item.id, title: item.title, place: item.placeName ?? null, hubName: item.hubName ?? null, start: item.start ?? null, end: item.end ?? null, timeZone: item.timeZone ?? null, fresh: fresh.has(`${item.hub}/${item.id}`) },
    })),
  };
}

/** A village's umbrella as flat feature properties (a tile's feature keeps strings, not objects). */
function umbrellaProperties(umbrella: MapUmbrella | undefined) {
  if (umbrella === undefined) return {};
  return { umbrellaHub: umbrella.hub, umbrellaId: umbrella.id, umbrellaTitle: umbrella.title, ...(umbrella.placeName === undefined ? {} : { umbrellaPlace: umbrella.placeName }) };
}

/** 1234 → "1,2k": a bubble has room for four characters. */
export function compactCount(count: number): string {
  return count < 1000 ? String(count) : count < 10_000 ? `${(count / 1000).toFixed(1).replace(/\.0$/, '')}k` : `${Math.round(count / 1000)}k`;
}

const property = (feature: MapGeoJSONFeature, name: string): string | undefined => {
  const value: unknown = feature.properties[name];
  return typeof value === 'string' ? value : undefined;
};

export function createEventMap(options: EventMapOptions): EventMap {
  const map = new MapLibreMap({
    container: options.container,
    style: options.base.style,
    center: [options.position.lon, options.position.lat],
    zoom: options.position.zoom,
    attributionControl: { compact: true },
    // Our list is the keyboard path to events; the map keeps its own keyboard panning.
    cooperativeGestures: false,
    dragRotate: false,
    pitchWithRotate: false,
    // Labels appear at once: their fade-in costs a dozen more frames on a device without a
    // GPU (about 50 ms each in software WebGL), which delay the map's first rest.
    fadeDuration: 0,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.getCanvas().setAttribute('aria-label', options.label);

  let items: readonly MapItem[] = [];
  let fresh: ReadonlySet<string> = new Set<string>();
  let popup: Popup | undefined;

  const view = (): MapView => {
    const center = map.getCenter();
    const bounds = map.getBounds();
    return {
      position: { zoom: map.getZoom(), lat: center.lat, lon: center.lng },
      bounds: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
    };
  };

  const source = () => map.getSource<GeoJSONSource>(EVENTS_SOURCE);
  let directory: readonly DirectoryPoint[] = [];
  const addEventLayers = () => {
    // On every style load: a new base style drops the layers it did not define.
    if (options.directoryPopup !== undefined) {
      // Under the events: places and projects are the background a citizen finds events in.
      addDirectoryIcons(map);
      if (map.getSource(DIRECTORY_SOURCE) === undefined) map.addSource(DIRECTORY_SOURCE, { type: 'geojson', data: directoryFeatures(directory) });
      for (const layer of DIRECTORY_LAYERS) if (map.getLayer(layer.id) === undefined) map.addLayer(layer, layerBefore(layer, (id) => map.getLayer(id) !== undefined));
    }
    if (source() === undefined) map.addSource(EVENTS_SOURCE, { type: 'geojson', data: featureCollection(items, fresh) });
    if (map.getSource(SELECTED_SOURCE) === undefined) map.addSource(SELECTED_SOURCE, { type: 'geojson', data: selectedData() });
    const font = labelFontOf(map.getStyle(), LABEL_FONT);
    for (const layer of EVENT_LAYERS) if (map.getLayer(layer.id) === undefined) map.addLayer(withFont(layer, font), layerBefore(layer, (id) => map.getLayer(id) !== undefined));
  };
  map.on('style.load', addEventLayers);
  manageBasemap(map, options.base, [EVENTS_SOURCE, SELECTED_SOURCE, DIRECTORY_SOURCE]);
  map.once('load', () => options.onLoad?.());
  // For the page-load benchmark: the first time the map is at rest with events drawn.
  let drawn = false;
  map.on('idle', () => {
    if (drawn) markNow(MAP_IDLE_MARK);
  });
  map.on('moveend', () => options.onMove(view()));
  // A resize shows another area without a move (the panel appearing on a phone, the layout settling).
  map.on('resize', () => options.onMove(view()));

  const eventOf = (feature: MapGeoJSONFeature): PlacedEvent | undefined => {
    const hub = property(feature, 'hub');
    const id = property(feature, 'id');
    if (hub === undefined || id === undefined) return undefined;
    const start = property(feature, 'start');
    const end = property(feature, 'end');
    const hubName = property(feature, 'hubName');
    const timeZone = property(feature, 'timeZone');
    return { hub, id, title: property(feature, 'title') ?? '', ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }), ...(hubName === undefined ? {} : { hubName }), ...(timeZone === undefined ? {} : { timeZone }) };
  };
  /** A cluster's box (a tile's feature carries arrays as JSON text), or a dot's point as a box. */
  const boxOf = (feature: MapGeoJSONFeature): Box | undefined => {
    const box: unknown = feature.properties['bbox'];
    const parsed: unknown = typeof box === 'string' ? JSON.parse(box) : box;
    if (Array.isArray(parsed) && parsed.length === 4 && parsed.every((value) => typeof value === 'number')) return parsed as Box;
    const point = pointOf(feature);
    return feature.properties['kind'] === 'event' && point !== undefined ? [point[0], point[1], point[0], point[1]] : undefined;
  };
  const pointOf = (feature: MapGeoJSONFeature): [number, number] | undefined => (feature.geometry.type === 'Point' ? (feature.geometry.coordinates as [number, number]) : undefined);

  // The selected event: drawn on its own source above the clusters while its popup is open.
  let selected: { lon: number; lat: number; event: PlacedEvent } | undefined;
  const selectedData = () => ({
    type: 'FeatureCollection' as const,
    features: selected === undefined ? [] : [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [selected.lon, selected.lat] }, properties: { kind: 'event', ...selected.event } }],
  });
  const select = (next: typeof selected) => {
    selected = next;
    map.getSource<GeoJSONSource>(SELECTED_SOURCE)?.setData(selectedData());
  };
  const openPopup = (at: [number, number], content: HTMLElement, chosen?: PlacedEvent): Popup => {
    popup?.remove();
    const opened = new Popup({ maxWidth: '300px', focusAfterOpen: true }).setLngLat(at).setDOMContent(content).addTo(map);
    popup = opened;
    select(chosen === undefined ? undefined : { lon: at[0], lat: at[1], event: chosen });
    opened.on('close', () => {
      if (popup === opened) select(undefined);
    });
    return opened;
  };
  const listContent = (events: readonly PlacedEvent[]): HTMLElement => {
    if (options.popupListContent !== undefined) return options.popupListContent(events);
    const root = document.createElement('div');
    root.append(...events.map((one) => options.popupContent(one)));
    return root;
  };
  const openEvent = (at: [number, number], shown: PlacedEvent) => {
    const opened = openPopup(at, options.popupContent(shown), shown);
    // Times in the event's own zone and the hub's name come with its detail: fill them in.
    options.popupDetails?.(shown.hub, shown.id).then(
      (details) => {
        if (popup === opened && opened.isOpen()) opened.setDOMContent(options.popupContent({ ...shown, ...details }));
      },
      () => undefined,
    );
  };

  // One handler for every click: the topmost thing under the pointer decides (a cluster is
  // drawn over dots), and dots within a few pixels of it (the same venue) open together.
  const HIT_PX = 9;
  map.on('click', (event) => {
    const { x, y } = event.point;
    const hits = map.queryRenderedFeatures(
      [
        [x - HIT_PX, y - HIT_PX],
        [x + HIT_PX, y + HIT_PX],
      ],
      { layers: [SELECTED_LAYER.id, CLUSTER_LAYER.id, POINT_LAYER.id, ...DIRECTORY_LAYERS.map((layer) => layer.id)].filter((id) => map.getLayer(id) !== undefined) },
    );
    const top = hits[0];
    if (top === undefined) return;
    const at = pointOf(top);
    if (at === undefined) return;
    if (DIRECTORY_LAYERS.some((layer) => layer.id === top.layer.id)) {
      const point = directory.find((one) => one.hub === property(top, 'hub') && one.id === property(top, 'id'));
      if (point !== undefined && options.directoryPopup !== undefined) openPopup(at, options.directoryPopup(point));
      return;
    }
    if (top.layer.id === CLUSTER_LAYER.id) {
      const umbrellaHub = property(top, 'umbrellaHub');
      const umbrellaId = property(top, 'umbrellaId');
      if (umbrellaHub !== undefined && umbrellaId !== undefined && options.programme !== undefined && options.programmeContent !== undefined) {
        // A village is one place: it opens into its programme instead of zooming into dozens of dots.
        const placeName = property(top, 'umbrellaPlace');
        const umbrella: MapUmbrella = { hub: umbrellaHub, id: umbrellaId, title: property(top, 'umbrellaTitle') ?? '', ...(placeName === undefined ? {} : { placeName }) };
        const content = options.programmeContent;
        const opened = openPopup(at, content(umbrella, undefined));
        options.programme(umbrella).then(
          (events) => {
            if (popup === opened && opened.isOpen()) opened.setDOMContent(content(umbrella, events));
          },
          () => undefined,
        );
        return;
      }
      const expansion: unknown = top.properties['expansionZoom'];
      const bbox = boxOf(top);
      // A tile's feature drops null properties: "no zoom splits it" travels as `sameSpot`.
      const facts = { sameSpot: top.properties['sameSpot'] === true, ...(bbox === undefined ? {} : { bbox }), ...(typeof expansion === 'number' ? { expansionZoom: expansion } : {}) };
      if (options.clusterEvents !== undefined && bbox !== undefined && listsInsteadOfZooming(facts, map.getZoom(), map.getMaxZoom())) {
        // With what is drawn within a few pixels of it: a neighbour a metre away across a grid line.
        const area = unionBox(hits.flatMap((hit): Box[] => { const one = boxOf(hit); return one === undefined ? [] : [one]; }));
        const opened = openPopup(at, listContent([]));
        options.clusterEvents(area ?? bbox).then(
          (events) => {
            if (popup === opened && opened.isOpen()) opened.setDOMContent(listContent(distinctEvents(events)));
          },
          () => undefined,
        );
        return;
      }
      const zoom = typeof expansion === 'number' && expansion > map.getZoom() ? expansion : Math.min(map.getMaxZoom(), map.getZoom() + 2);
      map.easeTo({ center: at, zoom });
      return;
    }
    const events = distinctEvents(hits.filter((hit) => hit.layer.id !== CLUSTER_LAYER.id).flatMap((hit) => eventOf(hit) ?? []));
    const first = eventOf(top);
    if (events.length > 1) openPopup(at, listContent(events));
    else if (first !== undefined) openEvent(at, first);
  });
  for (const layer of [CLUSTER_LAYER.id, POINT_LAYER.id, SELECTED_LAYER.id, ...DIRECTORY_LAYERS.map((one) => one.id)]) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
  }

  const setItems = (next: readonly MapItem[], freshKeys?: ReadonlySet<string>) => {
    const nextFresh = freshKeys ?? new Set<string>();
    // The first clusters come twice (given at creation, then by the page): they are tiled once.
    if (drawn && next === items && nextFresh.size === 0 && fresh.size === 0) return;
    items = next;
    fresh = nextFresh;
    source()?.setData(featureCollection(items, fresh));
    drawn = true;
  };
  options.firstItems?.then(
    (first) => {
      // Whatever the page set meanwhile is newer.
      if (!drawn) setItems(first);
    },
    () => undefined,
  );

  return {
    setItems,
    setDirectory(points) {
      // Nothing to draw yet, and nothing drawn: a setData would only cost the worker a
      // reload and the map a frame (the page calls this once as the map appears).
      if (points.length === 0 && directory.length === 0) return;
      directory = points;
      map.getSource<GeoJSONSource>(DIRECTORY_SOURCE)?.setData(directoryFeatures(points));
    },
    jumpTo(position) {
      map.jumpTo({ center: [position.lon, position.lat], zoom: position.zoom });
    },
    fitBounds([west, south, east, north]) {
      map.fitBounds([[west, south], [east, north]], { padding: 24, duration: 0 });
    },
    view,
    resize() {
      map.resize();
    },
    remove() {
      popup?.remove();
      // Layers before their source, then the map (and its WebGL context) itself.
      if (map.isStyleLoaded()) {
        for (const layer of [...EVENT_LAYERS].reverse()) if (map.getLayer(layer.id) !== undefined) map.removeLayer(layer.id);
        for (const layer of DIRECTORY_LAYERS) if (map.getLayer(layer.id) !== undefined) map.removeLayer(layer.id);
        if (map.getSource(DIRECTORY_SOURCE) !== undefined) map.removeSource(DIRECTORY_SOURCE);
        if (source() !== undefined) map.removeSource(EVENTS_SOURCE);
        if (map.getSource(SELECTED_SOURCE) !== undefined) map.removeSource(SELECTED_SOURCE);
      }
      map.remove();
    },
  };
}
