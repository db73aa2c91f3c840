import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { ErrorBody } from '@constellation/shared';
import { HubList } from '../read/hub-health.ts';
import { nationalRead } from '../read/national-read.ts';
import type { AggregatorServices } from '../services.ts';

/** The approved hubs and how well the national index follows each. */
export default async function hubsRoutes(app: FastifyInstance, { services }: { services: AggregatorServices }): Promise<void> {
  const read = nationalRead(services.store);

  app.get('/api/v1/hubs', {
    schema: {
      tags: ['hubs'],
      summary: 'Every approved hub with its health: last success, lag in changes and in seconds, last error, circuit breaker, counts',
      querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: HubList, 400: ErrorBody },
    },
  }, async () => read.hubs());
}
