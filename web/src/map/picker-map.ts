/**
 * A small MapLibre map to point at a place: a click sets the marker, dragging moves it.
 * Loaded with a dynamic import by the contribute forms (maplibre is only fetched when the
 * reader opens the map); typing the coordinates stays the keyboard path.
 */
import { Map as MapLibreMap, Marker, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import type { BaseStyle } from './base-style.ts';
import { manageBasemap } from './style-fallback.ts';

setWorkerUrl(workerUrl);

export interface PickedPoint {
  lat: number;
  lon: number;
}

export interface PickerMapOptions {
  container: HTMLElement;
  base: BaseStyle;
  /** The canvas's accessible name. */
  label: string;
  point?: PickedPoint | undefined;
  onPick(point: PickedPoint): void;
}

export interface PickerMap {
  /** Moves the marker (and the view) to a point typed or found elsewhere. */
  setPoint(point: PickedPoint | undefined): void;
  remove(): void;
}

/** Mainland France when nothing is placed yet. */
const FRANCE = { lon: 2.5, lat: 46.6, zoom: 4.6 };
const PLACED_ZOOM = 13;

const round = (value: number) => Math.round(value * 1e6) / 1e6;

export function createPickerMap(options: PickerMapOptions): PickerMap {
  const map = new MapLibreMap({
    container: options.container,
    style: options.base.style,
    center: options.point === undefined ? [FRANCE.lon, FRANCE.lat] : [options.point.lon, options.point.lat],
    zoom: options.point === undefined ? FRANCE.zoom : PLACED_ZOOM,
    attributionControl: { compact: true },
    dragRotate: false,
    pitchWithRotate: false,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.getCanvas().setAttribute('aria-label', options.label);
  manageBasemap(map, options.base, []);

  let marker: Marker | undefined;
  const place = (point: PickedPoint) => {
    if (marker === undefined) {
      marker = new Marker({ draggable: true }).setLngLat([point.lon, point.lat]).addTo(map);
      marker.on('dragend', () => {
        const at = marker?.getLngLat();
        if (at !== undefined) options.onPick({ lat: round(at.lat), lon: round(at.lng) });
      });
    } else marker.setLngLat([point.lon, point.lat]);
  };
  if (options.point !== undefined) place(options.point);
  map.on('click', (event) => {
    const point = { lat: round(event.lngLat.lat), lon: round(event.lngLat.lng) };
    place(point);
    options.onPick(point);
  });

  return {
    setPoint(point) {
      if (point === undefined) {
        marker?.remove();
        marker = undefined;
        return;
      }
      const current = marker?.getLngLat();
      if (current !== undefined && round(current.lat) === point.lat && round(current.lng) === point.lon) return;
      place(point);
      map.easeTo({ center: [point.lon, point.lat], zoom: Math.max(map.getZoom(), PLACED_ZOOM) });
    },
    remove() {
      marker?.remove();
      map.remove();
    },
  };
}
