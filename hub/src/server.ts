import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { HubConfig } from './config.ts';

/**
 * Runs a hub until SIGINT or SIGTERM: listen, then close gracefully (stop accepting,
 * finish in-flight requests, close the database) with a deadline.
 */
export async function startHub(config: HubConfig, options: { handleSignals?: boolean } = {}): Promise<FastifyInstance> {
  const app = await buildApp(config);
  app.server.requestTimeout = 30_000;
  app.server.headersTimeout = 15_000;
  app.server.keepAliveTimeout = 10_000;
  await app.listen({ host: config.host, port: config.port });
  if (options.handleSignals !== false) {
    let closing = false;
    const stop = (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      const deadline = setTimeout(() => process.exit(1), 10_000);
      deadline.unref();
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  }
  return app;
}
