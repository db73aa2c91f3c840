import { createHash, createPublicKey, webcrypto } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  genDigestHeaderBothRFC3230AndRFC9530,
  importPrivateKey,
  parseRequestSignature,
  signAsDraftToRequest,
  verifyDraftSignature,
  verifyRFC3230DigestHeader,
  verifyRFC9530DigestHeader,
} from '@misskey-dev/node-http-message-signatures';
import { createVerifier, httpbis } from 'http-message-signatures';
import { isInnerList, parseDictionary } from 'structured-headers';

/*
 * HTTP Signatures as the fediverse speaks them, both kinds:
 * - draft-cavage-12 with a Digest header (RFC 3230), which Mastodon, Mobilizon and Gancio
 *   check, on Misskey's maintained library;
 * - RFC 9421 HTTP Message Signatures with Content-Digest (RFC 9530), which Fedify-based
 *   servers and recent Mastodon accept, on `http-message-signatures` (Misskey's library
 *   only builds RFC 9421 signature bases; it neither signs nor verifies them).
 * Outgoing deliveries pick the kind per peer (delivery-queue.ts: double-knocking); the
 * inbox verifies whichever kind a request carries.
 */

/** A signed request older or newer than this is refused: the replay window. */
export const SIGNATURE_WINDOW_MS = 60 * 60 * 1000;

export type SignatureScheme = 'rfc9421' | 'draft-cavage';

export interface SigningKey {
  keyId: string;
  privateKeyPem: string;
}

/** The components an RFC 9421 signature of ours covers (as Fedify's do), plus content-digest with a body. */
export const RFC9421_COMPONENTS = ['@method', '@target-uri', '@authority', 'host', 'date'] as const;

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

/**
 * An RFC 9421 signer on WebCrypto: the library's own (createSigner) signs with node:crypto's
 * synchronous sign, which holds the event loop for each RSA signature (bench:activitypub
 * saw the API's p95 grow with it); WebCrypto signs on the thread pool, as the draft-cavage
 * path does.
 */
async function rfc9421Signer(key: SigningKey): Promise<Parameters<typeof httpbis.signMessage>[0]['key']> {
  const cryptoKey = await cryptoKeyOf(key.privateKeyPem);
  return { id: key.keyId, alg: 'rsa-v1_5-sha256', sign: async (data: Buffer) => Buffer.from(await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', cryptoKey, data)) };
}

const sha256 = (body: string) => createHash('sha256').update(body).digest('base64');

/** Headers for a signed POST of `body` (or a signed GET when body is undefined), in the given scheme. */
export async function signedHeaders(method: 'GET' | 'POST', url: string, body: string | undefined, key: SigningKey, accept?: string, scheme: SignatureScheme = 'draft-cavage'): Promise<Record<string, string>> {
  const target = new URL(url);
  const headers: Record<string, string> = { date: new Date().toUTCString(), host: target.host, ...(accept === undefined ? {} : { accept }), ...(body === undefined ? {} : { 'content-type': 'application/activity+json' }) };
  if (scheme === 'rfc9421') {
    if (body !== undefined) headers['content-digest'] = `sha-256=:${sha256(body)}:`;
    const signed = await httpbis.signMessage(
      {
        key: await rfc9421Signer(key),
        name: 'sig1',
        fields: [...RFC9421_COMPONENTS, ...(body === undefined ? [] : ['content-digest'])],
        // No `expires`: the receiver's own window applies, as with draft-cavage.
        params: ['created', 'keyid', 'alg'],
      },
      { method, url: target.href, headers },
    );
    return Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]));
  }
  const request = { url: `${target.pathname}${target.search}`, method, headers, ...(body === undefined ? {} : { body }) };
  if (body !== undefined) await genDigestHeaderBothRFC3230AndRFC9530(request, body, 'SHA-256');
  const covered = body === undefined ? ['(request-target)', 'host', 'date'] : ['(request-target)', 'host', 'date', 'digest'];
  await signAsDraftToRequest(request, { keyId: key.keyId, privateKey: await cryptoKeyOf(key.privateKeyPem) }, covered);
  return Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

export type InboundCheck =
  | {
      ok: true;
      scheme: SignatureScheme;
      keyId: string;
      /** Verifies the signature with the sender's public key (fetched by the caller from `keyId`). */
      verify: (publicKeyPem: string) => Promise<boolean>;
      replayHash: string;
      /** When it was signed (epoch ms). */
      date: number;
    }
  | { ok: false; reason: string };

export interface InboundOptions {
  /** This hub's origin as senders address it (its base URL): @target-uri and @authority are built on it, not on a Host a proxy may rewrite. */
  origin: string;
  now?: number;
}

/**
 * Checks what can be checked without the sender's key: the signature's kind and coverage
 * (the request target, host, date and a body digest), its date inside the window, and a
 * digest that matches the body. The caller fetches the key named by `keyId` and calls `verify`.
 */
