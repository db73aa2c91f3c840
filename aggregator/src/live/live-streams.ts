import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { connectRedis, type RedisConnection } from '../redis/connect.ts';
import type { ChangeLog, LogEntry } from './change-log.ts';
import { CHANGES_CHANNEL } from './changes-bus.ts';
import { concerns, matches, type StreamFilter } from './stream-filter.ts';
import { deleteMessage, heartbeat, readyMessage, resetMessage, upsertMessage } from './stream-messages.ts';

export interface LiveOptions {
  redisUrl: string;
  heartbeatMs: number;
  pollMs: number;
  maxClients: number;
  maxReplay: number;
}

/** A client that stops reading: past this much unsent output it is dropped, and resumes on reconnect. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Log rows read per statement; a wake reads as many batches as it takes (up to maxReplay). */
const READ_BATCH = 500;
/** What EventSource waits before reconnecting. */
const RETRY_MS = 2_000;

interface Client {
  response: ServerResponse;
  filter: StreamFilter;
  /** The last national seq this client has been brought up to (sent or skipped). */
  cursor: number;
  /** The last id written to it. */
  sentId: number;
}

export class TooManyStreams extends Error {}

/**
 * The live fan-out of one API process: ONE Redis subscriber connection wakes it; each wake
 * reads the new rows of the national change log ONCE (nseq > last seen) and writes them to
 * every open stream that wants them. A timer also reads the log every `pollMs`, so with
 * Redis down (or a wake-up lost while reconnecting) changes still arrive, a little later.
 * Reading is synchronous (better-sqlite3), so no two wakes interleave and a stream opened
 * between two wakes neither misses nor repeats a change.
 */
export class LiveStreams {
  private readonly clients = new Set<Client>();
  private lastSeen = 0;
  private started = false;
  private closed = false;
  private subscriber: RedisConnection | undefined;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly log: ChangeLog,
    private readonly options: LiveOptions,
    private readonly logger: FastifyBaseLogger,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  /** Whether one more stream may open here; checked before the response is taken over. */
  hasRoom(): boolean {
    return !this.closed && this.clients.size < this.options.maxClients;
  }

  /**
   * Starts streaming to `response` (headers already written): the changes after
   * `lastEventId` first (bounded by maxReplay, else a `reset`), then `ready`, then live.
   */
  open(response: ServerResponse, filter: StreamFilter, lastEventId: number | undefined): void {
    if (!this.hasRoom()) throw new TooManyStreams(`this server already serves ${this.options.maxClients} live streams`);
    this.start();
    // Bring the process up to date first, so the replay below ends where live sending begins.
    this.wake();
    const client: Client = { response, filter, cursor: this.lastSeen, sentId: this.lastSeen };
    const chunks: string[] = [];
    if (lastEventId !== undefined && lastEventId < this.lastSeen) {
      const entries = this.log.read(lastEventId, this.lastSeen, this.options.maxReplay + 1);
      if (entries.length > this.options.maxReplay) chunks.push(resetMessage(this.lastSeen, 'too-far-behind'));
      else {
        client.cursor = lastEventId;
        const prepared = new Prepared(this.log, this.now());
        for (const entry of entries) this.render(client, entry, prepared, chunks);
        client.cursor = this.lastSeen;
      }
    } else if (lastEventId !== undefined && lastEventId > this.lastSeen) {
      // Committed after this wake (another API process may have sent it already): go on from
      // there. Beyond the store's head it is a position this store never had.
      if (lastEventId > this.log.head()) chunks.push(resetMessage(this.lastSeen, 'unknown-position'));
      else client.cursor = lastEventId;
    }
    chunks.push(readyMessage(client.cursor, RETRY_MS));
    client.sentId = client.cursor;
    this.clients.add(client);
    response.on('close', () => this.clients.delete(client));
    this.write(client, chunks.join(''));
  }

  /** Reads what was committed since the last wake and sends it to every stream that wants it. */
  wake(): void {
    if (this.closed || !this.started) return;
    const head = this.log.head();
    if (head <= this.lastSeen) return;
    if (this.clients.size === 0) {
      this.lastSeen = head;
      return;
    }
    const outputs = new Map<Client, string[]>([...this.clients].map((client) => [client, []]));
    const prepared = new Prepared(this.log, this.now());
    let read = 0;
    while (this.lastSeen < head) {
      if (read >= this.options.maxReplay) {
        // Far too much at once (a huge backfill while this process was cut off): clients reload.
        this.logger.warn({ from: this.lastSeen, to: head }, 'live: too many changes at once; telling streams to reload');
        for (const [client, chunks] of outputs) {
          chunks.push(resetMessage(head, 'too-far-behind'));
          client.cursor = head;
          client.sentId = head;
        }
        this.lastSeen = head;
        break;
      }
      const entries = this.log.read(this.lastSeen, head, READ_BATCH);
      if (entries.length === 0) {
        this.lastSeen = head;
        break;
      }
      read += entries.length;
      for (const entry of entries) {
        for (const [client, chunks] of outputs) this.render(client, entry, prepared, chunks);
        prepared.forget();
      }
      this.lastSeen = entries.at(-1)?.nseq ?? head;
    }
    for (const [client, chunks] of outputs) if (chunks.length > 0) this.write(client, chunks.join(''));
  }

