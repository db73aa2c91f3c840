/**
 * The national aggregator: BullMQ workers pull every hub's changes feed into one
 * national store; the API serves search, map clusters, exports and a live stream.
 */
export { buildApp, AGGREGATOR_VERSION } from './app.ts';
export { loadAggregatorConfig, ConfigError, nationalDatabaseFile, type AggregatorConfig } from './config.ts';
export { openNationalStore, type NationalStore } from './db/client.ts';
export { NationalWriter, type AppliedChange, type ApplyResult } from './ingest/apply.ts';
export { Registry, RegistryError } from './registry/registry.ts';
export { createServices, type AggregatorServices } from './services.ts';
export { startAggregator, type RunningAggregator } from './server.ts';
export { runAggregatorCli } from './cli.ts';
