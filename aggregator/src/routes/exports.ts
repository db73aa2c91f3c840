import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody } from '@constellation/shared';
import { cacheHeaders, canonicalQuery, etagFor, feedPageUrl, renderAtom, renderCsv, renderJsonFeed, renderRss, type FeedContext } from '@constellation/shared/server';
import { EXPORT_MAX, ExportQuery, FEED_DEFAULT_LIMIT, FeedQuery, windowStart, type ExportedEvent } from '../read/export-events.ts';
import { nationalCalendar } from '../read/national-calendar.ts';
import { nationalRead } from '../read/national-read.ts';
import type { ReadView } from '../read/view.ts';
import type { AggregatorServices } from '../services.ts';

const text = (description: string) => Type.String({ description });
const notModifiedBody = Type.Null({ description: 'Not modified: If-None-Match named the current ETag' });

const ICS = 'text/calendar; charset=utf-8';
const FEEDS = {
  rss: { path: '/feed.rss', type: 'application/rss+xml; charset=utf-8', render: renderRss, name: 'RSS 2.0' },
  atom: { path: '/feed.atom', type: 'application/atom+xml; charset=utf-8', render: renderAtom, name: 'Atom 1.0' },
  json: { path: '/feed.json', type: 'application/feed+json; charset=utf-8', render: renderJsonFeed, name: 'JSON Feed 1.1' },
} as const;

const NATIONAL_NAME = 'Constellation — agenda national';

/** A 304 has no body at all. */
function answerNotModified(reply: FastifyReply): FastifyReply {
  void reply.code(304).send();
  return reply;
}

/**
 * The hubs' open-data exports for any national filter: iCalendar, RSS, Atom, JSON Feed
 * and CSV, with the filters of GET /api/v1/events. Each event keeps its own hub's page as
 * its link (and its hub's UID in iCalendar). Public, cacheable for five minutes,
 * conditional (ETag), readable cross-origin, at most EXPORT_MAX events.
 */
export default async function exportsRoutes(app: FastifyInstance, { services }: { services: AggregatorServices }): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const read = nationalRead(services.store);
  const { publicUrl } = services.config;
  const host = new URL(publicUrl).host;

  /**
   * Loads an export's events unless the client's copy is current (then answers 304).
   * The ETag depends on the store's seq, the hubs shown, the route, the query and, for
   * the default window, the hour.
   */
  const fresh = (kind: string, query: ExportQuery | FeedQuery, reply: FastifyReply, now: number) => (view: ReadView) =>
    cacheHeaders(reply, etagFor(view.seq, [kind, canonicalQuery(query), [...view.shown].sort(), query.from === undefined ? windowStart(now) : null]));

  function load(kind: string, query: ExportQuery, reply: FastifyReply, max: number): { view: ReadView; events: ExportedEvent[]; now: number } | undefined {
    const now = Date.now();
    const loaded = read.exportEvents(query, max, now, fresh(kind, query, reply, now));
    if (loaded === undefined) {
      answerNotModified(reply);
      return undefined;
    }
    return { ...loaded, now };
  }

  api.get('/events.ics', {
    schema: {
      tags: ['exports'],
      summary: 'Events as an iCalendar feed (RFC 5545): one VEVENT per event with its hub\'s UID, recurring events with their RRULE',
      querystring: ExportQuery,
      response: { 200: text(`RFC 5545 calendar, served as ${ICS}; at most ${EXPORT_MAX} events`), 304: notModifiedBody, 400: ErrorBody },
    },
  }, async (request, reply) => {
    const loaded = load('ics', request.query, reply, request.query.limit ?? EXPORT_MAX);
    if (loaded === undefined) return reply;
    return reply.type(ICS).send(nationalCalendar(loaded.events, loaded.view.hubs, { host, name: NATIONAL_NAME }));
  });

  for (const [kind, feed] of Object.entries(FEEDS)) {
    api.get(feed.path, {
      schema: {
        tags: ['exports'],
        summary: `Events as a ${feed.name} feed: the event list's items in its date order (upcoming unless \`from\` says otherwise), ${FEED_DEFAULT_LIMIT} a page unless \`limit\` says otherwise, each page linking the next`,
        querystring: FeedQuery,
        response: { 200: text(`${feed.name}, served as ${feed.type}`), 304: notModifiedBody, 400: ErrorBody },
      },
    }, async (request, reply) => {
      const now = Date.now();
      const loaded = read.feedPage(request.query, now, fresh(kind, request.query, reply, now));
      if (loaded === undefined) return answerNotModified(reply);
      const entries = loaded.events;
      const updated = entries.reduce((latest, entry) => (entry.event.updatedAt > latest ? entry.event.updatedAt : latest), new Date(windowStart(now)).toISOString());
      const context: FeedContext = {
        title: NATIONAL_NAME,
        description: 'Les événements de culture scientifique de tous les hubs régionaux',
        homeUrl: publicUrl,
        selfUrl: `${publicUrl}${request.url}`,
        updated,
        firstUrl: feedPageUrl(publicUrl, feed.path, request.query, undefined),
        nextUrl: loaded.next === undefined ? undefined : feedPageUrl(publicUrl, feed.path, request.query, loaded.next),
      };
      return reply.type(feed.type).send(feed.render(entries, context));
    });
  }

  api.get('/events.csv', {
    schema: {
      tags: ['exports'],
      summary: 'Events as CSV (RFC 4180, UTF-8 with BOM), one row per event; `url` is the event\'s page on its hub',
      querystring: ExportQuery,
      response: { 200: text(`CSV with a header row, served as text/csv; charset=utf-8; at most ${EXPORT_MAX} events`), 304: notModifiedBody, 400: ErrorBody },
    },
  }, async (request, reply) => {
    const loaded = load('csv', request.query, reply, request.query.limit ?? EXPORT_MAX);
    if (loaded === undefined) return reply;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="evenements.csv"').send(renderCsv(loaded.events));
  });
}
