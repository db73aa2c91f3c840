import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { Accepted, AccountDeletion, AccountView, EmailChange, ErrorBody, FollowTarget, FollowView, Id, MailPreferences, PasswordReset, PasswordResetRequest, SessionView, TokenOnly } from '@constellation/shared';
import { RESET_REQUESTED } from '../services/account-flows.ts';
import type { HubServices } from '../services/hub-services.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const tags = ['accounts'];
const security = [{ bearer: [] }];

/**
 * What an account does for itself beyond logging in: confirm its address, reset a
 * forgotten password, change its address, see and end its sessions, choose its mail,
 * take its data away or delete itself.
 */
export default async function accountRoutes(app: FastifyInstance, options: { services: HubServices }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts, flows, follows } = options.services;
  const localeOf = (sub: string | undefined) => accounts.row(me(sub))?.locale ?? 'fr';
  const me = (sub: string | undefined) => sub ?? '';

  api.post('/api/v1/auth/confirm-email', {
    schema: { tags, summary: 'Confirm the address with the token from the mailed link', body: TokenOnly, response: { 200: AccountView, ...errors } },
    config: { rateLimit: { max: 30, timeWindow: '15 minutes' } },
  }, async (request) => flows.confirmEmail(request.body.token));

  api.post('/api/v1/me/confirmation', {
    schema: { tags, summary: 'Send the confirmation link again', security, response: { 202: Accepted, ...errors } },
    preHandler: app.authenticate,
    config: { rateLimit: { max: 5, timeWindow: '1 hour' } },
  }, async (request, reply) => {
    flows.sendConfirmation(me(request.viewer?.sub));
    return reply.status(202).send({ message: 'a confirmation link is on its way' });
  });

  api.post('/api/v1/auth/password-reset/request', {
    schema: { tags, summary: 'Mail a password-reset link (the same answer whether the address has an account or not)', body: PasswordResetRequest, response: { 202: Accepted, ...errors } },
    config: { rateLimit: { max: 5, timeWindow: '15 minutes' } },
  }, async (request, reply) => {
    flows.requestPasswordReset(request.body.email);
    return reply.status(202).send({ message: RESET_REQUESTED });
  });

  api.post('/api/v1/auth/password-reset', {
    schema: { tags, summary: 'Choose a new password with the mailed token; every session ends', body: PasswordReset, response: { 204: Type.Null(), ...errors } },
    config: { rateLimit: { max: 10, timeWindow: '15 minutes' } },
  }, async (request, reply) => {
    await flows.resetPassword(request.body.token, request.body.password);
    return reply.status(204).send(null);
  });

  api.post('/api/v1/me/email', {
    schema: { tags, summary: 'Change my address: a link goes to the new one, which becomes the login once followed', security, body: EmailChange, response: { 202: Accepted, ...errors } },
    preHandler: app.authenticate,
    config: { rateLimit: { max: 5, timeWindow: '1 hour' } },
  }, async (request, reply) => {
    await flows.requestEmailChange(me(request.viewer?.sub), request.body.email, request.body.password);
    return reply.status(202).send({ message: 'a confirmation link is on its way to the new address' });
  });

  api.post('/api/v1/auth/confirm-email-change', {
    schema: { tags, summary: 'Confirm a new address with the token mailed to it', body: TokenOnly, response: { 200: AccountView, ...errors } },
    config: { rateLimit: { max: 30, timeWindow: '15 minutes' } },
  }, async (request) => flows.confirmEmailChange(request.body.token));

  api.get('/api/v1/me/sessions', {
    schema: { tags, summary: 'My open sessions (browsers logged in), the current one marked', security, response: { 200: Type.Object({ items: Type.Array(SessionView) }, { additionalProperties: false }), ...errors } },
    preHandler: app.authenticate,
  }, async (request) => ({ items: accounts.sessions(me(request.viewer?.sub), request.viewer?.sid) }));

  api.delete('/api/v1/me/sessions/:sessionId', {
    schema: { tags, summary: 'End one of my sessions (its access token stops working at once)', security, params: Type.Object({ sessionId: Id }, { additionalProperties: false }), response: { 204: Type.Null(), ...errors } },
    preHandler: app.authenticate,
  }, async (request, reply) => {
    accounts.revokeSession(me(request.viewer?.sub), request.params.sessionId);
    return reply.status(204).send(null);
  });

  api.put('/api/v1/me/preferences', {
    schema: { tags, summary: 'The language of my mail and which notifications I receive', security, body: MailPreferences, response: { 200: AccountView, ...errors } },
    preHandler: app.authenticate,
  }, async (request) => accounts.setPreferences(me(request.viewer?.sub), request.body));

  api.get('/api/v1/me/follows', {
    schema: { tags, summary: 'What I follow (actors, disciplines, communes), named in my language', security, response: { 200: Type.Object({ items: Type.Array(FollowView) }, { additionalProperties: false }), ...errors } },
    preHandler: app.authenticate,
  }, async (request) => ({ items: follows.list(me(request.viewer?.sub), localeOf(request.viewer?.sub)) }));

  api.post('/api/v1/me/follows', {
    schema: { tags, summary: 'Follow an actor, a discipline or a commune: its new events come in my weekly digest', security, body: FollowTarget, response: { 200: FollowView, ...errors } },
    preHandler: app.authenticate,
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
  }, async (request) => follows.follow(me(request.viewer?.sub), request.body.kind, request.body.target, localeOf(request.viewer?.sub)));

  api.delete('/api/v1/me/follows/:kind/:target', {
    schema: { tags, summary: 'Stop following an actor, a discipline or a commune', security, params: FollowTarget, response: { 204: Type.Null(), ...errors } },
    preHandler: app.authenticate,
  }, async (request, reply) => {
    follows.unfollow(me(request.viewer?.sub), request.params.kind, request.params.target);
    return reply.status(204).send(null);
  });

  api.get('/api/v1/me/export', {
    schema: { tags, summary: 'Everything the hub holds about my account, as JSON', security, response: { 200: Type.Object({}, { additionalProperties: true }), ...errors } },
    preHandler: app.authenticate,
  }, async (request, reply) => {
    void reply.header('content-disposition', 'attachment; filename="my-account.json"');
    void reply.header('cache-control', 'no-store');
    return flows.exportData(me(request.viewer?.sub));
  });

  api.post('/api/v1/me/delete', {
    schema: { tags, summary: 'Delete my account: personal data erased, content kept under its actor', security, body: AccountDeletion, response: { 204: Type.Null(), ...errors } },
    preHandler: app.authenticate,
    config: { rateLimit: { max: 5, timeWindow: '15 minutes' } },
  }, async (request, reply) => {
    await flows.deleteAccount(me(request.viewer?.sub), request.body.password);
    return reply.status(204).send(null);
  });
}
