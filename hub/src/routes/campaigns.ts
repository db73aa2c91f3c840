import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { Campaign, CampaignPublic, ErrorBody, Id, LIMITS, ModerationView, RequiredLine } from '@constellation/shared';
import { fetchCampaignList } from '../campaigns/campaign-sync.ts';
import { repeatEdition } from '../campaigns/editions.ts';
import { relatedEvents } from '../campaigns/programme.ts';
import type { HubConfig } from '../config.ts';
import type { Store } from '../db/client.ts';
import type { HubServices } from '../services/hub-services.ts';
import { NotFoundError } from '../errors.ts';
import { viewerOf } from './content.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const security = [{ bearer: [] }];
const tags = ['campaigns'];
const states = ['submitted', 'labelled', 'refused'] as const;
const Submission = Type.Object(
  {
    id: Id,
    slug: Type.String(),
    title: Type.String(),
    status: Type.String({ description: 'the moderation state, apart from the label' }),
    actorId: Type.Union([Id, Type.Null()]),
    campaign: Campaign,
    state: Type.Enum([...states]),
    reason: Type.Union([Type.String(), Type.Null()]),
    decidedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
const AnyView = ModerationView(Type.Object({}, { additionalProperties: true }));

/** How often a hub reads the national campaign list again. */
export const CAMPAIGN_SYNC_MS = 3_600_000;
/** How soon a hub tries again when the list could not be read. */
export const CAMPAIGN_RETRY_MS = 60_000;

/**
 * National campaigns on a hub: the list read from the aggregator, the coordinator's
 * labelling queue (apart from moderation), and "repeat for this year's edition".
 */
export default async function campaignRoutes(app: FastifyInstance, { config, store, services }: { config: HubConfig; store: Store; services: HubServices }): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const labels = services.campaigns;
  const coordinators = app.requireRole('coordinator', 'admin');

  /**
   * Reads the list from the first aggregator that answers with a valid, signed one. At
   * start a hub often comes up before its aggregator (the demo starts them in that order):
   * that first miss is said calmly, and only a retry that fails too is a warning.
   */
  async function sync(attempt: 'start' | 'later' = 'later'): Promise<number> {
    let lastError: Error | undefined;
    for (const url of services.settings.current().aggregatorUrls) {
      try {
        const items = await fetchCampaignList(url, { allowPrivate: config.allowPrivateNetwork || config.aggregatorUrls.includes(url) });
        labels.replaceKnown(items);
        return items.length;
      } catch (error) {
        lastError = error as Error;
        if (attempt === 'start') app.log.info({ aggregatorUrl: url, err: (error as Error).message }, `campaigns: the national list is not available yet (the aggregator may still be starting); trying again in ${CAMPAIGN_RETRY_MS / 1000} s`);
        else app.log.warn({ aggregatorUrl: url, err: (error as Error).message }, 'campaigns: the national list was not read');
      }
    }
    if (lastError !== undefined) throw lastError;
    return labels.known().length;
  }
  // Every hour; a minute after a failure (a hub started before its aggregator would otherwise wait the hour).
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const schedule = (ms: number) => {
    if (closed) return;
    timer = setTimeout(() => void sync().then(() => schedule(CAMPAIGN_SYNC_MS), () => schedule(CAMPAIGN_RETRY_MS)), ms);
    timer.unref();
  };
  app.addHook('onReady', async () => {
    void sync('start').then(() => schedule(CAMPAIGN_SYNC_MS), () => schedule(CAMPAIGN_RETRY_MS));
  });
  app.addHook('onClose', async () => {
    closed = true;
    clearTimeout(timer);
  });

  api.get('/api/v1/campaigns', {
    schema: { tags, summary: "The national campaigns this hub's region takes part in, as last read from the aggregator", response: { 200: Type.Object({ items: Type.Array(CampaignPublic) }, { additionalProperties: false }) } },
  }, async () => ({ items: labels.known().filter((campaign) => campaign.regions.includes(config.region)) }));

  api.post('/api/v1/admin/campaigns/sync', {
    schema: { tags, summary: 'Read the national campaign list again now (a coordinator does when a campaign was just announced)', security, response: { 200: Type.Object({ count: Type.Integer() }, { additionalProperties: false }), 401: ErrorBody, 403: ErrorBody, 502: ErrorBody } },
    preHandler: coordinators,
  }, async (_request, reply) => {
    try {
      return { count: await sync() };
    } catch (error) {
      return reply.code(502).send({ error: 'bad_gateway', message: `the campaign list could not be read: ${(error as Error).message}` });
    }
  });

  api.get('/api/v1/campaign-submissions', {
    schema: {
      tags,
      summary: 'Events submitted to a campaign, with the coordinator\'s answer (labelled, refused with a reason, or awaiting)',
      security,
      querystring: Type.Object({ state: Type.Optional(Type.Enum([...states])), campaign: Type.Optional(Campaign) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Submission) }, { additionalProperties: false }), ...errors },
    },
    preHandler: coordinators,
  }, async (request) => ({ items: labels.submissions(request.query) }));

  api.post('/api/v1/campaign-submissions/:id/label', {
    schema: { tags, summary: 'Label the event for its campaign: the campaign becomes public on it', security, params: IdParams, response: { 200: Submission, ...errors } },
    preHandler: coordinators,
  }, async (request) => labels.label(request.params.id, viewerOf(request, services.accounts)));

  api.post('/api/v1/campaign-submissions/:id/refuse', {
    schema: { tags, summary: 'Refuse the event for its campaign, with a reason for its organiser', security, params: IdParams, body: Type.Object({ reason: RequiredLine(LIMITS.reason) }, { additionalProperties: false }), response: { 200: Submission, ...errors } },
    preHandler: coordinators,
  }, async (request) => labels.refuse(request.params.id, request.body.reason, viewerOf(request, services.accounts)));

  api.get('/api/v1/events/:id/campaign-label', {
    schema: {
      tags,
      summary: "The coordinator's answer on an event submitted to a campaign (awaiting, labelled, or refused with a reason), for those who may edit the event",
      security,
      params: IdParams,
      response: { 200: Submission, ...errors },
    },
    preHandler: app.requireRole('contributor', 'coordinator', 'moderator', 'admin'),
  }, async (request) => {
    const { id } = request.params;
    // Refuses whoever may not edit the event (404, or 403 when it is published).
    services.content.view('event', id, viewerOf(request, services.accounts));
    const [submission] = labels.submissions({ ids: [id] });
    if (submission === undefined) throw new NotFoundError('campaign submission', 'id');
    return submission;
  });

  const Related = Type.Object({ id: Id, slug: Type.String(), title: Type.String(), start: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false });
  api.get('/api/v1/events/:id/related', {
    schema: {
      tags,
      summary: "An event's programme (the published events under this umbrella, by start) and its editions (previous ones, oldest first, then later ones)",
      params: IdParams,
      response: { 200: Type.Object({ programme: Type.Array(Related), editions: Type.Array(Related) }, { additionalProperties: false }), 400: ErrorBody },
    },
  }, async (request) => relatedEvents(store, request.params.id));

  api.post('/api/v1/events/:id/repeat', {
    schema: { tags, summary: "Repeat for this year's edition: a new draft copied from this event, linked to it by previousEditionId, its dates moved 52 weeks on", security, params: IdParams, response: { 201: AnyView, ...errors } },
    preHandler: app.requireRole('contributor', 'coordinator', 'moderator', 'admin'),
  }, async (request, reply) => reply.code(201).send(repeatEdition(store, services.content, request.params.id, viewerOf(request, services.accounts))));
}
