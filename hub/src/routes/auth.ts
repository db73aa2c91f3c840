import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { AccountView, Credentials, ErrorBody, SignUp, TokenResponse } from '@constellation/shared';
import type { HubConfig } from '../config.ts';
import { REFRESH_COOKIE, SESSION_HINT_COOKIE } from '../plugins/auth.ts';
import { UnauthorizedError } from '../errors.ts';
import type { Account, AccountService, IssuedRefresh } from '../services/accounts.ts';
import type { SettingsService } from '../services/settings.ts';
import type { AccountFlows } from '../services/account-flows.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 429: ErrorBody };

/** Register, log in, refresh, log out, me. The refresh token travels only in an httpOnly cookie. */
export default async function authRoutes(app: FastifyInstance, options: { config: HubConfig; accounts: AccountService; settings: SettingsService; flows: AccountFlows }) {
  const { config, accounts } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const cookiePath = '/api/v1/auth';
  const secure = config.baseUrl.startsWith('https://');

  function setRefreshCookie(reply: FastifyReply, refresh: IssuedRefresh) {
    void reply.setCookie(REFRESH_COOKIE, refresh.token, { httpOnly: true, secure, sameSite: 'strict', path: cookiePath, expires: refresh.expiresAt });
    // Readable by the portal's scripts, and worthless to anyone: it only says a refresh
    // cookie may be there, so anonymous page loads skip a refresh request bound to fail.
    void reply.setCookie(SESSION_HINT_COOKIE, '1', { httpOnly: false, secure, sameSite: 'strict', path: '/', expires: refresh.expiresAt });
  }

  function clearCookies(reply: FastifyReply) {
    void reply.clearCookie(REFRESH_COOKIE, { path: cookiePath });
    void reply.clearCookie(SESSION_HINT_COOKIE, { path: '/' });
  }

  async function tokenFor(reply: FastifyReply, account: Account, sessionId: string) {
    const accessToken = await reply.jwtSign({ sub: account.id, role: account.role, sid: sessionId });
    return { accessToken, tokenType: 'Bearer' as const, expiresIn: config.accessTokenSeconds, account };
  }

  api.post('/api/v1/auth/register', {
    schema: { tags: ['accounts'], summary: "Create an account, with the hub's sign-up role (contributor unless an admin chose member)", body: SignUp, response: { 201: AccountView, ...errors } },
    config: { rateLimit: { max: 10, timeWindow: '1 hour' } },
  }, async (request, reply) => {
    const { acceptPrivacy, locale, ...input } = request.body;
    // A hub with no mail relay cannot deliver a confirmation link (it would wait in the
    // outbox for ever and the account could never contribute), so there a sign-up counts
    // as confirmed; once the operator sets an SMTP relay, addresses must be confirmed.
    const canMail = config.smtpHost !== undefined;
    const account = await accounts.register(input, options.settings.current().signupRole, { confirmed: !canMail, consent: acceptPrivacy === true, locale });
    if (canMail) options.flows.sendConfirmation(account.id);
    return reply.status(201).send(account);
  });

  api.post('/api/v1/auth/login', {
    schema: { tags: ['accounts'], summary: 'Log in; sets the refresh cookie', body: Credentials, response: { 200: TokenResponse, ...errors } },
    // Per address; accounts.login also throttles per account, whatever the address.
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const account = await accounts.login(request.body.email, request.body.password);
    const refresh = accounts.issueRefresh(account.id, undefined, request.headers['user-agent']);
    setRefreshCookie(reply, refresh);
    return tokenFor(reply, account, refresh.sessionId);
  });

  api.post('/api/v1/auth/refresh', {
    schema: { tags: ['accounts'], summary: 'Trade the refresh cookie for a new access token (rotates the cookie)', response: { 200: TokenResponse, ...errors } },
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const token = request.cookies[REFRESH_COOKIE];
    if (token === undefined || token === '') {
      clearCookies(reply);
      throw new UnauthorizedError('no refresh cookie; log in', 'invalid_refresh_token');
    }
    let rotated: ReturnType<AccountService['rotateRefresh']>;
    try {
      rotated = accounts.rotateRefresh(token);
    } catch (error) {
      clearCookies(reply);
      throw error;
    }
    const { account, refresh } = rotated;
    setRefreshCookie(reply, refresh);
    return tokenFor(reply, account, refresh.sessionId);
  });

  api.post('/api/v1/auth/logout', {
    schema: { tags: ['accounts'], summary: 'Log out this session: its refresh cookie and the access token sent with it both stop working', response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    const token = request.cookies[REFRESH_COOKIE];
    if (token !== undefined && token !== '') accounts.revokeRefresh(token);
    // The access token names its session: ending it there too means a copied token dies now, not in 15 minutes.
    const bearer = await request.jwtVerify<{ sub: string; sid: string }>().catch(() => undefined);
    if (bearer !== undefined) accounts.revokeSession(bearer.sub, bearer.sid, { quiet: true });
    clearCookies(reply);
    return reply.status(204).send(null);
  });

  api.get('/api/v1/me', {
    schema: { tags: ['accounts'], summary: 'The logged-in account', security: [{ bearer: [] }], response: { 200: AccountView, ...errors } },
    preHandler: app.authenticate,
  }, async (request) => accounts.account(request.viewer?.sub ?? ''));
}
