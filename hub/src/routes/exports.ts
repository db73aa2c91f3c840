import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody, Id, isValid, type EventPublic } from '@constellation/shared';
import { answeredFromCache, canonicalQuery, escapeHtml, etagFor, eventJsonLd, eventPageDates, feedPageUrl, PAGE_CSP, renderAtom, renderCalendar, renderCsv, renderEventPage, renderJsonFeed, renderNotFoundPage, renderRss, type AppPages, type FeedContext } from '@constellation/shared/server';
import type { HubConfig } from '../config.ts';
import type { HubServices } from '../services/hub-services.ts';
import { NotFoundError } from '../errors.ts';
import { latestSeq } from '../services/feed-writer.ts';
import { EXPORT_MAX } from '../services/event-list.ts';
import { ExportQuery, FEED_DEFAULT_LIMIT, FeedQuery, loadEvents, loadFeedPage, organisers, windowStart } from '../exports/query.ts';

const text = (description: string) => Type.String({ description });
const notModified = Type.Null({ description: 'Not modified: If-None-Match named the current ETag' });
const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

const ICS = 'text/calendar; charset=utf-8';
const FEEDS = {
  rss: { path: '/feed.rss', type: 'application/rss+xml; charset=utf-8', render: renderRss, name: 'RSS 2.0' },
  atom: { path: '/feed.atom', type: 'application/atom+xml; charset=utf-8', render: renderAtom, name: 'Atom 1.0' },
  json: { path: '/feed.json', type: 'application/feed+json; charset=utf-8', render: renderJsonFeed, name: 'JSON Feed 1.1' },
} as const;

/**
 * Open-data exports (iCal, RSS, Atom, JSON Feed, CSV) and the server-rendered event pages.
 * Every export takes the filters of GET /api/v1/events, answers conditional GETs (see
 * @constellation/shared/server conditional GET) and is public, cacheable for five minutes, and readable cross-origin.
 */
