import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody } from '@constellation/shared';
import type { ActivityPub } from '../activitypub/index.ts';
import type { HubServices } from '../services/hub-services.ts';
import { viewerOf } from './content.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

const SourceView = Type.Object(
  {
    remoteActorId: Type.String({ description: 'the followed actor (a Mobilizon group, a Gancio instance...)' }),
    localActorId: Type.String({ description: 'the organisation of this hub its events go to' }),
    state: Type.Union([Type.Literal('pending'), Type.Literal('accepted')], { description: 'accepted once the remote answered the follow' }),
    addedBy: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
  },
  { additionalProperties: false },
);

const SourceOverview = Type.Object(
  {
    ...SourceView.properties,
    name: Type.Union([Type.String(), Type.Null()], { description: 'the remote actor’s display name, when its document gives one' }),
    handle: Type.Union([Type.String(), Type.Null()], { description: '@name@host' }),
    url: Type.String({ description: 'its page on its own server' }),
    localActorName: Type.Union([Type.String(), Type.Null()]),
    events: Type.Integer({ minimum: 0, description: 'events it brought (any state)' }),
    lastActivityAt: Type.Union([Type.String(), Type.Null()], { description: 'when it last created or changed one of them' }),
  },
  { additionalProperties: false },
);

/** The operator's allowlist of fediverse sources whose events come in (moderators and admins). */
export default async function activityPubSourceRoutes(app: FastifyInstance, options: { ap: ActivityPub; services: HubServices }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { ap, services } = options;
  const moderators = app.requireRole('moderator', 'admin');
  const tags = ['activitypub'];
  const security = [{ bearer: [] }];

  api.get('/api/v1/activitypub/sources', {
    schema: { tags, summary: 'Remote actors whose events this hub brings in', security, response: { 200: Type.Object({ items: Type.Array(SourceOverview) }, { additionalProperties: false }), ...errors } },
    preHandler: moderators,
  }, async () => ({ items: ap.inbound.overview().map(({ followActivityId: _follow, ...view }) => view) }));

  api.post('/api/v1/activitypub/sources', {
    schema: {
      tags,
      summary: 'Allow a remote actor and follow it: its events become an organisation’s, through moderation unless it is verified',
      security,
      body: Type.Object(
        {
          actor: Type.String({ minLength: 3, maxLength: 500, description: 'an actor URL, or @name@host' }),
          actorId: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', description: 'the organisation of this hub' }),
        },
        { additionalProperties: false },
      ),
      response: { 201: SourceView, ...errors },
    },
    preHandler: moderators,
  }, async (request, reply) => {
    const { followActivityId: _follow, ...view } = await ap.inbound.add(request.body.actor, request.body.actorId, viewerOf(request, services.accounts));
    return reply.status(201).send(view);
  });

  api.delete('/api/v1/activitypub/sources', {
    schema: { tags, summary: 'Stop following a source (what it brought stays)', security, querystring: Type.Object({ actor: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false }), response: { 204: Type.Null(), ...errors } },
    preHandler: moderators,
  }, async (request, reply) => {
    ap.inbound.remove(request.query.actor);
    return reply.status(204).send(null);
  });
}
