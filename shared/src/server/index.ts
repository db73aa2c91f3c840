/**
 * `@constellation/shared/server`: the Node-only half of shared, used by the hub and the
 * aggregator (never by the web, and never by the browser-safe half of shared). Both
 * servers fetch untrusted URLs, verify signed federation tokens, expand event schedules
 * and publish the same open-data formats; each of those has one implementation, here.
 */

// Fetching a URL given by someone else, without reaching the server's own network.
export { DEFAULT_USER_AGENT, guardedFetch, type AddressCheck, type GuardedFetchOptions, type GuardedResponse } from './net/guarded-fetch.ts';
export { FetchRefused, type FetchRefusalReason } from './net/fetch-refused.ts';
export { checkAddress, isPublicAddress, type AddressVerdict } from './net/address-policy.ts';
export type { ResolvedAddress, Resolver } from './net/resolve.ts';

// Compact JWS (EdDSA): the changes feed's page signatures and notify tokens.
export { JWT_CLOCK_SKEW_SECONDS, JwsError, publicKeyFromJwk, signJwt, verifyJwt, type JwsHeader, type VerifyJwtOptions } from './jws.ts';

// Event schedules: wall-clock time in IANA zones, and expansion into occurrences.
export { formatInstant, offsetMinutes, utcToZoned, zonedToUtc } from './schedule/zoned-time.ts';
export { materialise, MAX_OCCURRENCES, occurrencesBetween, scheduleProblem, span, type Occurrence, type Schedule, type ScheduleProblem } from './schedule/occurrences.ts';

// Open-data writers: pure functions from events (and the publishing site) to documents.
export { renderCalendar, type CalendarContext } from './exports/ical.ts';
export { feedPageUrl, renderAtom, renderJsonFeed, renderRss, type FeedContext, type FeedEntry } from './exports/feeds.ts';
export { CSV_COLUMNS, numberCell as csvNumberCell, renderCsv, textCell as csvTextCell, type CsvRow } from './exports/csv.ts';
export { eventJsonLd, type JsonLdInput } from './exports/json-ld.ts';
export { eventPageDates, PAGE_CSP, renderEventPage, renderNotFoundPage, type EventPageInput, type Site } from './exports/event-page.ts';
export { escapeHtml, escapeXml, jsonForScript, safeUrl } from './exports/escape.ts';
export { excerpt, markdownToHtml, markdownToText } from './exports/markdown.ts';
export { frenchWhen, placeLine, statusNote } from './exports/event-text.ts';

// HTTP errors and the one error handler both servers register.
export { BadRequestError, ConflictError, ForbiddenError, HttpError, NotFoundError, PayloadTooLargeError, TooManyRequestsError, UnauthorizedError, UnprocessableError } from './http/errors.ts';
export { errorsPlugin } from './http/errors-plugin.ts';
export { CLOSED_CONNECTION_KEY, rateLimitKey, rateLimitOptions } from './http/rate-limit.ts';
export { APP_CSP, serveWebApp, type WebAppOptions } from './http/web-app.ts';
export { fileChange, REBUILD_CHECK_MS, type FileChange } from './http/file-change.ts';
export { appDocument, createAppPages, requestLocale, type AppPages, type AppPagesOptions, type RenderedAppPage } from './http/app-pages.ts';
export { answeredFromCache, cacheHeaders, CACHE_CONTROL, canonicalQuery, etagFor, notModified } from './http/conditional-get.ts';
export { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts';
