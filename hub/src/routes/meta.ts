import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { HttpUrl, HubId, PROTOCOL_VERSION, regions, vocabularySchema } from '@constellation/shared';
import type { HubConfig } from '../config.ts';

export const HubInfo = Type.Object(
  { protocol: Type.Literal(PROTOCOL_VERSION), mode: Type.Literal('regional'), hubId: HubId, name: Type.String(), region: vocabularySchema(regions), baseUrl: HttpUrl },
  { additionalProperties: false },
);

/** Liveness and the hub's identity (the web app reads it to start in regional mode). */
export default async function metaRoutes(app: FastifyInstance, options: { config: HubConfig }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = options;
  api.get('/healthz', {
    schema: { tags: ['meta'], summary: 'Liveness: the process answers and its database reads', response: { 200: Type.Object({ ok: Type.Literal(true) }) } },
  }, async () => {
    app.store.sqlite.prepare('SELECT 1').get();
    return { ok: true as const };
  });
  api.get('/api/v1/config', {
    schema: { tags: ['meta'], summary: "This hub's identity", response: { 200: HubInfo } },
  }, async () => ({ protocol: PROTOCOL_VERSION as typeof PROTOCOL_VERSION, mode: 'regional' as const, hubId: config.hubId, name: config.name, region: config.region, baseUrl: config.baseUrl }));
}
