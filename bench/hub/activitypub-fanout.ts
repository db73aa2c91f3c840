/**
 * Does delivering an event to 1,000 ActivityPub followers slow the hub's API?
 *
 * Three kinds of process, so that nothing under test shares an event loop with the load:
 * - the hub (a child: `buildApp` on a temporary SQLite file with 300 published events, one
 *   organisation followed by `--followers` remote actors), listening on loopback;
 * - `--servers` inbox servers (children), the followers spread over them, each follower
 *   with its own inbox (the worst case: one signed POST per follower), answering 202 after
 *   `--peer-ms` (a remote server's time to answer);
 * - this process, asking `GET /api/v1/events?limit=20` (a page of the agenda) and timing
 *   every answer.
 *
 * Twice: at a steady `--rate` (open loop: requests leave on time whatever the answers, as
 * independent readers arrive), then from `--clients` loops as fast as the hub answers
 * (saturated). Each time it measures the route at rest for `--seconds`, posts one event
 * through the API and measures until every follower has it (the drain), and reports the
 * p95 of both and their ratio (taken in the same run, so a loaded machine moves both), the
 * drain time, and the hub's event-loop delay. Then the followers advertise a shared inbox
 * per server, as Mastodon's do, and a third event shows how many POSTs that takes.
 *
 *   npm run bench:activitypub [-- --followers 1000 --servers 4 --rate 200 --clients 8 --seconds 8 --peer-ms 20 --concurrency 8 --busy-concurrency 2]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const SELF = new URL(import.meta.url).pathname;
const PASSWORD = 'correct horse battery staple';
const ROUTE = '/api/v1/events?limit=20';

type Message = Record<string, unknown>;

interface HubOptions {
  followers: number;
  inboxes: string[];
  /** The delivery queue's posts at once, when idle and while requests are in flight (defaults: the hub's). */
  concurrency?: number;
  busyConcurrency?: number;
}

function reply(message: Message): void {
  process.send?.(message);
}

