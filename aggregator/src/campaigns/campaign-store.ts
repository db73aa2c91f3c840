import { desc, eq } from 'drizzle-orm';
import { CAMPAIGNS_MAX, type CampaignInput, type CampaignPublic, type Image, type RegionCode } from '@constellation/shared';
import type { CampaignRows } from '../db/admin-rows.ts';
import type { NationalStore } from '../db/client.ts';
import { campaigns, type CampaignRow } from '../db/schema/index.ts';
import { ConflictError, NotFoundError } from '../http-errors.ts';

/** A campaign row as the API shows it. */
export function campaignView(row: CampaignRow, publicUrl: string): CampaignPublic {
  return {
    slug: row.slug,
    name: row.name,
    startDate: row.startDate,
    endDate: row.endDate,
    ...(row.description === null ? {} : { description: row.description }),
    ...(row.logo === null ? {} : { logo: row.logo as Image }),
    regions: row.regions as RegionCode[],
    url: `${publicUrl.replace(/\/$/, '')}/campagnes/${row.slug}`,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/**
 * The national campaigns as the public routes read them (the signed list, the pages),
 * synchronously from the SQLite store this process reads: the national file, or on
 * PostgreSQL the API process's local read model (one step behind, like every public read).
 * National admins edit them through CampaignEditor, on the engine's primary.
 */
export class CampaignStore {
  constructor(
    private readonly store: NationalStore,
    private readonly publicUrl: string,
  ) {}

  /** Newest start first. */
  list(): CampaignPublic[] {
    return this.store.db.select().from(campaigns).orderBy(desc(campaigns.startDate), campaigns.slug).all().map((row) => campaignView(row, this.publicUrl));
  }

  get(slug: string): CampaignPublic | undefined {
    const row = this.store.db.select().from(campaigns).where(eq(campaigns.slug, slug)).get();
    return row === undefined ? undefined : campaignView(row, this.publicUrl);
  }

  /** The latest change to any campaign (epoch ms), for the list's ETag. */
  lastChange(): number {
    const row = this.store.db.select({ updatedAt: campaigns.updatedAt }).from(campaigns).orderBy(desc(campaigns.updatedAt)).limit(1).get();
    return row?.updatedAt ?? 0;
  }
}

/** National admins' edits, through the engine (SQLite or PostgreSQL), answered from what was written. */
export class CampaignEditor {
  constructor(
    private readonly rows: CampaignRows,
    private readonly publicUrl: string,
  ) {}

  async list(): Promise<CampaignPublic[]> {
    return (await this.rows.list()).map((row) => campaignView(row, this.publicUrl));
  }

  async create(input: CampaignInput, adminId: string, now = Date.now()): Promise<CampaignPublic> {
    const row: CampaignRow = { ...columns(input), slug: input.slug, createdBy: adminId, createdAt: now, updatedAt: now };
    const outcome = await this.rows.insert(row, CAMPAIGNS_MAX);
    if (outcome === 'taken') throw new ConflictError(`a campaign named ${input.slug} exists already`, 'slug');
    if (outcome === 'full') throw new ConflictError(`the list holds ${CAMPAIGNS_MAX} campaigns at most`, 'slug');
    return campaignView(row, this.publicUrl);
  }

  /** Replaces everything but the slug, which events carry and which therefore never changes. */
  async update(slug: string, input: CampaignInput, now = Date.now()): Promise<CampaignPublic> {
    if (input.slug !== slug) throw new ConflictError(`a campaign's slug cannot change (events carry it): keep ${slug}`, 'slug');
    const row = await this.rows.update(slug, columns(input), now);
    if (row === undefined) throw new NotFoundError(`campaign ${slug}`, 'slug');
    return campaignView(row, this.publicUrl);
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
