/**
 * Events at the same place: a venue hosting several events draws their dots on top of each
 * other, and the server keeps them in one cluster at every zoom. Such a cluster (or one whose
 * events all lie within a few metres) opens as a list instead of zooming in; so do dots
 * drawn within a few pixels of each other.
 */
import type { PopupEvent } from './popup-content.ts';

/** Events closer than this are at one place (a building, a square): zooming cannot help the reader. */
export const SAME_PLACE_METRES = 25;

export type Box = [west: number, south: number, east: number, north: number];

/** The diagonal of a small box, in metres (flat-earth: boxes this size are a few streets). */
export function boxMetres([west, south, east, north]: Box): number {
  const latMetres = (north - south) * 111_320;
  const lonMetres = (east - west) * 111_320 * Math.cos((((north + south) / 2) * Math.PI) / 180);
  return Math.hypot(latMetres, lonMetres);
}

export interface ClusterFacts {
  /** No zoom splits it (the server's expansionZoom is null). */
  sameSpot?: boolean;
  bbox?: Box;
  expansionZoom?: number;
}

/** Whether clicking a cluster should list its events rather than zoom in. */
export function listsInsteadOfZooming(cluster: ClusterFacts, zoom: number, maxZoom: number): boolean {
  if (cluster.sameSpot === true) return true;
  if (cluster.bbox !== undefined) return boxMetres(cluster.bbox) <= SAME_PLACE_METRES;
  // A server that says nothing: zoom in until no closer zoom is left.
  return (cluster.expansionZoom ?? zoom + 1) > maxZoom || zoom >= maxZoom;
}

/** The smallest box around boxes and points. */
export function unionBox(parts: readonly Box[]): Box | undefined {
  if (parts.length === 0) return undefined;
  return [Math.min(...parts.map((part) => part[0])), Math.min(...parts.map((part) => part[1])), Math.max(...parts.map((part) => part[2])), Math.max(...parts.map((part) => part[3]))];
}

export type PlacedEvent = PopupEvent & { id: string };

/** Each event once (a dot can be drawn twice: in the data and as the selection), soonest first. */
export function distinctEvents(events: readonly PlacedEvent[]): PlacedEvent[] {
  const seen = new Map<string, PlacedEvent>();
  for (const event of events) {
    const key = `${event.hub}/${event.id}`;
    if (!seen.has(key)) seen.set(key, event);
  }
  return [...seen.values()].sort((a, b) => (a.start ?? '').localeCompare(b.start ?? '') || a.title.localeCompare(b.title));
}
