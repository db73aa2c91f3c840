/** The map's position in the address bar (`map=zoom/lat/lon`), as OpenStreetMap writes it. */
import { finite, round } from './query-values.ts';

export interface MapPosition {
  zoom: number;
  lat: number;
  lon: number;
}

export function parseMap(text: string | null): MapPosition | undefined {
  const parts = text?.split('/');
  if (parts?.length !== 3) return undefined;
  const zoom = finite(parts[0], 0, 22);
  const lat = finite(parts[1], -85.06, 85.06);
  const lon = finite(parts[2], -180, 180);
  return zoom === undefined || lat === undefined || lon === undefined ? undefined : { zoom, lat, lon };
}

/** zoom/lat/lon, with as many decimals as the zoom makes visible (as OpenStreetMap does). */
export function formatMap(position: MapPosition): string {
  const decimals = Math.max(2, Math.ceil(Math.log10(2 ** position.zoom)) + 1);
  return `${round(position.zoom, 2)}/${round(position.lat, decimals)}/${round(position.lon, decimals)}`;
}
