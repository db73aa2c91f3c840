import type { FastifyBaseLogger } from 'fastify';
import { type MailOutbox } from './outbox.ts';
import { isPermanentFailure, type MailTransport } from './transport.ts';

const BATCH = 20;
/** The loop also wakes on this interval, so a mail queued by another process (the CLI) goes out too. */
const IDLE_POLL_MS = 30_000;

/**
 * Sends the outbox in the background: one mail at a time, oldest first, each failure
 * rescheduled with backoff. `kick()` wakes it when a request queues something; it
 * never throws into the caller, and closing waits for the mail in flight.
 */
export class OutboxSender {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;

  constructor(
    private readonly outbox: MailOutbox,
    private readonly transport: MailTransport,
    private readonly from: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    this.kick();
  }

  /** Runs the loop soon (now, or right after the pass in progress). */
  kick(): void {
    if (this.closed) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.pass().finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.schedule(0);
        } else {
          const next = this.outbox.nextDue();
          this.schedule(next === undefined ? IDLE_POLL_MS : Math.min(IDLE_POLL_MS, Math.max(0, next - Date.now())));
        }
      });
    }, delay);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    try {
      for (;;) {
        const due = this.outbox.due(Date.now(), BATCH);
        if (due.length === 0) return;
        for (const row of due) {
          if (this.closed) return;
          try {
            await this.transport.send({ from: this.from, to: row.toAddress, subject: row.subject, text: row.textBody, html: row.htmlBody, headers: row.headers ?? undefined });
            this.outbox.markSent(row.id);
            this.log.info({ mailId: row.id, kind: row.kind }, 'mail sent');
          } catch (error) {
            const permanent = isPermanentFailure(error);
            this.outbox.markFailed(row, (error as Error).message, permanent);
            this.log.warn({ mailId: row.id, kind: row.kind, attempts: row.attempts + 1, permanent, err: (error as Error).message }, 'mail not sent');
            // A relay that is down fails every mail alike: wait for the backoff rather than burn the batch.
            if (!permanent) return;
          }
        }
      }
    } catch (error) {
      // The database closed under us (shutdown) or a bug: log, and let the next pass retry.
      if (!this.closed) this.log.error({ err: error }, 'mail outbox pass failed');
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }
}
