import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { and, count, desc, eq, lt } from 'drizzle-orm';
import { ErrorBody, type ArticlePublic, type EventPublic } from '@constellation/shared';
import { apActivities, apFollowers, apObjects, content } from '../db/schema/index.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import type { ActivityPub } from '../activitypub/index.ts';
import { articleObject, eventObject, OBJECT_CONTEXT } from '../activitypub/event-object.ts';
import type { LocalActor } from '../activitypub/local-actors.ts';
import { ACTIVITY_JSON, activityUri, objectUri } from '../activitypub/uris.ts';

/** Largest activity an inbox takes; Mastodon's own limit is about 1 MB, events are far smaller. */
export const INBOX_BODY_LIMIT = 256 * 1024;
/** Per client address; a busy instance's shared inbox stays well under it. */
export const INBOX_RATE = { max: 300, timeWindow: '1 minute' } as const;
const PAGE_SIZE = 20;

const AnyDocument = Type.Object({}, { additionalProperties: true, description: 'An ActivityStreams 2.0 document (JSON-LD)' });
const Accepted = Type.Object({ status: Type.Literal('accepted') }, { additionalProperties: false });
const Slug = Type.String({ minLength: 1, maxLength: 200, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });
const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });
const PageQuery = Type.Object(
  { page: Type.Optional(Type.Union([Type.Literal('true'), Type.String({ pattern: '^[1-9][0-9]{0,5}$' })])), max_id: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,15}$' })) },
  { additionalProperties: false },
);

function sendActivityJson(reply: FastifyReply, document: unknown): FastifyReply {
  return reply.type(`${ACTIVITY_JSON}; charset=utf-8`).header('vary', 'accept').send(document);
}

/**
 * ActivityPub as a hub serves it: WebFinger and NodeInfo, the actors (the hub and each
 * published organisation), their inboxes (signed, rate-limited, size-capped), outboxes
 * and followers (paged), and the objects and activities they refer to.
 */
