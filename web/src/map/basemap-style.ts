/**
 * The default basemap: land, water, rivers and borders from the files the build puts in
 * `basemap/` (see web/build/basemap.ts), and region names. It needs no network: the map
 * works offline and on a closed network. A server may name a real style instead (mapStyle).
 */
import { REGION_FACTS, regions, type Locale } from '@constellation/shared';
import type { GeoJSONSourceSpecification, StyleSpecification } from 'maplibre-gl';

type GeoJsonData = Exclude<GeoJSONSourceSpecification['data'], string>;

export const LABEL_FONT = 'Noto Sans Regular';

const BASE_SOURCE = { maxzoom: 8, tolerance: 0.6, buffer: 32 } as const;

const COLORS = { water: '#cddfea', land: '#f6f3ec', border: '#a39a8c', river: '#a8c8dc', label: '#5b5347', halo: '#f6f3ec' };

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

/** The offline style; `base` is the absolute URL of the basemap folder, ending in a slash. */
export function offlineStyle(base: string, locale: Locale): StyleSpecification {
  const data = (name: string) => new URL(`${name}.json`, base).toString();
  return {
    version: 8,
    name: 'Constellation offline',
    glyphs: new URL('fonts/{fontstack}/{range}.pbf', base).toString().replaceAll('%7B', '{').replaceAll('%7D', '}'),
    sources: {
      // 1:50m data has nothing more to show past zoom 8 (tiles are overzoomed from there), and
      // a coarser tolerance keeps the worker's tiling short: the map is at rest sooner.
      land: { type: 'geojson', data: data('land'), attribution: 'Natural Earth', ...BASE_SOURCE },
      lakes: { type: 'geojson', data: data('lakes'), ...BASE_SOURCE },
      rivers: { type: 'geojson', data: data('rivers'), ...BASE_SOURCE },
      borders: { type: 'geojson', data: data('borders'), ...BASE_SOURCE },
      'region-labels': { type: 'geojson', data: regionLabels(locale) },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': COLORS.water } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': COLORS.land } },
      { id: 'lakes', type: 'fill', source: 'lakes', paint: { 'fill-color': COLORS.water } },
      { id: 'rivers', type: 'line', source: 'rivers', minzoom: 4, paint: { 'line-color': COLORS.river, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.5, 10, 2] } },
      { id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': COLORS.border, 'line-width': 1, 'line-dasharray': [3, 2] } },
      {
        id: 'region-labels',
        type: 'symbol',
        source: 'region-labels',
        minzoom: 4.5,
        maxzoom: 9,
        layout: { 'text-field': ['get', 'name'], 'text-font': [LABEL_FONT], 'text-size': 12, 'text-letter-spacing': 0.05, 'text-max-width': 8 },
        paint: { 'text-color': COLORS.label, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.5, 'text-opacity': 0.8 },
      },
    ],
  };
}
