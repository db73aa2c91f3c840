import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody, UPLOAD_FORMATS, UploadedImage } from '@constellation/shared';
import { NotFoundError, PayloadTooLargeError } from '../errors.ts';
import type { MediaService } from '../media/media-service.ts';
import { ImageRefused } from '../media/process.ts';

const UPLOAD_TYPES = /^(?:image\/[a-z0-9.+-]+|application\/octet-stream)(?:\s*;.*)?$/i;
/** A file named by its content never changes: caches may keep it for a year without asking. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Reads an upload into memory, refusing it as soon as it passes the limit (Content-Length or counted). */
function readUpload(payload: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new PayloadTooLargeError(`the image is larger than this hub accepts (${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB)`, 'file');
  const declared = Number(payload.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        payload.removeAllListeners('data');
        payload.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => resolve(Buffer.concat(chunks, size)));
    payload.on('error', reject);
  });
}

/**
 * Image uploads (`POST /api/v1/media`, the bytes as the body) and the files they make
 * (`GET /media/<name>`). A name that is not an image of this hub is a JSON 404 here,
 * never the portal's page.
 */
export default async function mediaRoutes(app: FastifyInstance, options: { media: MediaService }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { media } = options;

  // Only in this plugin: elsewhere bodies stay JSON.
  app.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => {
    readUpload(payload, media.limits.maxBytes).then((body) => done(null, body), (error: Error) => done(error));
  });

  api.post('/api/v1/media', {
    schema: {
      tags: ['contribute'],
      summary: `Upload an image (${UPLOAD_FORMATS.join(', ')}): its bytes as the body`,
      description:
        'Send the file itself as the request body, with Content-Type image/* or application/octet-stream. The kind is read from the bytes. ' +
        'The hub strips EXIF (GPS included) and other metadata, applies the orientation, keeps the original and makes WebP copies. ' +
        'Put the answered url, with alt text (and a credit), in a content\'s image. The same bytes uploaded again answer the same image.',
      security: [{ bearer: [] }],
      headers: Type.Object({ 'content-type': Type.String({ pattern: UPLOAD_TYPES.source, description: 'image/* or application/octet-stream' }) }),
      response: { 200: UploadedImage, 201: UploadedImage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody, 429: ErrorBody },
    },
    bodyLimit: media.limits.maxBytes,
    preHandler: app.requireRole('contributor', 'coordinator', 'moderator', 'admin'),
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const body = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new ImageRefused(415, 'unsupported_image', 'the request body is empty; send the image file itself as the body');
    const view = await media.upload(body, request.viewer?.sub ?? null);
    return reply.code(view.existing ? 200 : 201).send(view);
  });

  // Untyped replies: the 200 is a file stream, which the type provider cannot describe.
  app.get<{ Params: { name: string } }>('/media/:name', {
    // A file, not an API operation: kept out of the OpenAPI document like the portal's files.
    schema: {
      hide: true,
      summary: 'An uploaded image or one of its copies, as named in content (cached for a year: a name never changes content)',
      params: Type.Object({ name: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
      response: { 404: ErrorBody },
    },
  }, async (request, reply) => {
    const name = request.params.name;
    const file = media.file(name);
    const size = file === undefined ? undefined : statSync(file.path, { throwIfNoEntry: false })?.size;
    if (file === undefined || size === undefined) throw new NotFoundError(`image ${name}`);
    const etag = `"${name}"`;
    void reply.header('cache-control', IMMUTABLE).header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(file.type).header('content-length', String(size)).send(createReadStream(file.path));
  });
}