export default async function activityPubRoutes(app: FastifyInstance, options: { ap: ActivityPub; version: string }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { ap } = options;
  const site = ap.site;
  const tags = ['activitypub'];

  // Inboxes verify the Digest over the exact bytes: keep them (in this plugin's scope only).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', 'application/activity+json', 'application/ld+json'], { parseAs: 'buffer', bodyLimit: INBOX_BODY_LIMIT }, (_request, body, done) => done(null, body));

  api.get('/.well-known/webfinger', {
    schema: { tags, summary: 'WebFinger: @name@host to an ActivityPub actor', querystring: Type.Object({ resource: Type.String({ minLength: 1, maxLength: 500 }), rel: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])) }, { additionalProperties: false }), response: { 200: AnyDocument, 400: ErrorBody, 404: ErrorBody } },
  }, async (request, reply) => {
    const resource = request.query.resource;
    let actor: LocalActor | undefined;
    const acct = /^acct:([^@\s]+)@([^@\s]+)$/i.exec(resource);
    if (acct !== null) {
      if ((acct[2] ?? '').toLowerCase() !== site.domain.toLowerCase()) throw new NotFoundError(`account ${resource} (not on ${site.domain})`, 'resource');
      actor = ap.actors.byUsername((acct[1] ?? '').toLowerCase());
    } else if (/^https?:\/\//.test(resource)) actor = ap.actors.byUri(resource);
    else throw new BadRequestError('resource must be acct:name@host or an actor URL', 'resource');
    if (actor === undefined) throw new NotFoundError(`account ${resource}`, 'resource');
    void reply.type('application/jrd+json; charset=utf-8').header('access-control-allow-origin', '*');
    return reply.send({
      subject: `acct:${actor.username}@${site.domain}`,
      aliases: [actor.uri, actor.url],
      links: [
        { rel: 'self', type: ACTIVITY_JSON, href: actor.uri },
        { rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: actor.url },
      ],
    });
  });

  api.get('/.well-known/nodeinfo', { schema: { tags, summary: 'NodeInfo discovery', response: { 200: AnyDocument } } }, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send({ links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.1', href: `${site.baseUrl}/nodeinfo/2.1` }] }),
  );

  api.get('/nodeinfo/2.1', { schema: { tags, summary: 'NodeInfo 2.1', response: { 200: AnyDocument } } }, async (_request, reply) => {
    const actors = app.store.db.select({ n: count() }).from(content).where(and(eq(content.type, 'actor'), eq(content.status, 'published'))).get()?.n ?? 0;
    const posts = app.store.db.select({ n: count() }).from(apObjects).where(eq(apObjects.deleted, false)).get()?.n ?? 0;
    return reply.type('application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.1#"; charset=utf-8').send({
      version: '2.1',
      software: { name: 'constellation', version: options.version, repository: 'https://github.com/constellation' },
      protocols: ['activitypub'],
      services: { inbound: [], outbound: [] },
      openRegistrations: false,
      usage: { users: { total: actors + 1 }, localPosts: posts },
      metadata: { nodeName: site.hubName },
    });
  });

  const actorOf = (slug: string | undefined): LocalActor => {
    const actor = slug === undefined ? ap.actors.hub() : ap.actors.byUsername(slug);
    if (actor === undefined || (slug !== undefined && actor.key === 'hub')) throw new NotFoundError('actor', 'slug');
    return actor;
  };

  for (const [prefix, params] of [['/ap/hub', undefined], ['/ap/actors/:slug', Type.Object({ slug: Slug }, { additionalProperties: false })]] as const) {
    const slugOf = (request: { params: unknown }) => (params === undefined ? undefined : (request.params as { slug: string }).slug);

    api.get(prefix, { schema: { tags, summary: 'An actor document (the hub, or an organisation)', ...(params === undefined ? {} : { params }), response: { 200: AnyDocument, 404: ErrorBody } } }, async (request, reply) => {
      const actor = actorOf(slugOf(request));
      const keys = await ap.keys.get(actor.key);
      return sendActivityJson(reply, ap.actors.document(actor, keys.publicKeyPem));
    });

    api.post(`${prefix}/inbox`, {
      config: { rateLimit: INBOX_RATE },
      bodyLimit: INBOX_BODY_LIMIT,
      schema: { tags, summary: "An actor's inbox: signed activities only", ...(params === undefined ? {} : { params }), response: { 202: Accepted, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody, 429: ErrorBody } },
    }, async (request, reply) => {
      const actor = actorOf(slugOf(request));
      await ap.inbox.receive(request.raw, bodyOf(request.body), actor);
      return reply.status(202).send({ status: 'accepted' as const });
    });

    api.get(`${prefix}/outbox`, { schema: { tags, summary: "An actor's public activities, newest first, paged", ...(params === undefined ? {} : { params }), querystring: PageQuery, response: { 200: AnyDocument, 400: ErrorBody, 404: ErrorBody } } }, async (request, reply) => {
      const actor = actorOf(slugOf(request));
      const outbox = `${actor.uri}/outbox`;
      const own = and(eq(apActivities.actorKey, actor.key), eq(apActivities.public, true));
      if (request.query.page === undefined && request.query.max_id === undefined) {
        const total = app.store.db.select({ n: count() }).from(apActivities).where(own).get()?.n ?? 0;
        return sendActivityJson(reply, { '@context': 'https://www.w3.org/ns/activitystreams', id: outbox, type: 'OrderedCollection', totalItems: total, first: `${outbox}?page=true` });
      }
      const max = request.query.max_id === undefined ? undefined : Number(request.query.max_id);
      const rows = app.store.db.select({ seq: apActivities.seq, json: apActivities.json }).from(apActivities).where(max === undefined ? own : and(own, lt(apActivities.seq, max))).orderBy(desc(apActivities.seq)).limit(PAGE_SIZE + 1).all();
      const items = rows.slice(0, PAGE_SIZE).map((row) => withoutContext(JSON.parse(row.json) as Record<string, unknown>));
      const last = rows[PAGE_SIZE - 1];
      const self = max === undefined ? `${outbox}?page=true` : `${outbox}?page=true&max_id=${max}`;
      return sendActivityJson(reply, {
        '@context': OBJECT_CONTEXT,
        id: self,
        type: 'OrderedCollectionPage',
        partOf: outbox,
        orderedItems: items,
        ...(rows.length > PAGE_SIZE && last !== undefined ? { next: `${outbox}?page=true&max_id=${last.seq}` } : {}),
      });
    });

    api.get(`${prefix}/followers`, { schema: { tags, summary: "An actor's followers, paged", ...(params === undefined ? {} : { params }), querystring: PageQuery, response: { 200: AnyDocument, 400: ErrorBody, 404: ErrorBody } } }, async (request, reply) => {
      const actor = actorOf(slugOf(request));
      const followers = `${actor.uri}/followers`;
      const total = app.store.db.select({ n: count() }).from(apFollowers).where(eq(apFollowers.actorKey, actor.key)).get()?.n ?? 0;
      const page = request.query.page === undefined ? undefined : request.query.page === 'true' ? 1 : Number(request.query.page);
      if (page === undefined) return sendActivityJson(reply, { '@context': 'https://www.w3.org/ns/activitystreams', id: followers, type: 'OrderedCollection', totalItems: total, first: `${followers}?page=1` });
      const rows = app.store.db.select({ id: apFollowers.followerId }).from(apFollowers).where(eq(apFollowers.actorKey, actor.key)).orderBy(apFollowers.createdAt, apFollowers.followerId).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).all();
      return sendActivityJson(reply, {
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: `${followers}?page=${page}`,
        type: 'OrderedCollectionPage',
        partOf: followers,
        totalItems: total,
        orderedItems: rows.map((row) => row.id),
        ...(page * PAGE_SIZE < total ? { next: `${followers}?page=${page + 1}` } : {}),
        ...(page > 1 ? { prev: `${followers}?page=${page - 1}` } : {}),
      });
    });
  }

  api.post('/ap/inbox', {
    config: { rateLimit: INBOX_RATE },
    bodyLimit: INBOX_BODY_LIMIT,
    schema: { tags, summary: 'The shared inbox: signed activities only', response: { 202: Accepted, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody, 429: ErrorBody } },
  }, async (request, reply) => {
    await ap.inbox.receive(request.raw, bodyOf(request.body), undefined);
    return reply.status(202).send({ status: 'accepted' as const });
  });

  api.get('/ap/objects/:type/:id', {
    schema: { tags, summary: 'An event or article as an ActivityPub object (410 with a Tombstone once deleted)', params: Type.Object({ type: Type.Union([Type.Literal('event'), Type.Literal('article')]), id: Uuid }, { additionalProperties: false }), response: { 200: AnyDocument, 404: ErrorBody, 410: AnyDocument } },
  }, async (request, reply) => {
    const { type, id } = request.params;
    const row = app.store.db.select({ publicJson: content.publicJson, actorId: content.actorId }).from(content).where(and(eq(content.id, id), eq(content.type, type))).get();
    if (row !== undefined && row.publicJson !== null) {
      const organiser = row.actorId === null ? undefined : ap.actors.byKey(row.actorId);
      const by = (organiser ?? ap.actors.hub()).uri;
      const shape = JSON.parse(row.publicJson) as EventPublic | ArticlePublic;
      const object = type === 'event' ? eventObject(shape as EventPublic, site, by) : articleObject(shape as ArticlePublic, site, by);
      return sendActivityJson(reply, { '@context': OBJECT_CONTEXT, ...object });
    }
    const known = app.store.db.select({ deleted: apObjects.deleted }).from(apObjects).where(eq(apObjects.contentId, id)).get();
    if (known !== undefined) return sendActivityJson(reply.status(410), { '@context': 'https://www.w3.org/ns/activitystreams', id: objectUri(site, type, id), type: 'Tombstone', formerType: type === 'event' ? 'Event' : 'Article' });
    throw new NotFoundError(type, 'id');
  });

  api.get('/ap/activities/:id', {
    schema: { tags, summary: 'A public activity an actor of this hub sent', params: Type.Object({ id: Uuid }, { additionalProperties: false }), response: { 200: AnyDocument, 404: ErrorBody } },
  }, async (request, reply) => {
    const row = app.store.db.select({ json: apActivities.json }).from(apActivities).where(and(eq(apActivities.activityId, activityUri(site, request.params.id)), eq(apActivities.public, true))).get();
    if (row === undefined) throw new NotFoundError('activity', 'id');
    return sendActivityJson(reply, JSON.parse(row.json));
  });
}

function bodyOf(body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) throw new BadRequestError('the body must be an activity (application/activity+json)', 'body');
  return body;
}

function withoutContext(activity: Record<string, unknown>): Record<string, unknown> {
  const { '@context': _context, ...rest } = activity;
  return rest;
}
