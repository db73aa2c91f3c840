import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody, EventListItem, eventFilterFields, LIST_LIMIT, Page } from '@constellation/shared';
import type { EventListService } from '../services/event-list.ts';
import { sendStoredJson } from './stored-json.ts';

export const EventListQuery = Type.Object(
  {
    ...eventFilterFields,
    limit: Type.Optional(Type.Integer({ minimum: 1, description: `clamped to ${LIST_LIMIT.max}` })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export default async function eventRoutes(app: FastifyInstance, options: { events: EventListService }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get('/api/v1/events', {
    schema: {
      tags: ['events'],
      summary: 'Published events with an occurrence in a time window, by next occurrence',
      querystring: EventListQuery,
      response: { 200: Page(EventListItem), 400: ErrorBody },
    },
  }, async (request, reply) => sendStoredJson(reply, options.events.list(request.query)));
}
