import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import { pagedKey } from '../ssr/page-keys.ts';
import { takePreloaded } from '../ssr/preloaded.ts';
import type { Loaded } from './use-fetch.ts';

export interface PagedList<Item> {
  status: 'loading' | 'done' | 'failed';
  items: Item[];
  /** The cursor of the page after the last one shown; null at the end. */
  next: string | null;
  /** A later page is on its way (the ones shown stay). */
  loadingMore: boolean;
  error?: { message: string; status?: number };
  loadMore(): void;
  /** Starts again from the first page (after a failure, or when the list changed elsewhere). */
  reload(): void;
  /** Changes the items on screen after an action (an approved item leaves the queue) without asking again. */
  update(change: (items: Item[]) => Item[]): void;
}

type State<Item> = Omit<PagedList<Item>, 'loadMore' | 'reload' | 'update'> & { key: string };

const failure = (error: unknown): NonNullable<PagedList<never>['error']> => ({ message: error instanceof Error ? error.message : String(error), ...(error instanceof ApiError ? { status: error.status } : {}) });

/**
 * A keyset-paged list read a page at a time: `key` says when the query changed (the list
 * starts again, the previous requests are aborted); loadMore() appends the page after the
 * last cursor. The portal's directories and the console's tabs all read their lists so.
 */
export function usePagedList<Item>(key: string, load: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<Item>>): PagedList<Item> {
  // A page the server rendered carries its first page (ssr/prefetch.ts): shown as it was, not fetched again.
  const [state, setState] = useState<State<Item>>(() => {
    const preloaded = takePreloaded(pagedKey(key)) as Loaded<Page<Item>> | undefined;
    return preloaded?.status === 'done' ? { key, status: 'done', items: preloaded.value.items, next: preloaded.value.next, loadingMore: false } : { key, status: 'loading', items: [], next: null, loadingMore: false };
  });
  const preloaded = useRef(state.status === 'done');
  const [attempt, setAttempt] = useState(0);
  const more = useRef<AbortController | undefined>(undefined);
  // The latest loader: it closes over the current filters and session.
  const latestLoad = useRef(load);
  latestLoad.current = load;

  useEffect(() => {
    if (preloaded.current) {
      preloaded.current = false;
      return undefined;
    }
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
  const current: State<Item> = state.key === key ? state : { key, status: 'loading', items: [], next: null, loadingMore: false };
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
    reload() {
      setAttempt((count) => count + 1);
    },
    update(change) {
      setState((previous) => ({ ...previous, items: change(previous.items) }));
    },
  };
}
