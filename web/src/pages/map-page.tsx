import type { Locale } from '@constellation/shared';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import { filterQuery, listQuery, type Bbox } from '../api/query.ts';
import type { ListItem, MapItem, SiteConfig } from '../api/types.ts';
import { EventList, itemKey } from '../components/event-list.tsx';
import { FilterBar } from '../components/filter-bar.tsx';
import { announce } from '../components/live-notice.tsx';
import { SubscribeLinks } from '../components/subscribe-links.tsx';
import { countLabel, t } from '../i18n/locale.ts';
import { openLiveStream, streamQuery } from '../live/live-stream.ts';
import { inArea, upsertEvent, withoutEvent } from '../live/merge.ts';
import { DEFAULT_POSITION, viewBounds } from '../map/viewport.ts';
import { LIST_MARK, markOnce } from '../perf-marks.ts';
import { useRouter } from '../state/router.ts';
import { filterParams, type Filters } from '../state/url-state.ts';
import { MapPanel } from './map-panel.tsx';

const PAGE_SIZE = 50;

const FRESH_MS = 15_000;

type ListState = { status: 'loading' | 'done' | 'failed'; items: ListItem[]; next: string | null; message?: string; loadingMore?: boolean };

/** The area "near me" covers, for framing the map. */
function nearArea(filters: Filters): Bbox | undefined {
  if (filters.near === undefined) return undefined;
  const km = filters.radius ?? 10;
  const dLat = km / 111.32;
  const dLon = km / (111.32 * Math.max(0.1, Math.cos((filters.near.lat * Math.PI) / 180)));
  return [filters.near.lon - dLon, filters.near.lat - dLat, filters.near.lon + dLon, filters.near.lat + dLat];
}

/**
 * The national map: filters and the list of what the map shows (left), the map (right).
 * `narrowed`: the client answers for less than the filters say (a campaign's page), so
 * the stream cannot tell what belongs: each change reloads, and the page's own title is
 * the host page's second level.
 */
