import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody, type EventPublic } from '@constellation/shared';
import { APP_CSP, createAppPages, escapeHtml, eventJsonLd, eventPageDates, PAGE_CSP, renderEventPage, renderNotFoundPage, serveWebApp, type Site } from '@constellation/shared/server';
import type { AggregatorServices } from '../services.ts';

/**
 * The pages people open. When `webRoot` names the built web app: that app at `/`, every
 * other non-API path falling back to it, each page rendered on the server by the app's own
 * renderer (with its styles, menu and language, then hydrated), `/events/:hub/:id` with the
 * event's schema.org JSON-LD, OpenGraph and a canonical link to its hub's page. Without a
 * web root, `/events/:hub/:id` is a plain HTML page with no script (crawlers, previews).
 */

/**
 * Paths that are never the app's: a miss there is a JSON 404, not the app's page. `/admin`
 * itself is the app's (the national console); the queue dashboard under it is not.
 */
const NOT_APP = /^\/(?:api|federation|admin\/queues|docs|healthz|media|\.well-known|events\.|feed\.)/;

/**
 * The national app's policy: the app's, but pictures from this site only. Events' pictures
 * are thumbnails the aggregator made (routes/thumbnails.ts): a citizen's browser never asks
 * a hub for one, so a hub does not learn who looks at the national map.
 */
export const NATIONAL_APP_CSP = APP_CSP.replace(/img-src [^;]+/, "img-src 'self' data: blob:");

const EventParams = Type.Object(
  {
    hub: Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 64 }),
    id: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$' }),
  },
  { additionalProperties: false },
);

const html = (description: string) => Type.String({ description });

interface EventRow {
  data: string;
  hubName: string;
  baseUrl: string;
}

export default async function pagesRoutes(app: FastifyInstance, { services }: { services: AggregatorServices }): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { config, store } = services;
  const site: Site = { name: 'Constellation', url: config.publicUrl };

  // Only approved hubs' live events: a suspended hub's content is not shown anywhere.
  const eventRow = store.sqlite.prepare<[string, string], EventRow>(
    `SELECT r.data AS data, h.name AS hubName, h.base_url AS baseUrl
       FROM records r JOIN hubs h ON h.id = r.hub
      WHERE r.hub = ? AND r.id = ? AND r.type = 'event' AND r.deleted = 0 AND r.data IS NOT NULL AND h.status = 'approved'`,
  );
  const actorRow = store.sqlite.prepare<[string, string], { data: string }>(
    `SELECT data FROM records WHERE hub = ? AND id = ? AND type = 'actor' AND deleted = 0 AND data IS NOT NULL`,
  );

  function organiser(hub: string, actorId: string): { name: string; url: string } | undefined {
    const row = actorRow.get(hub, actorId);
    if (row === undefined) return undefined;
    const actor = JSON.parse(row.data) as { name?: unknown; url?: unknown };
    return typeof actor.name === 'string' && typeof actor.url === 'string' ? { name: actor.name, url: actor.url } : undefined;
  }

  function eventJsonLdOf(event: EventPublic, now: number): Record<string, unknown> {
    const by = organiser(event.hub, event.actorId);
    return eventJsonLd({ event, organiser: by, occurrence: eventPageDates(event, now).next });
  }

  /** The hub's page, with links into the national app: the map around the event, and the agenda. */
  function eventPage(event: EventPublic, hub: { name: string; baseUrl: string }, now: number): string {
    const { dates, next } = eventPageDates(event, now);
    const by = organiser(event.hub, event.actorId);
    const page = renderEventPage({
      event,
      organiser: by,
      dates,
      jsonLd: eventJsonLd({ event, organiser: by, occurrence: next }),
      icsUrl: `${hub.baseUrl.replace(/\/+$/, '')}/events/${encodeURIComponent(event.slug)}.ics`,
      site,
      publishedBy: { name: hub.name, url: hub.baseUrl },
    });
    const place = event.place;
    const map = place?.lat !== undefined && place.lon !== undefined ? `/?map=12/${place.lat}/${place.lon}` : '/';
    // Relative: the app is on this same server, whatever name it is reached by.
    const links = `<p class="actions"><a href="${escapeHtml(map)}">Voir sur la carte nationale</a><a href="/agenda">Agenda national</a></p>`;
    return page.replace('</main>', `${links}\n</main>`);
  }

  const root = config.webRoot;
  const pages = root === undefined ? undefined : await createAppPages(app, { root, publicUrl: config.publicUrl, csp: NATIONAL_APP_CSP, siteName: site.name, eventJsonLd: (event) => eventJsonLdOf(event, Date.now()) });

  api.get(
    '/events/:hub/:id',
    {
      schema: {
        tags: ['pages'],
        summary: "An event's page: HTML with schema.org JSON-LD, OpenGraph and Twitter tags, and its hub as the canonical URL",
        params: EventParams,
        response: { 200: html('HTML page, served as text/html; charset=utf-8'), 400: ErrorBody, 404: html('HTML page saying the event is not published') },
      },
    },
    async (request, reply) => {
      const row = eventRow.get(request.params.hub, request.params.id);
      if (pages !== undefined) {
        return pages.send(request, reply);
      }
      void reply.header('content-security-policy', PAGE_CSP).header('cache-control', 'public, max-age=60');
      if (row === undefined) return reply.code(404).type('text/html; charset=utf-8').send(renderNotFoundPage(site));
      return reply.type('text/html; charset=utf-8').send(eventPage(JSON.parse(row.data) as EventPublic, { name: row.hubName, baseUrl: row.baseUrl }, Date.now()));
    },
  );

  if (root === undefined) return;
  if (!(await serveWebApp(app, { root, notApp: NOT_APP, csp: NATIONAL_APP_CSP, ...(pages === undefined ? {} : { pages }) }))) {
    app.log.warn({ webRoot: root }, 'web: no index.html in webRoot (run `npm run build`); the app is not served');
  }
}
