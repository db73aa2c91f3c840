/**
 * The offline basemap: land, water, rivers and borders from the vector tiles the build puts
 * in `basemap/tiles/` (see web/build/basemap.ts; 1:50m around France from DETAIL_ZOOM, the
 * world at 1:110m below it), region, département and commune names. It needs no
 * network: the map falls back to it offline or when the real style cannot be reached
 * (base-style.ts), and a city's zoom still names its communes.
 */
import { REGION_FACTS, regions, type Locale } from '@constellation/shared';
import type { GeoJSONSourceSpecification, StyleSpecification, SymbolLayerSpecification, VectorSourceSpecification } from 'maplibre-gl';
import { BASEMAP_TILE_SETS, tilePath, type TileSetName } from './basemap-tiles.ts';

type GeoJsonData = Exclude<GeoJSONSourceSpecification['data'], string>;

export const LABEL_FONT = 'Noto Sans Regular';

/**
 * From this zoom the 1:50m tiles, which hold only the areas around France (metropolitan and
 * overseas, web/build/basemap.ts), are drawn; below it the world at 1:110m.
 */
export const DETAIL_ZOOM = 4.5;

/** The tiled shapes' sources: the world (below DETAIL_ZOOM) and the detail around France. */
const WORLD_SOURCE = 'basemap-world';
const DETAIL_SOURCE = 'basemap';

const COLORS = { water: '#cddfea', land: '#f6f3ec', border: '#a39a8c', river: '#a8c8dc', label: '#5b5347', town: '#2f2a24', halo: '#f6f3ec' };

/** `basemap/places.json` (web/build/place-labels.ts): communes most populous first, with the zoom that names them. */
export interface PlaceLabels {
  communes: [name: string, lon: number, lat: number, zoom: number][];
  departements: [name: string, lon: number, lat: number][];
}

/**
 * Commune names come in three sources and layers by the zoom that names them: cities (named
 * up to zoom 7, 195 of them), towns (8 and 9) and villages (from 10). A source is tiled only
 * while one of its layers is drawn, so at country zoom the map's worker tiles the cities
 * alone: in one source each tile of France held 4,000 to 7,700 communes for a dozen names
 * drawn, and building them was a good part of the map's first second. The towns' and
 * villages' names are moreover held back (DEFERRED_KEY) until the map nears their zoom: given
 * with the style, the worker indexed all 8,000 before the first frame. Bottom to top: MapLibre
 * places the top layer's names first, so a city still wins over a town, as it did by rank.
 */
export const COMMUNE_LABEL_TIERS = [
  { id: 'commune-labels', fromZoom: 10, belowZoom: Number.POSITIVE_INFINITY },
  { id: 'commune-labels-towns', fromZoom: 8, belowZoom: 10 },
  { id: 'commune-labels-cities', fromZoom: 0, belowZoom: 8 },
] as const;

/** The villages' layer, the lowest of the commune names: the event layers but the counts are added beneath it (event-layers.ts). */
export const COMMUNE_LABELS_LAYER = COMMUNE_LABEL_TIERS[0].id;

/** Every commune-name layer (and source), bottom to top. */
export const COMMUNE_LABEL_LAYERS: readonly string[] = COMMUNE_LABEL_TIERS.map((tier) => tier.id);

const EMPTY_LABELS: PlaceLabels = { communes: [], departements: [] };

/** Reads the labels file leniently: a malformed row is skipped, never the whole map. */
export function readPlaceLabels(body: unknown): PlaceLabels {
  if (typeof body !== 'object' || body === null) return EMPTY_LABELS;
  const { communes, departements } = body as Record<string, unknown>;
  const rows = (value: unknown) => (Array.isArray(value) ? value.filter((row): row is unknown[] => Array.isArray(row) && typeof row[0] === 'string' && typeof row[1] === 'number' && typeof row[2] === 'number') : []);
  return {
    communes: rows(communes).map((row) => [row[0] as string, row[1] as number, row[2] as number, typeof row[3] === 'number' ? row[3] : 12]),
    departements: rows(departements).map((row) => [row[0] as string, row[1] as number, row[2] as number]),
  };
}

/**
 * Commune names as GeoJSON, those first named from `fromZoom` and below `belowZoom` (all by
 * default): `rank` is the population order among all communes (0 = most populous), which wins collisions.
 */
