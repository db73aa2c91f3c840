import type { CampaignSummary } from '../api/types.ts';

/** "2–12 octobre 2026" / "October 2 – 12, 2026": a campaign's days as calendar days (they are France's, not the reader's). */
export function campaignDays(campaign: Pick<CampaignSummary, 'startDate' | 'endDate'>, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const noon = (day: string) => new Date(`${day}T12:00:00Z`);
  return format.formatRange(noon(campaign.startDate), noon(campaign.endDate));
}

/** Today's date in France, which the campaigns' days are counted in. */
export function franceToday(now: number = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export type CampaignPhase = 'running' | 'coming' | 'past';

export function campaignPhase(campaign: Pick<CampaignSummary, 'startDate' | 'endDate'>, today: string): CampaignPhase {
  if (campaign.endDate < today) return 'past';
  return campaign.startDate > today ? 'coming' : 'running';
}

/** Only a logo served by this site: the national page's policy loads no picture from elsewhere. */
export function localLogo(campaign: CampaignSummary, origin: string): CampaignSummary['logo'] {
  if (campaign.logo === undefined) return undefined;
  try {
    return new URL(campaign.logo.url).origin === origin ? campaign.logo : undefined;
  } catch {
    return undefined;
  }
}
