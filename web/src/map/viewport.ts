/**
 * The map's view as numbers, without the map: the list asks the API for the events in
 * the area the map shows, computed from the URL's position and the map's size, so the
 * list does not wait for MapLibre (or work without it, where WebGL is missing).
 */
import type { Bbox } from '../api/query.ts';
import type { MapPosition } from '../state/url-state.ts';

/** Metropolitan France, framed on a laptop screen. */
export const DEFAULT_POSITION: MapPosition = { zoom: 5, lat: 46.6, lon: 2.4 };
/** MapLibre's world is 512 px wide at zoom 0. */
const TILE = 512;
const MAX_LAT = 85.0511;

function project(lat: number, lon: number, worldSize: number): { x: number; y: number } {
  const sin = Math.sin((Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180);
  return { x: ((lon + 180) / 360) * worldSize, y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * worldSize };
}

function unproject(x: number, y: number, worldSize: number): { lat: number; lon: number } {
  const lon = (x / worldSize) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / worldSize;
  return { lat: (180 / Math.PI) * Math.atan(Math.sinh(n)), lon };
}

/** west, south, east, north of what a map of this size shows at this position. */
export function viewBounds(position: MapPosition, width: number, height: number): Bbox {
  const worldSize = TILE * 2 ** position.zoom;
  const center = project(position.lat, position.lon, worldSize);
  const northWest = unproject(center.x - width / 2, Math.max(0, center.y - height / 2), worldSize);
  const southEast = unproject(center.x + width / 2, Math.min(worldSize, center.y + height / 2), worldSize);
  return [Math.max(-180, northWest.lon), southEast.lat, Math.min(180, southEast.lon), northWest.lat];
}
