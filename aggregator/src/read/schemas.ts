import Type from 'typebox';
import { DateTime, EventPublic, HubId, Id, Page } from '@constellation/shared';

/*
 * What the national API answers about events. The event is the contract's EventPublic as
 * its hub served it; the aggregator adds where it comes from and, in lists, the occurrence
 * that placed it there.
 */

const Url = Type.String({ format: 'uri' });

export const Source = Type.Object(
  { hub: HubId, hubName: Type.String(), id: Id, url: Url },
  { additionalProperties: false, description: "one hub's copy of the event" },
);

export const Provenance = Type.Object(
  {
    hub: HubId,
    hubName: Type.String(),
    /** The event's page on its hub: where to link. */
    url: Url,
    /** When the aggregator last applied a change to it. */
    syncedAt: DateTime,
    sources: Type.Optional(Type.Array(Source, { minItems: 2, description: 'every copy, this one included, when several hubs published the same event (it is listed once)' })),
    duplicateOf: Type.Optional(Type.Object({ hub: HubId, id: Id }, { additionalProperties: false, description: 'on a copy: the event listed in its place' })),
    thumbnail: Type.Optional(Type.String({ pattern: '^/media/thumbnails/', description: "the event's picture as this site serves it (a path here, a WebP at most 480 px wide): made from the hub's image, which citizens' browsers never load from the hub" })),
  },
  { additionalProperties: false },
);

export const OccurrenceTimes = Type.Object({ start: DateTime, end: DateTime }, { additionalProperties: false });

export const NationalEventItem = Type.Object(
  { event: EventPublic, occurrence: OccurrenceTimes, provenance: Provenance },
  { additionalProperties: false, description: 'an event, the occurrence that placed it in the list (its first in the window), and where it comes from' },
);

export const NationalEventPage = Page(NationalEventItem);

export const NationalEventDetail = Type.Object(
  {
    event: EventPublic,
    provenance: Provenance,
    occurrences: Type.Array(OccurrenceTimes, { description: 'its next dates (up to 50), or its last ones when it is over' }),
  },
  { additionalProperties: false },
);

export const EventParams = Type.Object({ hub: HubId, id: Id }, { additionalProperties: false });
