import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { HubSiteConfig, PROTOCOL_VERSION } from '@constellation/shared';
import type { HubConfig } from '../config.ts';
import type { SettingsService } from '../services/settings.ts';

/** Liveness and the hub's identity (the web app reads it to start in regional mode). */
export default async function metaRoutes(app: FastifyInstance, options: { config: HubConfig; settings: SettingsService }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { config, settings } = options;
  api.get('/healthz', {
    schema: { tags: ['meta'], summary: 'Liveness: the process answers and its database reads', response: { 200: Type.Object({ ok: Type.Literal(true) }) } },
  }, async () => {
    app.store.sqlite.prepare('SELECT 1').get();
    return { ok: true as const };
  });
  api.get('/api/v1/config', {
    schema: { tags: ['meta'], summary: "This hub's identity and the portal's settings in effect", response: { 200: HubSiteConfig } },
  }, async (_request, reply) => {
    const current = settings.current();
    // Settings change at an admin's hand: a browser must not keep an old name or map style.
    void reply.header('cache-control', 'no-cache');
    return {
      protocol: PROTOCOL_VERSION as typeof PROTOCOL_VERSION,
      mode: 'regional' as const,
      hubId: config.hubId,
      name: current.name,
      ...(current.tagline === undefined ? {} : { tagline: current.tagline }),
      region: config.region,
      baseUrl: config.baseUrl,
      ...(current.mapStyle === undefined ? {} : { mapStyle: current.mapStyle }),
      ...(current.accentColor === undefined ? {} : { accentColor: current.accentColor }),
      ...(current.logoUrl === undefined ? {} : { logoUrl: current.logoUrl }),
      ...(current.socialLinks.length === 0 ? {} : { socialLinks: current.socialLinks }),
      ...(current.partners.length === 0 ? {} : { partners: current.partners }),
    };
  });
}
