import type { AggregatorServices } from '../services.ts';

/** STUB, replaced by the pipeline work: starts the pull workers and schedulers; resolves to a stopper. */
export async function startWorkers(_services: AggregatorServices): Promise<{ close(): Promise<void> }> {
  return { close: async () => undefined };
}
