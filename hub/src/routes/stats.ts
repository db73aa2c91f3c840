import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, StatsQuery, StatsReport } from '@constellation/shared';
import type { StatsService } from '../services/stats.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };

/** The operators' statistics (moderators and admins). */
export default async function statsRoutes(app: FastifyInstance, deps: { stats: StatsService }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get('/api/v1/moderation/stats', {
    schema: {
      tags: ['moderation'],
      summary: 'Statistics: published per type and month, the queue, decisions per moderator, most viewed, searches that found nothing',
      security: [{ bearer: [] }],
      querystring: StatsQuery,
      response: { 200: StatsReport, ...errors },
    },
    preHandler: app.requireRole('moderator', 'admin'),
  }, async (request) => deps.stats.report(request.query));
}
