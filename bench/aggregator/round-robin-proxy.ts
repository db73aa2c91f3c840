/**
 * A small round-robin HTTP proxy for the peak-day benchmark: "several API processes behind
 * one address", as a load balancer puts them (nginx's `upstream` with several `server`
 * lines, docs/operations.md). Each request goes to the next upstream in turn, over kept-alive
 * connections; responses are streamed (a live stream stays open through it). An upstream that
 * does not answer gives a 502, counted by the benchmark as an error.
 *
 *   npx tsx bench/aggregator/round-robin-proxy.ts --port N --upstream http://127.0.0.1:A --upstream http://127.0.0.1:B
 */
import { Agent, createServer, request } from 'node:http';
import { isMain, numberFlag } from './common.ts';

export function upstreamsOf(argv: readonly string[]): URL[] {
  const out: URL[] = [];
  for (let index = 0; index < argv.length; index += 1) if (argv[index] === '--upstream' && argv[index + 1] !== undefined) out.push(new URL(argv[index + 1] as string));
  return out;
}

function main(argv: readonly string[] = process.argv.slice(2)): void {
  const port = numberFlag(argv, 'port', 0);
  const upstreams = upstreamsOf(argv);
  if (upstreams.length === 0) throw new Error('give at least one --upstream');
  const agent = new Agent({ keepAlive: true, maxSockets: 4_096, maxFreeSockets: 256 });
  let next = 0;
  let errors = 0;
  const server = createServer((incoming, outgoing) => {
    if (incoming.url === '/proxy/status') {
      outgoing.writeHead(200, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ errors }));
      return;
    }
    const target = upstreams[next++ % upstreams.length] as URL;
    const forwarded = request(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host }, agent },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => {
      errors += 1;
      if (!outgoing.headersSent) {
        outgoing.writeHead(502, { 'content-type': 'application/json' });
        outgoing.end('{"error":"bad_gateway"}');
      } else outgoing.destroy();
    });
    // A client gone: so is its upstream request (a closed live stream frees its slot).
    outgoing.on('close', () => forwarded.destroy());
    incoming.pipe(forwarded);
  });
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  server.requestTimeout = 0;
  server.listen(port, '127.0.0.1', () => console.log(`round-robin proxy on ${port} -> ${upstreams.map(String).join(', ')}`));
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

if (isMain(import.meta.url)) main();
