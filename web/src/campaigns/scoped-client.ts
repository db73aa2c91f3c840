import type { ApiClient } from '../api/client.ts';

export interface CampaignScope {
  slug: string;
  /** The reader chose days (a preset or from/to): keep them; otherwise the campaign's own days apply. */
  ownWindow: boolean;
}

/** The query narrowed to the campaign: its slug, and without the page's "from now" unless the reader chose days. */
function narrowed(query: URLSearchParams, scope: CampaignScope): URLSearchParams {
  const next = new URLSearchParams(query);
  if (!scope.ownWindow) {
    next.delete('from');
    next.delete('to');
  }
  next.set('campaign', scope.slug);
  return next;
}

/**
 * The national client seen through a campaign: the list and the clusters come from the
 * campaign's cacheable routes (which default to its days, past ones included), the live
 * stream and the exports carry `campaign=<slug>`. The map and agenda pages take it as
 * their client unchanged, so the campaign's page reuses them whole.
 */
export function campaignClient(api: ApiClient, scope: CampaignScope): ApiClient {
  const own = (query: URLSearchParams) => {
    const next = narrowed(query, scope);
    // The campaign's routes take the slug in their path.
    next.delete('campaign');
    return next;
  };
  return {
    ...api,
    events: (query, signal) => api.campaignEvents(scope.slug, own(query), signal),
    clusters: (query, signal) => api.campaignClusters(scope.slug, own(query), signal),
    streamUrl: (query) => {
      // The stream has no campaign filter: a change anywhere in the window reloads the campaign's answers (cheap: ETag).
      const next = narrowed(query, scope);
      next.delete('campaign');
      return api.streamUrl(next);
    },
    exportUrl: (kind, query) => api.exportUrl(kind, narrowed(query, scope)),
  };
}
