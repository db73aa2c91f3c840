import { describe, expect, it } from 'vitest';
import { COMMUNE_LABELS_LAYER, DEFAULT_POSITION, DIRECTORY_LAYERS, EVENT_LAYERS, layerBefore, offlineStyle } from '@constellation/web';

/*
 * MapLibre places symbols from the top layer down, and a placed symbol hides the ones below
 * it that collide. On the demo's map of Lyon at zoom 13, a museum's icon hid "Lyon" and an
 * event's venue name hid "Villeurbanne": the town names must come first. And "Lyon" was drawn
 * under the three clusters on Lyon's centre: the names are drawn over the circles, beside
 * their counts.
 */
describe('which names win on the map', () => {
  it('draws the places-and-projects icons without letting them hide the basemap\'s names', () => {
    for (const layer of DIRECTORY_LAYERS) {
      expect(layer.layout?.['icon-allow-overlap'], layer.id).toBe(true);
      expect(layer.layout?.['icon-ignore-placement'], layer.id).toBe(true);
    }
  });

  it('draws the town names over the clusters, dots, venue names and places, and only the counts, village names and the selected event over them', () => {
    const offline = new Set(offlineStyle('http://localhost/basemap/', 'fr', { communes: [['Lyon', 4.848, 45.749, 5]], departements: [] }).layers.map((layer) => layer.id));
    expect(offline.has(COMMUNE_LABELS_LAYER)).toBe(true);
    const onTop = ['event-cluster-counts', 'event-village-names', 'event-selected'];
    for (const layer of [...DIRECTORY_LAYERS, ...EVENT_LAYERS]) {
      expect(layerBefore(layer, (id) => offline.has(id)), layer.id).toBe(onTop.includes(layer.id) ? undefined : COMMUNE_LABELS_LAYER);
      // A remote style has no such layer: everything on top, in its order.
      expect(layerBefore(layer, () => false), layer.id).toBeUndefined();
    }
  });

  it('keeps a cluster\'s count readable: always drawn, and a town name moves aside from it rather than covering it', () => {
    const counts = EVENT_LAYERS.find((layer) => layer.id === 'event-cluster-counts');
    if (counts === undefined || counts.type !== 'symbol') throw new Error('no count layer');
    expect(counts.layout?.['text-allow-overlap']).toBe(true);
    // Placed first (the top symbol layer) and kept in the collision index, so later names avoid it.
    expect(counts.layout?.['text-ignore-placement'] ?? false).toBe(false);
    const towns = offlineStyle('http://localhost/basemap/', 'fr').layers.find((layer) => layer.id === COMMUNE_LABELS_LAYER);
    if (towns === undefined || towns.type !== 'symbol') throw new Error('no commune layer');
    expect(towns.layout?.['text-variable-anchor']).toEqual(['center', 'top', 'bottom', 'left', 'right']);
  });

  it('names the regions before the towns at the country\'s zoom, and the towns first closer in', () => {
    // Placed from the top layer down: the layer above wins a collision.
    const layers = offlineStyle('http://localhost/basemap/', 'fr', { communes: [['Lyon', 4.848, 45.749, 5]], departements: [] }).layers;
    const at = (id: string) => layers.findIndex((layer) => layer.id === id);
    const country = layers[at('region-labels')];
    const closer = layers[at('region-labels-detail')];
    expect(at('region-labels')).toBeGreaterThan(at(COMMUNE_LABELS_LAYER));
    expect(at('region-labels-detail')).toBeLessThan(at(COMMUNE_LABELS_LAYER));
    // The map opens on the whole country, where Lyon is already named: its region's name wins there.
    expect(country?.minzoom ?? 0).toBeLessThanOrEqual(DEFAULT_POSITION.zoom);
    expect(country?.maxzoom).toBeGreaterThan(DEFAULT_POSITION.zoom);
    // One region name at any zoom: the closer layer takes over where the country's stops.
    expect(closer?.minzoom).toBe(country?.maxzoom);
  });
});
