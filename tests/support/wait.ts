/*
 * Waiting for an outcome in another process: poll until the probe gives something, or
 * fail with what it last saw. The timeout bounds a hang; it is not a speed requirement.
 */

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** What was awaited, for the failure message. */
  what?: string;
}

type Settled<T> = Exclude<T, false | null | undefined>;

/** Calls `probe` until it returns a value other than false, null or undefined, and returns that value. */
export async function waitFor<T>(probe: () => T | Promise<T>, options: WaitOptions | number = {}): Promise<Settled<T>> {
  const { timeoutMs = 20_000, intervalMs = 25, what = 'condition' } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== false && value !== null && value !== undefined) return value as Settled<T>;
      last = value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError === undefined ? `last value: ${JSON.stringify(last)}` : `last error: ${(lastError as Error).stack ?? String(lastError)}`;
      throw new Error(`waited ${timeoutMs} ms for ${what}; ${seen}`);
    }
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
