// @vitest-environment happy-dom
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNE_LABEL_LAYERS, COMMUNE_LABELS_LAYER, communeLabels, DEFAULT_MAP_STYLE, deferredSourcesOf, labelFontOf, loadBaseStyle, OFFLINE_MAP_STYLE, offlineStyle, readPlaceLabels, usesPmtiles } from '@constellation/web';

/*
 * Which basemap a map gets: a real HTTP server plays the style provider (answering, failing,
 * hanging) and the bundled basemap's folder (its places.json).
 */

let server: Server;
let origin: string;
const REMOTE = { version: 8, glyphs: 'fonts/{fontstack}/{range}.pbf', sources: { plan: { type: 'vector', tiles: ['tiles/{z}/{x}/{y}.pbf'] } }, layers: [{ id: 'towns', type: 'symbol', source: 'plan', 'source-layer': 'toponyme', layout: { 'text-field': '{name}', 'text-font': ['Source Sans Pro Regular'] } }] };
const PLACES = { communes: [['Lyon', 4.848, 45.749, 5], ['Caluire-et-Cuire', 4.846, 45.795, 7], ['bad row'], ['Sans zoom', 4.9, 45.7]], departements: [['Rhône', 4.64, 45.88]] };

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    // As the real providers do: the page's origin is another one.
    response.setHeader('access-control-allow-origin', '*');
    if (path === '/style.json') return response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(REMOTE));
    if (path === '/broken.json') return response.writeHead(200, { 'content-type': 'application/json' }).end('{"version": 8}');
    if (path === '/down.json') return response.writeHead(503).end();
    if (path === '/slow.json') return; // never answers
    if (path === '/basemap/places.json') return response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(PLACES));
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options = () => ({ base: `${origin}/basemap/`, timeoutMs: 500 });

describe('the basemap', () => {
  it('is the real style when it answers, its relative URLs made absolute from the style’s address', async () => {
    const chosen = await loadBaseStyle(`${origin}/style.json`, 'fr', options());
    expect(chosen.offline).toBe(false);
    expect(chosen.style.glyphs).toBe(`${origin}/fonts/{fontstack}/{range}.pbf`);
    expect((chosen.style.sources['plan'] as { tiles: string[] }).tiles).toEqual([`${origin}/tiles/{z}/{x}/{y}.pbf`]);
    // Our cluster counts use the style's own font: its glyph server has that one.
    expect(labelFontOf(chosen.style, 'Noto Sans Regular')).toEqual(['Source Sans Pro Regular']);
  });

  it('falls back to the offline basemap, with commune and département names, when the style is down, invalid or too slow', async () => {
    for (const path of ['/down.json', '/broken.json', '/slow.json', '/nothing-here.json']) {
      const chosen = await loadBaseStyle(`${origin}${path}`, 'en', options());
      expect(chosen.offline, path).toBe(true);
      type Data = { features: { properties: Record<string, unknown> }[] };
      const sources = chosen.style.sources as Record<string, { data?: Data }>;
      // Given with the style, or held back until the map nears their zoom.
      const deferred = new Map(deferredSourcesOf(chosen.style).map((one) => [one.source, one.data as Data]));
      const names = (source: string) => (deferred.get(source) ?? sources[source]?.data)?.features.map((feature) => feature.properties['name']);
      expect(COMMUNE_LABEL_LAYERS.flatMap((source) => names(source) ?? [])).toEqual(['Sans zoom', 'Lyon', 'Caluire-et-Cuire']);
      expect(names('departement-labels')?.[0]).toBe('Rhône');
      expect(chosen.style.layers.map((layer) => layer.id)).toEqual(expect.arrayContaining(['land', 'region-labels', 'departement-labels', ...COMMUNE_LABEL_LAYERS]));
    }
  });

  it('is the offline one at once when configured so, and the default is Plan IGN', async () => {
    const chosen = await loadBaseStyle(OFFLINE_MAP_STYLE, 'fr', options());
    expect(chosen.offline).toBe(true);
    expect(DEFAULT_MAP_STYLE).toMatch(/^https:\/\/data\.geopf\.fr\/.*PLAN\.IGN/);
  });

  it('names communes from the zoom their population earns, the most populous first', () => {
    const labels = readPlaceLabels(PLACES);
    expect(labels.communes.map((row) => row[3])).toEqual([5, 7, 12]);
    const features = (communeLabels(labels) as unknown as { features: { properties: { rank: number; zoom: number } }[] }).features;
    expect(features.map((feature) => feature.properties.rank)).toEqual([0, 1, 2]);
    expect(readPlaceLabels('nonsense')).toEqual({ communes: [], departements: [] });
  });

  it('tiles only the cities’ names at country zoom: the towns’ and villages’ names are held back, then drawn and tiled from the zoom that names them', () => {
    const labels = readPlaceLabels({ communes: [['Lyon', 4.848, 45.749, 5], ['Vienne', 4.874, 45.525, 8], ['Oullins', 4.807, 45.714, 9], ['Charly', 4.793, 45.649, 10], ['Sans zoom', 4.9, 45.7]], departements: [['Rhône', 4.64, 45.88]] });
    const style = offlineStyle('http://localhost/basemap/', 'fr', labels);
    type Data = { features: { properties: { name: string; rank: number } }[] };
    const sources = style.sources as Record<string, { data?: Data }>;
    const deferred = new Map(deferredSourcesOf(style).map((one) => [one.source, one]));
    // The worker is given no name the country's zoom does not draw: the held-back sources start empty.
    expect([...deferred.keys()].map((id) => sources[id]?.data?.features.length)).toEqual([0, 0, 0]);
    expect([...deferred.values()].map((one) => [one.source, one.fromZoom])).toEqual([['departement-labels', 7], [COMMUNE_LABELS_LAYER, 10], ['commune-labels-towns', 8]]);
    const tiers = COMMUNE_LABEL_LAYERS.map((id) => {
      const layer = style.layers.find((one) => one.id === id);
      const data = (deferred.get(id)?.data ?? sources[id]?.data) as Data | undefined;
      return { id, minzoom: layer?.minzoom ?? 0, source: layer !== undefined && 'source' in layer ? layer.source : undefined, names: data?.features.map((feature) => `${feature.properties.name}#${feature.properties.rank}`) };
    });
    // Bottom to top: villages, towns, cities (the top layer's names are placed first); ranks stay the national order.
    expect(tiers).toEqual([
      { id: COMMUNE_LABELS_LAYER, minzoom: 10, source: COMMUNE_LABELS_LAYER, names: ['Charly#3', 'Sans zoom#4'] },
      { id: 'commune-labels-towns', minzoom: 8, source: 'commune-labels-towns', names: ['Vienne#1', 'Oullins#2'] },
      { id: 'commune-labels-cities', minzoom: 0, source: 'commune-labels-cities', names: ['Lyon#0'] },
    ]);
    // Over the country (zoom 5 to 7) the one drawn commune layer is the cities'.
    const drawnAt = (zoom: number) => tiers.filter((tier) => tier.minzoom <= zoom).map((tier) => tier.id);
    expect(drawnAt(7)).toEqual(['commune-labels-cities']);
  });

  it('knows a self-hosted PMTiles style, whose protocol must be registered before the map reads it', () => {
    expect(usesPmtiles({ version: 8, sources: { france: { type: 'vector', url: 'pmtiles://https://example.org/france.pmtiles' } }, layers: [] })).toBe(true);
    expect(usesPmtiles({ version: 8, sources: REMOTE.sources as never, layers: [] })).toBe(false);
  });
});