export function MapPage({ api, config, locale, narrowed = false }: { api: ApiClient; config: SiteConfig; locale: Locale; narrowed?: boolean }) {
  const router = useRouter();
  const state = router.state.value;
  const filters = state.filters;
  const position = state.map ?? DEFAULT_POSITION;
  const national = config.mode === 'national';
  const filtersKey = new URLSearchParams(filterParams(filters)).toString();
  // "From now" is fixed when the filters change, so moving the map does not shift the window.
  const now = useMemo(() => new Date(), [filtersKey]);

  const [panel, setPanel] = useState<'list' | 'map'>('list');
  const mapSlot = useRef<HTMLDivElement>(null);
  // Unknown until measured: the first list request then asks for the area shown, once
  // (the observer below reports the size a frame later, which would ask a second time).
  const [size, setSize] = useState<{ width: number; height: number } | undefined>(undefined);
  useLayoutEffect(() => {
    const box = mapSlot.current?.getBoundingClientRect();
    // A hidden map (the phone's list tab) or no layout at all: a usual desktop panel's size.
    setSize(box !== undefined && box.width > 0 && box.height > 0 ? { width: Math.round(box.width), height: Math.round(box.height) } : (current) => current ?? { width: 900, height: 700 });
  }, []);
  useEffect(() => {
    const element = mapSlot.current;
    if (element === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.contentRect;
      // A hidden map (the phone's list tab) keeps its last size.
      if (box !== undefined && box.width > 0 && box.height > 0) setSize({ width: Math.round(box.width), height: Math.round(box.height) });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const bbox = filters.near === undefined && size !== undefined ? viewBounds(position, size.width, size.height) : undefined;
  const measured = filters.near !== undefined || size !== undefined;
  const query = listQuery(filters, { now, national, limit: PAGE_SIZE, ...(bbox === undefined ? {} : { bbox }) });
  const queryKey = query.toString();

  const [list, setList] = useState<ListState>({ status: 'loading', items: [], next: null });
  // The map starts once the first list is on screen (map-panel.tsx), or after 3 s at most.
  const [mapLate, setMapLate] = useState(false);
  const listCame = useRef(false);
  if (list.status !== 'loading') listCame.current = true;
  const mapStart = listCame.current || mapLate;
  useEffect(() => {
    const timer = setTimeout(() => setMapLate(true), 3_000);
    return () => clearTimeout(timer);
  }, []);
  const [reloads, setReloads] = useState(0);
  const firstList = useRef(true);
  useEffect(() => {
    if (!measured) return undefined;
    const controller = new AbortController();
    setList((current) => ({ ...current, status: 'loading' }));
    const load = () =>
      api.events(query, controller.signal).then(
        (page) => {
          setList({ status: 'done', items: page.items, next: page.next });
          markOnce(LIST_MARK);
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setList({ status: 'failed', items: [], next: null, message: error instanceof Error ? error.message : String(error) });
        },
      );
    // The first list at once (it is what a reader waits for); later, map moves come in
    // bursts: wait for the view to settle.
    const first = firstList.current;
    firstList.current = false;
    if (first) void load();
    const timer = first ? undefined : setTimeout(() => void load(), 120);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [queryKey, reloads, measured]);

  const loadMore = () => {
    if (list.next === null) return;
    const more = new URLSearchParams(query);
    more.set('cursor', list.next);
    setList((current) => ({ ...current, loadingMore: true }));
    api.events(more).then(
      (page) => setList((current) => ({ status: 'done', items: [...current.items, ...page.items], next: page.next })),
      (error: unknown) => setList((current) => ({ ...current, loadingMore: false, message: error instanceof Error ? error.message : String(error) })),
    );
  };

  // Live: the stream with the same filters (not the area, which moves); each change is
  // merged into the list when the stream's filter is exact, else the list reloads.
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [clusterRefresh, setClusterRefresh] = useState(0);
  const live = useRef({ list, bbox, locale });
  live.current = { list, bbox, locale };
  useEffect(() => {
    const { query: stream, exact: exactFilters } = streamQuery(filterQuery(filters, { now, national }), api.streamFilters);
    const exact = exactFilters && !narrowed;
    const streamUrl = api.streamUrl(stream);
    if (streamUrl === undefined) return undefined;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    const refreshSoon = (reloadList: boolean) => {
      if (refreshTimer !== undefined) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => {
        setClusterRefresh((count) => count + 1);
        if (reloadList) setReloads((count) => count + 1);
      }, 300);
    };
    const markFresh = (key: string) => {
      setFresh((current) => new Set([...current, key]));
      setTimeout(() => setFresh((current) => new Set([...current].filter((item) => item !== key))), FRESH_MS);
    };
    const close = openLiveStream(streamUrl, {
      onChange(change) {
        const key = `${change.hub}/${change.id}`;
        const { list: shown, bbox: area, locale: language } = live.current;
        const wasShown = shown.items.some((item) => itemKey(item) === key);
        if (change.op === 'delete') {
          if (wasShown) {
            setList((current) => ({ ...current, items: withoutEvent(current.items, key) }));
            announce(t('liveRemoved', {}, language));
          }
          refreshSoon(false);
          return;
        }
        if (change.listed === false) return;
        // Narrowed: the change may not belong here; the reload shows it if it does.
        if (narrowed) return refreshSoon(true);
        markFresh(key);
        announce(t(wasShown ? 'liveChanged' : 'liveNew', { title: change.title ?? '' }, language));
        if (!exact) return refreshSoon(true);
        refreshSoon(false);
        if (!inArea(change, area)) {
          if (wasShown) setList((current) => ({ ...current, items: withoutEvent(current.items, key) }));
          return;
        }
        api.event(change.hub, change.id).then(
          (detail) => {
            const occurrence = change.start === undefined ? detail.occurrences[0] : { start: change.start, end: change.end ?? change.start };
            if (occurrence === undefined) return;
            setList((current) => ({ ...current, items: upsertEvent(current.items, { event: detail.event, occurrence }, current.next !== null) }));
          },
          () => refreshSoon(true),
        );
      },
      onReset() {
        refreshSoon(true);
      },
    });
    return () => {
      if (refreshTimer !== undefined) clearTimeout(refreshTimer);
      close();
    };
  }, [filtersKey, national, narrowed, api]);

  const points: MapItem[] = national
    ? []
    : list.items.flatMap((item) =>
        item.event.place?.lat === undefined || item.event.place.lon === undefined
          ? []
          : [{ kind: 'event' as const, lat: item.event.place.lat, lon: item.event.place.lon, hub: item.event.hub, id: item.event.id, title: item.event.title, ...(item.event.place.name === undefined ? {} : { placeName: item.event.place.name }), start: item.occurrence.start, end: item.occurrence.end, timeZone: item.event.timeZone }],
      );
  const frame = nearArea(filters);

  return (
    <div class={`map-page show-${panel}`}>
      <section class="list-panel" aria-labelledby="list-title">
        {narrowed ? (
          <h2 id="list-title" class="page-title">
            {t('listInView', {}, locale)}
          </h2>
        ) : (
          <h1 id="list-title" class="page-title">
            {t('listInView', {}, locale)}
          </h1>
        )}
        <FilterBar filters={filters} locale={locale} national={national} />
        <div class="panel-switch" role="group" aria-label={t('map', {}, locale)}>
          <button type="button" aria-pressed={panel === 'list'} onClick={() => setPanel('list')}>
            {t('list', {}, locale)}
          </button>
          <button type="button" aria-pressed={panel === 'map'} onClick={() => setPanel('map')}>
            {t('navMap', {}, locale)}
          </button>
        </div>
        <div class="list-status">
          <p class="result-count" aria-live="polite">
            {list.status === 'loading' && list.items.length === 0 ? t('loading', {}, locale) : list.status === 'failed' ? null : countLabel(list.items.length, list.next !== null, locale)}
          </p>
          <SubscribeLinks api={api} filters={filters} locale={locale} />
        </div>
        {list.status === 'failed' ? (
          <p class="error" role="alert">
            {t('loadError', { message: list.message ?? '' }, locale)}{' '}
            <button type="button" onClick={() => setReloads((count) => count + 1)}>
              {t('retry', {}, locale)}
            </button>
          </p>
        ) : null}
        {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t('noResults', {}, locale)}</p> : null}
        <div aria-busy={list.status === 'loading'} data-testid="event-list">
          <EventList items={list.items} locale={locale} fresh={fresh} />
        </div>
        {list.next !== null ? (
          <button type="button" class="load-more" onClick={loadMore} disabled={list.loadingMore === true}>
            {list.loadingMore === true ? t('loading', {}, locale) : t('loadMore', {}, locale)}
          </button>
        ) : null}
      </section>
      <section class="map-panel" aria-label={t('map', {}, locale)} ref={mapSlot}>
        <MapPanel api={api} config={config} filters={filters} now={now} position={position} locale={locale} fresh={fresh} refresh={clusterRefresh} points={points} start={mapStart} {...(frame === undefined ? {} : { frame })} />
      </section>
    </div>
  );
}
