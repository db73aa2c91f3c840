import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { defaultSitePage, ErrorBody, sitePageSlugs, SitePageView, vocabularySchema, type SitePageSlug } from '@constellation/shared';
import type { AggregatorServices } from '../services.ts';

const Lang = Type.Union([Type.Literal('fr'), Type.Literal('en')]);
const slug = vocabularySchema(sitePageSlugs, 'about, legal (legal notice), privacy or accessibility (RGAA statement)');
/** The national site's name in the default texts (the web app calls it so too). */
const SITE_NAME = 'Constellation';

/**
 * The national site's about, legal notice, privacy and accessibility pages, linked from
 * the footer of every national page. The operator writes them as Markdown files in
 * `pagesDir` (`about.fr.md`, ...: a first `# Title` line, then the text; the web app shows
 * it sanitised); a missing file is the shared default text, which says what to fill in.
 */
export default async function sitePageRoutes(app: FastifyInstance, options: { services: AggregatorServices }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = options.services;

  async function read(page: SitePageSlug, lang: 'fr' | 'en'): Promise<SitePageView> {
    if (config.pagesDir !== undefined) {
      const file = join(config.pagesDir, `${page}.${lang}.md`);
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text !== undefined) {
        const [first = '', ...rest] = text.replace(/^\uFEFF/, '').split('\n');
        const heading = /^#\s+(.+)$/.exec(first.trim());
        const fallback = defaultSitePage(page, lang, { name: SITE_NAME, baseUrl: config.publicUrl }).title;
        const body = (heading === null ? [first, ...rest] : rest).join('\n').trim().slice(0, 50_000);
        return { slug: page, lang, title: heading?.[1]?.slice(0, 200) ?? fallback, body, edited: true, updatedAt: (await stat(file)).mtime.toISOString() };
      }
    }
    return { slug: page, lang, ...defaultSitePage(page, lang, { name: SITE_NAME, baseUrl: config.publicUrl }), edited: false, updatedAt: null };
  }

  api.get('/api/v1/pages/:slug', {
    schema: {
      tags: ['pages'],
      summary: "A page of the national site in one language (the operator's Markdown file, or the default text that says what to fill in)",
      params: Type.Object({ slug }, { additionalProperties: false }),
      querystring: Type.Object({ lang: Type.Optional(Lang) }, { additionalProperties: false }),
      response: { 200: SitePageView, 400: ErrorBody },
    },
  }, async (request) => read(request.params.slug, request.query.lang ?? 'fr'));
}
