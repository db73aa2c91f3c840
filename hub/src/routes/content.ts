import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { Campaign, CONTENT_PATHS, contentSchemas, contentTypes, ErrorBody, Id, LIST_LIMIT, ModerationView, moderationStatuses, Page, Slug, vocabularySchema, type ContentInput, type ContentType } from '@constellation/shared';
import { LIST_FILTERS } from './list-filters.ts';
import type { ContentListService } from '../services/content-list.ts';
import type { ContentService, Viewer } from '../services/content.ts';
import type { AccountService } from '../services/accounts.ts';
import { HttpError, NotFoundError, UnauthorizedError } from '../errors.ts';
import type { StatsService } from '../services/stats.ts';
import type { CampaignLabelService } from '../campaigns/campaign-labels.ts';
import { isEmptyPage, sendStoredJson } from './stored-json.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
const SlugParams = Type.Object({ slug: Slug }, { additionalProperties: false });

export interface ContentRouteDeps {
  content: ContentService;
  lists: ContentListService;
  accounts: AccountService;
  /** Counts reads of events and articles and searches that found nothing (absent: nothing is counted). */
  stats?: StatsService;
  /** Campaign labels: the dashboard says the coordinator's answer on each event submitted to a campaign. */
  campaigns?: CampaignLabelService;
}