export default async function exportRoutes(app: FastifyInstance, options: { config: HubConfig; services: HubServices; pages?: AppPages | undefined }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { config, services } = options;
  const host = new URL(config.baseUrl).host;
  const site = { name: config.name, url: config.baseUrl };

  /** The ETag of a response built from the hub's data and `parts`, and from the hour when `now` is given. */
  function etag(parts: unknown[], now?: number): string {
    return etagFor(latestSeq(app.store.db), [...parts, now === undefined ? null : windowStart(now)]);
  }

  /** An export's ETag: its window defaults to the current hour when the query names no `from`. */
  const exportEtag = (kind: string, query: ExportQuery | FeedQuery, now: number) => etag([kind, canonicalQuery(query)], query.from === undefined ? now : undefined);

  const calendar = (events: EventPublic[]) => renderCalendar(events, { host, name: config.name, organisers: organisers(services.content, events.map((event) => event.actorId)) });

  api.get('/events.ics', {
    schema: {
      tags: ['exports'],
      summary: 'Events as an iCalendar feed (RFC 5545): one VEVENT per event, recurring events with their RRULE',
      querystring: ExportQuery,
      response: { 200: text(`RFC 5545 calendar, served as ${ICS}; at most ${EXPORT_MAX} events`), 304: notModified, 400: ErrorBody },
    },
  }, async (request, reply) => {
    const now = Date.now();
    if (answeredFromCache(reply, exportEtag('ics', request.query, now))) return reply;
    return reply.type(ICS).send(calendar(loadEvents(services.events, request.query, Math.min(request.query.limit ?? EXPORT_MAX, EXPORT_MAX), now).map((loaded) => loaded.event)));
  });

  api.get('/events/:slug.ics', {
    schema: {
      tags: ['exports'],
      summary: 'One published event as an iCalendar file, by slug (or id)',
      params: SlugParams,
      response: { 200: text(`RFC 5545 calendar, served as ${ICS}`), 304: notModified, 400: ErrorBody, 404: ErrorBody },
    },
  }, async (request, reply) => {
    const { slug } = request.params;
    const json = (isValid(Id, slug) ? services.content.publicJson('event', slug) : undefined) ?? services.content.publicJsonBySlug('event', slug);
    if (json === undefined) throw new NotFoundError('event', 'slug');
    if (answeredFromCache(reply, etag(['event-ics', slug]))) return reply;
    return reply.type(ICS).send(calendar([JSON.parse(json) as EventPublic]));
  });

  for (const [kind, feed] of Object.entries(FEEDS)) {
    api.get(feed.path, {
      schema: {
        tags: ['exports'],
        summary: `Published events as a ${feed.name} feed: the event list's items in its order (by next date, upcoming unless \`from\` says otherwise), ${FEED_DEFAULT_LIMIT} a page unless \`limit\` says otherwise, each page linking the next`,
        querystring: FeedQuery,
        response: { 200: text(`${feed.name}, served as ${feed.type}`), 304: notModified, 400: ErrorBody },
      },
    }, async (request, reply) => {
      const now = Date.now();
      if (answeredFromCache(reply, exportEtag(kind, request.query, now))) return reply;
      const { entries: loaded, next } = loadFeedPage(services.events, request.query, now);
      const names = organisers(services.content, loaded.map((entry) => entry.event.actorId));
      const updated = loaded.reduce((latest, entry) => (entry.event.updatedAt > latest ? entry.event.updatedAt : latest), new Date(windowStart(now)).toISOString());
      const context: FeedContext = { title: `${config.name} — agenda`, description: `Les événements publiés sur ${config.name}`, homeUrl: config.baseUrl, selfUrl: `${config.baseUrl}${request.url}`, updated,
        firstUrl: feedPageUrl(config.baseUrl, feed.path, request.query, undefined),
        nextUrl: next === undefined ? undefined : feedPageUrl(config.baseUrl, feed.path, request.query, next) };
      const entries = loaded.map((entry) => ({ ...entry, organiser: names.get(entry.event.actorId)?.name }));
      return reply.type(feed.type).send(feed.render(entries, context));
    });
  }

  api.get('/events.csv', {
    schema: {
      tags: ['exports'],
      summary: 'Events as CSV (RFC 4180, UTF-8 with BOM), one row per event; see CSV_COLUMNS in @constellation/shared/server for the columns',
      querystring: ExportQuery,
      response: { 200: text(`CSV with a header row, served as text/csv; charset=utf-8; at most ${EXPORT_MAX} events`), 304: notModified, 400: ErrorBody },
    },
  }, async (request, reply) => {
    const now = Date.now();
    if (answeredFromCache(reply, exportEtag('csv', request.query, now))) return reply;
    const rows = loadEvents(services.events, request.query, Math.min(request.query.limit ?? EXPORT_MAX, EXPORT_MAX), now);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="evenements.csv"').send(renderCsv(rows));
  });

  api.get('/events/:slug', {
    schema: {
      tags: ['exports'],
      summary: 'The public page of an event: HTML with schema.org JSON-LD, OpenGraph and Twitter tags',
      params: SlugParams,
      response: { 200: text('HTML page, served as text/html; charset=utf-8'), 304: notModified, 400: ErrorBody, 404: text('HTML page saying the event is not published') },
    },
  }, async (request, reply) => {
    const pages = options.pages;
    const found = services.content.publicJsonBySlug('event', request.params.slug);
    // The portal's own event page, rendered by the app and hydrated in the browser (JSON-LD: app.ts).
    if (pages !== undefined) {
      const event = found === undefined ? undefined : (JSON.parse(found) as EventPublic);
      const ics = event === undefined ? '' : `<link rel="alternate" type="text/calendar" title="iCalendar" href="${escapeHtml(`${config.baseUrl}/events/${event.slug}.ics`)}" />`;
      return pages.send(request, reply, { head: ics });
    }
    void reply.header('content-security-policy', PAGE_CSP);
    const json = found;
    if (json === undefined) return reply.code(404).type('text/html; charset=utf-8').header('cache-control', 'public, max-age=60').send(renderNotFoundPage(site));
    const now = Date.now();
    // The page lists the next dates: it changes with the hour as well as with the data.
    if (answeredFromCache(reply, etag(['page', request.params.slug], now))) return reply;
    return reply.type('text/html; charset=utf-8').send(eventPage(JSON.parse(json) as EventPublic, windowStart(now)));
  });

  function eventPage(event: EventPublic, from: number): string {
    const { dates, next } = eventPageDates(event, from);
    const organiser = organisers(services.content, [event.actorId]).get(event.actorId);
    const icsUrl = `${config.baseUrl}/events/${event.slug}.ics`;
    return renderEventPage({ event, organiser, dates, jsonLd: eventJsonLd({ event, organiser, occurrence: next }), icsUrl, site });
  }
}
