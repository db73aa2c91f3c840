/**
 * Events as news feeds: RSS 2.0 (/feed.rss), Atom 1.0 (/feed.atom), JSON Feed 1.1
 * (/feed.json).
 *
 * Serialised here rather than with the `feed` package: its JSON output is JSON Feed 1.0
 * (version URL, `author`), it forces Atom titles to type="html", and its XML writer
 * (xml-js) escapes only the first "]]>" of a CDATA section, so a title holding two of
 * them closes the CDATA and injects elements into the feed. Here every text node and
 * attribute is escaped (no CDATA at all), which is all XML needs.
 *
 * Each item: title, link to the event page, a stable id (`urn:uuid:<event id>`, never
 * reused even if a slug is), published (first publication) and updated dates, the
 * summary as plain text, and HTML content (dates, place, sanitised description), plus
 * the event's image as an enclosure where it has one.
 */
import { disciplines, eventFormats, type EventPublic } from '@constellation/shared';
import { escapeHtml, escapeXml, safeUrl } from './escape.ts';
import { frenchWhen, placeLine, statusNote } from './event-text.ts';
import { excerpt, markdownToHtml, markdownToText } from './markdown.ts';

export interface FeedEntry {
  event: EventPublic;
  /** The occurrence the item announces (the first in the query's window), epoch ms. */
  start: number;
  end: number;
  publishedAt: string;
  organiser: string | undefined;
}

/** The feed as a whole, as its publishing site (a hub, or the aggregator) describes it. */
export interface FeedContext {
  title: string;
  description: string;
  /** The publishing site's home page; also the link of an item whose event URL does not parse. */
  homeUrl: string;
  /** This feed's own URL, query included. */
  selfUrl: string;
  /** RFC 3339: the latest change among the items. */
  updated: string;
  /**
   * The feed is paged like the event list: the next page's URL when there are more items
   * (JSON Feed's next_url; an RFC 5005 "next" link in Atom, and in RSS as atom:link), and
   * the first page's URL (RFC 5005 "first").
   */
  nextUrl?: string | undefined;
  firstUrl?: string | undefined;
}

/**
 * The URL of a feed page: the site's base and the path, the query as given (sorted, so
 * each page has one URL) with `cursor` set to the page's cursor, or left out for the first.
 */
export function feedPageUrl(baseUrl: string, path: string, query: object, cursor: string | undefined): string {
  const params = new URLSearchParams();
  const entries = Object.entries(query).filter(([name, value]) => name !== 'cursor' && value !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of entries) params.set(name, String(value));
  if (cursor !== undefined) params.set('cursor', cursor);
  const search = params.toString();
  return `${baseUrl}${path}${search === '' ? '' : `?${search}`}`;
}

/** RFC 5005 (section 3, paged feeds) links, as Atom writes them. */
function pagingLinks(context: FeedContext, type: string, prefix: string): string[] {
  return [
    context.firstUrl === undefined ? '' : `<${prefix}link rel="first" type="${type}" href="${escapeXml(context.firstUrl)}" />`,
    context.nextUrl === undefined ? '' : `<${prefix}link rel="next" type="${type}" href="${escapeXml(context.nextUrl)}" />`,
  ].filter((line) => line !== '');
}

const IMAGE_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml' };

function imageType(url: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? '';
  return IMAGE_TYPES[extension] ?? 'application/octet-stream';
}

function itemId(event: EventPublic): string {
  return `urn:uuid:${event.id}`;
}

function summaryOf(event: EventPublic): string {
  return event.summary ?? (event.description === undefined ? '' : excerpt(markdownToText(event.description), 300));
}

function categories(event: EventPublic): { term: string; label: string }[] {
  return [
    { term: event.format, label: eventFormats.label(event.format, 'fr') },
    ...(event.disciplines ?? []).map((value) => ({ term: value, label: disciplines.label(value, 'fr') })),
  ];
}

/** The item's HTML: when and where first (what a reader of an agenda needs), then the text. */
function contentHtml(entry: FeedEntry): string {
  const { event } = entry;
  const status = statusNote(event);
  const link = safeUrl(event.url);
  return [
    status === undefined ? '' : `<p><strong>${escapeHtml(status)}</strong></p>`,
    `<p><strong>${escapeHtml(frenchWhen(entry.start, entry.end, event.timeZone, event.allDay === true))}</strong><br />${escapeHtml(placeLine(event))}</p>`,
    event.summary === undefined ? '' : `<p>${escapeHtml(event.summary)}</p>`,
    event.description === undefined ? '' : markdownToHtml(event.description),
    link === undefined ? '' : `<p><a href="${escapeHtml(link)}">Voir l’événement</a></p>`,
  ].join('');
}

