import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CampaignPublic, EventInput } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import { auditLog, campaignLabels, content, knownCampaigns } from '../db/schema/index.ts';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { ContentService, Viewer } from '../services/content.ts';

/*
 * Campaign labelling: a contributor names a national campaign on an event (its
 * `campaign`), the region's coordinator labels or refuses it with a reason, apart from
 * moderation (an event may be published and still await its label). Only a labelled
 * event carries its campaign in the public shape, the feed and the exports.
 */

export type SubmissionState = 'submitted' | 'labelled' | 'refused';

export interface Submission {
  id: string;
  slug: string;
  title: string;
  status: string;
  actorId: string | null;
  campaign: string;
  state: SubmissionState;
  reason: string | null;
  decidedAt: string | null;
}

const canLabel = (viewer: Viewer) => viewer.role === 'coordinator' || viewer.role === 'admin';

export class CampaignLabelService {
  constructor(
    private readonly store: Store,
    private readonly content: ContentService,
  ) {}

  /** Events submitted to a campaign (pending or published), with the coordinator's answer; `state` narrows them. */
  submissions(options: { state?: SubmissionState; campaign?: string; ids?: readonly string[] } = {}): Submission[] {
    const where = [eq(content.type, 'event'), inArray(content.status, ['pending', 'published']), sql`json_extract(${content.data}, '$.campaign') IS NOT NULL`];
    if (options.campaign !== undefined) where.push(sql`json_extract(${content.data}, '$.campaign') = ${options.campaign}`);
    if (options.ids !== undefined) where.push(inArray(content.id, [...options.ids]));
    const rows = this.store.db
      .select({ id: content.id, slug: content.slug, title: content.title, status: content.status, actorId: content.actorId, campaign: sql<string>`json_extract(${content.data}, '$.campaign')`, labelCampaign: campaignLabels.campaign, state: campaignLabels.state, reason: campaignLabels.reason, decidedAt: campaignLabels.decidedAt })
      .from(content)
      .leftJoin(campaignLabels, eq(campaignLabels.eventId, content.id))
      .where(and(...where))
      .orderBy(sql`${content.updatedAt} DESC`)
      .limit(500)
      .all();
    const items = rows.map((row): Submission => {
      const decided = row.labelCampaign === row.campaign && row.state !== null;
      return { id: row.id, slug: row.slug, title: row.title, status: row.status, actorId: row.actorId, campaign: row.campaign, state: decided ? (row.state as SubmissionState) : 'submitted', reason: decided ? row.reason : null, decidedAt: decided ? row.decidedAt : null };
    });
    return options.state === undefined ? items : items.filter((item) => item.state === options.state);
  }

  private submitted(id: string): { campaign: string } {
    const row = this.store.db.select({ data: content.data, type: content.type }).from(content).where(eq(content.id, id)).get();
    if (row === undefined || row.type !== 'event') throw new NotFoundError('event', 'id');
    const campaign = (row.data as EventInput).campaign;
    if (campaign === undefined) throw new ConflictError('this event is not submitted to any campaign', 'campaign');
    return { campaign };
  }

  private decide(id: string, viewer: Viewer, state: 'labelled' | 'refused', reason: string | null): Submission {
    if (!canLabel(viewer)) throw new ForbiddenError('only the region’s campaign coordinator labels events');
    const { campaign } = this.submitted(id);
    const known = this.known();
    if (known.length > 0 && !known.some((item) => item.slug === campaign)) throw new BadRequestError(`campaign ${campaign} is not in the national campaign list`, 'campaign');
    const at = new Date().toISOString();
    this.content.republish(id, (tx) => {
      const values = { eventId: id, campaign, state, reason, decidedBy: viewer.id, decidedAt: at };
      tx.insert(campaignLabels).values(values).onConflictDoUpdate({ target: campaignLabels.eventId, set: values }).run();
      tx.insert(auditLog).values({ at, userId: viewer.id, action: state === 'labelled' ? 'campaign-label' : 'campaign-refuse', targetType: 'event', targetId: id, details: { campaign, ...(reason === null ? {} : { reason }) } }).run();
    });
    return this.submissions({ ids: [id] })[0] as Submission;
  }

  label(id: string, viewer: Viewer): Submission {
    return this.decide(id, viewer, 'labelled', null);
  }

  refuse(id: string, reason: string, viewer: Viewer): Submission {
    return this.decide(id, viewer, 'refused', reason.trim());
  }

  /** The campaigns last read from the aggregator, newest start first. */
  known(): CampaignPublic[] {
    return this.store.db
      .select({ data: knownCampaigns.data })
      .from(knownCampaigns)
      .all()
      .map((row) => row.data as CampaignPublic)
      .sort((a, b) => (a.startDate < b.startDate ? 1 : -1));
  }

  /** Replaces the known campaigns with a verified list. */
  replaceKnown(items: readonly CampaignPublic[], now = Date.now()): void {
    this.store.immediate((tx) => {
      tx.delete(knownCampaigns).run();
      for (const item of items) tx.insert(knownCampaigns).values({ slug: item.slug, data: item, fetchedAt: now }).run();
    });
  }
}
