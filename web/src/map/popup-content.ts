/**
 * The content of an event's popup on the map, built from DOM nodes with textContent only:
 * titles and hub names come from other servers, so nothing here is ever parsed as HTML
 * (MapLibre's Popup#setHTML does no sanitising).
 */
import { formatRange } from '../dates/zoned.ts';

export interface PopupEvent {
  title: string;
  hub: string;
  hubName?: string;
  start?: string;
  end?: string;
  timeZone?: string;
}

export interface PopupOptions {
  locale: string;
  /** The in-app link to the event's page. */
  href: string;
  /** "Source : {hub}" in the reader's language. */
  sourceLabel: (hub: string) => string;
  onOpen?: (event: MouseEvent) => void;
  readerZone?: string;
}

export function buildPopupContent(event: PopupEvent, options: PopupOptions, doc: Document = document): HTMLElement {
  const root = doc.createElement('div');
  root.className = 'map-popup';
  const title = doc.createElement('a');
  title.className = 'map-popup-title';
  title.href = options.href;
  title.textContent = event.title;
  if (options.onOpen !== undefined) title.addEventListener('click', options.onOpen);
  root.append(title);
  if (event.start !== undefined) {
    const when = doc.createElement('p');
    when.className = 'map-popup-when';
    when.textContent = formatRange(event.start, event.end ?? event.start, {
      locale: options.locale,
      timeZone: event.timeZone ?? 'Europe/Paris',
      withDay: true,
      ...(options.readerZone === undefined ? {} : { readerZone: options.readerZone }),
    });
    root.append(when);
  }
  const source = doc.createElement('p');
  source.className = 'map-popup-source';
  source.textContent = options.sourceLabel(event.hubName ?? event.hub);
  root.append(source);
  return root;
}
