/**
 * The peak-day benchmark's live-stream crowd, in a process of its own (forked with IPC):
 * hundreds of SSE clients receive hundreds of thousands of messages a second during a
 * backfill, which would otherwise share an event loop with the readers whose latency the
 * benchmark measures.
 *
 * Messages: parent → {type: 'open', urls} → child {type: 'opened', ready, refused};
 * parent → {type: 'report'} → child {type: 'report', ...CrowdReport}, all streams closed.
 */
import { request, type ClientRequest } from 'node:http';

export interface CrowdReport {
  opened: number;
  openAtEnd: number;
  dropped: number;
  refused: number;
  changes: number;
  clientsWithChanges: number;
}

/** A live-stream client that counts what it receives (1,000 of them keep nothing else). */
interface StreamCounter {
  changes: number;
  ready: boolean;
  ended: boolean;
  refused: boolean;
  close(): void;
}

export function openCounter(url: string): Promise<StreamCounter> {
  return new Promise((resolve) => {
    const counter: StreamCounter = { changes: 0, ready: false, ended: false, refused: false, close: () => undefined };
    let closing = false;
    const req: ClientRequest = request(url, { headers: { accept: 'text/event-stream' }, agent: false }, (response) => {
      if (response.statusCode !== 200) {
        counter.refused = true;
        response.resume();
        resolve(counter);
        return;
      }
      response.setEncoding('utf8');
      let tail = '';
      response.on('data', (chunk: string) => {
        const text = tail + chunk;
        const lines = text.split('\n');
        tail = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith('event: upsert') || line.startsWith('event: delete')) counter.changes += 1;
          else if (line.startsWith('event: ready')) counter.ready = true;
        }
      });
      const end = () => {
        if (!closing) counter.ended = true;
      };
      response.on('end', end);
      response.on('error', end);
      resolve(counter);
    });
    counter.close = () => {
      closing = true;
      req.destroy();
    };
    req.on('error', () => {
      if (closing) return;
      counter.ended = true;
      counter.refused = !counter.ready;
      resolve(counter);
    });
    req.end();
  });
}


function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function open(urls: readonly string[]): Promise<StreamCounter[]> {
  const streams: StreamCounter[] = [];
  for (const url of urls) streams.push(await openCounter(url));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !streams.every((stream) => stream.ready || stream.refused || stream.ended)) await sleep(100);
  return streams;
}

function report(streams: readonly StreamCounter[]): CrowdReport {
  return {
    opened: streams.filter((stream) => stream.ready).length,
    openAtEnd: streams.filter((stream) => stream.ready && !stream.ended).length,
    dropped: streams.filter((stream) => stream.ready && stream.ended).length,
    refused: streams.filter((stream) => !stream.ready).length,
    changes: streams.reduce((sum, stream) => sum + stream.changes, 0),
    clientsWithChanges: streams.filter((stream) => stream.changes > 0).length,
  };
}

if (process.send !== undefined) {
  let streams: StreamCounter[] = [];
  process.on('message', (message: { type: string; urls?: string[] }) => {
    if (message.type === 'open') {
      void open(message.urls ?? []).then((opened) => {
        streams = opened;
        const now = report(streams);
        process.send?.({ type: 'opened', ready: now.opened, refused: now.refused });
      });
    } else if (message.type === 'report') {
      const now = report(streams);
      for (const stream of streams) stream.close();
      process.send?.({ type: 'report', ...now }, () => process.exit(0));
    }
  });
  process.send({ type: 'started' });
}