  /** Ends every stream (clients reconnect elsewhere or later) and stops listening. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const client of this.clients) client.response.end();
    this.clients.clear();
    this.subscriber?.disconnect();
  }

  /** Subscribes and starts the timers on the first stream: a process that never streams holds no connection. */
  private start(): void {
    if (this.started) return;
    this.started = true;
    this.lastSeen = this.log.head();
    // Plain SUBSCRIBE, also on a cluster, where every node passes a PUBLISH on to the
    // others: one low-rate wake-up channel costs nothing much to broadcast, ioredis's
    // cluster client subscribes on one node and moves to another when that one goes, and
    // the log poll covers a message lost meanwhile. (Sharded pub/sub, SSUBSCRIBE, keeps a
    // message inside the channel's shard: worth it for many busy channels, not for one.)
    const subscriber = connectRedis(this.options.redisUrl, 'subscriber');
    subscriber.on('error', (error: Error) => this.logger.debug({ err: error }, 'live: Redis subscriber error; the log poll carries on'));
    // After a reconnect, whatever was announced meanwhile is read at once.
    subscriber.on('ready', () => this.wake());
    subscriber.on('message', (_channel: string, text: string) => {
      const nseq = announcedSeq(text);
      if (nseq === undefined || nseq > this.lastSeen) this.wake();
    });
    subscriber.subscribe(CHANGES_CHANNEL).catch((error: unknown) => this.logger.debug({ err: error }, 'live: subscribe failed; will retry on reconnect'));
    this.subscriber = subscriber;
    const poll = setInterval(() => this.safely(() => this.wake()), this.options.pollMs);
    const ping = setInterval(() => this.safely(() => this.ping()), this.options.heartbeatMs);
    poll.unref();
    ping.unref();
    this.timers.push(poll, ping);
  }

  private ping(): void {
    for (const client of this.clients) {
      const advance = client.cursor > client.sentId ? client.cursor : undefined;
      if (advance !== undefined) client.sentId = advance;
      this.write(client, heartbeat(advance));
    }
  }

  /** Adds to `chunks` what `client` must get for `entry`, if anything, and moves its cursor. */
  private render(client: Client, entry: LogEntry, prepared: Prepared, chunks: string[]): void {
    if (entry.nseq <= client.cursor) return;
    client.cursor = entry.nseq;
    if (!concerns(client.filter, entry)) return;
    const occurrences = () => prepared.occurrences(entry);
    if (matches(client.filter, entry, occurrences)) chunks.push(prepared.upsert(entry));
    // A record's first national version that this stream does not want: no list or stream
    // can have shown it before, so there is nothing to drop. (During a backfill these are
    // nearly every change, and a delete for each to each stream was most of the fan-out.)
    else if (entry.first) return;
    // Deletes, and later versions that take an item out of this filter: the client may be
    // showing it (from a list it loaded), so it is told to drop it. Whether it does show it
    // is not known here (that needs each client's view, or the previous version's facts).
    else chunks.push(prepared.delete(entry, entry.reason === 'deleted' ? 'deleted' : entry.gone ? 'hidden' : 'filtered'));
    client.sentId = entry.nseq;
  }

  private write(client: Client, text: string): void {
    const { response } = client;
    if (response.writableEnded || response.destroyed) {
      this.clients.delete(client);
      return;
    }
    response.write(text);
    if (response.writableLength > MAX_BUFFERED_BYTES) {
      // A client that does not read would hold memory without bound; it resumes from its Last-Event-ID.
      this.logger.info('live: dropping a stream that does not keep up');
      this.clients.delete(client);
      response.destroy();
    }
  }

  private safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.logger.error({ err: error }, 'live: reading the change log failed');
    }
  }
}

function announcedSeq(text: string): number | undefined {
  try {
    const parsed = JSON.parse(text) as { nseq?: unknown };
    return typeof parsed.nseq === 'number' ? parsed.nseq : undefined;
  } catch {
    return undefined;
  }
}

/** What one change costs to render, paid once however many clients get it. */
class Prepared {
  private entry: LogEntry | undefined;
  private cachedOccurrences: { start: number; end: number }[] | undefined;
  private upsertText: string | undefined;
  private readonly deleteTexts = new Map<string, string>();

  constructor(
    private readonly log: ChangeLog,
    private readonly now: number,
  ) {}

  occurrences(entry: LogEntry): { start: number; end: number }[] {
    this.select(entry);
    if (entry.event === undefined) return [];
    this.cachedOccurrences ??= this.log.occurrences(entry.event.rowId);
    return this.cachedOccurrences;
  }

  upsert(entry: LogEntry): string {
    this.select(entry);
    this.upsertText ??= upsertMessage(entry, () => this.occurrences(entry), this.now);
    return this.upsertText;
  }

  delete(entry: LogEntry, reason: 'deleted' | 'hidden' | 'filtered'): string {
    this.select(entry);
    let text = this.deleteTexts.get(reason);
    if (text === undefined) this.deleteTexts.set(reason, (text = deleteMessage(entry, reason)));
    return text;
  }

  forget(): void {
    this.entry = undefined;
    this.cachedOccurrences = undefined;
    this.upsertText = undefined;
    this.deleteTexts.clear();
  }

  private select(entry: LogEntry): void {
    if (this.entry !== entry) {
      this.forget();
      this.entry = entry;
    }
  }
}
