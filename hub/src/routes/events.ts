import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { Campaign, ErrorBody, EventListItem, Id, LIST_LIMIT, Page } from '@constellation/shared';
import { MAX_RADIUS_KM, type EventListService } from '../services/event-list.ts';
import { sendStoredJson } from './stored-json.ts';

const list = (what: string) => Type.String({ minLength: 1, maxLength: 500, description: `comma-separated ${what}` });

export const EventListQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ maxLength: 35, description: 'window start: YYYY-MM-DD or RFC 3339 (default: now)' })),
    to: Type.Optional(Type.String({ maxLength: 35, description: 'window end: YYYY-MM-DD (inclusive) or RFC 3339' })),
    bbox: Type.Optional(Type.String({ maxLength: 100, description: 'west,south,east,north in degrees' })),
    near: Type.Optional(Type.String({ maxLength: 60, description: 'lat,lon of a point; use with radius' })),
    radius: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: MAX_RADIUS_KM, description: 'km around near (default 10)' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'full-text search, accents ignored' })),
    discipline: Type.Optional(list('disciplines (any of)')),
    audience: Type.Optional(list('audiences (any of)')),
    format: Type.Optional(list('formats (any of)')),
    accessibility: Type.Optional(list('accessibility flags (all of)')),
    free: Type.Optional(Type.Boolean()),
    online: Type.Optional(Type.Boolean({ description: 'true: can be attended online; false: in person only' })),
    actor: Type.Optional(Id),
    campaign: Type.Optional(Campaign),
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
