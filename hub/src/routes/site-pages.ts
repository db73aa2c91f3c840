import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody, SitePageInput, SitePageView, sitePageSlugs, vocabularySchema } from '@constellation/shared';
import type { HubServices } from '../services/hub-services.ts';
import { viewerOf } from './content.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const Lang = Type.Union([Type.Literal('fr'), Type.Literal('en')]);
const slug = vocabularySchema(sitePageSlugs, 'about, legal (legal notice), privacy or accessibility (RGAA statement)');

/** The pages every site must have: public to read, written by the operator per language. */
export default async function sitePageRoutes(app: FastifyInstance, options: { services: HubServices }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { pages, accounts } = options.services;
  const admins = app.requireRole('admin');
  const security = [{ bearer: [] }];

  api.get('/api/v1/pages/:slug', {
    schema: {
      tags: ['pages'],
      summary: "A site page in one language (the hub's default text until the operator writes it)",
      params: Type.Object({ slug }, { additionalProperties: false }),
      querystring: Type.Object({ lang: Type.Optional(Lang) }, { additionalProperties: false }),
      response: { 200: SitePageView, ...errors },
    },
  }, async (request) => pages.get(request.params.slug, request.query.lang ?? 'fr'));

  api.put('/api/v1/admin/pages/:slug/:lang', {
    schema: {
      tags: ['admin'],
      summary: 'Write a site page in one language (Markdown, shown sanitised); audited',
      security,
      params: Type.Object({ slug, lang: Lang }, { additionalProperties: false }),
      body: SitePageInput,
      response: { 200: SitePageView, ...errors },
    },
    preHandler: admins,
  }, async (request) => pages.save(request.params.slug, request.params.lang, request.body, viewerOf(request, accounts)));

  api.delete('/api/v1/admin/pages/:slug/:lang', {
    schema: {
      tags: ['admin'],
      summary: "Put a site page back to the hub's default text; audited",
      security,
      params: Type.Object({ slug, lang: Lang }, { additionalProperties: false }),
      response: { 200: SitePageView, ...errors },
    },
    preHandler: admins,
  }, async (request) => pages.reset(request.params.slug, request.params.lang, viewerOf(request, accounts)));
}
