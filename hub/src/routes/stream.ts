import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type, { type Static } from 'typebox';
import { contentTypes, ErrorBody, eventFilterFields, type ContentType } from '@constellation/shared';
import type { HubConfig } from '../config.ts';
import type { Store } from '../db/client.ts';
import { BadRequestError, HttpError } from '../errors.ts';
import { HubLiveStreams, type StreamFilter } from '../live/live-streams.ts';
import type { ContentService } from '../services/content.ts';
import type { EventListService } from '../services/event-list.ts';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // nginx and friends would otherwise hold events back to fill a buffer.
  'x-accel-buffering': 'no',
};

/** The event list's filters, plus the types to stream and a resume point for clients without the header. */
export const HubStreamQuery = Type.Object(
  {
    ...eventFilterFields,
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'comma-separated content types (any of); event filters imply event' })),
    lastEventId: Type.Optional(Type.String({ maxLength: 20, description: 'resume after this event id, for clients that cannot send the Last-Event-ID header' })),
  },
  { additionalProperties: false },
);

const DESCRIPTION = `Server-Sent Events of this hub's public changes, in commit order: the change log its federation feed serves.

Each change is an event with \`id: <seq>\` (the hub's change seq, as in the federation feed):
- \`event: upsert\`: data \`{ hub, id, type }\`; for events also \`title, start, end\` (next occurrence, RFC 3339),
  \`lat, lon\` (null when online only), \`format, disciplines, region, listed, url\` (its page).
- \`event: delete\`: data \`{ hub, id, type, reason }\`, reason \`deleted\` (unpublished, refused or deleted) or
  \`filtered\` (it changed and the list with these filters no longer shows it): drop it if shown.
- \`event: ready\` (data \`{ nseq }\`): sent once the replay, if any, is done.
- \`event: reset\` (data \`{ nseq, reason }\`): too far behind to replay (or an unknown id): reload, then keep listening.
- \`: ping\` comments keep the connection open.

Resume with the \`Last-Event-ID\` header (EventSource sends it when it reconnects) or \`lastEventId\`.
The filters are the event list's (\`/api/v1/events\`), with the same meaning: an event is streamed when that
list would show it. With any of them, other types are not streamed; \`type\` narrows every type.`;

const EVENT_FILTERS = Object.keys(eventFilterFields) as (keyof typeof eventFilterFields)[];

/** `GET /api/v1/stream`: the hub's live stream, hand-rolled on the raw response (no compression, no buffering). */
export default async function streamRoutes(app: FastifyInstance, options: { config: HubConfig; content: ContentService; events: EventListService; store: Store }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { config, events } = options;
  const live = new HubLiveStreams(
    options.store,
    { hubId: config.hubId, region: config.region, heartbeatMs: 25_000, maxClients: 1_000, maxReplay: 1_000, includes: (query, id) => events.includes(query, id) },
    app.log,
  );
  const unsubscribe = options.content.onPublicChange(() => {
    try {
      live.changed();
    } catch (error) {
      // Nothing here may fail the write that was just committed; clients resume from their Last-Event-ID.
      app.log.error({ err: error }, 'live: sending a change failed');
    }
  });
  // Before the server stops accepting: open streams would otherwise keep app.close() waiting forever.
  app.addHook('preClose', async () => live.close());
  app.addHook('onClose', async () => {
    unsubscribe();
    live.close();
  });

  api.get(
    '/api/v1/stream',
    {
      schema: {
        tags: ['live'],
        summary: "Live changes of this hub's public content (Server-Sent Events)",
        description: DESCRIPTION,
        querystring: HubStreamQuery,
        response: {
          200: { description: 'an event stream', content: { 'text/event-stream': { schema: Type.String() } } },
          400: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const filter = parseFilter(request.query, (query) => events.includes(query, ''));
      const lastEventId = resumePoint(request.headers['last-event-id'], request.query.lastEventId);
      if (!live.hasRoom()) {
        void reply.header('retry-after', '30');
        throw new HttpError(503, 'too_many_streams', 'this hub serves as many live streams as it can; try again shortly');
      }
      reply.hijack();
      const headers: Record<string, string | number | string[]> = {};
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
      reply.raw.writeHead(200, { ...headers, ...SSE_HEADERS });
      try {
        live.open(reply.raw, filter, lastEventId);
      } catch (error) {
        // The response is ours now: end it; EventSource reconnects and resumes.
        request.log.error({ err: error }, 'live: opening a stream failed');
        reply.raw.end();
      }
    },
  );
}

function parseFilter(query: Static<typeof HubStreamQuery>, check: (query: Omit<Static<typeof HubStreamQuery>, 'type' | 'lastEventId'>) => void): StreamFilter {
  const { type, lastEventId: _resume, ...rest } = query;
  const given = EVENT_FILTERS.some((name) => rest[name] !== undefined);
  let types: Set<ContentType> | undefined;
  if (type !== undefined) {
    const names = type.split(',').map((name) => name.trim()).filter((name) => name !== '');
    const unknown = names.find((name) => !contentTypes.has(name));
    if (names.length === 0 || unknown !== undefined) throw new BadRequestError(`query.type must name content types among ${contentTypes.values.join(', ')}`, 'query.type');
    types = new Set(names as ContentType[]);
  }
  if (given) {
    if (types !== undefined && !types.has('event')) throw new BadRequestError('query.type must include event when event filters are given', 'query.type');
    types = new Set(['event']);
    // The list's own checks, run once now: a bad filter is a 400 here, not a silent stream.
    check(rest);
  }
  return { events: given ? rest : undefined, types };
}

/** The header wins over the query; both must be a seq of this hub (decimal digits). */
function resumePoint(header: string | string[] | undefined, query: string | undefined): number | undefined {
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const [text, field] = fromHeader !== undefined && fromHeader !== '' ? [fromHeader, 'headers.last-event-id'] : [query, 'query.lastEventId'];
  if (text === undefined || text === '') return undefined;
  if (!/^(?:0|[1-9][0-9]{0,15})$/.test(text.trim())) throw new BadRequestError(`${field} must be an event id from this stream (decimal digits)`, field);
  return Number(text.trim());
}
