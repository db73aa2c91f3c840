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

export interface ProgrammeEvent extends PopupEvent {
  id: string;
  /** Where it happens within the village (a stand, a room), when it says. */
  placeName?: string;
}

export interface ProgrammePopupOptions extends Omit<PopupOptions, 'href' | 'onOpen' | 'sourceLabel'> {
  /** "Programme · 4 rendez-vous", or "Chargement…" while it loads, in the reader's language. */
  heading: string;
  hrefOf: (event: { hub: string; id: string }) => string;
  onOpen?: (event: { hub: string; id: string }, click: MouseEvent) => void;
}

/**
 * A village des sciences (an umbrella event and its programme) opened from its one entry on
 * the map: its name, a link to its page, then each activity with its times and place.
 */
export function buildProgrammePopup(umbrella: { hub: string; id: string; title: string; placeName?: string }, events: readonly ProgrammeEvent[], options: ProgrammePopupOptions, doc: Document = document): HTMLElement {
  const root = doc.createElement('div');
  root.className = 'map-popup map-popup-list map-popup-programme';
  const link = (target: { hub: string; id: string }, text: string, className: string): HTMLAnchorElement => {
    const anchor = doc.createElement('a');
    anchor.className = className;
    anchor.href = options.hrefOf(target);
    anchor.textContent = text;
    if (options.onOpen !== undefined) anchor.addEventListener('click', (click) => options.onOpen?.(target, click));
    return anchor;
  };
  root.append(link(umbrella, umbrella.title, 'map-popup-title'));
  if (umbrella.placeName !== undefined) {
    const where = doc.createElement('p');
    where.className = 'map-popup-source';
    where.textContent = umbrella.placeName;
    root.append(where);
  }
  const heading = doc.createElement('p');
  heading.className = 'map-popup-heading';
  heading.textContent = options.heading;
  root.append(heading);
  const list = doc.createElement('ol');
  list.className = 'map-popup-programme-list';
  for (const event of events) {
    const item = doc.createElement('li');
    if (event.start !== undefined) {
      const when = doc.createElement('span');
      when.className = 'map-popup-when';
      when.textContent = formatRange(event.start, event.end ?? event.start, {
        locale: options.locale,
        timeZone: event.timeZone ?? 'Europe/Paris',
        withDay: true,
        ...(options.readerZone === undefined ? {} : { readerZone: options.readerZone }),
      });
      item.append(when);
    }
    item.append(link(event, event.title, 'map-popup-item'));
    // The activity's own spot, when it is not simply the village's.
    if (event.placeName !== undefined && event.placeName !== umbrella.placeName) {
      const where = doc.createElement('span');
      where.className = 'map-popup-place';
      where.textContent = event.placeName;
      item.append(where);
    }
    list.append(item);
  }
  root.append(list);
  return root;
}
