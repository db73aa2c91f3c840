import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { AGGREGATOR_DESCRIPTOR_PATH, AggregatorDescriptor, CAMPAIGNS_PATH, CampaignList, CampaignPublic, Campaign, ErrorBody, PROTOCOL_VERSION, SIGNATURE_HEADER } from '@constellation/shared';
import { canonicalQuery, etagFor, notModified, signJwt } from '@constellation/shared/server';
import { CampaignRead, type CampaignCounts } from '../campaigns/campaign-read.ts';
import { CampaignStore } from '../campaigns/campaign-store.ts';
import { loadSigningKey } from '../campaigns/signing-key.ts';
import { NotFoundError } from '../http-errors.ts';
import { ClusterAnswer, ClusterQuery } from '../read/clusters.ts';
import { EventListQuery, filterFields } from '../read/filter.ts';
import { nationalRead } from '../read/national-read.ts';
import { NationalEventPage } from '../read/schemas.ts';
import type { ReadView } from '../read/view.ts';
import type { AggregatorServices } from '../services.ts';

/**
 * Short enough that a labelling shows within seconds through a CDN, long enough that a
 * peak of visitors on the same view costs one computation per edge every few seconds;
 * the ETag makes each revalidation a 304 until the index moves.
 */
export const CAMPAIGN_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=30';
/** The list's signature lives as long as a cache may keep the list, with margin. */
const LIST_SIGNATURE_SECONDS = 300;

const SlugParams = Type.Object({ slug: Campaign }, { additionalProperties: false });
const Counts = Type.Object(
  {
    total: Type.Integer({ minimum: 0 }),
    byRegion: Type.Record(Type.String(), Type.Integer(), { description: 'events per INSEE region code (of the hub that serves them)' }),
    byFormat: Type.Record(Type.String(), Type.Integer(), { description: 'events per format' }),
  },
  { additionalProperties: false },
);
const CampaignDetail = Type.Object({ campaign: CampaignPublic, counts: Counts }, { additionalProperties: false });
const CountsQuery = Type.Object(filterFields, { additionalProperties: false });
const notModifiedBody = Type.Null({ description: 'Not modified: If-None-Match named the current ETag' });

/** JSON already serialised (signed bytes, or pages spliced from stored shapes); the route's schema documents it. */
function sendJsonText(reply: FastifyReply, text: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(text);
}

function sha256(body: string): string {
  return `sha-256=${createHash('sha256').update(body).digest('base64')}`;
}

/**
 * The aggregator's descriptor and signed campaign list (for hubs), and each campaign's
 * public answers for its national page: the campaign with its counts, its list and its
 * map clusters, conditional and cacheable. Exports filter on `campaign=<slug>` through
 * the ordinary export routes.
 */
