import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, HomePageInput, HomePagePublic, HomePageView } from '@constellation/shared';
import type { HubServices } from '../services/hub-services.ts';
import { viewerOf } from './content.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/** The home page's arrangement: admins edit it, the portal reads what is shown today. */
export default async function homePageRoutes(app: FastifyInstance, options: { services: HubServices }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { home, accounts } = options.services;
  const admins = app.requireRole('admin');
  const security = [{ bearer: [] }];

  api.get('/api/v1/home', {
    schema: { tags: ['meta'], summary: "What the home page shows today: the banner and the featured content (published, within its dates), in the operator's order", response: { 200: HomePagePublic } },
  }, async (_request, reply) => {
    // The arrangement changes at an admin's hand and with the day: never kept stale.
    void reply.header('cache-control', 'no-cache');
    return home.public();
  });

  api.get('/api/v1/admin/home', {
    schema: { tags: ['admin'], summary: "The home page's arrangement as saved (featured content with its dates, banner)", security, response: { 200: HomePageView, ...errors } },
    preHandler: admins,
  }, async () => home.view());

  api.put('/api/v1/admin/home', {
    schema: { tags: ['admin'], summary: "Replace the home page's arrangement; each featured item must be published content of its type; audited", security, body: HomePageInput, response: { 200: HomePageView, ...errors } },
    preHandler: admins,
  }, async (request) => home.save(request.body, viewerOf(request, accounts)));
}
