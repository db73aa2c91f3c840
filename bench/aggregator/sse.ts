/**
 * A minimal Server-Sent Events reader for the freshness benchmark: it stamps each event
 * with the moment its last line arrived (performance.now()), which is what "received by
 * an SSE client" measures.
 */
import { request, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface SseMessage {
  id: string | undefined;
  event: string;
  data: string;
  at: number;
}

export interface SseReader {
  close(): void;
  /** Messages received so far (the reader keeps them all; a benchmark run is short). */
  readonly messages: SseMessage[];
  onMessage(listener: (message: SseMessage) => void): void;
}

export function openSse(url: string): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const messages: SseMessage[] = [];
    const listeners: ((message: SseMessage) => void)[] = [];
    const req = request(url, { headers: { accept: 'text/event-stream' } }, (response: IncomingMessage) => {
      if (response.statusCode !== 200) {
        reject(new Error(`${url} answered ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      let buffer = '';
      let current: { id?: string; event?: string; data: string[] } = { data: [] };
      response.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const line = buffer.slice(0, newline).replace(/\r$/, '');
          buffer = buffer.slice(newline + 1);
          if (line === '') {
            if (current.data.length > 0 || current.event !== undefined) {
              const message: SseMessage = { id: current.id, event: current.event ?? 'message', data: current.data.join('\n'), at };
              messages.push(message);
              for (const listener of listeners) listener(message);
            }
            current = { data: [] };
          } else if (!line.startsWith(':')) {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'data') current.data.push(value);
            else if (field === 'event') current.event = value;
            else if (field === 'id') current.id = value;
          }
          newline = buffer.indexOf('\n');
        }
      });
      resolve({ close: () => req.destroy(), messages, onMessage: (listener) => listeners.push(listener) });
    });
    req.on('error', (error) => reject(error));
    req.end();
  });
}
