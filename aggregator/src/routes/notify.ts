import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody, HubId, NOTIFY_MAX_AGE_SECONDS, NOTIFY_PATH, NotifyBody, NotifyClaims, validate } from '@constellation/shared';
import { JwsError, verifyJwt } from '@constellation/shared/server';
import { BadRequestError, HttpError, UnauthorizedError } from '../http-errors.ts';
import { pinnedKeysOf } from '../pipeline/page.ts';
import { QueueUnavailable } from '../pipeline/queues.ts';
import type { AggregatorServices } from '../services.ts';

/**
 * How long a hub may gather its commits into one notify. 0: notify each commit at once.
 * This aggregator pulls on the spot and merges notifies itself (one pull per hub at a
 * time; a notify during a pull makes it pull once more), so waiting only adds latency.
 */
export const NOTIFY_DEBOUNCE_MS = 0;

export const NotifyAccepted = Type.Object(
  {
    status: Type.Literal('accepted'),
    hub: HubId,
    /** The latest seq this aggregator now knows the hub has. */
    latest: Type.Integer({ minimum: 0 }),
    /** How long the hub may gather commits into one notify, in ms (0: notify each at once). */
    debounceMs: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

const NotifyHeaders = Type.Object({ authorization: Type.Optional(Type.String()) });

const BEARER = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

function bearerOf(request: FastifyRequest): string | undefined {
  return BEARER.exec(String(request.headers.authorization ?? ''))?.[1];
}

/** The `iss` a token claims, before it is verified: only to pick the keys to verify it with. */
function claimedIssuer(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
    return typeof claims.iss === 'string' ? claims.iss : undefined;
  } catch {
    return undefined;
  }
}

const trimSlashes = (url: string) => url.replace(/\/+$/, '');

/**
 * Push, protocol v1: a hub says it has news, with a short-lived EdDSA token signed by
 * its pinned key (`{ iss, aud, latest, iat, exp }`), and the aggregator pulls it at once.
 * Notification is an accelerator only: polls catch up a lost one, and a dead Redis makes
 * this answer 503 quickly while reads go on.
 */
export default async function notifyRoutes(app: FastifyInstance, options: { services: AggregatorServices }): Promise<void> {
  const { services } = options;
  const { config, registry } = services;
  const health = services.engine.health(config);
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(NOTIFY_PATH, {
    schema: {
      tags: ['federation'],
      summary: 'A hub announces new changes; the aggregator pulls its feed at once',
      description: 'Bearer: an EdDSA JWT signed by the hub\'s registered key, `{ iss: hub id, aud: this aggregator\'s public URL, latest, iat, exp }`, living at most 60 s.',
      security: [{ bearer: [] }],
      headers: NotifyHeaders,
      body: NotifyBody,
      response: { 202: NotifyAccepted, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody, 503: ErrorBody },
    },
    config: {
      // Per claimed hub and address: a stranger naming a hub cannot use up that hub's allowance.
      rateLimit: { max: 1_200, timeWindow: '1 minute', keyGenerator: (request: FastifyRequest) => `notify|${claimedIssuer(bearerOf(request)) ?? '-'}|${request.ip}` },
    },
  }, async (request, reply) => {
    const token = bearerOf(request);
    if (token === undefined) throw new UnauthorizedError('send the notify with an Authorization: Bearer <JWT signed by the hub\'s key>', 'invalid_token');
    const issuer = claimedIssuer(token);
    if (issuer === undefined) throw new UnauthorizedError('the bearer token is not a JWT with an iss claim', 'invalid_token');
    const hub = await registry.get(issuer);
    if (hub === undefined) throw new HttpError(404, 'unknown_hub', `no hub ${issuer} is registered with this aggregator; an operator must add and approve it first`);
    if (hub.status !== 'approved') throw new HttpError(403, 'hub_not_approved', `hub ${issuer} is ${hub.status}, not approved: its notifications are not taken`);

    let verified: Record<string, unknown>;
    try {
      verified = verifyJwt(token, pinnedKeysOf(hub.descriptor), { maxLifetimeSeconds: NOTIFY_MAX_AGE_SECONDS });
    } catch (error) {
      throw new UnauthorizedError(`the bearer token is not valid for hub ${issuer}: ${error instanceof JwsError ? error.message : 'unreadable'}`, 'invalid_token');
    }
    const checked = validate(NotifyClaims, verified);
    if (!checked.ok) {
      const issue = checked.issues[0];
      throw new UnauthorizedError(`the bearer token's claim ${issue?.field ?? ''} ${issue?.message ?? 'is invalid'}`, 'invalid_token');
    }
    const claims = checked.value;
    if (trimSlashes(claims.aud) !== trimSlashes(config.publicUrl)) {
      throw new UnauthorizedError(`the bearer token is for ${claims.aud}, not this aggregator (${config.publicUrl})`, 'invalid_token');
    }
    if (request.body.hub !== claims.iss) throw new BadRequestError(`hub must be ${claims.iss}, the token's issuer`, 'hub');
    if (request.body.latest !== claims.latest) throw new BadRequestError(`latest must be ${claims.latest}, as the token says`, 'latest');

    let queued = true;
    try {
      await services.queues.requestPull(hub.id, 'notify');
    } catch (error) {
      if (!(error instanceof QueueUnavailable)) throw error;
      request.log.warn({ hub: hub.id, reason: error.message }, 'notify not queued; the hub will be polled');
      queued = false;
    }
    // After the pull is asked for, so it starts first; only when it moves, so a notify does
    // not take the store's write lock for nothing. Recorded even when Redis is down: the
    // hubs API then shows how far behind the index is.
    if (claims.latest > hub.latest) await health.sawLatest(hub.id, claims.latest);
    if (!queued) throw new HttpError(503, 'unavailable', 'the aggregator cannot take notifications right now; the hub will be polled on schedule');
    return reply.status(202).send({ status: 'accepted' as const, hub: hub.id, latest: Math.max(hub.latest, claims.latest), debounceMs: NOTIFY_DEBOUNCE_MS });
  });
}
