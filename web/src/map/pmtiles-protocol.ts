/**
 * `pmtiles://` URLs for MapLibre: a self-hosted basemap as one static PMTiles file read by
 * HTTP Range requests (docs/operations.md, "Map tiles"). Loaded only when a style uses it.
 */
import { addProtocol } from 'maplibre-gl';
import { Protocol } from 'pmtiles';

let registered = false;

export function registerPmtiles(): void {
  if (registered) return;
  registered = true;
  addProtocol('pmtiles', new Protocol().tile);
}