export async function checkInbound(request: IncomingMessage, rawBody: Buffer, options: InboundOptions): Promise<InboundCheck> {
  const now = options.now ?? Date.now();
  if (request.headers.signature === undefined) return { ok: false, reason: 'the request is not signed (no Signature header)' };
  if (request.headers['signature-input'] !== undefined) return checkRfc9421(request, rawBody, options.origin, now);
  let parsed;
  try {
    parsed = parseRequestSignature(request, {
      requiredComponents: { draft: ['(request-target)', 'host', 'date', 'digest'] },
      clockSkew: { now: new Date(now), forward: SIGNATURE_WINDOW_MS, delay: SIGNATURE_WINDOW_MS },
    });
  } catch (error) {
    return { ok: false, reason: `signature refused: ${(error as Error).message}` };
  }
  if (parsed.version !== 'draft') return { ok: false, reason: 'unknown signature kind' };
  // The Digest header is what the signature covers: check that one, whatever Content-Digest says.
  const digestOk = await verifyRFC3230DigestHeader(request, new Uint8Array(rawBody), { failOnNoDigest: true, algorithms: ['SHA-256', 'SHA-512'] });
  if (!digestOk) return { ok: false, reason: 'the Digest header does not match the body' };
  const value = parsed.value;
  return {
    ok: true,
    scheme: 'draft-cavage',
    keyId: value.keyId,
    verify: async (publicKeyPem) => {
      try {
        return await verifyDraftSignature(value, publicKeyPem);
      } catch {
        return false;
      }
    },
    replayHash: createHash('sha256').update(String(request.headers.signature)).digest('hex'),
    date: Date.parse(String(request.headers.date)),
  };
}

const headerText = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : (value ?? ''));

/** The algorithm to verify with: the one the signature names, else the one the key's type implies. */
function algorithmFor(publicKeyPem: string, named: unknown): string | undefined {
  const type = createPublicKey(publicKeyPem).asymmetricKeyType;
  const implied = type === 'rsa' ? 'rsa-v1_5-sha256' : type === 'ed25519' ? 'ed25519' : undefined;
  if (named === undefined) return implied;
  const allowed = type === 'rsa' ? ['rsa-v1_5-sha256', 'rsa-pss-sha512'] : type === 'ed25519' ? ['ed25519'] : [];
  return typeof named === 'string' && allowed.includes(named) ? named : undefined;
}

async function checkRfc9421(request: IncomingMessage, rawBody: Buffer, origin: string, now: number): Promise<InboundCheck> {
  let inputs;
  let signatures;
  try {
    inputs = parseDictionary(headerText(request.headers['signature-input']));
    signatures = parseDictionary(headerText(request.headers.signature));
  } catch (error) {
    return { ok: false, reason: `signature refused: Signature-Input or Signature is not a structured dictionary (${(error as Error).message})` };
  }
  // One signature, one label in both fields: nothing to pick between.
  if (inputs.size !== 1 || signatures.size !== 1) return { ok: false, reason: 'signature refused: exactly one RFC 9421 signature is accepted' };
  const [label, input] = [...inputs.entries()][0] as [string, unknown];
  if (!signatures.has(label)) return { ok: false, reason: `signature refused: no Signature for the label ${label}` };
  if (!isInnerList(input as never)) return { ok: false, reason: 'signature refused: Signature-Input is not an inner list' };
  const [items, params] = input as [[unknown, Map<string, unknown>][], Map<string, unknown>];
  const covered = new Set(items.map(([name]) => String(name)));
  const keyId = params.get('keyid');
  const created = params.get('created');
  if (typeof keyId !== 'string') return { ok: false, reason: 'signature refused: keyid is required' };
  if (typeof created !== 'number' || !Number.isInteger(created)) return { ok: false, reason: 'signature refused: created is required' };
  const method = String(request.method ?? 'GET').toUpperCase();
  const missing = [
    ...(covered.has('@method') ? [] : ['@method']),
    ...(covered.has('@target-uri') || (covered.has('@path') && (covered.has('@authority') || covered.has('host'))) ? [] : ['@target-uri']),
    ...(method === 'GET' || method === 'HEAD' || covered.has('content-digest') ? [] : ['content-digest']),
  ];
  if (missing.length > 0) return { ok: false, reason: `signature refused: ${missing.join(', ')} not signed` };
  const date = created * 1000;
  if (Math.abs(now - date) > SIGNATURE_WINDOW_MS) return { ok: false, reason: 'signature refused: created is outside the accepted window' };
  const expires = params.get('expires');
  if (typeof expires === 'number' && expires * 1000 < now) return { ok: false, reason: 'signature refused: the signature has expired' };
  if (covered.has('content-digest')) {
    const digestOk = await verifyRFC9530DigestHeader(request, new Uint8Array(rawBody), { failOnNoDigest: true, verifyAll: true, algorithms: ['sha-256', 'sha-512'] });
    if (!digestOk) return { ok: false, reason: 'the Content-Digest header does not match the body' };
  }
  const headers = Object.fromEntries(Object.entries(request.headers).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined));
  const message = { method, url: new URL(request.url ?? '/', origin).href, headers };
  return {
    ok: true,
    scheme: 'rfc9421',
    keyId,
    verify: async (publicKeyPem) => {
      try {
        const alg = algorithmFor(publicKeyPem, params.get('alg'));
        if (alg === undefined) return false;
        const verified = await httpbis.verifyMessage(
          {
            keyLookup: async () => ({ id: keyId, algs: [alg], verify: createVerifier(publicKeyPem, alg) }),
            // The window was checked above; the library's own check must not be stricter.
            notAfter: Math.floor((Date.now() + SIGNATURE_WINDOW_MS) / 1000),
          },
          message,
        );
        return verified === true;
      } catch {
        return false;
      }
    },
    replayHash: createHash('sha256').update(headerText(request.headers.signature)).digest('hex'),
    date,
  };
}
