import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody, Id } from '@constellation/shared';
import { escapeHtml } from '@constellation/shared/server';
import { BadRequestError } from '../errors.ts';
import { MAIL_TOPICS, type MailTopic } from '../mail/unsubscribe.ts';
import type { HubServices } from '../services/hub-services.ts';

const Query = Type.Object(
  { u: Id, t: Type.Union(MAIL_TOPICS.map((topic) => Type.Literal(topic))), s: Type.String({ minLength: 10, maxLength: 100 }) },
  { additionalProperties: false },
);

const DONE = {
  pending: { fr: 'Vous ne recevrez plus de message pour les contenus à modérer.', en: 'You will no longer get mail about content to moderate.' },
  decisions: { fr: 'Vous ne recevrez plus de message pour les décisions de modération.', en: 'You will no longer get mail about moderation decisions.' },
  reports: { fr: 'Vous ne recevrez plus de message pour les signalements visant vos acteurs.', en: 'You will no longer get mail about reports on your actors\' content.' },
  follows: { fr: 'Vous ne recevrez plus le résumé hebdomadaire de ce que vous suivez. Vos abonnements restent dans votre compte.', en: 'You will no longer get the weekly digest of what you follow. Your follows stay in your account.' },
} satisfies Record<MailTopic, { fr: string; en: string }>;

/**
 * One-click unsubscribe (RFC 8058): the mail client POSTs "List-Unsubscribe=One-Click"
 * to the link; a person clicking it in the mail gets a page that does the same. The
 * link's HMAC is the authority, so no login is needed and nobody can unsubscribe another.
 */
export default async function mailRoutes(app: FastifyInstance, options: { services: HubServices }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { services } = options;
  // Scoped to this plugin: the one-click POST is a form body; the rest of the API stays JSON only.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1_024 }, (_request, body, done) => done(null, body));

  function unsubscribe(query: { u: string; t: MailTopic; s: string }): 'fr' | 'en' {
    if (!services.mailer.links.verify(query.u, query.t, query.s)) throw new BadRequestError('this unsubscribe link is not valid', 's');
    const user = services.accounts.row(query.u);
    if (user === undefined) return 'fr';
    services.accounts.stopNotifications(query.u, query.t);
    return user.locale;
  }

  api.post('/api/v1/mail/unsubscribe', {
    schema: { tags: ['accounts'], summary: 'One-click unsubscribe from a notification mail (RFC 8058)', querystring: Query, response: { 204: Type.Null(), 400: ErrorBody } },
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    unsubscribe(request.query);
    return reply.status(204).send(null);
  });

  api.get('/api/v1/mail/unsubscribe', {
    schema: { tags: ['accounts'], summary: 'Unsubscribe from a notification mail, answered with a short page', querystring: Query, response: { 200: Type.String({ description: 'an HTML page' }), 400: ErrorBody } },
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const lang = unsubscribe(request.query);
    const name = services.settings.current().name;
    const text = DONE[request.query.t][lang];
    const back = lang === 'en' ? 'Back to the site' : 'Retour au site';
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(name)}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><h1>${escapeHtml(name)}</h1><p>${escapeHtml(text)}</p><p><a href="/">${back}</a></p></body></html>`);
  });
}
