import type { FieldIssue } from '@constellation/shared';

/**
 * Errors the domain throws; the error handler turns them into `{ error, message, field }`
 * bodies. Routes never build error responses by hand.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string, field?: string, issues?: FieldIssue[]) {
    super(400, issues === undefined ? 'bad_request' : 'validation_failed', message, field, issues);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message = 'authentication required', code = 'unauthorized') {
    super(401, code, message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message = 'you are not allowed to do this') {
    super(403, 'forbidden', message);
  }
}

export class NotFoundError extends HttpError {
  constructor(what: string, field?: string) {
    super(404, 'not_found', `${what} not found`, field);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string, field?: string) {
    super(409, 'conflict', message, field);
  }
}

export class TooManyRequestsError extends HttpError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'too_many_requests', message);
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(message: string, field?: string) {
    super(413, 'payload_too_large', message, field);
  }
}

/** The request is well formed but what it carries cannot be used: a file that is not iCal, a URL the hub will not fetch. */
export class UnprocessableError extends HttpError {
  constructor(code: string, message: string, field?: string) {
    super(422, code, message, field);
  }
}