function element(name: string, text: string, attributes = ''): string {
  return `<${name}${attributes}>${escapeXml(text)}</${name}>`;
}

export function renderRss(entries: readonly FeedEntry[], context: FeedContext): string {
  const items = entries.map((entry) => {
    const { event } = entry;
    const image = safeUrl(event.image?.url);
    return [
      '<item>',
      element('title', event.title),
      element('link', safeUrl(event.url) ?? context.homeUrl),
      element('guid', itemId(event), ' isPermaLink="false"'),
      element('pubDate', new Date(entry.publishedAt).toUTCString()),
      // RSS readers render description as HTML: the plain summary goes in escaped.
      element('description', escapeHtml(summaryOf(event))),
      element('content:encoded', contentHtml(entry)),
      ...categories(event).map((category) => element('category', category.label)),
      image === undefined ? '' : `<enclosure url="${escapeXml(image)}" length="0" type="${imageType(image)}" />`,
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    '<channel>',
    element('title', context.title),
    element('link', context.homeUrl),
    element('description', context.description),
    element('language', 'fr'),
    element('lastBuildDate', new Date(context.updated).toUTCString()),
    element('generator', 'Constellation'),
    `<atom:link href="${escapeXml(context.selfUrl)}" rel="self" type="application/rss+xml" />`,
    ...pagingLinks(context, 'application/rss+xml', 'atom:'),
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function renderAtom(entries: readonly FeedEntry[], context: FeedContext): string {
  const items = entries.map((entry) => {
    const { event } = entry;
    const image = safeUrl(event.image?.url);
    const link = safeUrl(event.url) ?? context.homeUrl;
    return [
      '<entry>',
      element('id', itemId(event)),
      element('title', event.title, ' type="text"'),
      `<link rel="alternate" type="text/html" href="${escapeXml(link)}" />`,
      element('published', new Date(entry.publishedAt).toISOString()),
      element('updated', new Date(event.updatedAt).toISOString()),
      entry.organiser === undefined ? '' : `<author>${element('name', entry.organiser)}</author>`,
      element('summary', summaryOf(event), ' type="text"'),
      element('content', contentHtml(entry), ' type="html"'),
      ...categories(event).map((category) => `<category term="${escapeXml(category.term)}" label="${escapeXml(category.label)}" />`),
      image === undefined ? '' : `<link rel="enclosure" type="${imageType(image)}" href="${escapeXml(image)}" />`,
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    element('id', context.selfUrl),
    element('title', context.title, ' type="text"'),
    element('subtitle', context.description, ' type="text"'),
    element('updated', new Date(context.updated).toISOString()),
    // Atom wants an author for every entry: the site stands in where an entry names none.
    `<author>${element('name', context.title)}${element('uri', context.homeUrl)}</author>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(context.selfUrl)}" />`,
    `<link rel="alternate" type="text/html" href="${escapeXml(context.homeUrl)}" />`,
    ...pagingLinks(context, 'application/atom+xml', ''),
    element('generator', 'Constellation'),
    ...items,
    '</feed>',
    '',
  ].join('\n');
}

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1). `_event` is an extension (JSON Feed
 * reserves keys starting with "_" for them): the occurrence and zone, for machines, and
 * the labelled campaign, the umbrella event and the previous edition when there are.
 */
export function renderJsonFeed(entries: readonly FeedEntry[], context: FeedContext): string {
  const items = entries.map((entry) => {
    const { event } = entry;
    const image = safeUrl(event.image?.url);
    return {
      id: itemId(event),
      url: safeUrl(event.url) ?? context.homeUrl,
      title: event.title,
      summary: summaryOf(event),
      content_html: contentHtml(entry),
      ...(image === undefined ? {} : { image }),
      date_published: new Date(entry.publishedAt).toISOString(),
      date_modified: new Date(event.updatedAt).toISOString(),
      ...(entry.organiser === undefined ? {} : { authors: [{ name: entry.organiser }] }),
      tags: categories(event).map((category) => category.label),
      language: event.languages?.[0] ?? 'fr',
      _event: {
        id: event.id, start: new Date(entry.start).toISOString(), end: new Date(entry.end).toISOString(), timeZone: event.timeZone, status: event.eventStatus,
        ...(event.campaign === undefined ? {} : { campaign: event.campaign }),
        ...(event.parentEventId === undefined ? {} : { parentEventId: event.parentEventId }),
        ...(event.previousEditionId === undefined ? {} : { previousEditionId: event.previousEditionId }),
      },
    };
  });
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: context.title,
    home_page_url: context.homeUrl,
    feed_url: context.selfUrl,
    description: context.description,
    language: 'fr',
    authors: [{ name: context.title, url: context.homeUrl }],
    ...(context.nextUrl === undefined ? {} : { next_url: context.nextUrl }),
    items,
  });
}
