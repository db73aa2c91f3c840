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

export interface PopupListOptions extends Omit<PopupOptions, 'href' | 'onOpen'> {
  /** "3 événements à cet endroit", in the reader's language. */
  heading: string;
  hrefOf: (event: PopupEvent & { id: string }) => string;
  onOpen?: (event: PopupEvent & { id: string }, click: MouseEvent) => void;
}

/**
 * Events at one place (the same address, or a few metres apart) as one list: each title a
 * link, with its dates. Stacked dots would show only the top one.
 */
export function buildPopupList(events: readonly (PopupEvent & { id: string })[], options: PopupListOptions, doc: Document = document): HTMLElement {
  const root = doc.createElement('div');
  root.className = 'map-popup map-popup-list';
  const heading = doc.createElement('p');
  heading.className = 'map-popup-heading';
  heading.textContent = options.heading;
  root.append(heading);
  const list = doc.createElement('ul');
  for (const event of events) {
    const item = doc.createElement('li');
    const { onOpen, hrefOf, heading: _heading, ...shared } = options;
    const one = buildPopupContent(event, { ...shared, href: hrefOf(event), ...(onOpen === undefined ? {} : { onOpen: (click: MouseEvent) => onOpen(event, click) }) }, doc);
    item.append(...one.childNodes);
    list.append(item);
  }
  root.append(list);
  return root;
}

export interface DirectoryPopupOptions {
  /** The kind of place or the project's participation type, in words. */
  kind: string;
  /** "Voir sa page sur {hub}". */
  linkLabel: string;
}

/** A place to visit or a project: its name, what it is, where; a link to its page on its hub. */
export function buildDirectoryPopup(point: { title: string; commune?: string; url: string }, options: DirectoryPopupOptions, doc: Document = document): HTMLElement {
  const root = doc.createElement('div');
  root.className = 'map-popup';
  const title = doc.createElement('a');
  title.className = 'map-popup-title';
  title.href = point.url;
  title.textContent = point.title;
  root.append(title);
  const what = doc.createElement('p');
  what.className = 'map-popup-when';
  what.textContent = point.commune === undefined ? options.kind : `${options.kind} · ${point.commune}`;
  root.append(what);
  const link = doc.createElement('a');
  link.className = 'map-popup-source';
  link.href = point.url;
  link.textContent = options.linkLabel;
  root.append(link);
  return root;
}
