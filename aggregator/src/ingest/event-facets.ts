import { masks, type EventPublic } from '@constellation/shared';
import { materialise, type Occurrence } from '@constellation/shared/server';

/** How far ahead an unbounded rule is materialised (as on a hub). */
export const HORIZON_MS = 2 * 366 * 86_400_000;

/** Where boxes of events without coordinates sit: outside every latitude and longitude. */
export const NO_PLACE = 1000;

/** What the national index keeps of one event, besides the event itself. */
export interface EventFacets {
  actorId: string;
  format: string;
  audiences: number;
  disciplines: number;
  accessibility: number;
  free: boolean;
  online: boolean;
  lat: number | null;
  lon: number | null;
  firstStart: number;
  lastEnd: number;
  titleKey: string;
  campaign: string | null;
  /** The umbrella event's id (same hub), for the parent filter. */
  parent: string | null;
  occurrences: Occurrence[];
  /** The text the full-text index holds. */
  text: { title: string; summary: string; body: string; place: string };
}

/**
 * Lower-case words of three letters or more, accents removed, sorted and unique:
 * "La Nuit des Étoiles" and "Nuit des étoiles !" give the same key.
 */
export function titleKey(title: string): string {
  const words = title
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3);
  return [...new Set(words)].sort().join(' ');
}

/** Derives the facets and occurrences of an accepted event; null when it never happens. */
export function eventFacets(event: EventPublic, now: number): EventFacets | null {
  const { occurrences } = materialise(
    { timeZone: event.timeZone, ...(event.timings === undefined ? {} : { timings: event.timings }), ...(event.recurrence === undefined ? {} : { recurrence: event.recurrence }) },
    now + HORIZON_MS,
  );
  const first = occurrences[0];
  if (first === undefined) return null;
  let lastEnd = first.end;
  for (const occurrence of occurrences) if (occurrence.end > lastEnd) lastEnd = occurrence.end;
  const place = event.place;
  return {
    actorId: event.actorId,
    format: event.format,
    audiences: masks.audiences(event.audiences),
    disciplines: masks.disciplines(event.disciplines),
    accessibility: masks.accessibility(event.accessibility),
    free: event.price?.free ?? false,
    online: event.attendanceMode !== 'in-person',
    lat: place?.lat ?? null,
    lon: place?.lon ?? null,
    firstStart: first.start,
    lastEnd,
    titleKey: titleKey(event.title),
    campaign: event.campaign ?? null,
    parent: event.parentEventId ?? null,
    occurrences,
    text: {
      title: event.title,
      summary: event.summary ?? '',
      body: event.description ?? '',
      place: [place?.name, place?.commune, place?.postalCode].filter((part) => part !== undefined).join(' '),
    },
  };
}
