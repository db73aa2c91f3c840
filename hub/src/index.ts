/**
 * The regional hub: a Fastify server over one SQLite file (accounts, content,
 * moderation, public API). `buildApp` makes one; `startHub` runs one; `runHubCli`
 * is `constellation hub ...`.
 */
export { buildApp, createServices, openHubStore, hubDatabaseFile, type HubServices } from './app.ts';
export { startHub } from './server.ts';
export { loadHubConfig, ConfigError, HubSettings, SETTING_SOURCES, MIN_SECRET_BYTES, type HubConfig } from './config.ts';
export { openStore, type Store } from './db/client.ts';
export { runHubCli, hubUsage } from './cli.ts';
export { seedHub, demoAccounts, type SeedSummary } from './seed/store-seed.ts';
export type { Viewer, ContentView } from './services/content.ts';
export { uuidv7 } from './ids.ts';
export { loadKeyRing, rotateKey, ROTATION_OVERLAP_DAYS, type KeyRing } from './federation/keys.ts';
export { bodyDigest } from './federation/changes-feed.ts';
export { Notifier, type NotifierOptions } from './federation/notifier.ts';
export { parseICal } from './import/ical.ts';
export { parseOpenAgenda } from './import/openagenda.ts';
export type { ParsedImport, ImportCandidate, ParseOptions } from './import/candidates.ts';
export { ImportService } from './import/import-service.ts';
export { articleObject, eventObject, hashtagOf } from './activitypub/event-object.ts';
export { MailOutbox, retryDelayMs, MAX_ATTEMPTS } from './mail/outbox.ts';
export type { MailMessage, MailLang, MailSite } from './mail/templates.ts';
export { renderMail } from './mail/templates.ts';
