/**
 * The load generator, in its own process so it never shares an event loop with a server
 * under test: autocannon (keep-alive connections, one request in flight per connection)
 * over a rotating list of paths. run.ts sends it one message per run over IPC and gets
 * the figures back; every response's latency in the measured window is kept, so the
 * percentiles are exact.
 *
 * Three phases on the same connections. Connect: every connection asks a cheap path
 * (`connectPath`) until each has had an answer; a Node server whose event loop is
 * saturated accepts new connections very slowly (measured here: about one per loop turn,
 * so 100 connections opened against a busy server took 30 s to over a minute, and some
 * waited past autocannon's 10 s timeout), so opening them under full load would measure
 * the accept queue, not the steady state. Warm-up: the benchmark paths for
 * `warmupSeconds`. Measuring: the same for `seconds`.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  type: 'run';
  label: string;
  origin: string;
  paths: string[];
  connections: number;
  /** A cheap path asked until every connection has been accepted and answered once. */
  connectPath: string;
  /** Give up waiting for every connection to be answered after this long, and go on anyway. */
  maxConnectSeconds: number;
  warmupSeconds: number;
  seconds: number;
}

export interface LoadResult {
  type: 'result';
  label: string;
  /** How long it took until every connection had been answered (or the cap). */
  connectSeconds: number;
  /** Connections that had had an answer when the warm-up began. */
  connectionsAnswered: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  non2xx: number;
  /** autocannon's counts over the whole run, warm-up included (timeouts are at 10 s). */
  errors: number;
  timeouts: number;
  bytesPerResponse: number;
  /** Responses per connection in the measured window, fewest and most: a wide spread means some were starved. */
  perConnection: { min: number; max: number };
}

function percentile(sorted: Float64Array, share: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const now = () => Number(process.hrtime.bigint()) / 1e9;

export function runLoad(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    let next = 0;
    const latencies: number[] = [];
    let bytes = 0;
    let non2xx = 0;
    const answered = new Set<object>();
    const perClient = new Map<object, number>();
    const launched = now();
    let phase: 'connect' | 'warm-up' | 'measuring' | 'done' = 'connect';
    let started = 0;
    let ended = 0;
    let connected = 0;
    let connectionsAnswered = 0;

    const finishMeasuring = () => {
      phase = 'done';
      ended = now();
      process.send?.({ type: 'measured' });
      instance.stop();
    };
    const beginMeasuring = () => {
      phase = 'measuring';
      started = now();
      process.send?.({ type: 'measuring', connectSeconds: connected, connectionsAnswered });
      setTimeout(finishMeasuring, request.seconds * 1000);
    };
    const watch = setInterval(() => {
      const elapsed = now() - launched;
      if (answered.size < request.connections && elapsed < request.maxConnectSeconds) return;
      clearInterval(watch);
      phase = 'warm-up';
      connected = elapsed;
      connectionsAnswered = answered.size;
      setTimeout(beginMeasuring, request.warmupSeconds * 1000);
    }, 20);

    const instance = autocannon(
      {
        url: request.origin,
        connections: request.connections,
        pipelining: 1,
        // Stopped by finishMeasuring; this is only a backstop.
        duration: request.maxConnectSeconds + request.warmupSeconds + request.seconds + 30,
        timeout: 10,
        requests: [
          {
            method: 'GET',
            // One shared rotation: consecutive requests, whichever connection sends them, ask different things.
            setupRequest: (req) => ({ ...req, path: phase === 'connect' ? request.connectPath : (request.paths[next++ % request.paths.length] ?? '/') }),
          },
        ],
      },
      (error, result) => {
        clearInterval(watch);
        if (error !== null && error !== undefined) return reject(error);
        if (phase !== 'done') return reject(new Error(`autocannon ended during ${phase}`));
        const elapsed = ended - started;
        const sorted = Float64Array.from(latencies).sort();
        const sum = latencies.reduce((total, value) => total + value, 0);
        const counts = [...perClient.values()];
        resolve({
          type: 'result',
          label: request.label,
          connectSeconds: round(connected, 1),
          connectionsAnswered,
          seconds: round(elapsed),
          requests: latencies.length,
          requestsPerSecond: round(latencies.length / elapsed, 0),
          latencyMs: {
            mean: round(sum / Math.max(latencies.length, 1)),
            p50: round(percentile(sorted, 0.5)),
            p95: round(percentile(sorted, 0.95)),
            p99: round(percentile(sorted, 0.99)),
            max: round(sorted.at(-1) ?? Number.NaN),
          },
          non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          bytesPerResponse: Math.round(bytes / Math.max(latencies.length, 1)),
          perConnection: { min: perClient.size < request.connections ? 0 : Math.min(...counts), max: Math.max(0, ...counts) },
        });
      },
    );
    instance.on('response', (client, statusCode, resBytes, responseTime) => {
      if (phase === 'connect') answered.add(client);
      if (phase !== 'measuring') return;
      latencies.push(responseTime);
      perClient.set(client, (perClient.get(client) ?? 0) + 1);
      bytes += resBytes;
      if (statusCode < 200 || statusCode > 299) non2xx += 1;
    });
  });
}

if (process.send !== undefined) {
  process.on('message', (message: LoadRequest) => {
    if (message.type !== 'run') return;
    runLoad(message).then(
      (result) => process.send?.(result),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', pid: process.pid });
}
