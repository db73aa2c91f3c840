import { createHash, type webcrypto } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  genDigestHeaderBothRFC3230AndRFC9530,
  importPrivateKey,
  parseRequestSignature,
  signAsDraftToRequest,
  verifyDigestHeader,
  verifyDraftSignature,
  type ParsedDraftSignature,
} from '@misskey-dev/node-http-message-signatures';

/*
 * HTTP Signatures as the fediverse speaks them (draft-cavage-12 with a Digest header,
 * which Mastodon, Mobilizon and Gancio all check), on Misskey's maintained library.
 */

/** A signed request older or newer than this is refused: the replay window. */
export const SIGNATURE_WINDOW_MS = 60 * 60 * 1000;

export interface SigningKey {
  keyId: string;
  privateKeyPem: string;
}

/** Parsed keys by PEM: parsing a PKCS#8 RSA key costs more than the signature itself. */
const importedKeys = new Map<string, Promise<webcrypto.CryptoKey>>();

function cryptoKeyOf(privateKeyPem: string): Promise<webcrypto.CryptoKey> {
  let key = importedKeys.get(privateKeyPem);
  if (key === undefined) {
    key = importPrivateKey(privateKeyPem, ['sign']);
    // A handful of local actors sign; a bound keeps a long-running hub's memory flat anyway.
    if (importedKeys.size >= 1_000) importedKeys.clear();
    importedKeys.set(privateKeyPem, key);
  }
  return key;
}

/** Headers for a signed POST of `body` (or a signed GET when body is undefined). */
export async function signedHeaders(method: 'GET' | 'POST', url: string, body: string | undefined, key: SigningKey, accept?: string): Promise<Record<string, string>> {
  const target = new URL(url);
  const request = {
    url: `${target.pathname}${target.search}`,
    method,
    headers: { date: new Date().toUTCString(), host: target.host, ...(accept === undefined ? {} : { accept }), ...(body === undefined ? {} : { 'content-type': 'application/activity+json' }) } as Record<string, string>,
    ...(body === undefined ? {} : { body }),
  };
  if (body !== undefined) await genDigestHeaderBothRFC3230AndRFC9530(request, body, 'SHA-256');
  const covered = body === undefined ? ['(request-target)', 'host', 'date'] : ['(request-target)', 'host', 'date', 'digest'];
  await signAsDraftToRequest(request, { keyId: key.keyId, privateKey: await cryptoKeyOf(key.privateKeyPem) }, covered);
  return Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

export type InboundCheck = { ok: true; keyId: string; parsed: ParsedDraftSignature['value']; replayHash: string; date: number } | { ok: false; reason: string };

/**
 * Checks what can be checked without the sender's key: a draft signature covering
 * (request-target), host, date and digest, a Date inside the window, and a Digest that
 * matches the body. The caller fetches the key named by `keyId` and calls `verifyWithKey`.
 */
export async function checkInbound(request: IncomingMessage, rawBody: Buffer, now = Date.now()): Promise<InboundCheck> {
  if (request.headers.signature === undefined) return { ok: false, reason: 'the request is not signed (no Signature header)' };
  let parsed;
  try {
    parsed = parseRequestSignature(request, {
      requiredComponents: { draft: ['(request-target)', 'host', 'date', 'digest'] },
      clockSkew: { now: new Date(now), forward: SIGNATURE_WINDOW_MS, delay: SIGNATURE_WINDOW_MS },
    });
  } catch (error) {
    return { ok: false, reason: `signature refused: ${(error as Error).message}` };
  }
  if (parsed.version !== 'draft') return { ok: false, reason: 'only draft-cavage signatures are accepted on this inbox' };
  const digestOk = await verifyDigestHeader(request, new Uint8Array(rawBody), { failOnNoDigest: true, algorithms: ['SHA-256', 'SHA-512'] });
  if (!digestOk) return { ok: false, reason: 'the Digest header does not match the body' };
  const date = Date.parse(String(request.headers.date));
  const replayHash = createHash('sha256').update(String(request.headers.signature)).digest('hex');
  return { ok: true, keyId: parsed.value.keyId, parsed: parsed.value, replayHash, date };
}

export async function verifyWithKey(parsed: ParsedDraftSignature['value'], publicKeyPem: string): Promise<boolean> {
  try {
    return await verifyDraftSignature(parsed, publicKeyPem);
  } catch {
    return false;
  }
}
