/**
 * The offline basemap, built from npm data packages when the web app is built, so the
 * map draws with no network at all: land and country borders from world-atlas (Natural
 * Earth 1:50m, TopoJSON), lakes and rivers from mapeo-offline-map (Natural Earth, GeoJSON),
 * the Noto Sans glyph ranges that cover French (tileserver-gl-styles) for labels, and the
 * names of communes and départements (see place-labels.ts), so a city's zoom is readable.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { feature, mesh } from 'topojson-client';
import { placeLabels } from './place-labels.ts';

const require = createRequire(import.meta.url);

/** Where the files land in the build output; the app's style points here. */
export const BASEMAP_DIR = 'basemap';
export const BASEMAP_FONT = 'Noto Sans Regular';
/** Basic Latin, Latin-1 + Latin Extended-A (é, œ, ç), General Punctuation (’, «, –). */
const GLYPH_RANGES = ['0-255', '256-511', '8192-8447'];
/** About 100 m: finer than 1:50m data carries, and it halves the files. */
const DECIMALS = 3;

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

/** Every basemap file, by its path in the build output. */
export function buildBasemap(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const text = (path: string, content: string) => files.set(`${BASEMAP_DIR}/${path}`, Buffer.from(content, 'utf8'));

  const atlas = packageDir('world-atlas');
  const land = readJson(join(atlas, 'land-50m.json')) as Topology;
  text('land.json', compactJson(geometryOnly(feature(land, land.objects['land'] as TopoObject) as Collection)));
  const countries = readJson(join(atlas, 'countries-50m.json')) as Topology;
  // Only the arcs two countries share: borders, not coastlines.
  text('borders.json', compactJson({ type: 'Feature', properties: {}, geometry: mesh(countries, countries.objects['countries'] as TopoObject, (a, b) => a !== b) }));

  const mapeo = join(packageDir('mapeo-offline-map'), 'dist');
  for (const name of ['lakes', 'rivers']) {
    text(`${name}.json`, compactJson(geometryOnly(readJson(join(mapeo, `${name}.json`)) as Collection)));
  }

  text('places.json', compactJson(placeLabels()));

  const fonts = join(packageDir('tileserver-gl-styles'), 'fonts', BASEMAP_FONT);
  for (const range of GLYPH_RANGES) files.set(`${BASEMAP_DIR}/fonts/${BASEMAP_FONT}/${range}.pbf`, readFileSync(join(fonts, `${range}.pbf`)));
  return files;
}
