import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AggregatorConfig } from '../config.ts';
import type { Admin, AdminAccounts } from '../admin/admin-accounts.ts';
import { UnauthorizedError } from '../http-errors.ts';

/** What an admin access token carries: only who; the account is looked up on every request. */
export interface AdminClaims {
  sub: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Signs an admin access token (HS256, 15 minutes, this aggregator as iss and aud). */
    signAdminToken(adminId: string): string;
    /** preHandler: requires a valid admin access token (bearer, or the admin cookie) of an admin who still exists. */
    requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
  interface FastifyRequest {
    admin?: Admin;
  }
}

export const ALGORITHM = 'HS256';
/** The access token again, in an httpOnly cookie, so the queue dashboard works in a browser. */
export const ADMIN_COOKIE = 'constellation_admin';
export const ACCESS_TOKEN_SECONDS = 15 * 60;

/**
 * Admin access tokens: one pinned algorithm (HS256; `none`, HS512 and the rest refused),
 * 15 minutes at most, and this aggregator's public URL as issuer and audience, so a
 * token minted elsewhere fails here even under the same secret.
 */
export default fp(
  async function authPlugin(app: FastifyInstance, options: { config: AggregatorConfig; accounts: AdminAccounts }) {
    const { config, accounts } = options;
    await app.register(cookie);
    await app.register(jwt, {
      secret: config.jwtSecret,
      // Numeric expiresIn and maxAge are seconds here (@fastify/jwt converts them for fast-jwt).
      sign: { algorithm: ALGORITHM, expiresIn: ACCESS_TOKEN_SECONDS, iss: config.publicUrl, aud: config.publicUrl },
      verify: { algorithms: [ALGORITHM], allowedIss: config.publicUrl, allowedAud: config.publicUrl, maxAge: ACCESS_TOKEN_SECONDS, requiredClaims: ['exp', 'iat', 'sub', 'iss', 'aud'] },
      // Read when there is no Authorization header; SameSite=Strict keeps other sites from sending it.
      cookie: { cookieName: ADMIN_COOKIE, signed: false },
    });

    // Claims are not declared on @fastify/jwt's FastifyJWT: the hub declares its own there,
    // and both packages are type-checked together in the tests.
    app.decorate('signAdminToken', (adminId: string) => app.jwt.sign({ sub: adminId } satisfies AdminClaims as Parameters<typeof app.jwt.sign>[0]));

    app.decorate('requireAdmin', async (request: FastifyRequest) => {
      let claims: AdminClaims & { iat?: number; exp?: number };
      try {
        claims = await request.jwtVerify<AdminClaims & { iat?: number; exp?: number }>();
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (code.includes('EXPIRED')) throw new UnauthorizedError('the access token has expired; log in again', 'token_expired');
        if (code.includes('NO_AUTHORIZATION')) throw new UnauthorizedError('log in: send "Authorization: Bearer <token>" from POST /api/v1/auth/login');
        throw new UnauthorizedError('the access token is not valid on this aggregator', 'invalid_token');
      }
      // maxAge bounds a token's age, not its lifetime: one minted to live longer than ours is refused too.
      if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || claims.exp - claims.iat > ACCESS_TOKEN_SECONDS) {
        throw new UnauthorizedError('the access token is not valid on this aggregator', 'invalid_token');
      }
      // Looked up every time: a removed admin's tokens stop working at once.
      const admin = typeof claims.sub === 'string' ? await accounts.get(claims.sub) : undefined;
      if (admin === undefined) throw new UnauthorizedError('this admin account no longer exists; log in again', 'invalid_token');
      request.admin = admin;
    });
  },
  { name: 'admin-auth' },
);
