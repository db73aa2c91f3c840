// The aggregator throws the HTTP errors both servers share; this module keeps the aggregator's
// imports short and names the ones it uses.
export {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  PayloadTooLargeError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableError,
} from '@constellation/shared/server';
