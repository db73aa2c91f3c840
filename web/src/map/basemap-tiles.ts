/**
 * The offline basemap's two sets of vector tiles: cut when the web app is built
 * (web/build/basemap-tiles.ts writes `basemap/tiles/<set>/{z}/{x}/{y}.pbf`), read by the
 * offline style (basemap-style.ts). The world at 1:110m for the zooms below the detail; 1:50m
 * around France, metropolitan and overseas (web/build/basemap.ts's detail boxes lie within
 * `bounds`), from zoom 4, and MapLibre cuts the closer zooms from the zoom-6 tiles.
 */
export type TileSetName = 'world' | 'detail';

export const BASEMAP_TILE_SETS: Readonly<Record<TileSetName, { minzoom: number; maxzoom: number; bounds: readonly [number, number, number, number] }>> = {
  world: { minzoom: 0, maxzoom: 4, bounds: [-180, -85.0511, 180, 85.0511] },
  detail: { minzoom: 4, maxzoom: 6, bounds: [-68, -28, 64, 64] },
};

/** A set's tile URL template, relative to the basemap folder. */
export function tilePath(set: TileSetName): string {
  return `tiles/${set}/{z}/{x}/{y}.pbf`;
}
