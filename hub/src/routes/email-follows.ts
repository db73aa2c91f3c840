import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { EmailFollowConfirmed, EmailFollowRequest, ErrorBody } from '@constellation/shared';
import { escapeHtml } from '@constellation/shared/server';
import type { HubServices } from '../services/hub-services.ts';

const TokenBody = Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }) }, { additionalProperties: false });
const KeyQuery = Type.Object({ k: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) }, { additionalProperties: false });

const STOPPED = {
  fr: { done: 'Vous ne recevrez plus de résumé : cette adresse ne suit plus rien et elle est effacée.', back: 'Retour au site' },
  en: { done: 'You will get no more digests: this address follows nothing any more and is erased.', back: 'Back to the site' },
};

/**
 * Following by e-mail alone, for people without an account (double opt-in): the request
 * answers the same for every address (202) and mails a single-use link; the link's page
 * confirms; the digest's one-click unsubscribe (RFC 8058) stops everything of the address.
 */
export default async function emailFollowRoutes(app: FastifyInstance, options: { services: HubServices }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { services } = options;
  const tags = ['follows'];
  // Scoped to this plugin: the one-click POST is a form body; the rest of the API stays JSON only.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1_024 }, (_request, body, done) => done(null, body));

  api.post('/api/v1/follows/email', {
    schema: {
      tags,
      summary: 'Follow actors, disciplines or communes by e-mail alone: a confirmation link is mailed (the same answer for every address)',
      body: EmailFollowRequest,
      response: { 202: Type.Object({ status: Type.Literal('check-your-mail') }, { additionalProperties: false }), 400: ErrorBody },
    },
    config: { rateLimit: { max: 10, timeWindow: '10 minutes' } },
  }, async (request, reply) => {
    services.emailFollows.request(request.body);
    return reply.status(202).send({ status: 'check-your-mail' });
  });

  api.post('/api/v1/follows/email/confirm', {
    schema: { tags, summary: 'Confirm follows by e-mail with the single-use token mailed for them', body: TokenBody, response: { 200: EmailFollowConfirmed, 400: ErrorBody } },
    config: { rateLimit: { max: 30, timeWindow: '15 minutes' } },
  }, async (request) => services.emailFollows.confirm(request.body.token));

  api.post('/api/v1/follows/email/unsubscribe', {
    schema: { tags, summary: 'One-click unsubscribe of an address that follows by e-mail (RFC 8058)', querystring: KeyQuery, response: { 204: Type.Null(), 400: ErrorBody } },
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    services.emailFollows.unsubscribe(request.query.k);
    return reply.status(204).send(null);
  });

  api.get('/api/v1/follows/email/unsubscribe', {
    schema: { tags, summary: 'Unsubscribe an address that follows by e-mail, answered with a short page', querystring: KeyQuery, response: { 200: Type.String({ description: 'an HTML page' }), 400: ErrorBody } },
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const { lang } = services.emailFollows.unsubscribe(request.query.k);
    const name = services.settings.current().name;
    const words = STOPPED[lang];
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(name)}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><h1>${escapeHtml(name)}</h1><p>${escapeHtml(words.done)}</p><p><a href="/">${words.back}</a></p></body></html>`);
  });
}
