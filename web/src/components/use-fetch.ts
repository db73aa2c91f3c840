import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { takePreloaded } from '../ssr/preloaded.ts';

export type Loaded<Value> = { status: 'loading' } | { status: 'done'; value: Value } | { status: 'failed'; message: string; code?: number };

/**
 * Runs `load` when `key` changes, aborting the previous run, and keeps its outcome.
 * `reload()` runs it again with the same key. A page the server rendered starts with the
 * server's answer for its key (ssr/preloaded.ts) and does not fetch it again.
 */
export function useFetch<Value>(key: string, load: (signal: AbortSignal) => Promise<Value>): [Loaded<Value>, () => void] {
  const [state, setState] = useState<Loaded<Value>>(() => (takePreloaded(key) as Loaded<Value> | undefined) ?? { status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const preloaded = useRef(state.status !== 'loading');
  useEffect(() => {
    if (preloaded.current) {
      preloaded.current = false;
      return undefined;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setState({ status: 'done', value });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', message: error instanceof Error ? error.message : String(error), ...(error instanceof ApiError ? { code: error.status } : {}) });
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure on every render; the key says when it really changed.
  }, [key, attempt]);
  return [state, () => setAttempt((count) => count + 1)];
}