export default async function campaignRoutes(app: FastifyInstance, { services }: { services: AggregatorServices }): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = services;
  const campaigns = new CampaignStore(services.store, config.publicUrl);
  const reads = new CampaignRead(nationalRead(services.store), services.store);
  const key = loadSigningKey(config.dataDir);
  const issuer = config.publicUrl.replace(/\/$/, '');

  function campaignOr404(slug: string): CampaignPublic {
    const campaign = campaigns.get(slug);
    if (campaign === undefined) throw new NotFoundError(`campaign ${slug}`, 'params.slug');
    return campaign;
  }

  /** ETag from the index's seq, the campaign's last edit and the query; sets the caching headers. */
  const fresh = (reply: FastifyReply, kind: string, campaign: CampaignPublic, query: object) => (view: ReadView) => {
    const etag = etagFor(view.seq, [kind, campaign.slug, campaign.updatedAt, canonicalQuery(query), [...view.shown].sort()]);
    void reply.header('etag', etag).header('cache-control', CAMPAIGN_CACHE_CONTROL).header('access-control-allow-origin', '*');
    return notModified(reply.request.headers['if-none-match'], etag);
  };

  api.get(AGGREGATOR_DESCRIPTOR_PATH, {
    schema: { tags: ['federation'], summary: "The aggregator's public URL and the keys it signs the campaign list with", response: { 200: AggregatorDescriptor } },
  }, async (_request, reply) => {
    void reply.header('cache-control', 'public, max-age=300');
    const descriptor: AggregatorDescriptor = { protocol: PROTOCOL_VERSION, name: 'Constellation', publicUrl: issuer, keys: [key.jwk] };
    return descriptor;
  });

  api.get(CAMPAIGNS_PATH, {
    schema: {
      tags: ['federation'],
      summary: 'Every national campaign, signed for the hubs that read it',
      description: `The body is signed: the ${SIGNATURE_HEADER} header carries an EdDSA JWT { iss, digest, iat, exp } made with a key of ${AGGREGATOR_DESCRIPTOR_PATH}.`,
      response: { 200: CampaignList, 304: notModifiedBody },
    },
  }, async (_request, reply) => {
    const etag = `"c${campaigns.lastChange()}"`;
    void reply.header('etag', etag).header('cache-control', 'public, max-age=60').header('access-control-allow-origin', '*');
    if (notModified(reply.request.headers['if-none-match'], etag)) return reply.code(304).send(null);
    const body = JSON.stringify({ protocol: PROTOCOL_VERSION, issuer, generatedAt: new Date().toISOString(), items: campaigns.list() });
    const now = Math.floor(Date.now() / 1000);
    void reply.header(SIGNATURE_HEADER, signJwt({ iss: issuer, digest: sha256(body), iat: now, exp: now + LIST_SIGNATURE_SECONDS }, key.privateKey, key.kid));
    return sendJsonText(reply, body);
  });

  api.get('/api/v1/campaigns', {
    schema: { tags: ['campaigns'], summary: 'Every national campaign, newest first', response: { 200: Type.Object({ items: Type.Array(CampaignPublic) }, { additionalProperties: false }) } },
  }, async () => ({ items: campaigns.list() }));

  api.get('/api/v1/campaigns/:slug', {
    schema: {
      tags: ['campaigns'],
      summary: 'One campaign with its events counted by region and by format (the list\'s filters apply)',
      description: 'Counted from the in-memory index over the campaign\'s days unless from/to say otherwise. Cacheable (ETag, Cache-Control).',
      params: SlugParams,
      querystring: CountsQuery,
      response: { 200: CampaignDetail, 304: notModifiedBody, 400: ErrorBody, 404: ErrorBody },
    },
  }, async (request, reply) => {
    const campaign = campaignOr404(request.params.slug);
    const counts: CampaignCounts | undefined = reads.counts(campaign, request.query, Date.now(), fresh(reply, 'counts', campaign, request.query));
    if (counts === undefined) return reply.code(304).send(null);
    return { campaign, counts };
  });

  api.get('/api/v1/campaigns/:slug/events', {
    schema: {
      tags: ['campaigns'],
      summary: "The campaign's events: GET /api/v1/events filtered to it, over its days by default",
      description: 'Served from the in-memory index; conditional (ETag) and cacheable (Cache-Control) for a peak of visitors.',
      params: SlugParams,
      querystring: EventListQuery,
      response: { 200: NationalEventPage, 304: notModifiedBody, 400: ErrorBody, 404: ErrorBody },
    },
  }, async (request, reply) => {
    const campaign = campaignOr404(request.params.slug);
    const body = reads.list(campaign, request.query, Date.now(), fresh(reply, 'list', campaign, request.query));
    if (body === undefined) return reply.code(304).send(null);
    return sendJsonText(reply, body);
  });

  api.get('/api/v1/campaigns/:slug/clusters', {
    schema: {
      tags: ['campaigns'],
      summary: "The campaign's map clusters: GET /api/v1/clusters filtered to it, over its days by default",
      params: SlugParams,
      querystring: ClusterQuery,
      response: { 200: ClusterAnswer, 304: notModifiedBody, 400: ErrorBody, 404: ErrorBody },
    },
  }, async (request, reply) => {
    const campaign = campaignOr404(request.params.slug);
    const answer = reads.clusters(campaign, request.query, Date.now(), fresh(reply, 'clusters', campaign, request.query));
    if (answer === undefined) return reply.code(304).send(null);
    return answer;
  });
}
