// Probes of the local machine: which ports are free, and whether a server the demo started
// answers yet (the demo waits on these rather than on fixed delays).
import { createConnection, createServer } from 'node:net';

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** A port nobody listens on now (for the private Redis, which nothing else needs to find). */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Whether `port` can be listened on (on 127.0.0.1, where the demo listens). */
export function portIsFree(port) {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

export function redisAnswers(port) {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(1_000, () => socket.destroy());
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) socket.end();
    });
    socket.once('close', () => done(reply.startsWith('+PONG')));
    socket.once('error', () => undefined);
  });
}

export async function waitFor(what, check, child, deadlineMs = 60_000) {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.signalCode ?? `code ${child.exitCode}`}) while starting`);
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`${what} did not become ready within ${deadlineMs / 1000} s`);
}

export async function healthy(url) {
  try {
    const response = await fetch(`${url}/healthz`);
    return response.ok;
  } catch {
    return false;
  }
}
