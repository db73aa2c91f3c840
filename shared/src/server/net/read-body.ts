import type { IncomingMessage } from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { FetchRefused } from './fetch-refused.ts';

export const ACCEPTED_ENCODINGS = 'gzip, deflate, br';

function decoderFor(encoding: string, url: string) {
  switch (encoding) {
    case '':
    case 'identity':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new FetchRefused('encoding', `the response is encoded as "${encoding.slice(0, 40)}", which this fetcher does not decode`, url);
  }
}

/**
 * Reads a response body, decoded, up to `maxBytes` decoded bytes. The cap is counted after
 * decoding, so a small gzip bomb stops at the cap; chunks are kept only while the total
 * stays under it, so no more than the cap is ever held.
 */
export async function readBody(response: IncomingMessage, maxBytes: number, url: string): Promise<Buffer> {
  const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = decoderFor(encoding, url);
  const declared = Number(response.headers['content-length']);
  if (decoder === undefined && Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge(maxBytes, url);
  }
  // pipeline() destroys every stream when one fails, so an aborted request ends the loop below.
  const decoded: Readable = decoder === undefined ? response : pipeline(response, decoder, () => {});
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of decoded as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      decoded.destroy();
      response.destroy();
      throw tooLarge(maxBytes, url);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(maxBytes: number, url: string): FetchRefused {
  return new FetchRefused('too-large', `the response is larger than ${maxBytes} bytes once decoded`, url);
}
