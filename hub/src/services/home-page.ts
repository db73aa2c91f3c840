import { eq } from 'drizzle-orm';
import { REGION_FACTS, type FieldIssue, type HomeFeature, type HomePageInput, type HomePagePublic, type HomePageView } from '@constellation/shared';
import type { HubConfig } from '../config.ts';
import type { Store } from '../db/client.ts';
import { auditLog, content, homePage, type HomePageRow } from '../db/schema/index.ts';
import { BadRequestError } from '../errors.ts';
import type { Viewer } from './content.ts';

/** A calendar day in a time zone, "2026-12-07". */
export function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const titleOfJson = (json: string): string => {
  const data = JSON.parse(json) as { title?: unknown; name?: unknown };
  return typeof data.title === 'string' ? data.title : typeof data.name === 'string' ? data.name : '';
};

/**
 * The home page the operator arranges: featured content in order, each within its days,
 * and a banner. Until an admin saves one, the home page features nothing.
 */
export class HomePageService {
  constructor(
    private readonly store: Store,
    private readonly config: HubConfig,
  ) {}

  view(): HomePageView {
    const row = this.row();
    if (row === undefined) return { features: [], updatedAt: null };
    return {
      ...(row.banner === null ? {} : { banner: row.banner }),
      ...(row.bannerUrl === null ? {} : { bannerUrl: row.bannerUrl }),
      features: row.features,
      updatedAt: row.updatedAt,
    };
  }

  /** What the home page shows on a day (the region's, today by default): published items within their dates, in order. */
  public(at = new Date()): HomePagePublic {
    const view = this.view();
    const today = dayIn(REGION_FACTS[this.config.region].timeZone, at);
    const features: HomePagePublic['features'] = [];
    for (const feature of view.features) {
      if ((feature.start !== undefined && today < feature.start) || (feature.end !== undefined && today > feature.end)) continue;
      const json = this.publicJson(feature);
      if (json !== undefined) features.push({ type: feature.type, item: JSON.parse(json) as Record<string, unknown> });
    }
    return {
      ...(view.banner === undefined ? {} : { banner: view.banner }),
      ...(view.bannerUrl === undefined ? {} : { bannerUrl: view.bannerUrl }),
      features,
    };
  }

  /**
   * Replaces the arrangement. Every item must be this hub's published content of its type,
   * featured once, with an end on or after its start; each refusal names its field
   * ("features.2.end") so the form can put it next to the input.
   */
  save(input: HomePageInput, admin: Viewer): HomePageView {
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    input.features.forEach((feature, index) => {
      const key = `${feature.type}:${feature.id}`;
      if (seen.has(key)) issues.push({ field: `features.${index}.id`, message: 'is already featured above' });
      seen.add(key);
      if (this.publicJson(feature) === undefined) issues.push({ field: `features.${index}.id`, message: `is not a published ${feature.type} of this hub` });
      if (feature.start !== undefined && feature.end !== undefined && feature.end < feature.start) issues.push({ field: `features.${index}.end`, message: `must be on or after the first day (${feature.start})` });
    });
    const [first] = issues;
    if (first !== undefined) throw new BadRequestError(`${first.field} ${first.message}`, first.field, issues);
    const before = this.view();
    const now = new Date().toISOString();
    const row: HomePageRow = { id: 1, banner: input.banner ?? null, bannerUrl: input.bannerUrl ?? null, features: input.features, updatedAt: now, updatedBy: admin.id };
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    if ((before.banner ?? null) !== row.banner) changed.banner = { from: before.banner ?? null, to: row.banner };
    if ((before.bannerUrl ?? null) !== row.bannerUrl) changed.bannerUrl = { from: before.bannerUrl ?? null, to: row.bannerUrl };
    // The audit log names the featured items by title, in order, as an operator reads them.
    const titles = (features: readonly HomeFeature[]) => features.map((feature) => this.titleOf(feature)).join(' ; ');
    if (JSON.stringify(before.features) !== JSON.stringify(row.features)) changed.features = { from: titles(before.features) || null, to: titles(row.features) || null };
    this.store.immediate((tx) => {
      tx.insert(homePage).values(row).onConflictDoUpdate({ target: homePage.id, set: row }).run();
      tx.insert(auditLog).values({ at: now, userId: admin.id, action: 'update-home', targetType: 'hub', targetId: this.config.hubId, details: { changed } }).run();
    });
    return this.view();
  }

  private row(): HomePageRow | undefined {
    return this.store.db.select().from(homePage).where(eq(homePage.id, 1)).get();
  }

  private publicJson(feature: HomeFeature): string | undefined {
    const row = this.store.db.select({ publicJson: content.publicJson, type: content.type }).from(content).where(eq(content.id, feature.id)).get();
    return row?.type === feature.type ? (row.publicJson ?? undefined) : undefined;
  }

  private titleOf(feature: HomeFeature): string {
    const json = this.publicJson(feature);
    const title = json === undefined ? '' : titleOfJson(json);
    return title === '' ? feature.id : title;
  }
}
