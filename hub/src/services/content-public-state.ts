import { and, eq } from 'drizzle-orm';
import type { ContentType, EventInput } from '@constellation/shared';
import type { HubTx } from '../db/client.ts';
import { changes, content } from '../db/schema/index.ts';
import { withLabelledCampaign } from '../campaigns/labelled-campaign.ts';
import { recordChange, type RecordedChange } from './feed-writer.ts';
import { indexEvent, unindexEvent } from './event-index.ts';
import { publicShape } from './content-view.ts';

/**
 * Brings the public shape, the event index and the feed in line with the row's
 * current state. Published: serialise, index, upsert in the feed. Otherwise: clear,
 * and leave a tombstone if the object was ever in the feed.
 */
export function syncPublicState(tx: HubTx, hub: { hubId: string; baseUrl: string }, id: string): RecordedChange[] {
  const row = tx.select().from(content).where(eq(content.id, id)).get();
  if (row === undefined) return [];
  if (row.status === 'published') {
    const publishedAt = row.publishedAt ?? row.updatedAt;
    // An event's campaign is public only once the region's coordinator labelled it.
    const data = row.type === 'event' ? withLabelledCampaign(tx, id, row.data as EventInput) : row.data;
    const shape = publicShape({ ...row, data, publishedAt }, hub);
    tx.update(content).set({ publicJson: JSON.stringify(shape), publishedAt }).where(eq(content.id, id)).run();
    if (row.type === 'event') indexEvent(tx, id, data as EventInput);
    return [recordChange(tx, { type: row.type, id, op: 'upsert', version: row.version }, row.updatedAt)];
  }
  tx.update(content).set({ publicJson: null }).where(eq(content.id, id)).run();
  if (row.type === 'event') unindexEvent(tx, id);
  return tombstoneIfFederated(tx, row.type, id, row.version);
}

/** A delete in the feed for content that was ever served there (never-published content leaves no trace). */
export function tombstoneIfFederated(tx: HubTx, type: ContentType, id: string, version: number): RecordedChange[] {
  const existing = tx.select({ op: changes.op }).from(changes).where(and(eq(changes.type, type), eq(changes.id, id))).get();
  if (existing === undefined || existing.op === 'delete') return [];
  return [recordChange(tx, { type, id, op: 'delete', version }, new Date().toISOString())];
}