/** One follower server: every path under /users/<n>/inbox and /inbox takes a POST. */
function sink(peerMs: number): void {
  let received = 0;
  let posts = 0;
  const server = createHttpServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const answer = () => {
        posts += 1;
        // A personal inbox is one follower; a shared inbox (/inbox) stands for all of this server's.
        if (request.url !== '/inbox') received += 1;
        response.writeHead(202).end();
      };
      if (peerMs > 0) setTimeout(answer, peerMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 10_000;
  server.listen(0, '127.0.0.1', () => reply({ port: (server.address() as { port: number }).port }));
  process.on('message', () => reply({ received, posts }));
}

/** The hub: prepares its data, listens, and reports its event-loop delay when asked. */
async function hub(options: HubOptions): Promise<void> {
  const { buildApp, loadHubConfig } = await import('@constellation/hub');
  const dataDir = mkdtempSync(join(tmpdir(), 'constellation-ap-bench-'));
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const config = loadHubConfig({ env: { HUB_ID: 'centre-val-de-loire', HUB_NAME: 'Bench', HUB_REGION: '24', HUB_BASE_URL: base, HUB_DATA_DIR: dataDir, HUB_LOG_LEVEL: 'warn', HUB_ALLOW_PRIVATE_NETWORK: 'true', NODE_ENV: 'production' } });
  const app = await buildApp(config, { activityPub: { ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }), ...(options.busyConcurrency === undefined ? {} : { busyConcurrency: options.busyConcurrency }) } });
  const moderator = await app.services.accounts.register({ email: 'bench@example.org', password: PASSWORD, displayName: 'Bench' }, 'moderator');
  const viewer = { id: moderator.id, role: 'moderator' as const, actorIds: [] };
  const actor = app.services.content.create('actor', { name: 'Maison des sciences', kind: 'ccsti' } as never, viewer, { submit: true });
  // An agenda to page through: 300 events over the coming months, announced before anyone follows.
  for (let index = 0; index < 300; index += 1) {
    const start = new Date(Date.now() + (2 + index / 3) * 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const end = new Date(start.getTime() + 7_200_000);
    const iso = (at: Date) => at.toISOString().replace('.000Z', 'Z');
    app.services.content.create('event', { actorId: actor.id, title: `Atelier ${index + 1}`, summary: 'Des expériences pour petits et grands.', timeZone: 'Europe/Paris', timings: [{ start: iso(start), end: iso(end) }], attendanceMode: 'in-person', place: { name: 'Parc Pasteur', commune: 'Orléans', postalCode: '45000' }, format: 'workshop' } as never, viewer, { submit: true });
  }
  app.activityPub.publisher.drain();
  const insert = app.store.sqlite.prepare('INSERT INTO ap_followers (actor_key, follower_id, inbox, shared_inbox, follow_activity_id, created_at) VALUES (?, ?, ?, NULL, ?, ?)');
  app.store.sqlite.transaction(() => {
    for (let index = 0; index < options.followers; index += 1) {
      const server = options.inboxes[index % options.inboxes.length] as string;
      insert.run(actor.id, `${server}/users/${index}`, `${server}/users/${index}/inbox`, `follow-${index}`, new Date().toISOString());
    }
  })();
  // The actor's key is made on first use: make it now, as a running hub would have.
  await app.activityPub.keys.get(actor.id);
  await app.listen({ port, host: '127.0.0.1' });

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.on('message', (message: Message) => {
    if (message.type === 'loop') {
      reply({ type: 'loop', p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 });
      delay.reset();
    } else if (message.type === 'shared') {
      // Every follower on a server now names that server's shared inbox.
      app.store.sqlite.prepare("UPDATE ap_followers SET shared_inbox = substr(inbox, 1, instr(substr(inbox, 8), '/') + 6) || '/inbox'").run();
      reply({ type: 'shared' });
    } else if (message.type === 'pending') {
      reply({ type: 'pending', pending: app.activityPub.deliveries.pending() });
    } else if (message.type === 'close') {
      void app.close().then(() => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  reply({ type: 'ready', base, actorId: actor.id });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

interface Phase {
  latencies: number[];
  seconds: number;
  failed: number;
}

/** `clients` loops of GET until `until()` says stop; latencies in ms, sorted. */
async function load(url: string, clients: number, until: () => boolean): Promise<Phase> {
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!until()) {
        const start = performance.now();
        const response = await fetch(url);
        await response.arrayBuffer();
        if (!response.ok) failed += 1;
        latencies.push(performance.now() - start);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000, failed };
}

/**
 * Open loop: one GET every 1000/rate ms whatever the answers, as independent readers
 * arrive; each latency counts from when the request was due, so a stalled hub cannot
 * hide its stall by slowing the sender down.
 */
async function steady(url: string, rate: number, until: () => boolean): Promise<Phase> {
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let sent = 0; !until(); sent += 1) {
    const due = started + (sent * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      fetch(url).then(
        async (response) => {
          await response.arrayBuffer();
          if (!response.ok) failed += 1;
          latencies.push(performance.now() - due);
        },
        () => {
          failed += 1;
        },
      ),
    );
  }
  await Promise.all(pending);
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000, failed };
}

function ask<T extends Message>(child: ChildProcess, message: Message | string, type?: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (answer: Message) => {
      if (type !== undefined && answer.type !== type) return;
      child.off('message', listener);
      resolve(answer as T);
    };
    child.on('message', listener);
    child.send(message);
  });
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

function line(name: string, phase: Phase, loop: { p50: number; p99: number; max: number }): string {
  const l = phase.latencies;
  return `${name.padEnd(22)} ${fixed(l.length / phase.seconds, 0).padStart(5)} req/s  p50 ${fixed(percentile(l, 50)).padStart(6)} ms  p95 ${fixed(percentile(l, 95)).padStart(6)} ms  p99 ${fixed(percentile(l, 99)).padStart(6)} ms  (${l.length} requests${phase.failed > 0 ? `, ${phase.failed} failed` : ''}; hub event loop p99 ${fixed(loop.p99)} ms, max ${fixed(loop.max)} ms)`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      followers: { type: 'string', default: '1000' },
      servers: { type: 'string', default: '4' },
      clients: { type: 'string', default: '8' },
      rate: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '8' },
      'peer-ms': { type: 'string', default: '20' },
      concurrency: { type: 'string' },
      'busy-concurrency': { type: 'string' },
    },
  });
  const followers = Number(values.followers);
  const clients = Number(values.clients);
  const seconds = Number(values.seconds);
  const children: ChildProcess[] = [];
  const spawn = (args: string[]) => {
    const child = fork(SELF, args, { execArgv: process.execArgv });
    children.push(child);
    return child;
  };
  try {
    const sinks = Array.from({ length: Number(values.servers) }, () => spawn(['--sink', values['peer-ms']]));
    const ports = await Promise.all(sinks.map((child) => new Promise<number>((resolve) => child.once('message', (message: Message) => resolve(message.port as number)))));
    const inboxes = ports.map((port) => `http://127.0.0.1:${port}`);
    const received = async () => {
      const counts = await Promise.all(sinks.map((child) => ask<{ received: number; posts: number }>(child, 'count')));
      return { received: counts.reduce((sum, count) => sum + count.received, 0), posts: counts.reduce((sum, count) => sum + count.posts, 0) };
    };

    const prepared = performance.now();
    const hubOptions: HubOptions = { followers, inboxes, ...(values.concurrency === undefined ? {} : { concurrency: Number(values.concurrency) }), ...(values['busy-concurrency'] === undefined ? {} : { busyConcurrency: Number(values['busy-concurrency']) }) };
    const hubProcess = spawn(['--hub', JSON.stringify(hubOptions)]);
    const ready = await new Promise<{ base: string; actorId: string }>((resolve) => hubProcess.on('message', (message: Message) => message.type === 'ready' && resolve(message as never)));
    console.log(`hub ready in ${fixed((performance.now() - prepared) / 1000)} s: 300 events, ${followers} followers on ${sinks.length} inbox servers (each answering after ${values['peer-ms']} ms)`);
    const login = await fetch(`${ready.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.org', password: PASSWORD }) });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const url = `${ready.base}${ROUTE}`;
    const loop = () => ask<{ p50: number; p99: number; max: number }>(hubProcess, { type: 'loop' }, 'loop');

    const post = async (title: string) => {
      const at = new Date(Date.now() + 9 * 86_400_000);
      at.setUTCMinutes(0, 0, 0);
      const iso = (date: Date) => date.toISOString().replace('.000Z', 'Z');
      const response = await fetch(`${ready.base}/api/v1/events?submit=true`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ actorId: ready.actorId, title, summary: 'Observation du ciel.', timeZone: 'Europe/Paris', timings: [{ start: iso(at), end: iso(new Date(at.getTime() + 10_800_000)) }], attendanceMode: 'in-person', place: { name: 'Parc Pasteur', commune: 'Orléans', postalCode: '45000' }, format: 'other' }),
      });
      if (response.status !== 201) throw new Error(`posting the event: HTTP ${response.status} ${await response.text()}`);
    };

    // Warm the route (JIT, page cache).
    let stop = Date.now() + 2_000;
    await load(url, clients, () => Date.now() > stop);

    /** At rest for `seconds`, then from an event's POST until every follower has it. */
    const measure = async (title: string, run: (until: () => boolean) => Promise<Phase>) => {
      await loop();
      stop = Date.now() + seconds * 1000;
      const rest = await run(() => Date.now() > stop);
      const restLoop = await loop();
      const before = await received();
      const started = performance.now();
      await post(title);
      let drained = false;
      let drainMs = 0;
      const watcher = (async () => {
        for (;;) {
          const now = await received();
          if (now.received - before.received >= followers) break;
          if (performance.now() - started > 300_000) throw new Error(`only ${now.received - before.received} of ${followers} delivered after 5 minutes`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        drainMs = performance.now() - started;
        drained = true;
      })();
      const during = await run(() => drained);
      await watcher;
      const drainLoop = await loop();
      const posts = (await received()).posts - before.posts;
      return { rest, restLoop, during, drainLoop, drainMs, posts };
    };
    const report = (name: string, result: Awaited<ReturnType<typeof measure>>) => {
      console.log(name);
      console.log(line('  at rest', result.rest, result.restLoop));
      console.log(line('  while delivering', result.during, result.drainLoop));
      console.log(`  p95 while delivering / p95 at rest: ${fixed(percentile(result.during.latencies, 95) / percentile(result.rest.latencies, 95), 2)}`);
      console.log(`  drain: ${followers} followers, ${result.posts} signed POSTs in ${fixed(result.drainMs / 1000)} s (${fixed(result.posts / (result.drainMs / 1000), 0)} POSTs/s), from the event's POST to the last follower's answer`);
    };
    const rate = Number(values.rate);
    const atRate = await measure('Nuit des étoiles', (until) => steady(url, rate, until));
    const saturated = await measure('Café des sciences', (until) => load(url, clients, until));

    // Shared inboxes: one POST per server for all of its followers.
    await ask(hubProcess, { type: 'shared' }, 'shared');
    const beforeShared = await received();
    const sharedStarted = performance.now();
    await post('Fête de la science');
    let shared = beforeShared;
    while (shared.posts - beforeShared.posts < sinks.length && performance.now() - sharedStarted < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      shared = await received();
    }
    const sharedMs = performance.now() - sharedStarted;

    report(`GET ${ROUTE} at a steady ${rate} requests/s (open loop, from another process)`, atRate);
    report(`GET ${ROUTE} from ${clients} clients as fast as the hub answers (saturated)`, saturated);
    console.log(`shared inboxes: the next event reached ${followers} followers with ${shared.posts - beforeShared.posts} POSTs in ${fixed(sharedMs / 1000, 2)} s`);
    const exited = new Promise((resolve) => hubProcess.once('exit', resolve));
    hubProcess.send({ type: 'close' });
    await exited;
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

if (process.argv[2] === '--sink') sink(Number(process.argv[3] ?? 0));
else if (process.argv[2] === '--hub') await hub(JSON.parse(process.argv[3] as string) as HubOptions);
else await main();
