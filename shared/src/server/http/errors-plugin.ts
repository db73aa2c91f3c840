import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { issuesFromErrors, validationErrorBody, type ErrorBody } from '@constellation/shared';
import type { TLocalizedValidationError } from 'typebox/error';
import { HttpError, TooManyRequestsError } from './errors.ts';

/** Where a schema error was found, as the client named it: body fields bare, others by their part. */
function prefixFor(context: string | undefined): string {
  return context === undefined || context === 'body' ? '' : `${context === 'querystring' ? 'query' : context}.`;
}

function bodyFor(error: FastifyError & { validationContext?: string }): { status: number; body: ErrorBody } {
  if (error instanceof HttpError) {
    const body: ErrorBody = { error: error.code, message: error.message };
    if (error.field !== undefined) body.field = error.field;
    if (error.issues !== undefined) body.issues = error.issues;
    return { status: error.statusCode, body };
  }
  if (error.validation !== undefined) {
    const prefix = prefixFor(error.validationContext);
    const issues = issuesFromErrors(error.validation as unknown as TLocalizedValidationError[]).map((issue) => {
      const field = issue.field === '' ? (prefix === '' ? 'body' : prefix.slice(0, -1)) : `${prefix}${issue.field}`;
      // Messages start with the field's name; restate it with its request part ("query.limit").
      const lead = issue.field === '' ? 'the value' : issue.field;
      const rest = issue.message.startsWith(lead) ? issue.message.slice(lead.length) : ` ${issue.message}`;
      return { field, message: `${field}${rest}` };
    });
    return { status: 400, body: validationErrorBody(issues) };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { error: 'payload_too_large', message: 'the request body is larger than this server accepts' } };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { error: 'malformed_json', message: `the request body is not valid JSON: ${error.message}` } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: { error: 'unsupported_media_type', message: 'send the body as application/json' } };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: { error: 'bad_request', message: 'the Content-Length header does not match the body' } };
  }
  if (error.statusCode === 429) return { status: 429, body: { error: 'too_many_requests', message: error.message } };
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, body: { error: 'bad_request', message: error.message } };
  }
  return { status: 500, body: { error: 'internal_error', message: 'something went wrong on our side; it has been logged' } };
}

/** One error handler for a whole server (hub or aggregator): clear 4xx bodies, and 5xx bodies without internals. */
export const errorsPlugin = fp(
  async function errorsPlugin(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const { status, body } = bodyFor(error);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: body.error, field: body.field }, body.message);
      if (error instanceof TooManyRequestsError) void reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(status).send(body);
    });
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}` } satisfies ErrorBody),
    );
  },
  { name: 'errors' },
);
