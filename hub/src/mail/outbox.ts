import { and, asc, eq, lte } from 'drizzle-orm';
import type { Store } from '../db/client.ts';
import { mailOutbox, type MailOutboxRow } from '../db/schema/index.ts';

/** After this many failed attempts a mail is marked failed and left for the operator to see. */
export const MAX_ATTEMPTS = 8;

/** Waits between attempts: 30 s, 1 min, 2 min, ... capped at 2 h (about 4 h in all before giving up). */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 2 * 3_600_000);
}

export interface OutgoingMail {
  to: string;
  kind: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** The outbox table: queued inside the caller's transaction, read and updated by the sender loop. */
export class MailOutbox {
  constructor(private readonly store: Store) {}

  /** Queues a mail; inside a transaction it is queued only if that transaction commits. */
  enqueue(mail: OutgoingMail, now = Date.now()): number {
    const row = this.store.db
      .insert(mailOutbox)
      .values({
        toAddress: mail.to,
        kind: mail.kind,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html,
        headers: mail.headers ?? null,
        nextAttemptAt: now,
        createdAt: new Date(now).toISOString(),
      })
      .returning({ id: mailOutbox.id })
      .get();
    return row.id;
  }

  /** Mail due now, oldest first. */
  due(now: number, limit: number): MailOutboxRow[] {
    return this.store.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, now)))
      .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
      .limit(limit)
      .all();
  }

  /** When the next pending mail falls due, or undefined when none waits. */
  nextDue(): number | undefined {
    return this.store.db
      .select({ at: mailOutbox.nextAttemptAt })
      .from(mailOutbox)
      .where(eq(mailOutbox.status, 'pending'))
      .orderBy(asc(mailOutbox.nextAttemptAt))
      .limit(1)
      .get()?.at;
  }

  markSent(id: number, now = Date.now()): void {
    this.store.db.update(mailOutbox).set({ status: 'sent', sentAt: new Date(now).toISOString(), lastError: null }).where(eq(mailOutbox.id, id)).run();
  }

  /** Records a failure: retried later with backoff, or failed for good after MAX_ATTEMPTS or a permanent refusal. */
  markFailed(row: MailOutboxRow, error: string, permanent: boolean, now = Date.now()): void {
    const attempts = row.attempts + 1;
    const giveUp = permanent || attempts >= MAX_ATTEMPTS;
    this.store.db
      .update(mailOutbox)
      .set({ attempts, lastError: error.slice(0, 500), status: giveUp ? 'failed' : 'pending', nextAttemptAt: giveUp ? row.nextAttemptAt : now + retryDelayMs(attempts) })
      .where(eq(mailOutbox.id, row.id))
      .run();
  }

  /** Counts by status, for the operator's health view and the logs. */
  counts(): Record<MailOutboxRow['status'], number> {
    const rows = this.store.sqlite.prepare('SELECT status, count(*) AS n FROM mail_outbox GROUP BY status').all() as { status: MailOutboxRow['status']; n: number }[];
    const counts = { pending: 0, sent: 0, failed: 0 };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }
}
