/**
 * The national aggregator: BullMQ workers pull every hub's changes feed into one
 * national store; the API serves search, map clusters, exports and a live stream.
 */
export { buildApp, AGGREGATOR_VERSION } from './app.ts';
export { loadAggregatorConfig, ConfigError, nationalDatabaseFile, type AggregatorConfig } from './config.ts';
export { openNationalStore, type NationalStore } from './db/client.ts';
export { NationalWriter, type AppliedChange, type ApplyResult } from './ingest/apply.ts';
export { Registry, RegistryError } from './registry/registry.ts';
export { createServices, openServices, type AggregatorServices } from './services.ts';
export { startAggregator, type RunningAggregator } from './server.ts';
export { runAggregatorCli } from './cli.ts';
export { PullQueues, QueueUnavailable, jitterOf } from './pipeline/queues.ts';
export { startWorkers, type RunningWorkers, type PullJobResult } from './pipeline/workers.ts';
export { pullHub, type PullOutcome, type PullOptions, type PullServices } from './pipeline/puller.ts';
export { HubLocks, type HeldHubLock } from './pipeline/hub-lock.ts';
export { LIVE_QUEUE, BULK_QUEUE, QUEUE_PREFIX, schedulerId, type PullLane, type PullReason } from './pipeline/jobs.ts';
export { connectRedis, type RedisConnection, type RedisRole } from './redis/connect.ts';
export { parseRedisTarget, RedisUrlError, type RedisTarget } from './redis/redis-target.ts';
export { announceChanges, CHANGES_CHANNEL, type ChangesMessage } from './live/changes-bus.ts';
export { HubAdmin, listHubs } from './admin/hub-admin.ts';
export { AdminAccounts } from './admin/admin-accounts.ts';
export { DuplicateReview } from './admin/duplicate-review.ts';
export { NationalRead, nationalRead } from './read/national-read.ts';
export { SEARCH_LIMITS, type SearchLimits, type Found, type Ranked } from './read/event-search.ts';
export { parseFilter, type EventFilter, type EventListQuery, type FilterQuery } from './read/filter.ts';
export { NATIONAL_APP_CSP } from './routes/pages.ts';
export type { ClusterAnswer, ClusterQuery } from './read/clusters.ts';
export type { HubList, PublicHub } from './read/hub-health.ts';
export type { ReadView } from './read/view.ts';
export { CampaignRead, campaignWindow, type CampaignCounts } from './campaigns/campaign-read.ts';
export { CampaignStore, CampaignEditor } from './campaigns/campaign-store.ts';
export { sqliteEngine, postgresEngine, openEngine, type NationalEngine, type StoreWriter, type ChangeLogReader, type HubRows } from './db/engine.ts';
export { openPgNationalStore, migratePgStore, shippedPgMigrations, PgSchemaBehind, type PgNationalStore, type PgStoreOptions } from './db/pg/client.ts';
export { PgNationalWriter } from './ingest/pg-apply.ts';
export { PgChangeLog } from './live/pg-change-log.ts';
