import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Live pulls first, within one worker process. A catch-up applies batch after batch
 * on the same event loop as the live pulls; yielding one turn between batches lets a
 * live pull take only one step (a Redis reply, a response) per batch, so a live change
 * would wait many batches. Instead a catch-up waits, between two batches, until no live
 * pull is running here (at most `maxWaitMs`, so it is never starved).
 */
export class LiveFirst {
  private running = 0;
  private waiters: (() => void)[] = [];

  /** Marks a live pull as running; call the returned function when it ends (once). */
  begin(): () => void {
    this.running += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.running -= 1;
      if (this.running === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
      }
    };
  }

  /** A turn of the event loop, then the wait for live pulls to end. */
  async giveWay(maxWaitMs: number): Promise<void> {
    await nextTurn();
    if (this.running === 0) return;
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== wake);
        resolve();
      }, maxWaitMs);
      this.waiters.push(wake);
    });
  }
}
