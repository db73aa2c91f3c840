import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';

export interface PageOf<Item> {
  items: Item[];
  next: string | null;
}

export interface PagedList<Item> {
  status: 'loading' | 'done' | 'failed';
  items: Item[];
  /** The cursor of the page after the last one shown; null at the end. */
  next: string | null;
  /** A later page is on its way (the ones shown stay). */
  loadingMore: boolean;
  error?: { message: string; status?: number };
  loadMore(): void;
  retry(): void;
}

/**
 * A list read a page at a time: `key` says when the query changed (the list starts again,
 * the previous request is aborted); "load more" appends the page after the last cursor.
 */
export function usePagedList<Item>(key: string, load: (cursor: string | undefined, signal: AbortSignal) => Promise<PageOf<Item>>): PagedList<Item> {
  const [state, setState] = useState<{ key: string; status: PagedList<Item>['status']; items: Item[]; next: string | null; loadingMore: boolean; error?: PagedList<Item>['error'] }>({ key, status: 'loading', items: [], next: null, loadingMore: false });
  const [attempt, setAttempt] = useState(0);
  const more = useRef<AbortController | undefined>(undefined);
  const latestLoad = useRef(load);
  latestLoad.current = load;

  const failure = (error: unknown): PagedList<Item>['error'] => ({ message: error instanceof Error ? error.message : String(error), ...(error instanceof ApiError ? { status: error.status } : {}) });

  useEffect(() => {
    const controller = new AbortController();
    more.current?.abort();
    setState({ key, status: 'loading', items: [], next: null, loadingMore: false });
    latestLoad.current(undefined, controller.signal).then(
      (page) => {
        if (!controller.signal.aborted) setState({ key, status: 'done', items: page.items, next: page.next, loadingMore: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, status: 'failed', items: [], next: null, loadingMore: false, error: failure(error) });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  useEffect(() => () => more.current?.abort(), []);

  // Until the effect above has run for a new key, the old list must not show under it.
  const current = state.key === key ? state : { key, status: 'loading' as const, items: [], next: null, loadingMore: false };
  return {
    ...current,
    loadMore() {
      if (current.next === null || current.loadingMore) return;
      const controller = new AbortController();
      more.current = controller;
      const cursor = current.next;
      setState((previous) => ({ ...previous, loadingMore: true }));
      latestLoad.current(cursor, controller.signal).then(
        (page) => {
          if (!controller.signal.aborted) setState((previous) => (previous.key === key ? { ...previous, items: [...previous.items, ...page.items], next: page.next, loadingMore: false, status: 'done' } : previous));
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState((previous) => (previous.key === key ? { ...previous, loadingMore: false, error: failure(error) } : previous));
        },
      );
    },
    retry() {
      setAttempt((count) => count + 1);
    },
  };
}
