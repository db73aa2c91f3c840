/**
 * The event layers, drawn over any base style: they are added on each `style.load`, so a
 * real tile style from the server's `mapStyle` works as well as the offline one. Clusters
 * are computed by the national API (a map of 100k events needs no client-side index).
 */
import type { CircleLayerSpecification, LayerSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import { COMMUNE_LABELS_LAYER, LABEL_FONT } from './basemap-style.ts';

export const EVENTS_SOURCE = 'constellation-events';
/** The event whose popup is open, drawn on its own over everything (never hidden in a cluster). */
export const SELECTED_SOURCE = 'constellation-selected';

export const CLUSTER_LAYER: CircleLayerSpecification = {
  id: 'event-clusters',
  type: 'circle',
  source: EVENTS_SOURCE,
  filter: ['==', ['get', 'kind'], 'cluster'],
  paint: {
    // A village des sciences (one umbrella and its programme) in its own colour: it opens into its programme.
    'circle-color': ['case', ['has', 'umbrellaId'], '#a84d00', '#2d5f9a'],
    'circle-opacity': 0.85,
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 2,
    'circle-radius': ['step', ['get', 'count'], 14, 10, 18, 100, 24, 1000, 30, 10000, 36],
  },
};

export const CLUSTER_COUNT_LAYER: SymbolLayerSpecification = {
  id: 'event-cluster-counts',
  type: 'symbol',
  source: EVENTS_SOURCE,
  filter: ['==', ['get', 'kind'], 'cluster'],
  // Always drawn, and placed first (the top symbol layer): a town's name drawn over the
  // cluster circles moves aside from the count rather than covering it (basemap-style.ts).
  layout: { 'text-field': ['get', 'label'], 'text-font': [LABEL_FONT], 'text-size': 13, 'text-allow-overlap': true },
  paint: { 'text-color': '#ffffff' },
};

export const POINT_LAYER: CircleLayerSpecification = {
  id: 'event-points',
  type: 'circle',
  source: EVENTS_SOURCE,
  filter: ['==', ['get', 'kind'], 'event'],
  paint: {
    'circle-color': ['case', ['boolean', ['get', 'fresh'], false], '#d9480f', '#c2255c'],
    // A dot that just changed live is larger as well as orange. Both by feature, as the
    // clusters' are: the dots and the clusters then share one circle shader, which a device
    // without a GPU compiles once before the map's first frames rather than twice.
    'circle-radius': ['case', ['boolean', ['get', 'fresh'], false], 9, 7],
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 2,
  },
};

/** A village's name under its bubble from town level: the bubble is one place, not a crowd of events. */
export const VILLAGE_NAME_LAYER: SymbolLayerSpecification = {
  id: 'event-village-names',
  type: 'symbol',
  source: EVENTS_SOURCE,
  minzoom: 11,
  filter: ['all', ['==', ['get', 'kind'], 'cluster'], ['has', 'umbrellaTitle']],
  layout: { 'text-field': ['get', 'umbrellaTitle'], 'text-font': [LABEL_FONT], 'text-size': 12, 'text-anchor': 'top', 'text-offset': [0, 1.6], 'text-max-width': 12, 'text-optional': true },
  paint: { 'text-color': '#7a3800', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
};

/**
 * At street level, where each event happens, under its dot (a basemap rarely names a lab or a
 * library). It yields to the offline basemap's commune names (added beneath them, so MapLibre
 * places those first): a citizen needs to know the town before the venue.
 */
export const PLACE_NAME_LAYER: SymbolLayerSpecification = {
  id: 'event-place-names',
  type: 'symbol',
  source: EVENTS_SOURCE,
  minzoom: 12,
  filter: ['all', ['==', ['get', 'kind'], 'event'], ['has', 'place']],
  layout: { 'text-field': ['get', 'place'], 'text-font': [LABEL_FONT], 'text-size': 12, 'text-anchor': 'top', 'text-offset': [0, 0.9], 'text-max-width': 10, 'text-optional': true },
  paint: { 'text-color': '#6b1436', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
};

/** The selected event: a larger ring in another colour, above the clusters. */
export const SELECTED_LAYER: CircleLayerSpecification = {
  id: 'event-selected',
  type: 'circle',
  source: SELECTED_SOURCE,
  paint: {
    'circle-color': '#f59f00',
    'circle-radius': 10,
    'circle-stroke-color': '#1f2933',
    'circle-stroke-width': 3,
  },
};

/**
 * Bottom to top; removed in reverse before their sources. Clusters are above single dots,
 * so a dot never covers a cluster's count; the selected event is above everything.
 */
export const EVENT_LAYERS = [POINT_LAYER, PLACE_NAME_LAYER, CLUSTER_LAYER, CLUSTER_COUNT_LAYER, VILLAGE_NAME_LAYER, SELECTED_LAYER] as const;

/**
 * The layers drawn over the offline basemap's town names, and placed before them: the
 * clusters' counts, a village's name under its bubble (placed before the counts too, which
 * would otherwise hide it; the town's name moves aside) and the selected event.
 */
const OVER_TOWN_NAMES = new Set<string>([CLUSTER_COUNT_LAYER.id, VILLAGE_NAME_LAYER.id, SELECTED_LAYER.id]);

/**
 * Where `layer` goes: when the style has the offline basemap's commune names, beneath them
 * (dots, clusters, venue names, places and projects), so "Lyon" is drawn over the clusters
 * on Lyon and placed before the venue names; the counts, village names and the selected
 * event stay on top. Over a style without them (a remote one), on top.
 */
export function layerBefore(layer: LayerSpecification, hasLayer: (id: string) => boolean): string | undefined {
  return !OVER_TOWN_NAMES.has(layer.id) && hasLayer(COMMUNE_LABELS_LAYER) ? COMMUNE_LABELS_LAYER : undefined;
}

/** A layer with its labels in the base style's font (a remote style's glyph server may not have ours). */
export function withFont<T extends LayerSpecification>(layer: T, font: readonly string[]): T {
  if (layer.type !== 'symbol' || layer.layout?.['text-font'] === undefined) return layer;
  return { ...layer, layout: { ...layer.layout, 'text-font': [...font] } };
}
