import { signal, type Signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { formatLocation, parseLocation, type AppState, type Filters, type MapPosition } from './url-state.ts';

/**
 * The app state held in the address bar: `state` is parsed from the URL, and every change
 * goes through the URL (push for what Back should undo, replace for map moves and typing).
 */
export interface Router {
  readonly state: Signal<AppState>;
  navigate(next: AppState, options?: { replace?: boolean }): void;
  /** Changes filters (the agenda starts again at its first page). */
  setFilters(patch: Partial<Filters>, options?: { replace?: boolean }): void;
  setMap(position: MapPosition): void;
  /** Follows an in-app link (path and query). */
  go(href: string): void;
  dispose(): void;
}

export function createRouter(win: Window): Router {
  const read = () => parseLocation(win.location.pathname, win.location.search);
  const state = signal(read());
  const onPopState = () => {
    state.value = read();
  };
  win.addEventListener('popstate', onPopState);

  const navigate = (next: AppState, options: { replace?: boolean } = {}) => {
    const url = formatLocation(next);
    const current = `${win.location.pathname}${win.location.search}`;
    if (url !== current) win.history[options.replace === true ? 'replaceState' : 'pushState'](null, '', url);
    // Re-read so the state is exactly what a reload of this URL gives.
    state.value = parseLocation(win.location.pathname, win.location.search);
  };
  return {
    state,
    navigate,
    setFilters(patch, options) {
      const { cursor: _cursor, ...rest } = state.value;
      navigate({ ...rest, filters: { ...state.value.filters, ...patch } }, options);
    },
    setMap(position) {
      navigate({ ...state.value, map: position }, { replace: true });
    },
    go(href) {
      const url = new URL(href, win.location.href);
      const next = parseLocation(url.pathname, url.search);
      // Moving between views keeps the map where the reader left it.
      if (next.map === undefined && state.value.map !== undefined) next.map = state.value.map;
      navigate(next);
      win.scrollTo?.(0, 0);
    },
    dispose() {
      win.removeEventListener('popstate', onPopState);
    },
  };
}

export const RouterContext = createContext<Router | undefined>(undefined);

export function useRouter(): Router {
  const router = useContext(RouterContext);
  if (router === undefined) throw new Error('useRouter outside RouterContext');
  return router;
}

/** A click handler for in-app links: plain left clicks navigate without a reload. */
export function followLink(router: Router) {
  return (event: MouseEvent) => {
    const anchor = event.currentTarget as HTMLAnchorElement | null;
    if (anchor === null || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    router.go(anchor.getAttribute('href') ?? '/');
  };
}
