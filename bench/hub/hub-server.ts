/**
 * The real hub over a benchmark data dir, started the way `constellation hub start`
 * starts it (loadHubConfig, then startHub), on a loopback port. Run by run.ts as a child
 * process with NODE_ENV=production; reports its port over IPC.
 *
 *   npx tsx --conditions=@constellation/source bench/hub/hub-server.ts --data-dir DIR [--port 0] [--log-level warn]
 */
import { loadHubConfig, startHub } from '@constellation/hub';
import { BENCH_HUB, flag, isMain } from './common.ts';

if (isMain(import.meta.url)) {
  const argv = process.argv.slice(2);
  const dataDir = flag(argv, 'data-dir');
  if (dataDir === undefined) {
    console.error('usage: hub-server.ts --data-dir DIR [--port N] [--log-level LEVEL]');
    process.exit(2);
  }
  const config = loadHubConfig({
    argv: [
      '--hub-id', BENCH_HUB.hubId,
      '--name', BENCH_HUB.name,
      '--region', BENCH_HUB.region,
      '--data-dir', dataDir,
      '--jwt-secret', BENCH_HUB.jwtSecret,
      '--host', '127.0.0.1',
      '--port', flag(argv, 'port') ?? '0',
      '--log-level', flag(argv, 'log-level') ?? 'warn',
    ],
    env: {},
  });
  const app = await startHub(config);
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  if (process.send !== undefined) process.send({ ready: true, port, pid: process.pid });
  else console.log(`hub on http://127.0.0.1:${port}`);
}
