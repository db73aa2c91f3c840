import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody } from '@constellation/shared';
import { BadRequestError, HttpError } from '../http-errors.ts';
import { ChangeLog } from '../live/change-log.ts';
import { LiveStreams } from '../live/live-streams.ts';
import { parseStreamFilter, StreamQuery } from '../live/stream-filter.ts';
import type { AggregatorServices } from '../services.ts';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // nginx and friends would otherwise hold events back to fill a buffer.
  'x-accel-buffering': 'no',
};

const DESCRIPTION = `Server-Sent Events of the national index's changes, in commit order.

Each change is an event with \`id: <nseq>\` (the national change seq):
- \`event: upsert\`: data \`{ hub, id, type }\`; for events also \`title, start, end\` (next occurrence, RFC 3339),
  \`lat, lon\` (null when online only), \`format, disciplines, region, listed\` (false for another hub's copy of an
  event listed once), \`url\` (its page on its hub).
- \`event: delete\`: data \`{ hub, id, type, reason }\`, reason \`deleted\`, \`hidden\` (its hub was suspended or
  removed) or \`filtered\` (it changed and no longer matches this stream's filters): drop it if shown. None is
  sent for an item's first national version, which no client can hold yet.
- \`event: ready\` (data \`{ nseq }\`): sent once the replay, if any, is done.
- \`event: reset\` (data \`{ nseq, reason }\`): too far behind to replay (or an unknown id): reload, then keep listening.
- \`: ping\` comments keep the connection open.

Resume with the \`Last-Event-ID\` header (EventSource sends it when it reconnects) or \`lastEventId\`.
Filters (bbox, from/to, discipline, audience, format, free, online, region) concern events only: with any
of them, other types are not streamed. \`hub\` and \`type\` narrow every type.`;

/** `GET /api/v1/stream`: the live stream, hand-rolled on the raw response (no compression, no buffering). */
export default async function streamRoutes(app: FastifyInstance, { services }: { services: AggregatorServices }): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = services;
  const live = new LiveStreams(
    new ChangeLog(services.store.sqlite),
    { redisUrl: config.redisUrl, heartbeatMs: config.liveHeartbeatMs, pollMs: config.livePollMs, maxClients: config.liveMaxClients, maxReplay: config.liveMaxReplay },
    app.log,
  );
  // Before the server stops accepting: open streams would otherwise keep app.close() waiting forever.
  app.addHook('preClose', async () => live.close());
  // On PostgreSQL the log is this process's local read model: send what each step copied at once.
  const unfollow = services.readModel?.onAdvance(() => {
    if (live.size > 0) live.wake();
  });
  app.addHook('onClose', async () => unfollow?.());
  app.addHook('onClose', async () => live.close());

  api.get(
    '/api/v1/stream',
    {
      schema: {
        tags: ['live'],
        summary: 'Live changes of the national index (Server-Sent Events)',
        description: DESCRIPTION,
        querystring: StreamQuery,
        response: {
          200: { description: 'an event stream', content: { 'text/event-stream': { schema: Type.String() } } },
          400: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const filter = parseStreamFilter(request.query);
      const lastEventId = resumePoint(request.headers['last-event-id'], request.query.lastEventId);
      // A client resuming from another API process's position: this one catches up with
      // PostgreSQL first, so the stream never goes back nor resets for a real position.
      // PostgreSQL unreachable: the stream goes on from what this process holds (a reset if behind).
      if (lastEventId !== undefined && services.readModel !== undefined) await services.readModel.reach(lastEventId).catch(() => undefined);
      if (!live.hasRoom()) {
        void reply.header('retry-after', '30');
        throw new HttpError(503, 'too_many_streams', 'this server serves as many live streams as it can; try again shortly');
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

/** The header wins over the query; both must be a national seq (decimal digits). */
function resumePoint(header: string | string[] | undefined, query: string | undefined): number | undefined {
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const [text, field] = fromHeader !== undefined && fromHeader !== '' ? [fromHeader, 'headers.last-event-id'] : [query, 'query.lastEventId'];
  if (text === undefined || text === '') return undefined;
  if (!/^(?:0|[1-9][0-9]{0,15})$/.test(text.trim())) throw new BadRequestError(`${field} must be an event id from this stream (decimal digits)`, field);
  return Number(text.trim());
}
