import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { disciplines, ErrorBody, Id, MemberProfileInput, MemberProfileView, OwnProfileView, Page, vocabularySchema } from '@constellation/shared';
import type { MemberService } from '../services/members.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/**
 * The members' network: a profile per account, and a directory that only logged-in members can read.
 * Contact details in it follow each owner's `contactVisibility` (MemberService.present).
 */
export default async function memberRoutes(app: FastifyInstance, options: { members: MemberService }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { members } = options;
  const tags = ['members'];
  const security = [{ bearer: [] }];

  api.put('/api/v1/me/profile', {
    schema: { tags, summary: 'Create or replace my member profile', security, body: MemberProfileInput, response: { 200: OwnProfileView, ...errors } },
    preHandler: app.authenticate,
  }, async (request) => members.save(request.viewer?.sub ?? '', request.body));

  api.get('/api/v1/me/profile', {
    schema: { tags, summary: 'My member profile, listed or not (404 until I save one)', security, response: { 200: OwnProfileView, ...errors } },
    preHandler: app.authenticate,
  }, async (request) => members.own(request.viewer?.sub ?? ''));

  api.get('/api/v1/members', {
    schema: {
      tags,
      summary: 'The members directory (logged-in members only)',
      security,
      querystring: Type.Object(
        {
          q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'in names, headlines and skills' })),
          discipline: Type.Optional(vocabularySchema(disciplines)),
          limit: Type.Optional(Type.Integer({ minimum: 1 })),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Page(MemberProfileView), ...errors },
    },
    preHandler: app.authenticate,
  }, async (request) => members.directory(request.query, request.viewer?.sub ?? ''));

  api.get('/api/v1/members/:userId', {
    schema: { tags, summary: "A member's profile (logged-in members only)", security, params: Type.Object({ userId: Id }, { additionalProperties: false }), response: { 200: MemberProfileView, ...errors } },
    preHandler: app.authenticate,
  }, async (request) => members.get(request.params.userId, request.viewer?.sub ?? ''));
}
