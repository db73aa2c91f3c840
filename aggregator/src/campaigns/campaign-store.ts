import { desc, eq } from 'drizzle-orm';
import { CAMPAIGNS_MAX, type CampaignInput, type CampaignPublic, type Image, type RegionCode } from '@constellation/shared';
import type { NationalStore } from '../db/client.ts';
import { campaigns, type CampaignRow } from '../db/schema/index.ts';
import { ConflictError, NotFoundError } from '../http-errors.ts';

/** The national campaigns, as national admins define them; read by the campaign list, the pages and the console. */
export class CampaignStore {
  constructor(
    private readonly store: NationalStore,
    private readonly publicUrl: string,
  ) {}

  private view(row: CampaignRow): CampaignPublic {
    return {
      slug: row.slug,
      name: row.name,
      startDate: row.startDate,
      endDate: row.endDate,
      ...(row.description === null ? {} : { description: row.description }),
      ...(row.logo === null ? {} : { logo: row.logo as Image }),
      regions: row.regions as RegionCode[],
      url: `${this.publicUrl.replace(/\/$/, '')}/campagnes/${row.slug}`,
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
    };
  }

  /** Newest start first. */
  list(): CampaignPublic[] {
    return this.store.db.select().from(campaigns).orderBy(desc(campaigns.startDate), campaigns.slug).all().map((row) => this.view(row));
  }

  get(slug: string): CampaignPublic | undefined {
    const row = this.store.db.select().from(campaigns).where(eq(campaigns.slug, slug)).get();
    return row === undefined ? undefined : this.view(row);
  }

  /** The latest change to any campaign (epoch ms), for the list's ETag. */
  lastChange(): number {
    const row = this.store.db.select({ updatedAt: campaigns.updatedAt }).from(campaigns).orderBy(desc(campaigns.updatedAt)).limit(1).get();
    return row?.updatedAt ?? 0;
  }

  create(input: CampaignInput, adminId: string, now = Date.now()): CampaignPublic {
    return this.store.immediate(() => {
      if (this.store.db.select({ slug: campaigns.slug }).from(campaigns).where(eq(campaigns.slug, input.slug)).get() !== undefined) {
        throw new ConflictError(`a campaign named ${input.slug} exists already`, 'slug');
      }
      const count = this.store.sqlite.prepare<[], number>('SELECT count(*) FROM campaigns').pluck().get() ?? 0;
      if (count >= CAMPAIGNS_MAX) throw new ConflictError(`the list holds ${CAMPAIGNS_MAX} campaigns at most`, 'slug');
      this.store.db.insert(campaigns).values({ ...columns(input), slug: input.slug, createdBy: adminId, createdAt: now, updatedAt: now }).run();
      return this.get(input.slug) as CampaignPublic;
    });
  }

  /** Replaces everything but the slug, which events carry and which therefore never changes. */
  update(slug: string, input: CampaignInput, now = Date.now()): CampaignPublic {
    if (input.slug !== slug) throw new ConflictError(`a campaign's slug cannot change (events carry it): keep ${slug}`, 'slug');
    return this.store.immediate(() => {
      const row = this.store.db.select({ updatedAt: campaigns.updatedAt }).from(campaigns).where(eq(campaigns.slug, slug)).get();
      if (row === undefined) throw new NotFoundError(`campaign ${slug}`, 'slug');
      // Strictly increasing, so the list's ETag changes even for two edits in one millisecond.
      this.store.db.update(campaigns).set({ ...columns(input), updatedAt: Math.max(now, row.updatedAt + 1) }).where(eq(campaigns.slug, slug)).run();
      return this.get(slug) as CampaignPublic;
    });
  }
}

function columns(input: CampaignInput) {
  return {
    name: input.name.trim(),
    startDate: input.startDate,
    endDate: input.endDate,
    description: input.description ?? null,
    logo: input.logo ?? null,
    regions: input.regions,
  };
}
