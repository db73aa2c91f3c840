import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { AggregatorConfig } from './config.ts';
import { startWorkers } from './pipeline/workers.ts';
import { openServices } from './services.ts';

export interface RunningAggregator {
  /** The HTTP API, when this process runs the `api` role. */
  app?: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Runs the roles this process was given (`api`, `worker` or `all`) until SIGINT or
 * SIGTERM, then stops gracefully: the API stops accepting and finishes requests, the
 * workers finish their current batch, then Redis and the store close.
 */
export async function startAggregator(config: AggregatorConfig, options: { handleSignals?: boolean } = {}): Promise<RunningAggregator> {
  const services = await openServices(config);
  const workers = config.role === 'api' ? undefined : await startWorkers(services);
  let app: FastifyInstance | undefined;
  if (config.role !== 'worker') {
    app = await buildApp(config, { services });
    app.server.requestTimeout = 30_000;
    app.server.headersTimeout = 15_000;
    app.server.keepAliveTimeout = 10_000;
    await app.listen({ host: config.host, port: config.port });
  }
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      if (app !== undefined) await app.close();
      if (workers !== undefined) await workers.close();
      await services.close();
    })());
  if (options.handleSignals !== false) {
    const stop = (signal: string) => {
      console.error(`aggregator: ${signal}, shutting down`);
      const deadline = setTimeout(() => process.exit(1), 15_000);
      deadline.unref();
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('aggregator: shutdown failed', error);
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  }
  return { ...(app === undefined ? {} : { app }), close };
}
