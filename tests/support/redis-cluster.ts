import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locate } from '../../bin/system-deps.js';
import { runToEnd, spawnManaged, type ManagedProcess } from './processes.ts';
import { freePort, redisCommand, RespError, type RespValue, type TestRedis } from './redis.ts';
import { waitFor } from './wait.ts';

/*
 * A private Redis Cluster for one test file: three real `redis-server --cluster-enabled yes`
 * nodes on free loopback ports (and free cluster-bus ports), each in its own temporary
 * folder, no persistence, no eviction, joined by `redis-cli --cluster create` with every
 * node a master (no replicas: a test needs the slots spread, not failover) and awaited
 * until every node says `cluster_state:ok`. Its `url` is the aggregator's cluster form of
 * REDIS_URL, so a federation passes it on as it passes a single Redis's.
 *
 * `stop()` kills every node; `start()` brings the nodes back empty on the same ports and
 * joins them again, which is what a cluster whose nodes all lost their memory looks like.
 */

export interface TestRedisCluster extends TestRedis {
  /** `redis+cluster://127.0.0.1:<p1>,127.0.0.1:<p2>,...`: the aggregator's REDIS_URL for it. */
  readonly url: string;
  /** The first node's port (TestRedis's `port`). */
  readonly port: number;
  /** Every node's port. */
  readonly ports: readonly number[];
  /** Sends a command to the node that owns its key (following MOVED), or to the first node. */
  command(...args: string[]): Promise<RespValue>;
  /** The given command on every node, in node order (DBSIZE, INFO, CLUSTER INFO...). */
  onEveryNode(...args: string[]): Promise<RespValue[]>;
  /** FLUSHALL on every node: every key of the cluster gone while the nodes stay up. */
  flushAll(): Promise<void>;
}

function program(name: string, apt: string): string {
  const path = locate(name);
  if (path === undefined) throw new Error(`${name} was not found: install it with \`apt-get install -y ${apt}\` (bin/ensure-system-deps.js --for test does)`);
  return path;
}

interface Node {
  port: number;
  busPort: number;
  dir: string;
  server?: ManagedProcess;
}

/** Starts a Redis Cluster of `nodes` masters (three by default) and waits until it serves every slot. */
export async function startRedisCluster(options: { nodes?: number } = {}): Promise<TestRedisCluster> {
  const count = options.nodes ?? 3;
  if (count < 3) throw new Error('redis-cli --cluster create needs at least three masters');
  const serverBinary = program('redis-server', 'redis-server');
  const cliBinary = program('redis-cli', 'redis-tools');
  const root = mkdtempSync(join(tmpdir(), 'constellation-redis-cluster-'));
  const nodes: Node[] = [];
  for (let index = 0; index < count; index += 1) {
    const dir = join(root, `node-${index}`);
    mkdirSync(dir);
    nodes.push({ port: await freePort(), busPort: await freePort(), dir });
  }

  function launch(node: Node): ManagedProcess {
    // A node that lost its memory also forgets the cluster it was in: nodes.conf goes too.
    rmSync(join(node.dir, 'nodes.conf'), { force: true });
    return spawnManaged(`redis cluster node :${node.port}`, serverBinary, [
      '--port', String(node.port),
      '--cluster-port', String(node.busPort),
      '--bind', '127.0.0.1',
      '--cluster-enabled', 'yes',
      '--cluster-config-file', 'nodes.conf',
      // Failure detection is not under test: a loaded machine must not split the cluster.
      '--cluster-node-timeout', '15000',
      '--save', '',
      '--appendonly', 'no',
      '--maxmemory-policy', 'noeviction',
      '--dir', node.dir,
      '--protected-mode', 'no',
      '--daemonize', 'no',
      '--logfile', '',
    ], { env: { PATH: process.env.PATH ?? '' }, cwd: node.dir });
  }

  async function startAll(): Promise<void> {
    for (const node of nodes) node.server = launch(node);
    await Promise.all(
      nodes.map((node) =>
        waitFor(
          async () => {
            if (node.server?.alive() !== true) throw new Error(`node :${node.port} exited:\n${node.server?.output() ?? ''}`);
            return (await redisCommand(node.port, ['PING'], 500)) === 'PONG';
          },
          { what: `cluster node :${node.port} to answer PING`, timeoutMs: 15_000, intervalMs: 20 },
        ),
      ),
    );
    await runToEnd('redis-cli --cluster create', cliBinary, ['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`), '--cluster-replicas', '0', '--cluster-yes'], {
      env: { PATH: process.env.PATH ?? '' },
      timeoutMs: 60_000,
    });
    // Every node must see every slot served, or a client's first MOVED may point nowhere.
    await Promise.all(
      nodes.map((node) =>
        waitFor(async () => /cluster_state:ok/.test(String(await redisCommand(node.port, ['CLUSTER', 'INFO'], 1_000))), {
          what: `cluster_state:ok on node :${node.port}`,
          timeoutMs: 30_000,
          intervalMs: 50,
        }),
      ),
    );
  }

  async function stop(): Promise<void> {
    await Promise.all(nodes.map(async (node) => node.server?.kill('SIGKILL')));
    for (const node of nodes) delete node.server;
  }

  async function command(...args: string[]): Promise<RespValue> {
    let port = nodes[0]?.port ?? 0;
    for (let hop = 0; hop < 3; hop += 1) {
      const reply = await redisCommand(port, args);
      const moved = reply instanceof RespError ? /^MOVED \d+ [^:]+:(\d+)/.exec(reply.message) : null;
      if (moved === null) return reply;
      port = Number(moved[1]);
    }
    throw new Error(`${args[0]} was moved more than twice`);
  }

  try {
    await startAll();
  } catch (error) {
    await stop();
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  const ports = nodes.map((node) => node.port);
  return {
    url: `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(',')}`,
    port: ports[0] ?? 0,
    ports,
    stop,
    async start() {
      if (nodes.some((node) => node.server?.alive() === true)) throw new Error('the cluster is already running');
      await startAll();
    },
    async restart() {
      await stop();
      await startAll();
    },
    command,
    onEveryNode: (...args: string[]) => Promise.all(ports.map((port) => redisCommand(port, args))),
    async flushAll() {
      for (const port of ports) {
        const reply = await redisCommand(port, ['FLUSHALL']);
        if (reply !== 'OK') throw new Error(`FLUSHALL on :${port} answered ${JSON.stringify(reply)}`);
      }
    },
    async close() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