/** The coordinator's answer on an event submitted to a campaign, as the organiser's dashboard shows it. */
const CampaignLabelView = Type.Object(
  { campaign: Campaign, state: Type.Enum(['submitted', 'labelled', 'refused']), reason: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);
const ManagedItem = Type.Object(
  { ...ModerationView(Type.Object({}, { additionalProperties: true })).properties, campaignLabel: Type.Optional(CampaignLabelView) },
  { additionalProperties: false },
);

/**
 * The viewer of an authenticated request: the role and the actors a contributor acts for
 * are read fresh from the database, so a demotion or a removal applies at once rather
 * than when the access token expires.
 */
export function viewerOf(request: FastifyRequest, accounts: AccountService): Viewer {
  if (request.viewer === undefined) throw new UnauthorizedError();
  const current = accounts.current(request.viewer.sub);
  if (current === undefined) throw new UnauthorizedError('this account no longer exists or is disabled; log in again', 'invalid_token');
  return { id: current.id, role: current.role, actorIds: current.role === 'contributor' || current.role === 'coordinator' ? accounts.actorIdsOf(current.id) : [] };
}

/**
 * The viewer of a request that adds or changes content: an account whose address is not
 * confirmed may log in and look around, but not contribute (a throwaway address cannot flood the queue).
 */
export function contributorOf(request: FastifyRequest, accounts: AccountService): Viewer {
  const viewer = viewerOf(request, accounts);
  if (accounts.current(viewer.id)?.emailConfirmed !== true) {
    throw new HttpError(403, 'email_unconfirmed', 'confirm your address first: follow the link we mailed you (your account page can send it again)');
  }
  return viewer;
}

/** Create, read, update, delete, submit and unpublish for one content type. */
function contentTypeRoutes(app: FastifyInstance, type: ContentType, deps: ContentRouteDeps) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { content, lists, accounts } = deps;
  const base = `/api/v1/${CONTENT_PATHS[type]}`;
  const schemas = contentSchemas[type];
  const View = ModerationView(schemas.input);
  const tags = [CONTENT_PATHS[type]];
  const secured = [{ bearer: [] }];

  if (type !== 'event') {
    api.get(base, {
      schema: {
        tags,
        summary: `Published ${CONTENT_PATHS[type]}, newest first`,
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'full-text search, accents ignored' })),
            actor: Type.Optional(Id),
            ...LIST_FILTERS[type],
            limit: Type.Optional(Type.Integer({ minimum: 1, description: `clamped to ${LIST_LIMIT.max}` })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(schemas.public), ...errors },
      },
    }, async (request, reply) => {
      const json = lists.listPublished(type, request.query);
      // A signed-in request is a contributor or an operator looking for content to link (a dossier's items), not a reader.
      if (request.query.q !== undefined && request.query.cursor === undefined && request.headers.authorization === undefined && isEmptyPage(json)) deps.stats?.countSearchMiss(request.query.q);
      return sendStoredJson(reply, json);
    });
  }

  api.get(`${base}/:id`, {
    schema: { tags, summary: `A published ${type}`, params: IdParams, response: { 200: schemas.public, ...errors } },
  }, async (request, reply) => {
    const json = content.publicJson(type, request.params.id);
    if (json === undefined) throw new NotFoundError(type, 'id');
    deps.stats?.countView(type, { id: request.params.id });
    return sendStoredJson(reply, json);
  });

  api.get(`${base}/by-slug/:slug`, {
    schema: { tags, summary: `A published ${type}, by its slug`, params: SlugParams, response: { 200: schemas.public, ...errors } },
  }, async (request, reply) => {
    const json = content.publicJsonBySlug(type, request.params.slug);
    if (json === undefined) throw new NotFoundError(type, 'slug');
    deps.stats?.countView(type, { slug: request.params.slug });
    return sendStoredJson(reply, json);
  });

  api.get(`${base}/:id/manage`, {
    schema: { tags, summary: `A ${type} in any state, for its owners and moderators`, security: secured, params: IdParams, response: { 200: View, ...errors } },
    preHandler: app.authenticate,
  }, async (request) => content.view(type, request.params.id, viewerOf(request, accounts)));

  api.post(base, {
    schema: {
      tags,
      summary: `Create a ${type} (a draft, or submitted with ?submit=true)`,
      security: secured,
      querystring: Type.Object({ submit: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      body: schemas.input,
      response: { 201: View, ...errors },
    },
    preHandler: app.authenticate,
  }, async (request, reply) => {
    const created = content.create(type, request.body as ContentInput[typeof type], contributorOf(request, accounts), { submit: request.query.submit === true });
    return reply.status(201).send(created);
  });

  api.put(`${base}/:id`, {
    schema: {
      tags,
      summary: `Replace a ${type}; send ?version= to refuse a concurrent edit`,
      security: secured,
      params: IdParams,
      querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
      body: schemas.input,
      response: { 200: View, ...errors },
    },
    preHandler: app.authenticate,
  }, async (request) =>
    content.update(type, request.params.id, request.body as ContentInput[typeof type], contributorOf(request, accounts), request.query.version === undefined ? {} : { expectedVersion: request.query.version }),
  );

  api.delete(`${base}/:id`, {
    schema: { tags, summary: `Delete a ${type}`, security: secured, params: IdParams, response: { 204: Type.Null(), ...errors } },
    preHandler: app.authenticate,
  }, async (request, reply) => {
    content.remove(type, request.params.id, viewerOf(request, accounts));
    return reply.status(204).send(null);
  });

  api.post(`${base}/:id/submit`, {
    schema: { tags, summary: `Submit a draft ${type} for moderation (verified actors publish directly)`, security: secured, params: IdParams, response: { 200: View, ...errors } },
    preHandler: app.authenticate,
  }, async (request) => content.submit(type, request.params.id, contributorOf(request, accounts)));

  api.post(`${base}/:id/unpublish`, {
    schema: { tags, summary: `Take a published ${type} down (back to draft)`, security: secured, params: IdParams, response: { 200: View, ...errors } },
    preHandler: app.authenticate,
  }, async (request) => content.unpublish(type, request.params.id, viewerOf(request, accounts)));
}

export default async function contentRoutes(app: FastifyInstance, deps: ContentRouteDeps) {
  for (const type of contentTypes.values) contentTypeRoutes(app, type, deps);

  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get('/api/v1/me/content', {
    schema: {
      tags: ['accounts'],
      summary: 'Content of the actors I act for (moderators: everything), any state',
      security: [{ bearer: [] }],
      querystring: Type.Object(
        {
          type: Type.Optional(vocabularySchema(contentTypes)),
          status: Type.Optional(vocabularySchema(moderationStatuses)),
          limit: Type.Optional(Type.Integer({ minimum: 1 })),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Page(ManagedItem), ...errors },
    },
    preHandler: app.authenticate,
  }, async (request) => {
    const page = deps.lists.listManaged(viewerOf(request, deps.accounts), request.query);
    const events = page.items.filter((item) => item.type === 'event').map((item) => item.id);
    if (deps.campaigns === undefined || events.length === 0) return page;
    // One query for the page: each event's answer on its campaign, when it was submitted to one.
    const answers = new Map(deps.campaigns.submissions({ ids: events }).map(({ id, campaign, state, reason }) => [id, { campaign, state, reason }]));
    return {
      ...page,
      items: page.items.map((item) => {
        const answer = answers.get(item.id);
        return answer === undefined ? item : { ...item, campaignLabel: answer };
      }),
    };
  });
}
