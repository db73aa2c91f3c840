import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody, Id, Membership, MembershipDecision, MembershipRequestView } from '@constellation/shared';
import type { MembershipService } from '../services/memberships.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const MembershipAnswer = Type.Object({ membership: Membership }, { additionalProperties: false });

/** Joining the members' network: an account asks, moderators (and admins) decide. */
export default async function membershipRoutes(app: FastifyInstance, options: { memberships: MembershipService }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { memberships } = options;
  const moderators = app.requireRole('moderator', 'admin');
  const tags = ['members'];
  const security = [{ bearer: [] }];

  api.post('/api/v1/me/membership', {
    schema: { tags, summary: "Ask to join the members' network (a moderator decides; asking again changes nothing)", security, response: { 200: MembershipAnswer, ...errors } },
    preHandler: app.authenticate,
  }, async (request) => ({ membership: memberships.request(request.viewer?.sub ?? '') }));

  api.get('/api/v1/moderation/memberships', {
    schema: { tags, summary: 'Membership requests that wait, oldest first', security, response: { 200: Type.Array(MembershipRequestView), ...errors } },
    preHandler: moderators,
  }, async () => memberships.pending());

  api.post('/api/v1/moderation/memberships/:userId', {
    schema: {
      tags,
      summary: 'Approve or refuse a membership request (a refusal says why); the requester is told by mail',
      security,
      params: Type.Object({ userId: Id }, { additionalProperties: false }),
      body: MembershipDecision,
      response: { 200: MembershipAnswer, ...errors },
    },
    preHandler: moderators,
  }, async (request) => ({ membership: memberships.decide(request.params.userId, request.body, request.viewer?.sub ?? '') }));
}
