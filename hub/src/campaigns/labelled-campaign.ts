import { eq } from 'drizzle-orm';
import type { EventInput } from '@constellation/shared';
import type { HubTx } from '../db/client.ts';
import { campaignLabels } from '../db/schema/index.ts';

/** The event's document as served: its campaign kept only when labelled for that very campaign. */
export function withLabelledCampaign(tx: HubTx, id: string, event: EventInput): EventInput {
  if (event.campaign === undefined) return event;
  const label = tx.select({ campaign: campaignLabels.campaign, state: campaignLabels.state }).from(campaignLabels).where(eq(campaignLabels.eventId, id)).get();
  if (label?.state === 'labelled' && label.campaign === event.campaign) return event;
  const { campaign: _submitted, ...rest } = event;
  return rest;
}
