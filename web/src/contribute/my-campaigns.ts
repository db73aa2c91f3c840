import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../session/session.ts';
import type { CampaignChoice } from './field-env.ts';

interface CampaignView {
  slug: string;
  name: string;
  startDate: string;
  endDate: string;
}

/**
 * The national campaigns a contributor can submit an event to: those the hub learnt from
 * the aggregator for its region, by start. The form offers those still running or coming (a
 * past one takes no more events) and names a past one an event already carries.
 * None when the hub has not read the list: the form then shows no campaign choice.
 */
export function useOpenCampaigns(): CampaignChoice[] {
  const session = useSession();
  const [campaigns, setCampaigns] = useState<CampaignChoice[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    session.request<{ items: CampaignView[] }>('GET', '/api/v1/campaigns', { signal: controller.signal }).then(
      (body) => {
        if (!controller.signal.aborted) setCampaigns(body.items.map(({ slug, name, startDate, endDate }) => ({ slug, name, startDate, endDate })).sort((a, b) => a.startDate.localeCompare(b.startDate)));
      },
      () => undefined,
    );
    return () => controller.abort();
  }, []);
  return campaigns;
}
