import { describe, expect, it } from 'vitest';
import { COMMUNE_LABELS_LAYER, DIRECTORY_LAYERS, EVENT_LAYERS, layerBefore, offlineStyle } from '@constellation/web';

/*
 * MapLibre places symbols from the top layer down, and a placed symbol hides the ones below
 * it that collide. On the demo's map of Lyon at zoom 13, a museum's icon hid "Lyon" and an
 * event's venue name hid "Villeurbanne": the town names must come first.
 */
describe('which names win on the map', () => {
  it('draws the places-and-projects icons without letting them hide the basemap\'s names', () => {
    for (const layer of DIRECTORY_LAYERS) {
      expect(layer.layout?.['icon-allow-overlap'], layer.id).toBe(true);
      expect(layer.layout?.['icon-ignore-placement'], layer.id).toBe(true);
    }
  });

  it('adds the event venue names beneath the offline basemap\'s commune names, and on top over a style without them', () => {
    const offline = new Set(offlineStyle('http://localhost/basemap/', 'fr', { communes: [['Lyon', 4.848, 45.749, 5]], departements: [] }).layers.map((layer) => layer.id));
    expect(offline.has(COMMUNE_LABELS_LAYER)).toBe(true);
    const placeNames = EVENT_LAYERS.find((layer) => layer.id === 'event-place-names');
    if (placeNames === undefined) throw new Error('no venue name layer');
    expect(layerBefore(placeNames, (id) => offline.has(id))).toBe(COMMUNE_LABELS_LAYER);
    expect(layerBefore(placeNames, () => false)).toBeUndefined();
    // Everything else keeps its place on top, in its order (dots under clusters under counts).
    for (const layer of EVENT_LAYERS.filter((each) => each.id !== 'event-place-names')) expect(layerBefore(layer, (id) => offline.has(id)), layer.id).toBeUndefined();
  });
});
