/**
 * Places to visit and participatory projects on the national map: a source of their points
 * and one symbol layer each, under the events (a citizen looks for events first), each with
 * its own shape drawn here on a canvas (no sprite to download, works offline): a green
 * square for a place, a violet diamond for a project; events stay round. The legend
 * (map-legend.tsx) draws the same shapes in CSS.
 */
import type { Map as MapLibreMap, SymbolLayerSpecification } from 'maplibre-gl';
import type { DirectoryPoint } from '../api/types.ts';

export const DIRECTORY_SOURCE = 'constellation-directory';
export const PLACE_ICON = 'constellation-place';
export const PROJECT_ICON = 'constellation-project';
export const PLACE_COLOR = '#2b8a3e';
export const PROJECT_COLOR = '#6741d9';

const layer = (type: DirectoryPoint['type'], icon: string): SymbolLayerSpecification => ({
  id: `directory-${type}s`,
  type: 'symbol',
  source: DIRECTORY_SOURCE,
  filter: ['==', ['get', 'type'], type],
  // Always drawn, and never hiding the basemap's names (a museum's icon on Lyon leaves Lyon named).
  layout: { 'icon-image': icon, 'icon-allow-overlap': true, 'icon-ignore-placement': true, 'icon-size': ['interpolate', ['linear'], ['zoom'], 5, 0.85, 12, 1.1] },
});

export const PLACE_LAYER = layer('place', PLACE_ICON);
export const PROJECT_LAYER = layer('project', PROJECT_ICON);
export const DIRECTORY_LAYERS = [PLACE_LAYER, PROJECT_LAYER] as const;

export function directoryFeatures(points: readonly DirectoryPoint[]) {
  return {
    type: 'FeatureCollection' as const,
    features: points.map((point) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [point.lon, point.lat] },
      properties: { type: point.type, hub: point.hub, id: point.id, title: point.title, kind: point.kind, commune: point.commune ?? null, url: point.url },
    })),
  };
}

/** A square or a diamond, filled, with a white outline, at the device's pixel ratio. */
function icon(shape: 'square' | 'diamond', color: string, ratio: number): ImageData | undefined {
  const size = Math.round(18 * ratio);
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d');
  if (context === null) return undefined;
  const line = 2 * ratio;
  context.lineWidth = line;
  context.strokeStyle = '#ffffff';
  context.fillStyle = color;
  context.beginPath();
  if (shape === 'square') {
    context.rect(line, line, size - 2 * line, size - 2 * line);
  } else {
    const half = size / 2;
    context.moveTo(half, line / 2 + 0.5);
    context.lineTo(size - line / 2 - 0.5, half);
    context.lineTo(half, size - line / 2 - 0.5);
    context.lineTo(line / 2 + 0.5, half);
    context.closePath();
  }
  context.fill();
  context.stroke();
  return context.getImageData(0, 0, size, size);
}

/** Adds the two icons once per style (a new style drops the images it did not define). */
export function addDirectoryIcons(map: MapLibreMap): void {
  const ratio = Math.min(Math.max(Math.round(window.devicePixelRatio || 1), 1), 3);
  for (const [name, shape, color] of [
    [PLACE_ICON, 'square', PLACE_COLOR],
    [PROJECT_ICON, 'diamond', PROJECT_COLOR],
  ] as const) {
    if (map.hasImage(name)) continue;
    const image = icon(shape, color, ratio);
    if (image !== undefined) map.addImage(name, image, { pixelRatio: ratio });
  }
}
