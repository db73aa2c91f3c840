/**
 * The live stream (Server-Sent Events), national or a hub's. EventSource reconnects by itself and
 * sends Last-Event-ID, so the server replays what was missed; `reset` means too much was
 * missed and what is shown must be reloaded.
 */
import { decodeLiveChange } from '../api/decode.ts';
import type { LiveChange } from '../api/types.ts';
import { STREAM_PARAMS } from './stream-params.ts';

export { HUB_STREAM_PARAMS, STREAM_PARAMS } from './stream-params.ts';

export type LiveStatus = 'connecting' | 'open' | 'interrupted';

export interface LiveHandlers {
  onChange(change: LiveChange): void;
  onReset(): void;
  onStatus?(status: LiveStatus): void;
}

/** A list's paging, not its filters: the stream needs none of them to be exact. */
const PAGING_PARAMS: readonly string[] = ['limit', 'cursor'];

/**
 * The part of a list query the stream can apply (`names`: the client's `streamFilters`;
 * national by default), and whether the rest must be checked by reloading.
 */
export function streamQuery(listQuery: URLSearchParams, names: readonly string[] = STREAM_PARAMS): { query: URLSearchParams; exact: boolean } {
  const query = new URLSearchParams();
  let exact = true;
  for (const [name, value] of listQuery) {
    // How a list is paged says nothing of which events belong to it.
    if (PAGING_PARAMS.includes(name)) continue;
    if (names.includes(name)) query.set(name, value);
    else exact = false;
  }
  // Events only: the map and the agenda show nothing else.
  query.set('type', 'event');
  return { query, exact };
}

/** Opens the stream; the returned function closes it. */
export function openLiveStream(url: string, handlers: LiveHandlers, Source: typeof EventSource = EventSource): () => void {
  const source = new Source(url);
  handlers.onStatus?.('connecting');
  const onMessage = (kind: string) => (message: MessageEvent<string>) => {
    const change = decodeLiveChange(kind, message.lastEventId, message.data);
    if (change !== undefined && change.type === 'event') handlers.onChange(change);
  };
  source.addEventListener('upsert', onMessage('upsert'));
  source.addEventListener('delete', onMessage('delete'));
  source.addEventListener('reset', () => handlers.onReset());
  source.addEventListener('open', () => handlers.onStatus?.('open'));
  source.addEventListener('error', () => handlers.onStatus?.(source.readyState === Source.CLOSED ? 'interrupted' : 'connecting'));
  return () => source.close();
}
