import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ChangesPageDocument, ChangesQuery, CHANGES_PATH, DESCRIPTOR_PATH, ErrorBody, HubDescriptor, PROTOCOL_VERSION, SIGNATURE_HEADER } from '@constellation/shared';
import { signJwt } from '@constellation/shared/server';
import type { HubConfig } from '../config.ts';
import { BadRequestError } from '../errors.ts';
import { bodyDigest, clampFeedLimit, type ChangesFeed } from '../federation/changes-feed.ts';
import type { KeyRingFile } from '../federation/keys.ts';
import { sendBytes } from './stored-json.ts';

/** Page signatures live one minute: long enough for a slow reader, short enough to stop replays. */
export const PAGE_SIGNATURE_SECONDS = 60;
/** Below this, gzip costs more than it saves. */
const GZIP_MIN_BYTES = 1_024;

/** Federation protocol v1 as a hub serves it: the descriptor and the signed changes feed. */
export default async function federationRoutes(app: FastifyInstance, options: { config: HubConfig; feed: ChangesFeed; keys: KeyRingFile; version: string }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { config, feed, keys } = options;
  const tags = ['federation'];

  api.get(DESCRIPTOR_PATH, {
    schema: { tags, summary: "This hub's identity and public signing keys", response: { 200: HubDescriptor } },
  }, async (_request, reply) => {
    void reply.header('cache-control', 'public, max-age=300');
    return {
      protocol: PROTOCOL_VERSION as typeof PROTOCOL_VERSION,
      id: config.hubId,
      name: config.name,
      region: config.region,
      baseUrl: config.baseUrl,
      keys: keys.get().published.map((key) => key.jwk),
      software: { name: 'constellation', version: options.version },
    };
  });

  api.get(CHANGES_PATH, {
    schema: {
      tags,
      summary: 'Changes of public content after a cursor, in commit order (compacted, with tombstones)',
      description: `Pages carry an EdDSA JWT in the ${SIGNATURE_HEADER} header ({ iss, digest, iat, exp }); ETag is the latest seq.`,
      querystring: ChangesQuery,
      response: { 200: ChangesPageDocument, 304: Type.Null(), 400: ErrorBody },
    },
  }, async (request, reply) => {
    const after = Number(request.query.after ?? '0');
    if (!Number.isSafeInteger(after)) throw new BadRequestError('query.after is beyond any seq this hub can have', 'query.after');
    const etag = `"${feed.latest()}"`;
    void reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send(null);

    const page = feed.page(after, clampFeedLimit(request.query.limit));
    const key = keys.get().current;
    const now = Math.floor(Date.now() / 1000);
    const signature = signJwt({ iss: config.hubId, digest: bodyDigest(page.body), iat: now, exp: now + PAGE_SIGNATURE_SECONDS }, key.privateKey, key.kid);
    // The ETag names the snapshot actually read, which may be newer than the one checked above.
    void reply.header('etag', `"${page.latest}"`).header(SIGNATURE_HEADER, signature).type('application/json; charset=utf-8');
    const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    if (acceptsGzip && page.body.length >= GZIP_MIN_BYTES) {
      return sendBytes(reply.header('content-encoding', 'gzip'), gzipSync(page.body, { level: 1 }));
    }
    return sendBytes(reply, page.body);
  });
}
