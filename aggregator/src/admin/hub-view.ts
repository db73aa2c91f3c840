import Type, { type Static } from 'typebox';
import type { HubCounts } from '../db/admin-rows.ts';
import { hubStatuses, type HubRow } from '../db/schema/index.ts';

const Instant = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

/** A hub as an operator sees it: registry fields and health, never the pinned descriptor's keys. */
export const AdminHubView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    baseUrl: Type.String(),
    region: Type.String(),
    status: Type.Enum([...hubStatuses]),
    addedAt: Type.String({ format: 'date-time' }),
    approvedAt: Instant,
    suspendedAt: Instant,
    /** Why it was suspended, as the operator wrote it. */
    suspendReason: Type.Union([Type.String(), Type.Null()]),
    health: Type.Object(
      {
        lastPullAt: Instant,
        lastSuccessAt: Instant,
        caughtUpAt: Instant,
        lastError: Type.Union([Type.String(), Type.Null()]),
        lastErrorAt: Instant,
        consecutiveFailures: Type.Integer(),
        /** The circuit breaker holds pulls back until then. */
        breakerUntil: Instant,
        /** Changes the hub has announced that are not in the index yet. */
        lagSeq: Type.Integer(),
        /** Seconds since the index last held everything the hub had announced (0 when caught up). */
        lagSeconds: Type.Integer(),
        cursor: Type.String(),
        latest: Type.Integer(),
        appliedCount: Type.Integer(),
        rejectedCount: Type.Integer(),
        /** Live records (any type) and live indexed events it has in the national store. */
        records: Type.Integer(),
        events: Type.Integer(),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type AdminHubView = Static<typeof AdminHubView>;

/** What adding a hub by URL would register: its descriptor, read and checked, keys reduced to their ids. */
export const HubPreview = Type.Object(
  {
    baseUrl: Type.String(),
    id: Type.String(),
    name: Type.String(),
    region: Type.String(),
    protocol: Type.String(),
    contact: Type.Object({ email: Type.Union([Type.String(), Type.Null()]), url: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false }),
    software: Type.Union([Type.String(), Type.Null()]),
    keyIds: Type.Array(Type.String()),
    /** The registered hub that already has this URL or id, if any: adding would be refused. */
    registeredAs: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type HubPreview = Static<typeof HubPreview>;

/** One item the pipeline refused from a hub, and why. */
export const RejectedItemView = Type.Object(
  {
    seq: Type.Union([Type.Integer(), Type.Null()]),
    itemId: Type.Union([Type.String(), Type.Null()]),
    field: Type.String(),
    message: Type.String(),
    at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type RejectedItemView = Static<typeof RejectedItemView>;

function iso(value: number | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

export function lagOf(hub: HubRow, now: number): { lagSeq: number; lagSeconds: number } {
  const cursor = Number(hub.cursor);
  const lagSeq = Number.isFinite(cursor) ? Math.max(0, hub.latest - cursor) : 0;
  if (lagSeq === 0) return { lagSeq, lagSeconds: 0 };
  const since = hub.caughtUpAt ?? hub.approvedAt ?? hub.addedAt;
  return { lagSeq, lagSeconds: Math.max(0, Math.floor((now - since) / 1000)) };
}

export function adminHubView(hub: HubRow, counts: HubCounts | undefined, now: number): AdminHubView {
  return {
    id: hub.id,
    name: hub.name,
    baseUrl: hub.baseUrl,
    region: hub.region,
    status: hub.status,
    addedAt: new Date(hub.addedAt).toISOString(),
    approvedAt: iso(hub.approvedAt),
    suspendedAt: iso(hub.suspendedAt),
    suspendReason: hub.suspendReason,
    health: {
      lastPullAt: iso(hub.lastPullAt),
      lastSuccessAt: iso(hub.lastSuccessAt),
      caughtUpAt: iso(hub.caughtUpAt),
      lastError: hub.lastError,
      lastErrorAt: iso(hub.lastErrorAt),
      consecutiveFailures: hub.consecutiveFailures,
      breakerUntil: iso(hub.breakerUntil),
      ...lagOf(hub, now),
      cursor: hub.cursor,
      latest: hub.latest,
      appliedCount: hub.appliedCount,
      rejectedCount: hub.rejectedCount,
      records: counts?.records ?? 0,
      events: counts?.events ?? 0,
    },
  };
}