export function communeLabels(labels: PlaceLabels, fromZoom = 0, belowZoom = Number.POSITIVE_INFINITY): GeoJsonData {
  return {
    type: 'FeatureCollection',
    features: labels.communes.flatMap(([name, lon, lat, zoom], rank) => (zoom >= fromZoom && zoom < belowZoom ? [{ type: 'Feature' as const, properties: { name, zoom, rank }, geometry: { type: 'Point' as const, coordinates: [lon, lat] } }] : [])),
  };
}

/** One tier's layer of commune names (drawn from the zoom its population earns: Lyon at 5, a village at 12). */
function communeLayer(id: string, minzoom: number): SymbolLayerSpecification {
  return {
    id,
    type: 'symbol',
    source: id,
    ...(minzoom > 0 ? { minzoom } : {}),
    filter: ['<=', ['get', 'zoom'], ['zoom']],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': [LABEL_FONT],
      'text-size': ['interpolate', ['linear'], ['get', 'rank'], 0, 15, 50, 13, 1000, 12],
      'symbol-sort-key': ['get', 'rank'],
      'text-max-width': 9,
      'text-padding': 4,
      // Drawn over the event clusters (event-layers.ts): centred on the town, or beside it
      // when a cluster's count sits there, so both the name and the count can be read.
      'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
      'text-radial-offset': 1.2,
    },
    paint: { 'text-color': COLORS.town, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.6 },
  };
}

/**
 * A source the style holds empty until the map comes near the zoom that draws it; its data
 * travels in the style's metadata under DEFERRED_KEY (deferred-sources.ts fills it in).
 */
export interface DeferredSource {
  source: string;
  fromZoom: number;
  data: GeoJsonData;
}

export const DEFERRED_KEY = 'constellation:deferred-sources';

const EMPTY_DATA: GeoJsonData = { type: 'FeatureCollection', features: [] };

/** The sources a style holds back, as its metadata lists them (none for a remote style). */
export function deferredSourcesOf(style: StyleSpecification): DeferredSource[] {
  const listed: unknown = (style.metadata as Record<string, unknown> | undefined)?.[DEFERRED_KEY];
  if (!Array.isArray(listed)) return [];
  return listed.filter((one): one is DeferredSource => typeof one === 'object' && one !== null && typeof (one as DeferredSource).source === 'string' && typeof (one as DeferredSource).fromZoom === 'number' && typeof (one as DeferredSource).data === 'object');
}

