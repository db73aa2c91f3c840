/**
 * The offline basemap's shapes as vector tiles, cut when the web app is built. Given GeoJSON,
 * MapLibre's map worker parses and indexes every point of every file when the map starts
 * (the world's coasts included, at a zoom that does not draw them) before it can cut the
 * first tile; given tiles, it reads the few the view needs. The cut is the one the worker
 * made (geojson-vt, with the tolerance and buffer the GeoJSON sources had), so the map looks
 * the same. Every tile within a set's bounds is written, the empty ones as empty files: a
 * missing tile would be a 404 in the browser's console.
 */
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Box } from './clip.ts';

/**
 * Units across a tile, as MapLibre cut the GeoJSON (16 a pixel of a 512 px tile): at zoom 6,
 * 55 m a unit, finer than the data's rounding (about 100 m), so closer zooms lose nothing.
 */
export const TILE_EXTENT = 8192;
/** 0.6 px of a 512 px tile (the GeoJSON sources' tolerance); geojson-vt keeps every point at a set's maxzoom. */
const TOLERANCE = (0.6 / 512) * TILE_EXTENT;
/** 32 px of a 512 px tile (the GeoJSON sources' buffer): lines and fills do not stop short at a tile's edge. */
const BUFFER = (32 / 512) * TILE_EXTENT;

type Shapes = ConstructorParameters<typeof GeoJSONVT>[0];

export interface TileSet {
  minzoom: number;
  maxzoom: number;
  /** west, south, east, north: tiles are written (and asked for) only within it. */
  bounds: Box;
  /** Source layer name → its shapes (GeoJSON). */
  layers: Record<string, Shapes>;
}

const MAX_LAT = 85.0511;

/** The tiles at `zoom` that a box touches (x and y ranges, inclusive). */
export function tileRange([west, south, east, north]: Box, zoom: number): { x: [number, number]; y: [number, number] } {
  const count = 2 ** zoom;
  const column = (lon: number) => Math.min(count - 1, Math.max(0, Math.floor(((lon + 180) / 360) * count)));
  const row = (lat: number) => {
    const sin = Math.sin((Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180);
    return Math.min(count - 1, Math.max(0, Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * count)));
  };
  return { x: [column(west), column(east)], y: [row(north), row(south)] };
}

/** Every tile of a set, by `z/x/y`: the layers it holds, encoded as a Mapbox Vector Tile (v2). */
export function cutTiles(set: TileSet): Map<string, Uint8Array> {
  const indexes = Object.entries(set.layers).map(([name, collection]) => [name, new GeoJSONVT(collection, { maxZoom: set.maxzoom, tolerance: TOLERANCE, extent: TILE_EXTENT, buffer: BUFFER })] as const);
  const tiles = new Map<string, Uint8Array>();
  for (let zoom = set.minzoom; zoom <= set.maxzoom; zoom += 1) {
    const { x, y } = tileRange(set.bounds, zoom);
    for (let column = x[0]; column <= x[1]; column += 1) {
      for (let row = y[0]; row <= y[1]; row += 1) {
        const layers: Parameters<typeof fromGeojsonVt>[0] = {};
        for (const [name, index] of indexes) {
          const tile = index.getTile(zoom, column, row);
          if (tile !== null && tile.features.length > 0) layers[name] = tile;
        }
        tiles.set(`${zoom}/${column}/${row}`, Object.keys(layers).length === 0 ? new Uint8Array(0) : fromGeojsonVt(layers, { version: 2, extent: TILE_EXTENT }));
      }
    }
  }
  return tiles;
}
