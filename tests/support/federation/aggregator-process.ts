import type { Exit, ManagedProcess } from '../processes.ts';
import { http, type HttpAnswer } from './http.ts';

/* An aggregator process (`aggregator/src/main.ts start --role api|worker|all`) and its settings. */

export const AGGREGATOR_MAIN = 'aggregator/src/main.ts';

export type AggregatorRole = 'api' | 'worker' | 'all';

/** Aggregator settings by config key, passed as the environment variables config.ts reads. */
export interface AggregatorSettings {
  pullIntervalMs?: number;
  pullJitterMs?: number;
  pullLockTtlMs?: number;
  schedulerResyncMs?: number;
  pageLimit?: number;
  batchSize?: number;
  bulkThreshold?: number;
  liveConcurrency?: number;
  bulkConcurrency?: number;
  fetchDeadlineMs?: number;
  breakerThreshold?: number;
  logLevel?: string;
}

const SETTING_ENV: Record<keyof AggregatorSettings, string> = {
  pullIntervalMs: 'AGGREGATOR_PULL_INTERVAL_MS',
  pullJitterMs: 'AGGREGATOR_PULL_JITTER_MS',
  pullLockTtlMs: 'AGGREGATOR_PULL_LOCK_TTL_MS',
  schedulerResyncMs: 'AGGREGATOR_SCHEDULER_RESYNC_MS',
  pageLimit: 'AGGREGATOR_PAGE_LIMIT',
  batchSize: 'AGGREGATOR_BATCH_SIZE',
  bulkThreshold: 'AGGREGATOR_BULK_THRESHOLD',
  liveConcurrency: 'AGGREGATOR_LIVE_CONCURRENCY',
  bulkConcurrency: 'AGGREGATOR_BULK_CONCURRENCY',
  fetchDeadlineMs: 'AGGREGATOR_FETCH_DEADLINE_MS',
  breakerThreshold: 'AGGREGATOR_BREAKER_THRESHOLD',
  logLevel: 'AGGREGATOR_LOG_LEVEL',
};

/** The settings as the environment variables config.ts reads. */
export function settingsEnv(settings: AggregatorSettings): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) if (value !== undefined) env[SETTING_ENV[key as keyof AggregatorSettings]] = String(value);
  return env;
}

export class AggregatorProcess {
  constructor(
    readonly role: AggregatorRole,
    readonly process: ManagedProcess,
    /** Where its API listens (api and all roles). */
    readonly port: number | undefined,
  ) {}

  get url(): string {
    if (this.port === undefined) throw new Error(`a ${this.role} process serves no HTTP`);
    return `http://127.0.0.1:${this.port}`;
  }

  get(path: string): Promise<HttpAnswer> {
    return http(`${this.url}${path}`);
  }

  getJson<T>(path: string): Promise<HttpAnswer<T>> {
    return http<T>(`${this.url}${path}`);
  }

  alive(): boolean {
    return this.process.alive();
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
    return this.process.kill(signal);
  }

  stop(): Promise<Exit> {
    return this.process.stop();
  }
}
