import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import type { ListPage } from './console-api.ts';

export interface PagedList<Item> {
  status: 'loading' | 'done' | 'failed';
  items: Item[];
  /** The cursor of the next page; null when the list is complete. */
  next: string | null;
  error?: string;
  /** A page after the first is on its way. */
  loadingMore: boolean;
  loadMore(): void;
  reload(): void;
  /** Changes the items on screen after an action (an approved item leaves the queue) without asking again. */
  update(change: (items: Item[]) => Item[]): void;
}

function messageOf(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

/**
 * A keyset-paged list: the first page whenever `key` changes (the previous request
 * aborted), then one more page per loadMore(), appended.
 */
export function usePagedList<Item>(key: string, load: (cursor: string | undefined, signal: AbortSignal) => Promise<ListPage<Item>>): PagedList<Item> {
  const [state, setState] = useState<{ status: 'loading' | 'done' | 'failed'; items: Item[]; next: string | null; error?: string; loadingMore: boolean }>({ status: 'loading', items: [], next: null, loadingMore: false });
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | undefined>(undefined);
  // The latest loader: it closes over the current filters and session.
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const current = new AbortController();
    controller.current = current;
    setState({ status: 'loading', items: [], next: null, loadingMore: false });
    loader.current(undefined, current.signal).then(
      (page) => {
        if (!current.signal.aborted) setState({ status: 'done', items: page.items, next: page.next, loadingMore: false });
      },
      (error: unknown) => {
        if (!current.signal.aborted) setState({ status: 'failed', items: [], next: null, error: messageOf(error), loadingMore: false });
      },
    );
    return () => current.abort();
  }, [key, attempt]);

  return {
    ...state,
    loadMore() {
      const cursor = state.next;
      const signal = controller.current?.signal;
      if (cursor === null || signal === undefined || state.loadingMore) return;
      setState((previous) => ({ ...previous, loadingMore: true }));
      loader.current(cursor, signal).then(
        (page) => {
          if (!signal.aborted) setState((previous) => ({ status: 'done', items: [...previous.items, ...page.items], next: page.next, loadingMore: false }));
        },
        (error: unknown) => {
          if (!signal.aborted) setState((previous) => ({ ...previous, loadingMore: false, error: messageOf(error) }));
        },
      );
    },
    reload() {
      setAttempt((count) => count + 1);
    },
    update(change) {
      setState((previous) => ({ ...previous, items: change(previous.items) }));
    },
  };
}
