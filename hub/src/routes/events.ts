import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody, EVENT_DATES_LIMIT, EventDates, EventListItem, eventFilterFields, Id, LIST_LIMIT, Page, type EventPublic } from '@constellation/shared';
import { formatInstant, occurrencesBetween } from '@constellation/shared/server';
import { NotFoundError } from '../errors.ts';
import type { ContentService } from '../services/content.ts';
import type { EventListService } from '../services/event-list.ts';
import type { StatsService } from '../services/stats.ts';
import { isEmptyPage, sendStoredJson } from './stored-json.ts';

export const EventListQuery = Type.Object(
  {
    ...eventFilterFields,
    limit: Type.Optional(Type.Integer({ minimum: 1, description: `clamped to ${LIST_LIMIT.max}` })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const YEAR_MS = 365 * 86_400_000;

export default async function eventRoutes(app: FastifyInstance, options: { events: EventListService; content: ContentService; stats?: StatsService }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get('/api/v1/events', {
    schema: {
      tags: ['events'],
      summary: 'Published events with an occurrence in a time window, by next occurrence',
      querystring: EventListQuery,
      response: { 200: Page(EventListItem), 400: ErrorBody },
    },
  }, async (request, reply) => {
    const page = options.events.list(request.query);
    const q = request.query.q;
    // Signed-in searches (the console looking for content to link) are not readers' misses.
    if (q !== undefined && request.query.cursor === undefined && request.headers.authorization === undefined && isEmptyPage(page)) options.stats?.countSearchMiss(q);
    return sendStoredJson(reply, page);
  });

  api.get('/api/v1/events/:id/occurrences', {
    schema: {
      tags: ['events'],
      summary: `Every date of a published event: the past year's (at most ${EVENT_DATES_LIMIT.past}) and the next ones (at most ${EVENT_DATES_LIMIT.upcoming}), in order, in UTC`,
      params: Type.Object({ id: Id }, { additionalProperties: false }),
      response: { 200: EventDates, 400: ErrorBody, 404: ErrorBody },
    },
  }, async (request) => {
    const json = options.content.publicJson('event', request.params.id);
    if (json === undefined) throw new NotFoundError('event', 'id');
    const event = JSON.parse(json) as EventPublic;
    const now = Date.now();
    const schedule = { timeZone: event.timeZone, ...(event.timings === undefined ? {} : { timings: event.timings }), ...(event.recurrence === undefined ? {} : { recurrence: event.recurrence }) };
    const past = occurrencesBetween(schedule, now - YEAR_MS, now).filter((occurrence) => occurrence.end <= now).slice(-EVENT_DATES_LIMIT.past);
    // From now: one still under way counts; one more than listed tells whether the list goes on.
    const upcoming = occurrencesBetween(schedule, now, Number.MAX_SAFE_INTEGER, EVENT_DATES_LIMIT.upcoming + 1);
    const utc = (instant: number) => formatInstant(instant, 'UTC');
    return {
      occurrences: [...past, ...upcoming.slice(0, EVENT_DATES_LIMIT.upcoming)].map((occurrence) => ({ start: utc(occurrence.start), end: utc(occurrence.end) })),
      more: upcoming.length > EVENT_DATES_LIMIT.upcoming,
    };
  });
}
