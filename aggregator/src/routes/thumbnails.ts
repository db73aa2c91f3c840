import { createReadStream, statSync } from 'node:fs';
import type { FastifyInstance, FastifySchema } from 'fastify';
import Type from 'typebox';
import { ErrorBody } from '@constellation/shared';
import { NotFoundError } from '@constellation/shared/server';
import { Thumbnails } from '../media/thumbnails.ts';
import type { AggregatorServices } from '../services.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const DAY_MS = 86_400_000;

/**
 * `GET /media/thumbnails/:hub/:name`: an event's picture as the national site serves it
 * (see media/thumbnails.ts), made on first request. Whatever cannot be served (no such
 * event, a stale name, a hub that would not answer) is a JSON 404: a list must not fail
 * for a picture.
 */
export default async function thumbnailRoutes(app: FastifyInstance, { services }: { services: AggregatorServices }): Promise<void> {
  const thumbnails = new Thumbnails(services.store.sqlite, services.config, services.addressCheck);
  const sweep = () => {
    try {
      const removed = thumbnails.sweep();
      if (removed > 0) app.log.info({ removed }, 'thumbnails: removed those of events no longer shown');
    } catch (error) {
      app.log.error({ err: error }, 'thumbnails: the sweep failed');
    }
  };
  sweep();
  const daily = setInterval(sweep, DAY_MS);
  daily.unref();
  app.addHook('onClose', async () => clearInterval(daily));

  app.get<{ Params: { hub: string; name: string } }>(
    '/media/thumbnails/:hub/:name',
    {
      // A file, not an API operation: kept out of the OpenAPI document like the app's files.
      schema: {
        hide: true,
        params: Type.Object({ hub: Type.String({ maxLength: 64 }), name: Type.String({ maxLength: 240 }) }, { additionalProperties: false }),
        response: { 404: ErrorBody },
      } as FastifySchema,
      // Each miss may cost a fetch from a hub: bounded per client.
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { hub, name } = request.params;
      const path = await thumbnails.file(hub, name);
      const size = path === undefined ? undefined : statSync(path, { throwIfNoEntry: false })?.size;
      if (path === undefined || size === undefined) throw new NotFoundError(`picture ${hub}/${name}`);
      const etag = `"${name}"`;
      void reply.header('cache-control', IMMUTABLE).header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('image/webp').header('content-length', String(size)).send(createReadStream(path));
    },
  );
}
