import Type, { type Static } from 'typebox';
import { regions, vocabularySchema } from '../vocab/index.ts';
import { Image } from './common.ts';
import { LIMITS } from './limits.ts';
import { withRules } from './refine.ts';
import { Campaign, DateTime, HttpUrl, LocalDate, RequiredLine, SetOf, Text } from './primitives.ts';

/*
 * National campaigns (the Fête de la science...): defined by a national admin on the
 * aggregator, published as a signed list that hubs read (protocol/campaigns.ts). An event
 * joins one by carrying its slug in `campaign`, which a hub serves only once the region's
 * coordinator has labelled the event (docs/protocol.md, "Campaigns").
 */

/** A campaign lasts at most a season: long enough for a month-long festival and its run-up. */
export const CAMPAIGN_MAX_DAYS = 186;
/** Campaigns one aggregator publishes at most (the whole list is one signed document). */
export const CAMPAIGNS_MAX = 200;

const DAY_MS = 86_400_000;

const campaignContent = {
  /** The wire value events carry, e.g. "fete-de-la-science-2026". Never changes once created. */
  slug: Campaign,
  name: RequiredLine(LIMITS.name),
  /** Calendar days in France, inclusive: the events labelled must fall within them. */
  startDate: LocalDate,
  endDate: LocalDate,
  /** Markdown, rendered through the sanitiser. */
  description: Type.Optional(Text(LIMITS.campaignDescription)),
  logo: Type.Optional(Image),
  /** INSEE codes of the regions taking part; their hubs show the campaign to contributors. */
  regions: SetOf(vocabularySchema(regions), regions.values.length),
};

function campaignRules(campaign: { startDate: string; endDate: string; regions: readonly string[] }): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const start = Date.parse(`${campaign.startDate}T00:00:00Z`);
  const end = Date.parse(`${campaign.endDate}T00:00:00Z`);
  if (end < start) issues.push({ path: '/endDate', message: 'must not be before startDate' });
  else if ((end - start) / DAY_MS + 1 > CAMPAIGN_MAX_DAYS) issues.push({ path: '/endDate', message: `must be at most ${CAMPAIGN_MAX_DAYS} days after startDate` });
  if (campaign.regions.length === 0) issues.push({ path: '/regions', message: 'must name at least one region' });
  return issues;
}

/** What a national admin sends to create or replace a campaign. */
export const CampaignInput = withRules(Type.Object(campaignContent, { additionalProperties: false }), campaignRules);
export type CampaignInput = Static<typeof CampaignInput>;

/** A campaign as the aggregator publishes it. */
export const CampaignPublic = withRules(
  Type.Object(
    {
      ...campaignContent,
      /** The campaign's national page, /campagnes/<slug> on the aggregator. */
      url: HttpUrl,
      createdAt: DateTime,
      updatedAt: DateTime,
    },
    { additionalProperties: false },
  ),
  campaignRules,
);
export type CampaignPublic = Static<typeof CampaignPublic>;

/** How a hub's coordinator answered an event submitted to a campaign; never federated (only `labelled` shows, as the event's `campaign`). */
export const campaignLabelStates = ['submitted', 'labelled', 'refused'] as const;
export type CampaignLabelState = (typeof campaignLabelStates)[number];

/** Whether an instant falls within a campaign's days, read in France's zone. */
export function isWithinCampaign(campaign: Pick<CampaignInput, 'startDate' | 'endDate'>, instantMs: number): boolean {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instantMs);
  return day >= campaign.startDate && day <= campaign.endDate;
}
