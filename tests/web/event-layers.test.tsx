import { describe, expect, it } from 'vitest';
import { EVENT_LAYERS } from '@constellation/web';

/*
 * On a device without a GPU each distinct shader is compiled by the software renderer before
 * the map's first frames (bench/README.md, 2026-12-08). MapLibre builds one circle shader per
 * set of properties given by feature: the clusters' and the dots' must be the same set.
 */
describe('the event layers', () => {
  it('draw clusters and dots with one circle shader: colour and radius by feature in both, the rest constant', () => {
    const paintOf = (id: string) => {
      const layer = EVENT_LAYERS.find((one) => one.id === id);
      if (layer?.type !== 'circle') throw new Error(`no circle layer ${id}`);
      return layer.paint ?? {};
    };
    const byFeature = (paint: Record<string, unknown>) => Object.keys(paint).filter((name) => Array.isArray(paint[name])).sort();
    const clusters = paintOf('event-clusters');
    const dots = paintOf('event-points');
    expect(byFeature(dots)).toEqual(['circle-color', 'circle-radius']);
    expect(byFeature(clusters)).toEqual(byFeature(dots));
  });

  it('draws a dot that just changed live larger than the others', () => {
    const radius = EVENT_LAYERS.find((one) => one.id === 'event-points')?.paint as Record<string, unknown>;
    expect(radius['circle-radius']).toEqual(['case', ['boolean', ['get', 'fresh'], false], 9, 7]);
  });
});
