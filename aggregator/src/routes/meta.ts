import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { HttpUrl } from '@constellation/shared';
import type { AggregatorServices } from '../services.ts';

/** Liveness and readiness: the store answers, and whether Redis does (reads go on without it). */
export default async function metaRoutes(app: FastifyInstance, { services, version }: { services: AggregatorServices; version: string }): Promise<void> {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Health of this API process',
        response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), store: Type.Literal('ok'), redis: Type.Enum(['ok', 'down']) }, { additionalProperties: false }) },
      },
    },
    async () => {
      services.store.sqlite.prepare('SELECT 1').get();
      return { status: 'ok' as const, version, store: 'ok' as const, redis: services.redis.status === 'ready' ? ('ok' as const) : ('down' as const) };
    },
  );

  // What the web app asks first: which mode to run in and which base map to draw.
  app.get(
    '/api/v1/config',
    {
      schema: {
        summary: 'Site settings for the web app',
        response: { 200: Type.Object({ mode: Type.Literal('national'), name: Type.String(), mapStyle: Type.Optional(HttpUrl) }, { additionalProperties: false }) },
      },
    },
    async () => ({ mode: 'national' as const, name: 'Constellation', ...(services.config.mapStyle === undefined ? {} : { mapStyle: services.config.mapStyle }) }),
  );
}
