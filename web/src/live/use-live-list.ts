/**
 * A list of events kept live: the live stream (national or the hub's) with the list's filters; each change is
 * shown where it belongs (new, changed, cancelled: fetched and placed by date; removed:
 * taken out), marked fresh for a while, and announced. When the stream cannot apply every
 * filter (text search, accessibility), or misses too much, the list is reloaded instead.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import type { ApiClient } from '../api/client.ts';
import type { ListItem } from '../api/types.ts';
import { announce } from '../components/live-notice.tsx';
import { t } from '../i18n/locale.ts';
import { openLiveStream, streamQuery } from './live-stream.ts';
import { upsertEvent, withoutEvent } from './merge.ts';

const FRESH_MS = 15_000;

export interface LiveListOptions {
  api: ApiClient;
  /** The list's own query (filters and "from now", without the page's cursor or limit). */
  query: URLSearchParams;
  locale: Locale;
  /** Off on a later page of the agenda: what belongs before it is not shown there. */
  enabled: boolean;
  /**
   * The list is being fetched again. The stream stays open meanwhile (closed, it would
   * miss what happens until it reopens); a change that arrives then restarts the fetch,
   * whose answer may predate it.
   */
  loading: boolean;
  items: readonly ListItem[];
  hasMore: boolean;
  setItems(update: (items: readonly ListItem[]) => ListItem[]): void;
  reload(): void;
}

const keyOf = (item: ListItem) => `${item.event.hub}/${item.event.id}`;

/** Opens the stream while enabled; returns the keys of the events that just changed (drawn apart). */
export function useLiveList(options: LiveListOptions): ReadonlySet<string> {
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const latest = useRef(options);
  latest.current = options;
  const queryKey = options.query.toString();
  useEffect(() => {
    if (!options.enabled) return undefined;
    const { query: stream, exact } = streamQuery(options.query, options.api.streamFilters);
    const url = options.api.streamUrl(stream);
    if (url === undefined) return undefined;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const markFresh = (key: string) => {
      setFresh((current) => new Set([...current, key]));
      const timer = setTimeout(() => {
        timers.delete(timer);
        setFresh((current) => new Set([...current].filter((item) => item !== key)));
      }, FRESH_MS);
      timers.add(timer);
    };
    const close = openLiveStream(url, {
      onChange(change) {
        const key = `${change.hub}/${change.id}`;
        const { items, locale, api } = latest.current;
        if (latest.current.loading) {
          latest.current.reload();
          return;
        }
        const wasShown = items.some((item) => keyOf(item) === key);
        if (change.op === 'delete' || change.listed === false) {
          if (!wasShown) return;
          latest.current.setItems((current) => withoutEvent(current, key));
          announce(t('liveRemoved', {}, locale));
          return;
        }
        if (!exact) {
          announce(t(wasShown ? 'liveChanged' : 'liveNew', { title: change.title ?? '' }, locale));
          markFresh(key);
          latest.current.reload();
          return;
        }
        api.event(change.hub, change.id).then(
          (detail) => {
            const occurrence = change.start === undefined ? detail.occurrences[0] : { start: change.start, end: change.end ?? change.start };
            if (occurrence === undefined) return;
            markFresh(key);
            const title = detail.event.title;
            announce(detail.event.eventStatus === 'cancelled' ? t('liveCancelled', { title }, locale) : t(wasShown ? 'liveChanged' : 'liveNew', { title }, locale));
            latest.current.setItems((current) => upsertEvent(current, { event: detail.event, occurrence }, latest.current.hasMore));
          },
          () => latest.current.reload(),
        );
      },
      onReset() {
        latest.current.reload();
      },
    });
    return () => {
      for (const timer of timers) clearTimeout(timer);
      close();
    };
  }, [queryKey, options.enabled]);
  return fresh;
}
