import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { COMMUNE_LIMIT, CommuneList, DATE_PREVIEW_LIMIT, DatePreview, DatePreviewRequest, ErrorBody, MarkdownPreview, MarkdownPreviewRequest } from '@constellation/shared';
import { formatInstant, markdownToHtml, occurrencesBetween, scheduleProblem } from '@constellation/shared/server';
import { BadRequestError } from '../errors.ts';
import type { CommuneSearch } from '../services/communes.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 429: ErrorBody };

/**
 * What the contribute forms ask while someone fills them in: a commune search for the
 * place, the next dates of a schedule, and a Markdown preview, each computed by the very
 * code that serves the saved content (the same expansion, the same sanitiser).
 */
export default async function formHelperRoutes(app: FastifyInstance, options: { communes: CommuneSearch }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['contribute'];
  const security = [{ bearer: [] }];

  api.get('/api/v1/communes', {
    schema: {
      tags,
      summary: "The hub region's communes whose name (or postcode, for digits) starts with q, most populous first; accents and case ignored",
      querystring: Type.Object(
        {
          q: Type.String({ minLength: 1, maxLength: 100 }),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: COMMUNE_LIMIT.max, description: `default ${COMMUNE_LIMIT.default}` })),
        },
        { additionalProperties: false },
      ),
      response: { 200: CommuneList, ...errors },
    },
    // Called as people type: generous, but bounded.
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    void reply.header('cache-control', 'public, max-age=86400');
    return { items: options.communes.search(request.query.q, request.query.limit ?? COMMUNE_LIMIT.default) };
  });

  api.post('/api/v1/events/preview-dates', {
    schema: {
      tags,
      summary: "The next dates of an event's schedule (timings, or a recurrence with exceptions), as the hub will index them",
      security,
      body: DatePreviewRequest,
      response: { 200: DatePreview, ...errors },
    },
    preHandler: app.authenticate,
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
  }, async (request) => {
    const { timeZone, timings, recurrence } = request.body;
    if (timings !== undefined && recurrence !== undefined) throw new BadRequestError('recurrence cannot be given together with timings', 'recurrence');
    if (timings === undefined && recurrence === undefined) throw new BadRequestError('timings is required unless recurrence is given', 'timings');
    const limit = request.body.limit ?? DATE_PREVIEW_LIMIT.default;
    const schedule = { timeZone, ...(timings === undefined ? {} : { timings }), ...(recurrence === undefined ? {} : { recurrence }) };
    const problem = scheduleProblem(schedule);
    if (problem !== undefined) throw new BadRequestError(`${problem.field} ${problem.message}`, problem.field, [{ field: problem.field, message: `${problem.field} ${problem.message}` }]);
    // From now: occurrences still under way count; one more than asked tells whether the list goes on.
    const found = occurrencesBetween(schedule, Date.now(), Number.MAX_SAFE_INTEGER, limit + 1);
    return {
      occurrences: found.slice(0, limit).map((occurrence) => ({ start: formatInstant(occurrence.start, timeZone), end: formatInstant(occurrence.end, timeZone) })),
      more: found.length > limit,
    };
  });

  api.post('/api/v1/markdown/preview', {
    schema: { tags, summary: 'Markdown rendered as the hub renders descriptions and articles: sanitised HTML', security, body: MarkdownPreviewRequest, response: { 200: MarkdownPreview, ...errors } },
    preHandler: app.authenticate,
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
  }, async (request) => ({ html: markdownToHtml(request.body.markdown) }));
}
