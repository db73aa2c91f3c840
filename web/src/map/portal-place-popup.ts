/**
 * A place's popup on the places map, built from DOM nodes with textContent only: names
 * and communes are contributed text, so nothing here is ever parsed as HTML (MapLibre's
 * Popup#setHTML does no sanitising).
 */

/** A place as the map draws it: a point and the words of its popup. */
export interface PlacePoint {
  id: string;
  lat: number;
  lon: number;
  name: string;
  /** Its kind and commune, already in the reader's language. */
  details: string;
  /** The in-app link to its page. */
  href: string;
}

export function buildPlacePopup(point: PlacePoint, onOpen: (event: MouseEvent) => void, doc: Document = document): HTMLElement {
  const root = doc.createElement('div');
  root.className = 'map-popup';
  const title = doc.createElement('a');
  title.className = 'map-popup-title';
  title.href = point.href;
  title.textContent = point.name;
  title.addEventListener('click', onOpen);
  root.append(title);
  if (point.details !== '') {
    const details = doc.createElement('p');
    details.textContent = point.details;
    root.append(details);
  }
  return root;
}

/** The smallest west, south, east, north box around the points (undefined for none). */
export function pointsBounds(points: readonly { lat: number; lon: number }[]): [number, number, number, number] | undefined {
  if (points.length === 0) return undefined;
  let [west, south, east, north] = [180, 90, -180, -90];
  for (const { lat, lon } of points) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return [west, south, east, north];
}
