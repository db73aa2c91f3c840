/**
 * The places map: MapLibre with one GeoJSON source of places, loaded with a dynamic import
 * so the list (the accessible primary view) shows before maplibre's code arrives. Data
 * flows down (setPoints); the map reports a click on a popup's link up (onOpen).
 */
import { Map as MapLibreMap, NavigationControl, Popup, setWorkerUrl, type CircleLayerSpecification, type GeoJSONSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import type { BaseStyle } from './base-style.ts';
import { buildPlacePopup, pointsBounds, type PlacePoint } from './portal-place-popup.ts';
import { manageBasemap } from './style-fallback.ts';

setWorkerUrl(workerUrl);

export const PLACES_SOURCE = 'portal-places';

export const PLACE_LAYER: CircleLayerSpecification = {
  id: 'portal-place-points',
  type: 'circle',
  source: PLACES_SOURCE,
  paint: {
    'circle-color': '#1c7c54',
    'circle-radius': 7,
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 2,
  },
};

export interface PlacesMapOptions {
  container: HTMLElement;
  base: BaseStyle;
  /** The canvas's accessible name. */
  label: string;
  /** Where to look before there are points. */
  center: { lat: number; lon: number; zoom: number };
  onOpen(point: PlacePoint, event: MouseEvent): void;
  onLoad?(): void;
}

export interface PlacesMap {
  setPoints(points: readonly PlacePoint[]): void;
  remove(): void;
}

function featureCollection(points: readonly PlacePoint[]) {
  return {
    type: 'FeatureCollection' as const,
    features: points.map((point) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [point.lon, point.lat] }, properties: { id: point.id } })),
  };
}

export function createPlacesMap(options: PlacesMapOptions): PlacesMap {
  const map = new MapLibreMap({
    container: options.container,
    style: options.base.style,
    center: [options.center.lon, options.center.lat],
    zoom: options.center.zoom,
    attributionControl: { compact: true },
    dragRotate: false,
    pitchWithRotate: false,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.getCanvas().setAttribute('aria-label', options.label);

  let points: readonly PlacePoint[] = [];
  let popup: Popup | undefined;
  const source = () => map.getSource<GeoJSONSource>(PLACES_SOURCE);
  const frame = () => {
    const bounds = pointsBounds(points);
    if (bounds === undefined) return;
    const [west, south, east, north] = bounds;
    map.fitBounds([[west, south], [east, north]], { padding: 40, maxZoom: 13, duration: 0 });
  };
  map.on('style.load', () => {
    // On every style load: a new base style drops the layers it did not define.
    if (source() === undefined) map.addSource(PLACES_SOURCE, { type: 'geojson', data: featureCollection(points) });
    if (map.getLayer(PLACE_LAYER.id) === undefined) map.addLayer(PLACE_LAYER);
  });
  manageBasemap(map, options.base, [PLACES_SOURCE]);
  map.once('load', () => {
    frame();
    options.onLoad?.();
  });
  map.on('click', PLACE_LAYER.id, (event) => {
    const feature = event.features?.[0];
    const id: unknown = feature?.properties['id'];
    const point = points.find((candidate) => candidate.id === id);
    if (point === undefined) return;
    popup?.remove();
    popup = new Popup({ maxWidth: '280px', focusAfterOpen: true })
      .setLngLat([point.lon, point.lat])
      .setDOMContent(buildPlacePopup(point, (click) => options.onOpen(point, click)))
      .addTo(map);
  });
  map.on('mouseenter', PLACE_LAYER.id, () => (map.getCanvas().style.cursor = 'pointer'));
  map.on('mouseleave', PLACE_LAYER.id, () => (map.getCanvas().style.cursor = ''));

  return {
    setPoints(next) {
      points = next;
      source()?.setData(featureCollection(points));
      if (map.loaded()) frame();
    },
    remove() {
      popup?.remove();
      // The layer before its source, then the map (and its WebGL context) itself.
      if (map.isStyleLoaded()) {
        if (map.getLayer(PLACE_LAYER.id) !== undefined) map.removeLayer(PLACE_LAYER.id);
        if (source() !== undefined) map.removeSource(PLACES_SOURCE);
      }
      map.remove();
    },
  };
}
