/**
 * Which basemap a map draws. By default the real Plan IGN vector style (IGN's Géoplateforme:
 * no key, no account, no cookie; Etalab open licence; see docs/operations.md "Map tiles"); a
 * server may name another style (`mapStyle`), including a self-hosted PMTiles one, or
 * `offline`. When the style cannot be fetched in time (offline, a closed network, the provider
 * down) the map falls back by itself to the bundled offline basemap, with place names.
 * No maplibre here: this runs before the map's code is needed.
 */
import type { Locale } from '@constellation/shared';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { offlineStyle, readPlaceLabels, type PlaceLabels } from './basemap-style.ts';

export const DEFAULT_MAP_STYLE = 'https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/standard.json';
/** `mapStyle: "offline"`: the bundled basemap only, with no attempt at a remote style. */
export const OFFLINE_MAP_STYLE = 'offline';
/** A reachable style answers well within this; past it the reader gets the offline map. */
const STYLE_TIMEOUT_MS = 4_000;

export interface BaseStyle {
  style: StyleSpecification;
  /** True when this is the bundled basemap (chosen, or fallen back to). */
  offline: boolean;
  /** The offline style, for a map whose remote tiles fail after the style loaded. */
  fallback(): Promise<StyleSpecification>;
}

export interface BaseStyleOptions {
  /** The basemap folder's absolute URL, ending in a slash. */
  base: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The bundled basemap's folder, next to the app. */
export function basemapFolder(): string {
  return new URL(`${import.meta.env.BASE_URL}basemap/`, window.location.href).toString();
}

let labelsRequest: Promise<unknown> | undefined;

/**
 * The bundled commune and département names (`places.json`): the offline basemap's labels,
 * and the communes "Près de moi" offers when the browser gives no position. One request
 * per page, whatever the number of users; a failed one is tried again by the next.
 */
export async function loadPlaceLabels(base: string, fetcher: typeof fetch = fetch): Promise<PlaceLabels> {
  const request = (labelsRequest ??= fetcher(new URL('places.json', base).toString()).then((response) => {
    if (!response.ok) throw new Error(`places.json answered ${response.status}`);
    return response.json() as Promise<unknown>;
  }));
  const labels = await request.catch((error: unknown) => {
    if (labelsRequest === request) labelsRequest = undefined;
    console.warn('no place names', error);
    return undefined;
  });
  return readPlaceLabels(labels);
}

async function offline(base: string, locale: Locale, fetcher: typeof fetch): Promise<StyleSpecification> {
  return offlineStyle(base, locale, await loadPlaceLabels(base, fetcher));
}

/** A style's URLs are relative to the style's own address; MapLibre given an object resolves them against the page. */
function absolutise(style: StyleSpecification, from: string): StyleSpecification {
  const resolve = (url: string) => (/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : new URL(url, from).toString().replaceAll('%7B', '{').replaceAll('%7D', '}'));
  const sources = Object.fromEntries(
    Object.entries(style.sources).map(([id, source]) => {
      const copy: Record<string, unknown> = { ...source };
      if (typeof copy['url'] === 'string') copy['url'] = resolve(copy['url']);
      if (Array.isArray(copy['tiles'])) copy['tiles'] = (copy['tiles'] as unknown[]).map((tile) => (typeof tile === 'string' ? resolve(tile) : tile));
      if (typeof copy['data'] === 'string') copy['data'] = resolve(copy['data']);
      return [id, copy];
    }),
  ) as StyleSpecification['sources'];
  return {
    ...style,
    sources,
    ...(typeof style.glyphs === 'string' ? { glyphs: resolve(style.glyphs) } : {}),
    ...(typeof style.sprite === 'string' ? { sprite: resolve(style.sprite) } : {}),
  };
}

function isStyle(value: unknown): value is StyleSpecification {
  if (typeof value !== 'object' || value === null) return false;
  const style = value as Record<string, unknown>;
  return style['version'] === 8 && typeof style['sources'] === 'object' && style['sources'] !== null && Array.isArray(style['layers']);
}

/** Whether a style reads a PMTiles archive (a self-hosted extract): the protocol must be registered first. */
export function usesPmtiles(style: StyleSpecification): boolean {
  return Object.values(style.sources).some((source) => {
    const record = source as Record<string, unknown>;
    const urls = [record['url'], ...(Array.isArray(record['tiles']) ? (record['tiles'] as unknown[]) : [])];
    return urls.some((url) => typeof url === 'string' && url.startsWith('pmtiles://'));
  });
}

/** The style to draw: the configured (or default) one if it can be fetched in time, else the offline one. */
export async function loadBaseStyle(configured: string | undefined, locale: Locale, options: BaseStyleOptions): Promise<BaseStyle> {
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  const fallback = () => offline(options.base, locale, fetcher);
  const wanted = configured?.trim() === '' ? undefined : configured?.trim();
  if (wanted === OFFLINE_MAP_STYLE) return { style: await fallback(), offline: true, fallback };
  const url = new URL(wanted ?? DEFAULT_MAP_STYLE, window.location.href).toString();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A deadline on the whole answer (headers and body), not only on the connection.
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error('map style timed out'));
    }, options.timeoutMs ?? STYLE_TIMEOUT_MS);
  });
  try {
    const body = await Promise.race([
      deadline,
      fetcher(url, { signal: controller.signal, credentials: 'omit' }).then((response) => {
        if (!response.ok) throw new Error(`map style answered ${response.status}`);
        return response.json() as Promise<unknown>;
      }),
    ]);
    if (!isStyle(body)) throw new Error('not a MapLibre style');
    const style = absolutise(body, url);
    if (usesPmtiles(style)) {
      const { registerPmtiles } = await import('./pmtiles-protocol.ts');
      registerPmtiles();
    }
    return { style, offline: false, fallback };
  } catch (error) {
    console.warn('map style unreachable, using the offline basemap', error);
    return { style: await fallback(), offline: true, fallback };
  } finally {
    clearTimeout(timer);
  }
}

/** The font stack the style's own labels use: our labels use it too, so the style's glyph server has it. */
export function labelFontOf(style: StyleSpecification, otherwise: string): string[] {
  for (const layer of style.layers as LayerSpecification[]) {
    if (layer.type !== 'symbol') continue;
    const font: unknown = layer.layout?.['text-font'];
    if (Array.isArray(font) && font.length > 0 && font.every((item) => typeof item === 'string')) return font as string[];
  }
  return [otherwise];
}