export function departementLabels(labels: PlaceLabels): GeoJsonData {
  return {
    type: 'FeatureCollection',
    features: labels.departements.map(([name, lon, lat]) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Point', coordinates: [lon, lat] } })),
  };
}

/** Region names at their centres, as GeoJSON, in the reader's language. */
export function regionLabels(locale: Locale): GeoJsonData {
  return {
    type: 'FeatureCollection',
    features: regions.values.map((code) => ({
      type: 'Feature',
      properties: { name: regions.label(code, locale), overseas: REGION_FACTS[code].overseas },
      geometry: { type: 'Point', coordinates: [REGION_FACTS[code].center.lon, REGION_FACTS[code].center.lat] },
    })),
  };
}

const REGION_LABELS = {
  type: 'symbol',
  source: 'region-labels',
  layout: { 'text-field': ['get', 'name'], 'text-font': [LABEL_FONT], 'text-size': 12, 'text-letter-spacing': 0.05, 'text-max-width': 8 },
  paint: { 'text-color': COLORS.label, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.5, 'text-opacity': 0.8 },
} satisfies Omit<SymbolLayerSpecification, 'id'>;

/**
 * Below this zoom (the whole country, or a few regions) the map names its regions before any
 * town; names first drawn from it on are held back until the map nears them (offlineStyle).
 */
export const REGION_NAMES_FIRST_UNTIL_ZOOM = 7;
const DEPARTEMENT_NAMES_FROM_ZOOM = REGION_NAMES_FIRST_UNTIL_ZOOM;

/**
 * The region names at the country's zoom: above the commune names, so MapLibre places
 * them first and a big town's name ("Lyon") yields to its region's rather than hiding it.
 */
const REGION_NAMES_FIRST: SymbolLayerSpecification = { ...REGION_LABELS, id: 'region-labels', minzoom: 4.5, maxzoom: REGION_NAMES_FIRST_UNTIL_ZOOM };

/**
 * The offline style; `base` is the absolute URL of the basemap folder, ending in a slash;
 * `labels` the place names read from its places.json (none: regions only).
 */
export function offlineStyle(base: string, locale: Locale, labels: PlaceLabels = EMPTY_LABELS): StyleSpecification {
  const url = (path: string) => new URL(path, base).toString().replaceAll('%7B', '{').replaceAll('%7D', '}');
  // Tiles cut at build time: the map's worker reads the few the view needs instead of indexing every shape first.
  const tiles = (set: TileSetName): VectorSourceSpecification => {
    const { minzoom, maxzoom, bounds } = BASEMAP_TILE_SETS[set];
    return { type: 'vector', tiles: [url(tilePath(set))], minzoom, maxzoom, bounds: [...bounds], attribution: 'Natural Earth' };
  };
  // The names' sources; those first drawn past the country's zoom start empty, their data
  // held back in the metadata until the map nears them (DeferredSource).
  const names: DeferredSource[] = [
    { source: 'departement-labels', fromZoom: DEPARTEMENT_NAMES_FROM_ZOOM, data: departementLabels(labels) },
    ...COMMUNE_LABEL_TIERS.map((tier) => ({ source: tier.id, fromZoom: tier.fromZoom, data: communeLabels(labels, tier.fromZoom, tier.belowZoom) })),
  ];
  const deferred = names.filter((one) => one.fromZoom >= REGION_NAMES_FIRST_UNTIL_ZOOM);
  return {
    version: 8,
    name: 'Constellation offline',
    metadata: { [DEFERRED_KEY]: deferred },
    glyphs: url('fonts/{fontstack}/{range}.pbf'),
    sources: {
      [WORLD_SOURCE]: tiles('world'),
      [DETAIL_SOURCE]: tiles('detail'),
      'region-labels': { type: 'geojson', data: regionLabels(locale) },
      ...Object.fromEntries(names.map((one) => [one.source, { type: 'geojson', data: deferred.includes(one) ? EMPTY_DATA : one.data, attribution: 'GeoNames, INSEE' } satisfies GeoJSONSourceSpecification])),
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': COLORS.water } },
      { id: 'land-world', type: 'fill', source: WORLD_SOURCE, 'source-layer': 'land', maxzoom: DETAIL_ZOOM, paint: { 'fill-color': COLORS.land } },
      { id: 'land', type: 'fill', source: DETAIL_SOURCE, 'source-layer': 'land', minzoom: DETAIL_ZOOM, paint: { 'fill-color': COLORS.land } },
      { id: 'lakes', type: 'fill', source: DETAIL_SOURCE, 'source-layer': 'lakes', minzoom: DETAIL_ZOOM, paint: { 'fill-color': COLORS.water } },
      { id: 'rivers', type: 'line', source: DETAIL_SOURCE, 'source-layer': 'rivers', minzoom: DETAIL_ZOOM, paint: { 'line-color': COLORS.river, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.5, 10, 2] } },
      // Borders solid, not dashed: on a device without a GPU a dashed line is one more shader
      // for the software renderer to compile before the first frames (bench:web: map idle
      // 180 ms sooner). Their colour tells them from rivers.
      { id: 'borders-world', type: 'line', source: WORLD_SOURCE, 'source-layer': 'borders', maxzoom: DETAIL_ZOOM, paint: { 'line-color': COLORS.border, 'line-width': 1 } },
      { id: 'borders', type: 'line', source: DETAIL_SOURCE, 'source-layer': 'borders', minzoom: DETAIL_ZOOM, paint: { 'line-color': COLORS.border, 'line-width': 1 } },
      // Closer in, where départements are named, a town's name wins over its region's
      // (placed first: the layer above). At the country's zoom see REGION_NAMES_FIRST below.
      { ...REGION_LABELS, id: 'region-labels-detail', minzoom: REGION_NAMES_FIRST_UNTIL_ZOOM, maxzoom: 9 },
      {
        id: 'departement-labels',
        type: 'symbol',
        source: 'departement-labels',
        minzoom: DEPARTEMENT_NAMES_FROM_ZOOM,
        maxzoom: 10,
        layout: { 'text-field': ['get', 'name'], 'text-font': [LABEL_FONT], 'text-size': 12, 'text-transform': 'uppercase', 'text-letter-spacing': 0.08, 'text-max-width': 8 },
        paint: { 'text-color': COLORS.label, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.5, 'text-opacity': 0.7 },
      },
      ...COMMUNE_LABEL_TIERS.map((tier) => communeLayer(tier.id, tier.fromZoom)),
      REGION_NAMES_FIRST,
    ],
  };
}
