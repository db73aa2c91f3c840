import Fastify, { type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import { APP_CSP, createAppPages, errorsPlugin, rateLimitOptions } from '@constellation/shared/server';
import { eventPageJsonLd } from './exports/query.ts';
import type { HubConfig } from './config.ts';
import { openStore, type Store } from './db/client.ts';
import authPlugin from './plugins/auth.ts';
import storePlugin from './plugins/store.ts';
import authRoutes from './routes/auth.ts';
import actorDuplicateRoutes from './routes/actor-duplicates.ts';
import campaignRoutes from './routes/campaigns.ts';
import contentRoutes from './routes/content.ts';
import eventRoutes from './routes/events.ts';
import exportRoutes from './routes/exports.ts';
import importRoutes from './routes/imports.ts';
import memberRoutes from './routes/members.ts';
import membershipRoutes from './routes/memberships.ts';
import metaRoutes from './routes/meta.ts';
import statsRoutes from './routes/stats.ts';
import moderationRoutes from './routes/moderation.ts';
import adminRoutes from './routes/admin.ts';
import formHelperRoutes from './routes/form-helpers.ts';
import mediaRoutes from './routes/media.ts';
import { createServices, type HubServices } from './services/hub-services.ts';
import { join } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { ChangesFeed } from './federation/changes-feed.ts';
import { KeyRingFile } from './federation/keys.ts';
import { Notifier } from './federation/notifier.ts';
import streamRoutes from './routes/stream.ts';
import federationRoutes from './routes/federation.ts';
import webAppRoutes from './routes/web-app.ts';
import activityPubRoutes from './routes/activitypub.ts';
import activityPubSourceRoutes from './routes/activitypub-sources.ts';
import { createActivityPub, type ActivityPub, type ActivityPubOptions } from './activitypub/index.ts';
import { ImportService } from './import/import-service.ts';
import { REGION_FACTS } from '@constellation/shared';
import accountRoutes from './routes/account.ts';
import mailRoutes from './routes/mail.ts';
import emailFollowRoutes from './routes/email-follows.ts';
import sitePageRoutes from './routes/site-pages.ts';
import homePageRoutes from './routes/home-page.ts';
import { OutboxSender } from './mail/sender.ts';
import { smtpTransport } from './mail/transport.ts';


export { createServices, type HubServices };

// Declared here rather than in each plugin so the augmentation travels with the
// hub's public types (tests and tools see app.store through @constellation/hub).
declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    services: HubServices;
    config: HubConfig;
    activityPub: ActivityPub;
  }
}

/** The hub's version, from its package.json (read from src/ and dist/ alike). */
export const HUB_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function hubDatabaseFile(config: HubConfig): string {
  return join(config.dataDir, 'hub.sqlite');
}

/** Opens (and migrates) the hub's store in its data dir. */
export function openHubStore(config: HubConfig): Store {
  mkdirSync(config.dataDir, { recursive: true });
  return openStore(hubDatabaseFile(config));
}


/**
 * Builds a hub: plugins first (store, errors, security, auth, OpenAPI), then the
 * routes. Opening the store is the only I/O; nothing listens until the caller does.
 */
