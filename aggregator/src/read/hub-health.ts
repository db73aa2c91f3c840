import Type, { type Static } from 'typebox';
import { regions, vocabularySchema } from '@constellation/shared';
import { lagOf } from '../admin/hub-view.ts';
import type { HubRow } from '../db/schema/index.ts';
import type { MapIndex } from './map-index.ts';

const Instant = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

/** A hub as the public sees it: who it is and how well the national index follows it. */
export const PublicHub = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    region: vocabularySchema(regions),
    baseUrl: Type.String({ format: 'uri' }),
    status: Type.Literal('approved'),
    /** The last pull that read the hub without error. */
    lastSuccessAt: Instant,
    lastPullAt: Instant,
    /** Changes the hub has announced that the index does not hold yet. */
    lagSeq: Type.Integer({ minimum: 0 }),
    /** 0 when caught up; otherwise seconds since the index last held everything the hub had announced. */
    lagSeconds: Type.Integer({ minimum: 0 }),
    lastError: Type.Union([Type.String(), Type.Null()]),
    lastErrorAt: Instant,
    consecutiveFailures: Type.Integer({ minimum: 0 }),
    /** The circuit breaker holds pulls back until then; null when closed. */
    breakerOpenUntil: Instant,
    counts: Type.Object(
      {
        /** Events it has in the national lists (a cross-hub copy is counted under the hub listing it). */
        events: Type.Integer({ minimum: 0 }),
        /** Its live records of every type in the national store. */
        records: Type.Integer({ minimum: 0 }),
        /** Items it served that the aggregator refused, since it was added. */
        rejected: Type.Integer({ minimum: 0 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PublicHub = Static<typeof PublicHub>;

export const HubList = Type.Object({ items: Type.Array(PublicHub) }, { additionalProperties: false });
export type HubList = Static<typeof HubList>;

function iso(value: number | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** Every approved hub with its health, by id; pending and suspended hubs are not public. */
export function publicHubs(rows: readonly HubRow[], index: MapIndex, otherRecords: ReadonlyMap<string, number>, now: number): HubList {
  const approved = rows.filter((hub) => hub.status === 'approved').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const listed = index.listedByHub(new Set(approved.map((hub) => hub.id)));
  return {
    items: approved.map((hub) => {
      const { lagSeq, lagSeconds } = lagOf(hub, now);
      return {
        id: hub.id,
        name: hub.name,
        region: hub.region as PublicHub['region'],
        baseUrl: hub.baseUrl,
        status: 'approved' as const,
        lastSuccessAt: iso(hub.lastSuccessAt),
        lastPullAt: iso(hub.lastPullAt),
        lagSeq,
        lagSeconds,
        lastError: hub.lastError,
        lastErrorAt: iso(hub.lastErrorAt),
        consecutiveFailures: hub.consecutiveFailures,
        breakerOpenUntil: hub.breakerUntil !== null && hub.breakerUntil > now ? iso(hub.breakerUntil) : null,
        counts: { events: listed.get(hub.id) ?? 0, records: index.eventsOf(hub.id) + (otherRecords.get(hub.id) ?? 0), rejected: hub.rejectedCount },
      };
    }),
  };
}
