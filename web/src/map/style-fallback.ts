/**
 * What every map does with its basemap once created. The held-back names of the offline
 * basemap are filled in as the map nears them (deferred-sources.ts). And the second half of
 * the fallback (base-style.ts does the first): a remote style that loaded but whose tiles,
 * glyphs or sprite fail before any of its tiles arrived (a provider that is down, a network
 * that lets the style through but not the tiles) is swapped for the offline basemap, once.
 * Each map re-adds its own layers on `style.load`, so they survive the swap. The map's
 * container says which basemap it shows (`data-basemap`: remote or offline), and holds the
 * MapLibre map as `maplibre` (for the browser tests and the console).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { BaseStyle } from './base-style.ts';
import { fillDeferredSources } from './deferred-sources.ts';

export function manageBasemap(map: MapLibreMap, base: BaseStyle, ownSources: readonly string[]): void {
  const container = map.getContainer();
  container.dataset['basemap'] = base.offline ? 'offline' : 'remote';
  Object.defineProperty(container, 'maplibre', { value: map, configurable: true });
  fillDeferredSources(map, base.style);
  if (base.offline) return;
  let tileArrived = false;
  let swapped = false;
  map.on('data', (event) => {
    if (event.dataType === 'source' && 'tile' in event && event.tile !== undefined && !ownSources.includes(String((event as { sourceId?: unknown }).sourceId))) tileArrived = true;
  });
  map.on('error', (event) => {
    const sourceId = (event as { sourceId?: unknown }).sourceId;
    if (tileArrived || swapped || (typeof sourceId === 'string' && ownSources.includes(sourceId))) return;
    swapped = true;
    console.warn('basemap tiles unreachable, using the offline basemap', event.error);
    container.dataset['basemap'] = 'offline';
    base.fallback().then(
      (style) => {
        map.setStyle(style);
        fillDeferredSources(map, style);
      },
      () => undefined,
    );
  });
}
