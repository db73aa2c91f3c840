import { IMPORT_LIMITS, REGION_FACTS, type ImportReport, type ImportRequest } from '@constellation/shared';
import { FetchRefused, guardedFetch } from '@constellation/shared/server';
import type { HubConfig } from '../config.ts';
import { BadRequestError, UnprocessableError } from '../errors.ts';
import type { Viewer } from '../services/content.ts';
import type { ParsedImport, ParseOptions } from './candidates.ts';
import { parseICal } from './ical.ts';
import type { ImportService } from './import-service.ts';
import { parseOpenAgenda } from './openagenda.ts';

/** An iCal feed gets this long, all redirects and the body included. */
export const IMPORT_FETCH_DEADLINE_MS = 15_000;

/** What the feeds' owners see in their logs: a hub importing. */
const USER_AGENT = 'Constellation-hub (+https://github.com/constellation)';

/**
 * Fetches an iCal feed through the guarded fetcher. Refusals become 422s that name the
 * rule ("private-address", "too-large"...), so the person importing knows what to fix.
 */
export async function fetchICal(url: string, config: Pick<HubConfig, 'allowPrivateNetwork'>): Promise<string> {
  try {
    const response = await guardedFetch(url, {
      deadlineMs: IMPORT_FETCH_DEADLINE_MS,
      maxBytes: IMPORT_LIMITS.bytes,
      allowPrivate: config.allowPrivateNetwork,
      accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1',
      userAgent: USER_AGENT,
    });
    return response.body.toString('utf8');
  } catch (error) {
    if (error instanceof FetchRefused) throw new UnprocessableError('fetch_refused', `the URL could not be imported (${error.message})`, 'url');
    throw error;
  }
}

/** Reads and maps the request's source; the text and JSON forms are bounded by the hub's body limit. */
async function parseSource(request: ImportRequest, options: ParseOptions, config: HubConfig): Promise<ParsedImport> {
  switch (request.source) {
    case 'ical-url':
      if (request.url === undefined) throw new BadRequestError('url is required when source is ical-url', 'url');
      return parseICal(await fetchICal(request.url, config), options);
    case 'ical':
      if (request.text === undefined) throw new BadRequestError('text is required when source is ical', 'text');
      return parseICal(request.text, options);
    case 'openagenda':
      if (request.json === undefined) throw new BadRequestError('json is required when source is openagenda', 'json');
      return parseOpenAgenda(request.json, options);
  }
}

/**
 * One import from request to report, for the route and the CLI: permission first (nothing
 * is fetched for someone who may not import), then the source, then the all-or-nothing write.
 */
export async function runImport(imports: ImportService, config: HubConfig, actorId: string, viewer: Viewer, request: ImportRequest, options: { dryRun: boolean; partial?: boolean }): Promise<ImportReport> {
  const unexpected = (['url', 'text', 'json'] as const).find((field) => request[field] !== undefined && field !== { 'ical-url': 'url', ical: 'text', openagenda: 'json' }[request.source]);
  if (unexpected !== undefined) throw new BadRequestError(`${unexpected} does not go with source ${request.source}`, unexpected);
  const { fallbackPlace } = imports.prepare(actorId, viewer);
  const parsed = await parseSource(request, { actorId, defaultTimeZone: REGION_FACTS[config.region].timeZone, ...(fallbackPlace === undefined ? {} : { fallbackPlace }) }, config);
  return imports.importEvents(actorId, parsed, viewer, { dryRun: options.dryRun, partial: options.partial === true, source: request.source, ...(request.url === undefined ? {} : { sourceUrl: request.url }) });
}
