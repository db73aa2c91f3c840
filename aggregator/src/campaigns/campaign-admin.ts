import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { Campaign, CampaignInput, CampaignPublic, ErrorBody } from '@constellation/shared';
import type { AggregatorServices } from '../services.ts';
import { CampaignEditor } from './campaign-store.ts';

const security = [{ bearer: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/**
 * National admins define campaigns. Registered inside the admin routes, after the auth
 * plugin, so `requireAdmin` guards them like the hub registry.
 */
export async function registerCampaignAdmin(app: FastifyInstance, services: AggregatorServices): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const campaigns = new CampaignEditor(services.engine.admin.campaigns, services.config.publicUrl);

  api.get('/api/v1/admin/campaigns', {
    schema: { tags: ['admin'], summary: 'Every campaign, newest first', security, response: { 200: Type.Object({ items: Type.Array(CampaignPublic) }, { additionalProperties: false }), 401: ErrorBody } },
    preValidation: app.requireAdmin,
  }, async () => ({ items: await campaigns.list() }));

  api.post('/api/v1/admin/campaigns', {
    schema: { tags: ['admin'], summary: 'Create a national campaign: hubs of its regions learn of it from the signed campaign list', security, body: CampaignInput, response: { 201: CampaignPublic, ...errors } },
    preValidation: app.requireAdmin,
  }, async (request, reply) => reply.status(201).send(await campaigns.create(request.body, request.admin?.id ?? '')));

  api.put('/api/v1/admin/campaigns/:slug', {
    schema: { tags: ['admin'], summary: 'Replace a campaign (its slug stays)', security, params: Type.Object({ slug: Campaign }, { additionalProperties: false }), body: CampaignInput, response: { 200: CampaignPublic, ...errors } },
    preValidation: app.requireAdmin,
  }, async (request) => campaigns.update(request.params.slug, request.body));
}
