import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { AccountView, ErrorBody, HubSettingsInput, HubSettingsView, Page, roles, vocabularySchema } from '@constellation/shared';
import type { HubServices } from '../services/hub-services.ts';
import { viewerOf } from './content.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The operator's console: the hub's settings and its accounts (admins only). */
export default async function adminRoutes(app: FastifyInstance, options: { services: HubServices }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { settings, accounts } = options.services;
  const admins = app.requireRole('admin');
  const tags = ['admin'];
  const security = [{ bearer: [] }];

  api.get('/api/v1/admin/settings', {
    schema: { tags, summary: "The hub's settings in effect, and the configured defaults", security, response: { 200: HubSettingsView, ...errors } },
    preHandler: admins,
  }, async () => settings.view());

  api.put('/api/v1/admin/settings', {
    schema: {
      tags,
      summary: "Replace the hub's settings (name, tagline, map style, aggregators, sign-up role, branding, partners); audited",
      security,
      body: HubSettingsInput,
      response: { 200: HubSettingsView, ...errors },
    },
    preHandler: admins,
  }, async (request) => settings.update(request.body, viewerOf(request, accounts)));

  api.get('/api/v1/admin/users', {
    schema: {
      tags,
      summary: 'Accounts, newest first',
      security,
      querystring: Type.Object(
        {
          q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'part of an email or a display name' })),
          role: Type.Optional(vocabularySchema(roles)),
          limit: Type.Optional(Type.Integer({ minimum: 1 })),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Page(AccountView), ...errors },
    },
    preHandler: admins,
  }, async (request) => accounts.list(request.query));
}
