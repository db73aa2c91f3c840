import Type, { type Static } from 'typebox';
import type { HubOperationRows } from '../db/admin-rows.ts';
import { HEALTH_HISTORY_HOURS } from '../pipeline/health.ts';

const HOUR_MS = 3_600_000;

/** One hour of a hub's health: every hour of the window is there, quiet ones with zeros. */
export const HubHealthHour = Type.Object(
  {
    hour: Type.String({ format: 'date-time', description: 'the hour\'s start (UTC)' }),
    pulls: Type.Integer({ description: 'pulls that ended with a verdict' }),
    failures: Type.Integer({ description: 'of which failed' }),
    applied: Type.Integer({ description: 'items applied to the national index' }),
    rejected: Type.Integer({ description: 'items refused (see the rejected items for why)' }),
    maxLagSeq: Type.Integer({ description: 'the largest lag, in changes, seen at a pull\'s end' }),
  },
  { additionalProperties: false },
);
export type HubHealthHour = Static<typeof HubHealthHour>;

export const HubHealthHistory = Type.Object(
  { hub: Type.String(), hours: Type.Integer(), items: Type.Array(HubHealthHour) },
  { additionalProperties: false },
);
export type HubHealthHistory = Static<typeof HubHealthHistory>;

export const HistoryQuery = Type.Object(
  { hours: Type.Optional(Type.Integer({ minimum: 1, maximum: HEALTH_HISTORY_HOURS, default: 48, description: 'how many hours back, ending with the current one' })) },
  { additionalProperties: false },
);

/** The last `hours` hours of a hub's health samples, oldest first, gaps filled with zeros. */
export async function hubHealthHistory(rows: HubOperationRows, hubId: string, hours: number, now: number): Promise<HubHealthHistory> {
  const current = now - (now % HOUR_MS);
  const first = current - (hours - 1) * HOUR_MS;
  const samples = await rows.healthSamples(hubId, first);
  const byHour = new Map(samples.map((row) => [row.hour, row]));
  const items: HubHealthHour[] = [];
  for (let hour = first; hour <= current; hour += HOUR_MS) {
    const row = byHour.get(hour);
    items.push({ hour: new Date(hour).toISOString(), pulls: row?.pulls ?? 0, failures: row?.failures ?? 0, applied: row?.applied ?? 0, rejected: row?.rejected ?? 0, maxLagSeq: row?.maxLagSeq ?? 0 });
  }
  return { hub: hubId, hours, items };
}
