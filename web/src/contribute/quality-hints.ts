/**
 * What an event could say better, shown before it goes to moderation. Hints never block:
 * an event may truly have no known end, or no picture's alt text to give yet.
 */
export type QualityHint = 'noEnd' | 'imageWithoutAlt' | 'noAccessibility' | 'noCoordinates';

interface EventLike {
  timings?: { start: string; end: string }[];
  recurrence?: { start: string; end: string };
  attendanceMode?: unknown;
  place?: { lat?: unknown; lon?: unknown };
  image?: { url?: unknown; alt?: unknown };
  accessibility?: unknown[];
}

/** The hints for an event's API input (what would be sent). */
export function eventHints(input: EventLike): QualityHint[] {
  const hints: QualityHint[] = [];
  const noEnd = input.recurrence !== undefined ? input.recurrence.start === input.recurrence.end : (input.timings ?? []).some((timing) => timing.start === timing.end);
  if (noEnd) hints.push('noEnd');
  if (input.image !== undefined && (typeof input.image.alt !== 'string' || input.image.alt.trim() === '')) hints.push('imageWithoutAlt');
  if (input.accessibility === undefined || input.accessibility.length === 0) hints.push('noAccessibility');
  if (input.attendanceMode !== 'online' && (input.place?.lat === undefined || input.place.lon === undefined)) hints.push('noCoordinates');
  return hints;
}
