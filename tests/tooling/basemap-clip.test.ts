import { describe, expect, it } from 'vitest';
import { BASEMAP_TILE_SETS, basemapShapes, buildBasemap, DETAIL_BOXES } from '@constellation/web/build/basemap';
import { tileRange } from '@constellation/web/build/basemap-tiles';
import { clipGeometry, clipLine, clipRing, type Box } from '@constellation/web/build/clip';

/*
 * The offline basemap keeps 1:50m detail only around France (metropolitan and overseas),
 * the world at 1:110m below the detail zoom: MapLibre's worker indexes every point it is
 * given, and the world's coasts kept the map from rest for seconds (bench:web).
 */

const BOX: Box = [0, 0, 10, 10];

describe('clipping to a box', () => {
  it('cuts a ring to the box and closes it', () => {
    const ring = clipRing([[-5, 2], [5, 2], [5, 8], [-5, 8], [-5, 2]], BOX);
    expect(ring).toEqual([[0, 2], [5, 2], [5, 8], [0, 8], [0, 2]]);
    expect(clipRing([[20, 20], [30, 20], [30, 30], [20, 20]], BOX)).toEqual([]);
  });

  it('keeps the pieces of a line inside the box, as separate lines', () => {
    expect(clipLine([[-5, 5], [5, 5], [15, 5], [15, 6], [5, 6]], BOX)).toEqual([[[0, 5], [5, 5], [10, 5]], [[10, 6], [5, 6]]]);
    expect(clipLine([[20, 5], [30, 5]], BOX)).toEqual([]);
  });

  it('keeps a polygon’s parts in each box it crosses, and drops the ones outside all', () => {
    const square = (x: number): [number, number][] => [[x, 1], [x + 2, 1], [x + 2, 3], [x, 3], [x, 1]];
    const clipped = clipGeometry({ type: 'MultiPolygon', coordinates: [[square(1)], [square(50)], [square(21)]] }, [BOX, [20, 0, 30, 10]]);
    expect(clipped).toEqual({ type: 'MultiPolygon', coordinates: [[square(1)], [square(21)]] });
    expect(clipGeometry({ type: 'Polygon', coordinates: [square(50)] }, [BOX])).toBeUndefined();
  });
});

describe('the built offline basemap', () => {
  const shapes = basemapShapes();
  const files = buildBasemap();
  const points = (collection: unknown) => (JSON.stringify(collection).match(/\[-?[\d.]+,-?[\d.]+\]/g) ?? []).map((text) => JSON.parse(text) as [number, number]);
  const inside = ([x, y]: [number, number]) => DETAIL_BOXES.some(([west, south, east, north]) => x >= west && x <= east && y >= south && y <= north);

  it('holds 1:50m land, lakes, rivers and borders only inside the boxes around France', { timeout: 30_000 }, () => {
    for (const [name, collection] of Object.entries(shapes.detail)) {
      const all = points(collection);
      expect(all.length, name).toBeGreaterThan(100);
      expect(all.filter((point) => !inside(point)), name).toEqual([]);
    }
    // Corsica, La Réunion and Guadeloupe are there, at their 1:50m coasts.
    const land = points(shapes.detail.land);
    for (const [x, y] of [[9.2, 42.1], [55.5, -21.1], [-61.5, 16.2]] as const) expect(land.some(([px, py]) => Math.abs(px - x) < 0.6 && Math.abs(py - y) < 0.6), `${x},${y}`).toBe(true);
    // The world is there at 1:110m, for the zooms below the detail.
    expect(points(shapes.world.land).some(([x, y]) => x > 110 && y < -20)).toBe(true);
    expect(points(shapes.world.borders).length).toBeGreaterThan(100);
  });

  it('gives the map vector tiles, every one within the sets\' bounds (empty ones as empty files), and no GeoJSON to index', { timeout: 30_000 }, () => {
    const { detail, world } = BASEMAP_TILE_SETS;
    for (const box of DETAIL_BOXES) expect(box[0] >= detail.bounds[0] && box[1] >= detail.bounds[1] && box[2] <= detail.bounds[2] && box[3] <= detail.bounds[3], box.join(',')).toBe(true);
    const tile = (set: 'world' | 'detail', z: number, x: number, y: number) => files.get(`basemap/tiles/${set}/${z}/${x}/${y}.pbf`);
    // Every tile of each set's zooms and bounds exists: the map never asks for one the server lacks.
    for (const [set, { minzoom, maxzoom, bounds }] of [['world', world], ['detail', detail]] as const) {
      for (let z = minzoom; z <= maxzoom; z += 1) {
        const { x, y } = tileRange([...bounds], z);
        for (const column of [x[0], x[1]]) for (const row of [y[0], y[1]]) expect(tile(set, z, column, row), `${set} ${z}/${column}/${row}`).toBeInstanceOf(Uint8Array);
      }
    }
    // France at zoom 5 and 6 holds land, rivers and borders; the open Atlantic holds nothing.
    const paris = tile('detail', 6, 32, 22);
    expect(paris?.length ?? 0).toBeGreaterThan(100);
    const text = Buffer.from(tile('detail', 5, 16, 11) ?? []).toString('latin1');
    for (const layer of ['land', 'rivers', 'borders']) expect(text, layer).toContain(layer);
    expect(tile('detail', 6, 26, 22)?.length).toBe(0);
    expect([...files.keys()].filter((path) => path.endsWith('.json'))).toEqual(['basemap/places.json']);
  });
});
