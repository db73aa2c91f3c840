import { and, eq } from 'drizzle-orm';
import { defaultSitePage, regions, type SitePageInput, type SitePageSlug, type SitePageView } from '@constellation/shared';
import type { HubConfig } from '../config.ts';
import type { Store } from '../db/client.ts';
import { auditLog, sitePages } from '../db/schema/index.ts';
import type { Viewer } from './content.ts';
import type { SettingsService } from './settings.ts';

type Lang = 'fr' | 'en';

/**
 * The operator's pages (about, legal notice, privacy, accessibility) per language. A page
 * nobody wrote yet is the default text, filled from the hub's current settings.
 */
export class SitePagesService {
  constructor(
    private readonly store: Store,
    private readonly config: HubConfig,
    private readonly settings: SettingsService,
  ) {}

  get(slug: SitePageSlug, lang: Lang): SitePageView {
    const row = this.store.db.select().from(sitePages).where(and(eq(sitePages.slug, slug), eq(sitePages.lang, lang))).get();
    if (row !== undefined) return { slug, lang, title: row.title, body: row.body, edited: true, updatedAt: row.updatedAt };
    const site = { name: this.settings.current().name, baseUrl: this.config.baseUrl, regionName: regions.label(this.config.region, lang) };
    return { slug, lang, ...defaultSitePage(slug, lang, site), edited: false, updatedAt: null };
  }

  /** Saves the operator's text; the change and its audit record commit together. */
  save(slug: SitePageSlug, lang: Lang, input: SitePageInput, admin: Viewer): SitePageView {
    const updatedAt = new Date().toISOString();
    this.store.immediate((tx) => {
      tx.insert(sitePages)
        .values({ slug, lang, title: input.title, body: input.body, updatedAt, updatedBy: admin.id })
        .onConflictDoUpdate({ target: [sitePages.slug, sitePages.lang], set: { title: input.title, body: input.body, updatedAt, updatedBy: admin.id } })
        .run();
      tx.insert(auditLog).values({ at: updatedAt, userId: admin.id, action: 'update-page', targetType: 'page', targetId: `${slug}/${lang}`, details: null }).run();
    });
    return this.get(slug, lang);
  }

  /** Back to the default text. */
  reset(slug: SitePageSlug, lang: Lang, admin: Viewer): SitePageView {
    this.store.immediate((tx) => {
      tx.delete(sitePages).where(and(eq(sitePages.slug, slug), eq(sitePages.lang, lang))).run();
      tx.insert(auditLog).values({ at: new Date().toISOString(), userId: admin.id, action: 'reset-page', targetType: 'page', targetId: `${slug}/${lang}`, details: null }).run();
    });
    return this.get(slug, lang);
  }
}
