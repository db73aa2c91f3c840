import type { ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import type { ContentType, EventPublic } from '@constellation/shared';
import type { Store } from '../db/client.ts';
import type { EventQuery } from '../services/event-list.ts';

/**
 * A hub's own live stream (Server-Sent Events), in process: a hub has no Redis. It reads
 * the change log the federation feed reads (`changes`, compacted, in seq order), so the
 * portal sees exactly what the aggregator pulls, in the same order, and a reconnecting
 * EventSource resumes with Last-Event-ID (the hub's seq). The messages are the national
 * stream's (`upsert`, `delete` with a reason, `ready`, `reset`), so the web app follows
 * both with the same code. Each client keeps its list's filters; an event is sent when
 * the list would show it (the list's own query decides, see EventListService.includes).
 */
export interface StreamFilter {
  /** The event list's filters; undefined when the client asked for no event filter. */
  events: Omit<EventQuery, 'cursor' | 'limit'> | undefined;
  /** Content types streamed; undefined for all. */
  types: ReadonlySet<ContentType> | undefined;
}

export interface LiveStreamOptions {
  hubId: string;
  region: string;
  heartbeatMs: number;
  maxClients: number;
  /** More changes than this to replay: the client gets `reset` and reloads instead. */
  maxReplay: number;
  /** Whether `list()` would give the event for these filters. */
  includes(query: Omit<EventQuery, 'cursor' | 'limit'>, id: string): boolean;
}

interface ChangeRow {
  seq: number;
  type: ContentType;
  id: string;
  op: 'upsert' | 'delete';
  json: string | null;
}

interface Client {
  response: ServerResponse;
  filter: StreamFilter;
  /** The last seq this client's stream has moved past (sent or skipped). */
  position: number;
  /** The last seq written as an `id:` line: a heartbeat moves it on past skipped changes. */
  announced: number;
}

const message = (id: number | undefined, event: string, data: unknown) => `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** Reconnect after this long when the stream drops (EventSource's `retry:`). */
const RETRY_MS = 2_000;

export class HubLiveStreams {
  private readonly clients = new Set<Client>();
  private readonly readAfter: Database.Statement;
  private readonly latestStatement: Database.Statement;
  private readonly nextOccurrence: Database.Statement;
  private readonly lastOccurrence: Database.Statement;
  /** The last seq broadcast to every client. */
  private position: number;
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    store: Store,
    private readonly options: LiveStreamOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    const sqlite = store.sqlite;
    this.readAfter = sqlite.prepare(
      `SELECT ch.seq, ch.type, ch.id, ch.op, CASE WHEN ch.op = 'upsert' THEN c.public_json END AS json
       FROM changes ch LEFT JOIN content c ON c.id = ch.id WHERE ch.seq > ? ORDER BY ch.seq LIMIT ?`,
    );
    this.latestStatement = sqlite.prepare(`SELECT value FROM hub_state WHERE key = 'seq'`).pluck();
    this.nextOccurrence = sqlite.prepare('SELECT start, "end" FROM event_occurrences WHERE event_id = ? AND "end" > ? ORDER BY start LIMIT 1');
    this.lastOccurrence = sqlite.prepare('SELECT start, "end" FROM event_occurrences WHERE event_id = ? ORDER BY start DESC LIMIT 1');
    this.position = this.latest();
  }

  latest(): number {
    return (this.latestStatement.get() as number | undefined) ?? 0;
  }

  hasRoom(): boolean {
    return !this.closed && this.clients.size < this.options.maxClients;
  }

  /** Takes over the response (headers already written): replays after `lastEventId`, then follows. */
  open(response: ServerResponse, filter: StreamFilter, lastEventId: number | undefined): void {
    const latest = this.latest();
    const client: Client = { response, filter, position: latest, announced: latest };
    this.clients.add(client);
    response.on('close', () => this.clients.delete(client));
    if (lastEventId !== undefined && lastEventId !== latest) {
      if (lastEventId > latest) {
        this.write(client, message(latest, 'reset', { nseq: latest, reason: 'unknown-position' }));
      } else {
        const rows = this.readAfter.all(lastEventId, this.options.maxReplay + 1) as ChangeRow[];
        if (rows.length > this.options.maxReplay) {
          this.write(client, message(latest, 'reset', { nseq: latest, reason: 'too-far-behind' }));
        } else {
          client.position = lastEventId;
          client.announced = lastEventId;
          this.send(client, rows.filter((row) => row.seq <= latest));
          client.position = latest;
        }
      }
    }
    this.write(client, `retry: ${RETRY_MS}\n${message(latest, 'ready', { nseq: latest })}`);
    client.announced = latest;
    this.startHeartbeat();
  }

  /** After each commit that changed the public feed: every client gets what concerns it. */
  changed(): void {
    if (this.closed || this.clients.size === 0) {
      this.position = this.latest();
      return;
    }
    for (;;) {
      const rows = this.readAfter.all(this.position, 500) as ChangeRow[];
      const last = rows.at(-1)?.seq;
      if (last === undefined) return;
      for (const client of this.clients) if (client.position < last) this.send(client, rows.filter((row) => row.seq > client.position));
      this.position = last;
      for (const client of this.clients) client.position = Math.max(client.position, this.position);
    }
  }

  close(): void {
    this.closed = true;
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const client of this.clients) client.response.end();
    this.clients.clear();
  }

  private send(client: Client, rows: readonly ChangeRow[]): void {
    const now = Date.now();
    for (const row of rows) {
      const text = this.messageFor(client.filter, row, now);
      client.position = row.seq;
      if (text === undefined) continue;
      this.write(client, text);
      client.announced = row.seq;
    }
  }

  private messageFor(filter: StreamFilter, row: ChangeRow, now: number): string | undefined {
    if (filter.types !== undefined && !filter.types.has(row.type)) return undefined;
    const base = { hub: this.options.hubId, id: row.id, type: row.type };
    if (row.op === 'delete' || row.json === null) return message(row.seq, 'delete', { ...base, reason: 'deleted' });
    if (row.type !== 'event') return message(row.seq, 'upsert', base);
    // Changed and no longer matching: whoever shows it must drop it.
    if (filter.events !== undefined && !this.options.includes(filter.events, row.id)) return message(row.seq, 'delete', { ...base, reason: 'filtered' });
    const event = JSON.parse(row.json) as EventPublic;
    const occurrence = (this.nextOccurrence.get(row.id, now) ?? this.lastOccurrence.get(row.id)) as { start: number; end: number } | undefined;
    return message(row.seq, 'upsert', {
      ...base,
      title: event.title,
      start: occurrence === undefined ? null : new Date(occurrence.start).toISOString(),
      end: occurrence === undefined ? null : new Date(occurrence.end).toISOString(),
      lat: event.place?.lat ?? null,
      lon: event.place?.lon ?? null,
      format: event.format,
      disciplines: event.disciplines ?? [],
      region: this.options.region,
      listed: true,
      url: event.url,
    });
  }

  private write(client: Client, text: string): void {
    // A client that does not read would hold memory without bound; it resumes from its Last-Event-ID.
    if (client.response.writableLength > 1_000_000) {
      this.log.warn('live: a stream fell too far behind; closing it');
      client.response.end();
      this.clients.delete(client);
      return;
    }
    client.response.write(text);
  }

  private startHeartbeat(): void {
    if (this.heartbeat !== undefined) return;
    this.heartbeat = setInterval(() => {
      if (this.clients.size === 0) {
        clearInterval(this.heartbeat);
        this.heartbeat = undefined;
        return;
      }
      for (const client of this.clients) {
        // A bare id moves Last-Event-ID past skipped changes, so a reconnect does not replay them.
        const advance = client.position > client.announced ? client.position : undefined;
        this.write(client, `${advance === undefined ? '' : `id: ${advance}\n`}: ping\n\n`);
        if (advance !== undefined) client.announced = advance;
      }
    }, this.options.heartbeatMs);
    this.heartbeat.unref();
  }
}
