import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody } from '@constellation/shared';
import { NotFoundError } from '../http-errors.ts';
import { EventListQuery } from '../read/filter.ts';
import { nationalRead } from '../read/national-read.ts';
import { EventParams, NationalEventDetail, NationalEventPage } from '../read/schemas.ts';
import type { AggregatorServices } from '../services.ts';

/**
 * Sends JSON assembled as text from the stored public shapes (the read side splices them,
 * never parsing them again); the route's response schema documents the shape.
 */
function sendJsonText(reply: FastifyReply, text: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(text);
}

/** The national event list and event detail, answered from the map index and the store. */
export default async function eventsRoutes(app: FastifyInstance, { services }: { services: AggregatorServices }): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const read = nationalRead(services.store);
  // Load the map index before listening (seconds at a million events), not on a visitor's request.
  app.addHook('onReady', async () => read.warm());

  api.get('/api/v1/events', {
    schema: {
      tags: ['events'],
      summary: 'Events of every approved hub, by time window, place, text and facets',
      description:
        'Events with an occurrence in the window [from, to) (default: from now on), each once: a cross-hub duplicate is listed once, with every copy in provenance.sources. ' +
        'By date, items are ordered by the start of their first occurrence in the window; with q, by relevance unless sort=date. ' +
        'Relevance ranks every match when the text or the other filters keep a few thousand events; when both keep more, it ranks the most recently indexed thousand matches. ' +
        'Pass `next` back as `cursor` for the following page.',
      querystring: EventListQuery,
      response: { 200: NationalEventPage, 400: ErrorBody },
    },
  }, async (request, reply) => sendJsonText(reply, read.list(request.query)));

  api.get('/api/v1/events/:hub/:id', {
    schema: {
      tags: ['events'],
      summary: 'One event with its provenance: its hub, its page there, when it was last synced, and every copy when several hubs have it',
      params: EventParams,
      response: { 200: NationalEventDetail, 400: ErrorBody, 404: ErrorBody },
    },
  }, async (request, reply) => {
    const { hub, id } = request.params;
    const body = read.event(hub, id);
    if (body === undefined) throw new NotFoundError(`event ${id} of hub ${hub}`, 'id');
    return sendJsonText(reply, body);
  });
}
