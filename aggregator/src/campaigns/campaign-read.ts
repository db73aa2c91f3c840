import { eventFormats, regions, type CampaignPublic } from '@constellation/shared';
import { formatInstant, zonedToUtc } from '@constellation/shared/server';
import type { NationalStore } from '../db/client.ts';
import { Clusters, type ClusterAnswer, type ClusterQuery } from '../read/clusters.ts';
import { listPage } from '../read/event-list.ts';
import { parseFilter, type EventListQuery, type FilterQuery } from '../read/filter.ts';
import type { NationalRead } from '../read/national-read.ts';
import type { ReadView } from '../read/view.ts';

const FRANCE = 'Europe/Paris';

/** Events one count walks at most: beyond, a campaign is bigger than anything the network runs (6,000 for the Fête de la science). */
const COUNT_MAX = 200_000;

export interface CampaignCounts {
  total: number;
  byRegion: Record<string, number>;
  byFormat: Record<string, number>;
}

/**
 * A campaign's window: its days, from the first midnight to the last, in France. Without
 * `from`/`to` a campaign page shows the whole campaign (past days included), not only
 * what is still to come as the national list does.
 */
export function campaignWindow<Q extends FilterQuery>(campaign: CampaignPublic, query: Q): Q & { campaign: string } {
  const from = query.from ?? formatInstant(zonedToUtc(`${campaign.startDate}T00:00:00`, FRANCE), FRANCE);
  const to = query.to ?? formatInstant(zonedToUtc(`${campaign.endDate}T23:59:59`, FRANCE), FRANCE);
  return { ...query, campaign: campaign.slug, from, to };
}

/**
 * The campaign's list, clusters and counts, all answered from the API process's
 * in-memory map index (the campaign is one of its facets): a peak of visitors costs no
 * store query beyond the page's JSON. Each answer is computed only when `fresh(view)`
 * says the client's (or the CDN's) copy is stale.
 */
export class CampaignRead {
  private readonly clusterer: Clusters;

  constructor(
    private readonly read: NationalRead,
    store: NationalStore,
  ) {
    this.clusterer = new Clusters(store.sqlite, read.search);
  }

  list(campaign: CampaignPublic, query: EventListQuery, now: number, fresh: (view: ReadView) => boolean): string | undefined {
    return this.read.read((view) => (fresh(view) ? undefined : listPage(this.read.search, this.read.json, view, campaignWindow(campaign, query), now)));
  }

  clusters(campaign: CampaignPublic, query: ClusterQuery, now: number, fresh: (view: ReadView) => boolean): ClusterAnswer | undefined {
    return this.read.read((view) => (fresh(view) ? undefined : this.clusterer.compute(view, campaignWindow(campaign, query), now)));
  }

  /** Events by region (of the hub that serves them) and by format, with the query's filters. */
  counts(campaign: CampaignPublic, query: FilterQuery, now: number, fresh: (view: ReadView) => boolean): CampaignCounts | undefined {
    return this.read.read((view) => {
      if (fresh(view)) return undefined;
      const hits = this.read.search.query(parseFilter(campaignWindow(campaign, query), now), view.shown).all(COUNT_MAX) ?? [];
      const columns = this.read.index.columns;
      const byRegion: Record<string, number> = {};
      const byFormat: Record<string, number> = {};
      for (const hit of hits) {
        const region = regions.values[columns.region[hit.slot] as number];
        const format = eventFormats.values[columns.format[hit.slot] as number];
        if (region !== undefined) byRegion[region] = (byRegion[region] ?? 0) + 1;
        if (format !== undefined) byFormat[format] = (byFormat[format] ?? 0) + 1;
      }
      return { total: hits.length, byRegion, byFormat };
    });
  }
}
