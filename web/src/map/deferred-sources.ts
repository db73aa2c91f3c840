/**
 * Fills in the sources a style holds back (basemap-style.ts: the départements', towns' and
 * villages' names) when the map comes within a zoom of drawing them, so their names are
 * there as they appear; at once when the map opens that close (a shared link at city zoom).
 */
import type { GeoJSONSource, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { deferredSourcesOf } from './basemap-style.ts';

/** How far ahead of a source's first zoom its data is given: the worker indexes it while the reader zooms in. */
const LEAD_ZOOM = 1;

/** Watches `map` while it draws `style` (called again with the new style when it is swapped). */
export function fillDeferredSources(map: MapLibreMap, style: StyleSpecification): void {
  const pending = deferredSourcesOf(style);
  if (pending.length === 0) return;
  const check = () => {
    const zoom = map.getZoom();
    for (const deferred of [...pending]) {
      if (zoom < deferred.fromZoom - LEAD_ZOOM) continue;
      const source = map.getSource<GeoJSONSource>(deferred.source);
      // Not there yet: the style is still loading (this runs again on `style.load`).
      if (source === undefined) continue;
      source.setData(deferred.data);
      pending.splice(pending.indexOf(deferred), 1);
    }
    if (pending.length === 0) {
      map.off('zoom', check);
      map.off('style.load', check);
    }
  };
  map.on('zoom', check);
  map.on('style.load', check);
}
