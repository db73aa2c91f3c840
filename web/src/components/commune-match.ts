/**
 * Finding a commune by what a reader types: accents, case, hyphens and apostrophes do not
 * matter ("st etienne" finds Saint-Étienne); names starting with the words come first,
 * then names containing them, each in population order (the file's order).
 */
import type { PlaceLabels } from '../map/basemap-style.ts';

export interface Commune {
  name: string;
  lon: number;
  lat: number;
}

export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’]/g, ' ')
    .replace(/\bst(e?)\b/g, 'saint$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function matchCommunes(communes: PlaceLabels['communes'], typed: string, limit = 8): Commune[] {
  const wanted = foldName(typed);
  if (wanted.length < 2) return [];
  const starting: Commune[] = [];
  const containing: Commune[] = [];
  for (const [name, lon, lat] of communes) {
    const folded = foldName(name);
    if (folded.startsWith(wanted)) starting.push({ name, lon, lat });
    else if (containing.length < limit && folded.includes(` ${wanted}`)) containing.push({ name, lon, lat });
    if (starting.length >= limit) break;
  }
  return [...starting, ...containing].slice(0, limit);
}
