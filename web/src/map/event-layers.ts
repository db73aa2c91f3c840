/**
 * The event layers, drawn over any base style: they are added on each `style.load`, so a
 * real tile style from the server's `mapStyle` works as well as the offline one. Clusters
 * are computed by the national API (a map of 100k events needs no client-side index).
 */
import type { CircleLayerSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import { LABEL_FONT } from './basemap-style.ts';

export const EVENTS_SOURCE = 'constellation-events';

export const CLUSTER_LAYER: CircleLayerSpecification = {
  id: 'event-clusters',
  type: 'circle',
  source: EVENTS_SOURCE,
  filter: ['==', ['get', 'kind'], 'cluster'],
  paint: {
    'circle-color': '#2d5f9a',
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
    'circle-radius': 7,
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 2,
  },
};

/** Bottom to top; removed in reverse before the source. */
export const EVENT_LAYERS = [CLUSTER_LAYER, CLUSTER_COUNT_LAYER, POINT_LAYER] as const;
