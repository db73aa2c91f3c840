import { waitFor, type WaitOptions } from './wait.ts';

/*
 * A Server-Sent Events client for tests: it reads a real HTTP stream, parses it as the
 * EventSource spec does (fields, multi-line data, comments, blank-line dispatch) and
 * keeps every event, so a test can wait for one and look at all of them afterwards.
 */

export interface SseEvent {
  /** The `event:` field; "message" when absent, as in browsers. */
  event: string;
  /** The last `id:` seen, as EventSource carries it forward. */
  id: string | undefined;
  data: string;
  /** `data` parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface SseClient {
  readonly status: number;
  readonly headers: Headers;
  readonly events: SseEvent[];
  /** How many comment lines (heartbeats) arrived. */
  readonly comments: number;
  /** Set when the stream ended or failed. */
  readonly ended: boolean;
  lastEventId(): string | undefined;
  /** Waits until an event matches and returns it (events already received count). */
  next(match: (event: SseEvent) => boolean, options?: WaitOptions): Promise<SseEvent>;
  close(): void;
}

export interface SseOptions {
  lastEventId?: string;
  headers?: Record<string, string>;
  /** How long to wait for the response headers. */
  connectTimeoutMs?: number;
}

export async function openSse(url: string, options: SseOptions = {}): Promise<SseClient> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer from ${url}`)), options.connectTimeoutMs ?? 10_000);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...(options.lastEventId === undefined ? {} : { 'last-event-id': options.lastEventId }), ...options.headers },
      signal: controller.signal,
    });
  } finally {
    clearTimeout(timer);
  }
  const events: SseEvent[] = [];
  let comments = 0;
  let ended = false;
  let lastId: string | undefined = options.lastEventId;

  let eventName = '';
  let dataLines: string[] = [];
  let hasData = false;
  const dispatch = () => {
    if (hasData) {
      const data = dataLines.join('\n');
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        json = undefined;
      }
      events.push({ event: eventName === '' ? 'message' : eventName, id: lastId, data, json });
    }
    eventName = '';
    dataLines = [];
    hasData = false;
  };
  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) {
      comments += 1;
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') eventName = value;
    else if (field === 'data') {
      dataLines.push(value);
      hasData = true;
    } else if (field === 'id' && !value.includes('\0')) lastId = value;
  };

  if (response.ok && response.body !== null) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          const lines = buffer.split(/\r\n|\r|\n/);
          buffer = lines.pop() ?? '';
          for (const text of lines) line(text);
        }
      } catch {
        // aborted by close(), or the server went away
      } finally {
        ended = true;
      }
    })();
  } else {
    ended = true;
  }

  return {
    status: response.status,
    headers: response.headers,
    events,
    get comments() {
      return comments;
    },
    get ended() {
      return ended;
    },
    lastEventId: () => lastId,
    next: (match, waitOptions) => waitFor(() => events.find(match), { what: `a stream event from ${url}`, ...waitOptions }),
    close: () => controller.abort(),
  };
}
