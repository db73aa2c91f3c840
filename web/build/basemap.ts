/**
 * The offline basemap, built from npm data packages when the web app is built, so the
 * map draws with no network at all: land and country borders from world-atlas (Natural
 * Earth 1:50m, TopoJSON), lakes and rivers from mapeo-offline-map (Natural Earth, GeoJSON),
 * cut into vector tiles (basemap-tiles.ts), the Noto Sans glyph ranges that cover French
 * (tileserver-gl-styles) for labels, and the names of communes and départements (see
 * place-labels.ts), so a city's zoom is readable.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { feature, mesh } from 'topojson-client';
import { BASEMAP_TILE_SETS, tilePath } from '../src/map/basemap-tiles.ts';

export { BASEMAP_TILE_SETS };
import { cutTiles, type TileSet } from './basemap-tiles.ts';
import { clipGeometry, type Box } from './clip.ts';
import { placeLabels } from './place-labels.ts';

const require = createRequire(import.meta.url);

/** Where the files land in the build output; the app's style points here. */
export const BASEMAP_DIR = 'basemap';
export const BASEMAP_FONT = 'Noto Sans Regular';
/** Basic Latin, Latin-1 + Latin Extended-A (é, œ, ç), General Punctuation (’, «, –). */
const GLYPH_RANGES = ['0-255', '256-511', '8192-8447'];
/** About 100 m: finer than 1:50m data carries, and it halves the files. */
const DECIMALS = 3;
/**
 * Where the map shows 1:50m detail: metropolitan France with its neighbours, the Antilles,
 * Guyane, the Indian Ocean (La Réunion, Mayotte). Each box is wider than a 1920 px screen at
 * DETAIL_ZOOM around its regions; below that zoom the world at 1:110m is drawn instead
 * (the `world` tiles). The detail tiles are few and small for it: the world's 1:50m coasts,
 * when MapLibre's worker indexed them as GeoJSON, cost seconds on a machine without a GPU.
 */
export const DETAIL_BOXES: readonly Box[] = [
  [-30, 25, 35, 64],
  [-68, 10, -56, 20],
  [-60, -2, -46, 10],
  [38, -28, 64, -6],
];

type Topology = Parameters<typeof mesh>[0];
type TopoObject = NonNullable<Parameters<typeof mesh>[1]>;
interface Collection {
  type: string;
  features: { type: string; geometry: unknown }[];
}

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** JSON with coordinates rounded, so the files carry no false precision. */
function compactJson(value: unknown): string {
  const factor = 10 ** DECIMALS;
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'number' && !Number.isInteger(item) ? Math.round(item * factor) / factor : item));
}

/** Drops the properties of a FeatureCollection's features: the style uses none of them. */
function geometryOnly(collection: Collection): unknown {
  return { type: 'FeatureCollection', features: collection.features.map((item) => ({ type: 'Feature', properties: {}, geometry: item.geometry })) };
}

/** The features' parts inside the detail boxes, properties dropped. */
function detailOnly(collection: Collection): unknown {
  const features = collection.features.flatMap((item) => {
    const geometry = clipGeometry(item.geometry as Parameters<typeof clipGeometry>[0], DETAIL_BOXES);
    return geometry === undefined ? [] : [{ type: 'Feature', properties: {}, geometry }];
  });
  return { type: 'FeatureCollection', features };
}

/** The basemap's shapes before tiling, coordinates rounded: the world at 1:110m, and 1:50m inside the detail boxes. */
export function basemapShapes(): { world: Record<'land' | 'borders', Collection>; detail: Record<'land' | 'borders' | 'lakes' | 'rivers', Collection> } {
  const atlas = packageDir('world-atlas');
  const round = (value: unknown) => JSON.parse(compactJson(value)) as Collection;
  const atlasShapes = (scale: string, keep: (collection: Collection) => unknown) => {
    const land = readJson(join(atlas, `land-${scale}.json`)) as Topology;
    const countries = readJson(join(atlas, `countries-${scale}.json`)) as Topology;
    // Only the arcs two countries share: borders, not coastlines.
    const borders = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: mesh(countries, countries.objects['countries'] as TopoObject, (a, b) => a !== b) }] };
    return { land: round(keep(feature(land, land.objects['land'] as TopoObject) as Collection)), borders: round(keep(borders as Collection)) };
  };
  const mapeo = join(packageDir('mapeo-offline-map'), 'dist');
  const natural = (name: string) => round(detailOnly(readJson(join(mapeo, `${name}.json`)) as Collection));
  return { world: atlasShapes('110m', geometryOnly), detail: { ...atlasShapes('50m', detailOnly), lakes: natural('lakes'), rivers: natural('rivers') } };
}

/** Every basemap file, by its path in the build output. */
export function buildBasemap(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const text = (path: string, content: string) => files.set(`${BASEMAP_DIR}/${path}`, Buffer.from(content, 'utf8'));

  // Vector tiles (the style's sources), not GeoJSON the map's worker would index at start.
  const shapes = basemapShapes();
  for (const name of ['world', 'detail'] as const) {
    const set: TileSet = { ...BASEMAP_TILE_SETS[name], bounds: [...BASEMAP_TILE_SETS[name].bounds], layers: shapes[name] as TileSet['layers'] };
    for (const [tile, content] of cutTiles(set)) files.set(`${BASEMAP_DIR}/${tilePath(name).replace('{z}/{x}/{y}', tile)}`, content);
  }

  text('places.json', compactJson(placeLabels()));

  const fonts = join(packageDir('tileserver-gl-styles'), 'fonts', BASEMAP_FONT);
  for (const range of GLYPH_RANGES) files.set(`${BASEMAP_DIR}/fonts/${BASEMAP_FONT}/${range}.pbf`, readFileSync(join(fonts, `${range}.pbf`)));
  return files;
}