export async function buildApp(
  config: HubConfig,
  /** `logStream`: where the log goes instead of stdout (a test reads what the hub said). */
  options: { store?: Store; logger?: boolean; logStream?: { write(line: string): void }; activityPub?: ActivityPubOptions['delivery'] } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false || config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'], ...(options.logStream === undefined ? {} : { stream: options.logStream }) },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // Query arrays and unknown keys are refused by the schemas, not silently coerced.
    routerOptions: { maxParamLength: 200 },
    // Registering the pages loads the server-side renderer's bundle: on a busy machine that
    // outlasts Fastify's 10 s default, and a slow start beats a server that refuses to start.
    pluginTimeout: 60_000,
    ajv: { customOptions: { removeAdditional: false } },
  }).setValidatorCompiler(TypeBoxValidatorCompiler);
  // Bodies are JSON only: text/plain is what a cross-site form can send without a CORS preflight.
  app.removeContentTypeParser('text/plain');

  const store = options.store ?? openHubStore(config);
  const services = createServices(store, config);
  app.decorate('config', config);
  app.decorate('services', services);

  await app.register(storePlugin, { store });
  await app.register(errorsPlugin);
  await app.register(helmet, { contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'cross-origin' } });
  await app.register(rateLimit, rateLimitOptions);
  await app.register(authPlugin, { config, currentRole: (userId) => services.accounts.current(userId)?.role, sessionActive: (userId, sessionId) => services.accounts.sessionActive(userId, sessionId) });
  await app.register(swagger, {
    openapi: {
      // 3.1: its schemas are JSON Schema 2020-12, what TypeBox writes (numeric
      // exclusiveMinimum, `type: 'null'` in unions); 3.0 would need every one rewritten.
      openapi: '3.1.0',
      info: { title: `Constellation hub: ${config.name}`, version: '1.0.0', description: 'Public read API, accounts, contribution and moderation of a regional science-culture hub.' },
      servers: [{ url: config.baseUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  mkdirSync(config.dataDir, { recursive: true });
  const keys = new KeyRingFile(config.dataDir);
  const feed = new ChangesFeed(store, config.hubId);
  const notifier = new Notifier({ hubId: config.hubId, aggregatorUrls: services.settings.current().aggregatorUrls, trustedUrls: config.aggregatorUrls, allowPrivate: config.allowPrivateNetwork, keys, latest: () => feed.latest(), log: app.log });
  const unsubscribe = services.content.onPublicChange(() => notifier.changed());
  // Requests being answered (counted on the socket's close, which comes for aborted ones
  // too): ActivityPub deliveries slow down while there are any.
  let answering = 0;
  app.server.on('request', (_request, response) => {
    answering += 1;
    response.once('close', () => (answering -= 1));
  });
  // ActivityPub follows the same changes with its own cursor; a change only wakes it.
  const ap = createActivityPub(
    store,
    { baseUrl: config.baseUrl, hubId: config.hubId, name: config.name, allowPrivateNetwork: config.allowPrivateNetwork, blockedDomains: config.blockedDomains, defaultTimeZone: REGION_FACTS[config.region].timeZone, delivery: { busy: () => answering > 0, ...options.activityPub } },
    { content: services.content, imports: new ImportService(store, services.content) },
    app.log,
  );
  const unsubscribeAp = services.content.onPublicChange(() => ap.publisher.wake());
  app.decorate('activityPub', ap);
  app.addHook('onReady', async () => ap.start());
  // An admin's change of the aggregator URLs applies without a restart.
  const unsubscribeSettings = services.settings.onChange((settings) => notifier.setAggregatorUrls(settings.aggregatorUrls));
  // Rules without an end are materialised up to a horizon; keep it ahead of today.
  services.content.extendRecurrences();
  const sweepMedia = () => {
    try {
      const swept = services.media.sweepOrphans();
      if (swept.removed.length > 0 || swept.strayFiles > 0) app.log.info({ removed: swept.removed.length, strayFiles: swept.strayFiles }, 'media: removed images no content refers to');
    } catch (error) {
      app.log.error({ err: error }, 'media: the orphan sweep failed');
    }
  };
  sweepMedia();
  const daily = setInterval(() => {
    services.content.extendRecurrences();
    sweepMedia();
  }, 86_400_000);
  daily.unref();
  const sender = startMailSender(app, config, services);
  const notices = services.notices;
  const stopNotices = services.content.onModeration((event) => {
    try {
      notices.handle(event);
    } catch (error) {
      // A notice that cannot be queued must not undo or fail the decision already committed.
      app.log.error({ err: error }, 'moderation mail not queued');
    }
  });
  // Digests go out at most daily per moderator; checking hourly keeps them near the time each chose them.
  // The followers' weekly digest rides the same hourly check (each account at most weekly).
  const digests = setInterval(() => {
    try {
      notices.sendDigests();
    } catch (error) {
      app.log.error({ err: error }, 'moderation digest failed');
    }
    try {
      services.emailFollows.purge();
      services.follows.sendDigests();
    } catch (error) {
      app.log.error({ err: error }, 'follows digest failed');
    }
  }, 3_600_000);
  digests.unref();
  app.addHook('onClose', async () => {
    clearInterval(digests);
    stopNotices();
    await sender?.close();
    clearInterval(daily);
    unsubscribe();
    unsubscribeSettings();
    notifier.close();
    unsubscribeAp();
    ap.close();
    services.stats.close();
  });

  await app.register(metaRoutes, { config, settings: services.settings });
  await app.register(federationRoutes, { config, feed, keys, version: HUB_VERSION });
  await app.register(activityPubRoutes, { ap, version: HUB_VERSION });
  await app.register(activityPubSourceRoutes, { ap, services });
  await app.register(authRoutes, { config, accounts: services.accounts, settings: services.settings, flows: services.flows });
  await app.register(eventRoutes, { events: services.events, content: services.content, stats: services.stats });
  await app.register(streamRoutes, { config, content: services.content, events: services.events, store });
  await app.register(contentRoutes, { content: services.content, lists: services.lists, accounts: services.accounts, stats: services.stats, campaigns: services.campaigns });
  await app.register(campaignRoutes, { config, store, services });
  await app.register(actorDuplicateRoutes, { store, services });
  await app.register(statsRoutes, { stats: services.stats });
  await app.register(moderationRoutes, { content: services.content, lists: services.lists, accounts: services.accounts, reports: services.reports });
  await app.register(adminRoutes, { services });
  await app.register(formHelperRoutes, { communes: services.communes });
  await app.register(memberRoutes, { members: services.members });
  await app.register(membershipRoutes, { memberships: services.memberships });
  await app.register(mediaRoutes, { media: services.media });
  await app.register(accountRoutes, { services });
  await app.register(mailRoutes, { services });
  await app.register(emailFollowRoutes, { services });
  await app.register(sitePageRoutes, { services });
  await app.register(homePageRoutes, { services });
  // The portal's pages rendered on the server, when the web root holds the app's renderer.
  const pages = config.webRoot === undefined ? undefined : await createAppPages(app, { root: config.webRoot, publicUrl: config.baseUrl, csp: APP_CSP, siteName: config.name, eventJsonLd: (event) => eventPageJsonLd(services.content, event, Date.now()) });
  await app.register(exportRoutes, { config, services, pages });
  await app.register(importRoutes, { config, services });
  // Last: its catch-all answers only what no route above took.
  await app.register(webAppRoutes, { webRoot: config.webRoot, pages });
  return app;
}

/**
 * Starts the outbox's sender when SMTP is configured, after checking the relay once
 * (a wrong host or password is logged at start, not at the first lost mail). Without
 * SMTP, mail waits in the outbox and the start-up log says so.
 */
function startMailSender(app: FastifyInstance, config: HubConfig, services: HubServices): OutboxSender | undefined {
  const transport = smtpTransport(config);
  if (transport === undefined || config.mailFrom === undefined) {
    app.log.warn('no SMTP relay configured (HUB_SMTP_HOST): mail waits in the outbox until one is');
    return undefined;
  }
  const sender = new OutboxSender(services.mailer.outbox, transport, config.mailFrom, app.log);
  services.mailer.onQueued(() => sender.kick());
  transport.verify().then(
    () => app.log.info({ smtpHost: config.smtpHost }, 'SMTP relay reachable'),
    (error: unknown) => app.log.error({ smtpHost: config.smtpHost, err: (error as Error).message }, 'SMTP relay check failed: mail stays in the outbox and is retried'),
  );
  sender.start();
  return sender;
}
