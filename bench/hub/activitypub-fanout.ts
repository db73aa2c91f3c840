/**
 * Does delivering an event to 1,000 ActivityPub followers slow the hub's API?
 *
 * A hub (in this process, on a temporary SQLite file) has one organisation followed by
 * 1,000 remote actors, each with its own inbox on a sink server (another process, which
 * answers 202 after reading the body). The script measures `GET /api/v1/events` latency
 * with 10 concurrent clients for a few seconds at rest, then again while the hub signs
 * and posts the 1,000 deliveries of one new event, and reports both, with how long the
 * fan-out took.
 *
 *   npx tsx --conditions=@constellation/source bench/hub/activitypub-fanout.ts [--followers 1000] [--seconds 5]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp, loadHubConfig } from '@constellation/hub';

if (process.argv[2] === '--sink') {
  // The followers' servers: one process, one inbox per follower, counting what arrives.
  let received = 0;
  const sink = createHttpServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(202).end();
    });
  });
  sink.listen(0, '127.0.0.1', () => process.send?.({ port: (sink.address() as { port: number }).port }));
  process.on('message', () => process.send?.({ received }));
} else {
  await main();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** `clients` loops of GET for `seconds`; latencies in ms. */
async function load(url: string, seconds: number, clients = 10): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        const start = performance.now();
        const response = await fetch(url);
        await response.arrayBuffer();
        latencies.push(performance.now() - start);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

function summary(name: string, latencies: number[], seconds: number): string {
  return `${name}: ${(latencies.length / seconds).toFixed(0)} req/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { followers: { type: 'string', default: '1000' }, seconds: { type: 'string', default: '5' } } });
  const followers = Number(values.followers);
  const seconds = Number(values.seconds);
  const sink: ChildProcess = fork(new URL(import.meta.url).pathname, ['--sink'], { execArgv: process.execArgv });
  const sinkPort = await new Promise<number>((resolve) => sink.once('message', (message) => resolve((message as { port: number }).port)));
  const askReceived = () => new Promise<number>((resolve) => {
    sink.once('message', (message) => resolve((message as { received: number }).received));
    sink.send('count');
  });

  const dataDir = mkdtempSync(join(tmpdir(), 'constellation-ap-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = loadHubConfig({ env: { HUB_ID: 'centre-val-de-loire', HUB_NAME: 'Bench', HUB_REGION: '24', HUB_BASE_URL: base, HUB_DATA_DIR: dataDir, HUB_LOG_LEVEL: 'warn', HUB_ALLOW_PRIVATE_NETWORK: 'true' } });
  const app = await buildApp(config);
  await app.listen({ port, host: '127.0.0.1' });
  try {
    const moderator = await app.services.accounts.register({ email: 'bench@example.org', password: 'correct horse battery staple', displayName: 'Bench' }, 'moderator');
    const viewer = { id: moderator.id, role: 'moderator' as const, actorIds: [] };
    const actor = app.services.content.create('actor', { name: 'Maison des sciences', kind: 'ccsti' } as never, viewer, { submit: true });
    const insert = app.store.sqlite.prepare('INSERT INTO ap_followers (actor_key, follower_id, inbox, shared_inbox, follow_activity_id, created_at) VALUES (?, ?, ?, NULL, ?, ?)');
    app.store.sqlite.transaction(() => {
      for (let index = 0; index < followers; index += 1) insert.run(actor.id, `http://127.0.0.1:${sinkPort}/users/${index}`, `http://127.0.0.1:${sinkPort}/users/${index}/inbox`, `follow-${index}`, new Date().toISOString());
    })();
    // The actor's key is made on first use: make it now, as a running hub would have.
    await app.activityPub.keys.get(actor.id);
    const events = `${base}/api/v1/events?limit=50`;
    await load(events, 1);

    const rest = await load(events, seconds);
    const start = Date.now();
    const timing = { start: new Date(Date.now() + 7 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'), end: new Date(Date.now() + 7 * 86_400_000 + 7_200_000).toISOString().replace(/\.\d+Z$/, 'Z') };
    app.services.content.create('event', { actorId: actor.id, title: 'Nuit des étoiles', timeZone: 'Europe/Paris', timings: [timing], attendanceMode: 'in-person', place: { name: 'Parc Pasteur', commune: 'Orléans', postalCode: '45000' }, format: 'other' } as never, viewer, { submit: true });
    const during = await load(events, seconds);
    let delivered = await askReceived();
    while (delivered < followers && Date.now() - start < 300_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      delivered = await askReceived();
    }
    const fanOutMs = Date.now() - start;
    console.log(`${followers} followers, ${seconds} s of GET /api/v1/events?limit=50 at 10 concurrent clients`);
    console.log(summary('at rest            ', rest, seconds));
    console.log(summary('during the fan-out ', during, seconds));
    console.log(`fan-out: ${delivered}/${followers} deliveries signed and posted in ${(fanOutMs / 1000).toFixed(1)} s (${(delivered / (fanOutMs / 1000)).toFixed(0)}/s)`);
  } finally {
    await app.close();
    sink.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
