import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody, Id, ImportReport, ImportRequest } from '@constellation/shared';
import type { HubConfig } from '../config.ts';
import type { HubServices } from '../services/hub-services.ts';
import { ImportService } from '../import/import-service.ts';
import { runImport } from '../import/run-import.ts';
import { contributorOf } from './content.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody, 429: ErrorBody };

/**
 * Imports of events from iCal and OpenAgenda into an actor's account.
 *
 * All or nothing: when any event is rejected nothing is written and the answer is a 422
 * carrying the report (what was rejected and why). A 422 with an error body instead means
 * the source itself could not be used (not iCal, a URL the hub will not fetch).
 *
 * The text and JSON forms travel in the request body, so the hub's body limit applies
 * (1 MiB by default): larger files go through `constellation hub import` or a URL, both
 * capped at 5 MB.
 */
export default async function importRoutes(app: FastifyInstance, options: { config: HubConfig; services: HubServices }) {
  const { config, services } = options;
  const imports = new ImportService(app.store, services.content);
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post('/api/v1/actors/:id/import', {
    schema: {
      tags: ['actors'],
      summary: "Import events into an actor's account from iCal (a URL or a text) or an OpenAgenda export",
      description:
        'New events are submitted (published directly for a verified actor), events imported before are updated when their source changed. ' +
        'All or nothing: any rejected event means nothing is written and a 422 carries the report; with ?partial=true the events that pass are written and the refused ones listed (200). ?dryRun=true answers the same without writing. ' +
        'Moderation follows the actor: an import for an unverified actor is submitted for moderation whoever runs it, an administrator included. ' +
        'Bodies are bounded by the hub body limit; import larger files with the CLI or by URL (5 MB).',
      security: [{ bearer: [] }],
      params: Type.Object({ id: Id }, { additionalProperties: false }),
      querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()), partial: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      body: ImportRequest,
      response: { 200: ImportReport, 422: Type.Union([ImportReport, ErrorBody]), ...errors },
    },
    preHandler: app.authenticate,
    // Each URL import makes the hub fetch from elsewhere: bounded so it is no one's proxy.
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const report = await runImport(imports, config, request.params.id, contributorOf(request, services.accounts), request.body, { dryRun: request.query.dryRun === true, partial: request.query.partial === true });
    return reply.status(report.outcome === 'refused' ? 422 : 200).send(report);
  });
}
