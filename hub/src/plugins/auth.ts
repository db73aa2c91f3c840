import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@constellation/shared';
import type { HubConfig } from '../config.ts';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';
import { JWT_CLOCK_SKEW_SECONDS } from '@constellation/shared/server';

/** What an access token carries: who, and with which role, on which hub. */
export interface AccessClaims {
  sub: string;
  role: Role;
  /** The session (refresh family) the token was issued for: logging it out ends the token too. */
  sid: string;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AccessClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: requires a valid access token of this hub. */
    authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** preHandler: reads the access token when there is one, without requiring it. */
    identify(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** preHandler factory: requires one of these roles. */
    requireRole(...roles: Role[]): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    viewer?: AccessClaims;
  }
}

export const ALGORITHM = 'HS256';
export const REFRESH_COOKIE = 'constellation_refresh';
/** Not a secret: tells the portal a refresh cookie may exist (the web app reads it before asking). */
export const SESSION_HINT_COOKIE = 'constellation_session';

/**
 * Access tokens: one pinned algorithm, an expiry of at most 15 minutes, and this
 * hub as both issuer and audience, so a token minted by another hub (or for it)
 * fails here even if the two shared a secret.
 */
export default fp(
  async function authPlugin(app: FastifyInstance, options: { config: HubConfig; currentRole: (userId: string) => Role | undefined; sessionActive: (userId: string, sessionId: string) => boolean }) {
    const { config } = options;
    await app.register(cookie);
    await app.register(jwt, {
      secret: config.jwtSecret,
      // @fastify/jwt reads a numeric expiresIn as SECONDS (it converts to fast-jwt's ms itself);
      // multiplying by 1000 here made access tokens live 900,000 s (10.4 days) instead of 15 minutes.
      sign: { algorithm: ALGORITHM, expiresIn: config.accessTokenSeconds, iss: config.hubId, aud: config.hubId },
      // maxAge (seconds here, like expiresIn) also refuses a validly signed token minted to live longer than ours do.
      verify: { algorithms: [ALGORITHM], allowedIss: config.hubId, allowedAud: config.hubId, maxAge: config.accessTokenSeconds, requiredClaims: ['exp', 'iat', 'sub', 'iss', 'aud', 'sid'] },
    });

    async function readToken(request: FastifyRequest): Promise<AccessClaims> {
      let claims: AccessClaims;
      try {
        claims = await request.jwtVerify<AccessClaims & { exp?: number }>();
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (code.includes('EXPIRED')) throw new UnauthorizedError('the access token has expired; refresh it', 'token_expired');
        if (code.includes('NO_AUTHORIZATION')) throw new UnauthorizedError('send an access token as "Authorization: Bearer <token>"');
        throw new UnauthorizedError('the access token is not valid on this hub', 'invalid_token');
      }
      // fast-jwt checks exp, and maxAge from iat, but not that iat is in the past: a token
      // minted with a later iat (by whoever got hold of the secret, or a clock far ahead)
      // would live until then. Both ends are bounded here.
      const iat = (claims as { iat?: unknown }).iat;
      const exp = (claims as { exp?: unknown }).exp;
      const now = Math.floor(Date.now() / 1000);
      if (typeof iat !== 'number' || typeof exp !== 'number' || iat > now + JWT_CLOCK_SKEW_SECONDS || exp - iat > config.accessTokenSeconds) {
        throw new UnauthorizedError('the access token is not valid on this hub', 'invalid_token');
      }
      // One indexed read per request: a logged-out or revoked session stops at once.
      if (!options.sessionActive(claims.sub, claims.sid)) throw new UnauthorizedError('this session has ended; log in again', 'session_ended');
      return { sub: claims.sub, role: claims.role, sid: claims.sid };
    }

    app.decorate('authenticate', async (request: FastifyRequest) => {
      request.viewer = await readToken(request);
    });
    app.decorate('identify', async (request: FastifyRequest) => {
      if (request.headers.authorization !== undefined) request.viewer = await readToken(request);
    });
    app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest) => {
      request.viewer ??= await readToken(request);
      // The role is read from the database, not the token: a demotion applies at once.
      const role = options.currentRole(request.viewer.sub);
      if (role === undefined) throw new UnauthorizedError('this account no longer exists or is disabled; log in again', 'invalid_token');
      if (!roles.includes(role)) throw new ForbiddenError(`this needs the role ${roles.join(' or ')}`);
    });
  },
  { name: 'auth' },
);
