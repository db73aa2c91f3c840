import Fastify, { type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import { errorsPlugin, rateLimitOptions } from '@constellation/shared/server';
import { readFileSync } from 'node:fs';
import type { AggregatorConfig } from './config.ts';
import type { NationalStore } from './db/client.ts';
import adminRoutes from './routes/admin.ts';
import campaignRoutes from './routes/campaigns.ts';
import clusterRoutes from './routes/clusters.ts';
import eventRoutes from './routes/events.ts';
import exportRoutes from './routes/exports.ts';
import hubRoutes from './routes/hubs.ts';
import directoryRoutes from './routes/directories.ts';
import metaRoutes from './routes/meta.ts';
import notifyRoutes from './routes/notify.ts';
import pageRoutes from './routes/pages.ts';
import sitePageRoutes from './routes/site-pages.ts';
import thumbnailRoutes from './routes/thumbnails.ts';
import streamRoutes from './routes/stream.ts';
import { createServices, type AggregatorServices } from './services.ts';

// Named `national`, not `services`: tests load the hub and the aggregator in one program,
// and the hub's augmentation already gives `services` its own type.
declare module 'fastify' {
  interface FastifyInstance {
    national: AggregatorServices;
  }
}

/** The aggregator's version, from its package.json (read from src/ and dist/ alike). */
export const AGGREGATOR_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Builds the national API (the `api` role): plugins first (errors, security, OpenAPI),
 * then the routes. Opening the store and Redis connections is the only I/O; nothing
 * listens until the caller does.
 */
export async function buildApp(config: AggregatorConfig, options: { store?: NationalStore; services?: AggregatorServices } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: 64 * 1024,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 200 },
    // Registering the pages loads the server-side renderer's bundle: on a busy machine that
    // outlasts Fastify's 10 s default, and a slow start beats a server that refuses to start.
    pluginTimeout: 60_000,
    ajv: { customOptions: { removeAdditional: false } },
  }).setValidatorCompiler(TypeBoxValidatorCompiler);
  app.removeContentTypeParser('text/plain');

  const services = options.services ?? createServices(config, options.store === undefined ? {} : { store: options.store });
  app.decorate('national', services);
  if (options.services === undefined) app.addHook('onClose', async () => services.close());

  await app.register(errorsPlugin);
  await app.register(helmet, { contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'cross-origin' } });
  await app.register(rateLimit, rateLimitOptions);
  await app.register(swagger, {
    openapi: {
      // 3.1: its schemas are JSON Schema 2020-12, what TypeBox writes (numeric
      // exclusiveMinimum, `type: 'null'` in unions); 3.0 would need every one rewritten.
      openapi: '3.1.0',
      info: { title: 'Constellation national aggregator', version: AGGREGATOR_VERSION, description: 'Every regional hub\'s public science-culture events in one national index: search, map clusters, exports, a live stream and the hub registry.' },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(metaRoutes, { services, version: AGGREGATOR_VERSION });
  await app.register(notifyRoutes, { services });
  await app.register(eventRoutes, { services });
  await app.register(clusterRoutes, { services });
  await app.register(hubRoutes, { services });
  await app.register(directoryRoutes, { services });
  await app.register(exportRoutes, { services });
  await app.register(streamRoutes, { services });
  await app.register(adminRoutes, { services });
  await app.register(campaignRoutes, { services });
  await app.register(thumbnailRoutes, { services });
  // Last: the web app's fallback route must not shadow the API.
  await app.register(sitePageRoutes, { services });
  await app.register(pageRoutes, { services });
  return app;
}
