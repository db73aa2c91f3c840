import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody } from '@constellation/shared';
import type { ActivityPub } from '../activitypub/index.ts';
import type { HubServices } from '../services/hub-services.ts';
import { ForbiddenError } from '../errors.ts';
import { contributorOf, viewerOf } from './content.ts';

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

const ServerView = Type.Object(
  {
    host: Type.String({ description: 'a server name (its subdomains too), or host:port' }),
    addedBy: Type.String(),
    createdAt: Type.String(),
  },
  { additionalProperties: false },
);

const BlockedDomainView = Type.Object(
  {
    domain: Type.String({ description: 'blocked with its subdomains' }),
    source: Type.Union([Type.Literal('config'), Type.Literal('operator')], { description: 'config: set in HUB_BLOCKED_DOMAINS, changed there only' }),
    addedBy: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

const Id = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });
const OrganisationParams = Type.Object({ id: Id }, { additionalProperties: false });

/**
 * The operator's allowlist of fediverse sources whose events come in (moderators and
 * admins), the servers on which verified organisations may follow sources by themselves,
 * and those organisations' own sources (their members, or the operator).
 */
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
          actorId: Type.String({ ...Id, description: 'the organisation of this hub' }),
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

  api.get('/api/v1/activitypub/servers', {
    schema: { tags, summary: 'Servers on which verified organisations may follow sources by themselves', security, response: { 200: Type.Object({ items: Type.Array(ServerView) }, { additionalProperties: false }), ...errors } },
    preHandler: moderators,
  }, async () => ({ items: ap.inbound.servers() }));

  api.post('/api/v1/activitypub/servers', {
    schema: {
      tags,
      summary: 'Allow verified organisations to follow sources on a server',
      security,
      body: Type.Object({ host: Type.String({ minLength: 1, maxLength: 260, description: 'mobilizon.example (its subdomains too), or host:port' }) }, { additionalProperties: false }),
      response: { 201: ServerView, ...errors },
    },
    preHandler: moderators,
  }, async (request, reply) => reply.status(201).send(ap.inbound.allowServer(request.body.host, viewerOf(request, services.accounts))));

  api.delete('/api/v1/activitypub/servers', {
    schema: { tags, summary: 'Stop allowing a server (sources already followed stay)', security, querystring: Type.Object({ host: Type.String({ minLength: 1, maxLength: 260 }) }, { additionalProperties: false }), response: { 204: Type.Null(), ...errors } },
    preHandler: moderators,
  }, async (request, reply) => {
    ap.inbound.disallowServer(request.query.host);
    return reply.status(204).send(null);
  });

  /** A member of the organisation, or an operator. */
  const organisationViewer = (request: Parameters<typeof viewerOf>[0], id: string, write: boolean) => {
    const viewer = write ? contributorOf(request, services.accounts) : viewerOf(request, services.accounts);
    if (viewer.role !== 'moderator' && viewer.role !== 'admin' && !viewer.actorIds.includes(id)) throw new ForbiddenError('only the organisation’s members and the site’s team manage its sources');
    return viewer;
  };

  api.get('/api/v1/actors/:id/activitypub/sources', {
    schema: {
      tags,
      summary: 'An organisation’s fediverse sources, whether it may follow more itself, and on which servers',
      security,
      params: OrganisationParams,
      response: {
        200: Type.Object(
          {
            verified: Type.Boolean({ description: 'only a verified organisation follows sources itself' }),
            servers: Type.Array(Type.String(), { description: 'the servers it may follow sources on' }),
            items: Type.Array(SourceOverview),
          },
          { additionalProperties: false },
        ),
        ...errors,
      },
    },
    preHandler: app.authenticate,
  }, async (request) => {
    organisationViewer(request, request.params.id, false);
    return {
      verified: ap.inbound.isVerified(request.params.id),
      servers: ap.inbound.servers().map((server) => server.host),
      items: ap.inbound
        .overview()
        .filter((source) => source.localActorId === request.params.id)
        .map(({ followActivityId: _follow, ...view }) => view),
    };
  });

  api.post('/api/v1/actors/:id/activitypub/sources', {
    schema: {
      tags,
      summary: 'A verified organisation follows a source on an allowed server: its events become the organisation’s, published directly',
      security,
      params: OrganisationParams,
      body: Type.Object({ actor: Type.String({ minLength: 3, maxLength: 500, description: 'an actor URL, or @name@host' }) }, { additionalProperties: false }),
      response: { 201: SourceView, ...errors },
    },
    preHandler: app.authenticate,
  }, async (request, reply) => {
    const viewer = organisationViewer(request, request.params.id, true);
    const { followActivityId: _follow, ...view } = await ap.inbound.addForOrganisation(request.body.actor, request.params.id, viewer);
    return reply.status(201).send(view);
  });

  api.delete('/api/v1/actors/:id/activitypub/sources', {
    schema: { tags, summary: 'Stop following one of the organisation’s sources (what it brought stays)', security, params: OrganisationParams, querystring: Type.Object({ actor: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false }), response: { 204: Type.Null(), ...errors } },
    preHandler: app.authenticate,
  }, async (request, reply) => {
    organisationViewer(request, request.params.id, true);
    ap.inbound.remove(request.query.actor, request.params.id);
    return reply.status(204).send(null);
  });

  api.get('/api/v1/activitypub/blocked-domains', {
    schema: { tags, summary: 'Domains this hub neither fetches from, delivers to nor accepts anything from', security, response: { 200: Type.Object({ items: Type.Array(BlockedDomainView) }, { additionalProperties: false }), ...errors } },
    preHandler: moderators,
  }, async () => ({ items: ap.blocked.list() }));

  api.post('/api/v1/activitypub/blocked-domains', {
    schema: {
      tags,
      summary: 'Block a domain and its subdomains (its followers are forgotten)',
      security,
      body: Type.Object({ domain: Type.String({ minLength: 1, maxLength: 260, description: 'spam.example' }) }, { additionalProperties: false }),
      response: { 201: BlockedDomainView, ...errors },
    },
    preHandler: moderators,
  }, async (request, reply) => reply.status(201).send(ap.blocked.block(request.body.domain, viewerOf(request, services.accounts))));

  api.delete('/api/v1/activitypub/blocked-domains', {
    schema: { tags, summary: 'Unblock a domain the operator blocked (not one of the configuration)', security, querystring: Type.Object({ domain: Type.String({ minLength: 1, maxLength: 260 }) }, { additionalProperties: false }), response: { 204: Type.Null(), ...errors } },
    preHandler: moderators,
  }, async (request, reply) => {
    ap.blocked.unblock(request.query.domain);
    return reply.status(204).send(null);
  });
}
