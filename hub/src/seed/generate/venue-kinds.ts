/** The kinds of venue events are held at, and which kinds suit each format. */
import type { EventFormat, Location } from '@constellation/shared';

export type VenueKind = 'science-centre' | 'museum' | 'university' | 'lab' | 'library' | 'hall' | 'cafe' | 'cinema' | 'park' | 'observatory' | 'fablab' | 'school' | 'festival';

export interface Venue {
  location: Location;
  /** Index into `places` when the venue is a place to visit. */
  place?: number;
  outdoor: boolean;
}

export const VENUES_FOR: Readonly<Record<EventFormat, readonly VenueKind[]>> = {
  conference: ['university', 'library', 'museum', 'science-centre', 'hall'],
  workshop: ['library', 'fablab', 'science-centre', 'museum', 'hall', 'school'],
  exhibition: ['museum', 'science-centre', 'library'],
  'science-cafe': ['cafe'],
  'lab-visit': ['lab', 'university'],
  festival: ['festival'],
  'field-survey': ['park'],
  screening: ['cinema', 'library'],
  game: ['library', 'science-centre', 'hall'],
  other: ['hall', 'library', 'museum'],
};
