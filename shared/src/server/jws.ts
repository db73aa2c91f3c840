import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Compact JWS with EdDSA (Ed25519), by node:crypto alone: the protocol signs two small
 * things (feed pages and notify tokens), and a dependency for that would be more
 * surface than code.
 */

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export interface JwsHeader {
  alg: 'EdDSA';
  typ: 'JWT';
  kid: string;
}

export function signJwt(claims: Record<string, unknown>, privateKey: KeyObject, kid: string): string {
  const header: JwsHeader = { alg: 'EdDSA', typ: 'JWT', kid };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign(null, Buffer.from(input), privateKey))}`;
}

export class JwsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwsError';
  }
}

export interface VerifyJwtOptions {
  /** The reader's clock, in seconds since the epoch. */
  now?: number;
  /** The longest life the reader's protocol gives such a token (`exp - iat`), in seconds. */
  maxLifetimeSeconds?: number;
  /** How far ahead of the reader's clock the signer's `iat` may be, in seconds. */
  clockSkewSeconds?: number;
}

/** What a signer's clock may run ahead of a reader's: more is a token minted for later. */
export const JWT_CLOCK_SKEW_SECONDS = 60;
const DEFAULT_MAX_LIFETIME_SECONDS = 300;

/**
 * Verifies a compact JWS against public keys by kid and returns its claims. Only
 * EdDSA is accepted, whatever the header says; `exp` must be in the future, and both
 * ends are bounded: `iat` no later than the reader's clock plus the skew, `exp` no later
 * than that plus the protocol's longest life. Without those bounds a token minted with
 * a far `exp` (or an `iat` in the future and an `exp` just after it) stays valid for as
 * long as its signer chose, and a leaked one can be replayed for that long.
 */
export function verifyJwt(token: string, keys: ReadonlyMap<string, KeyObject>, options: VerifyJwtOptions = {}): Record<string, unknown> {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const skew = options.clockSkewSeconds ?? JWT_CLOCK_SKEW_SECONDS;
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwsError('not a compact JWS');
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  let header: Partial<JwsHeader>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as Partial<JwsHeader>;
    claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new JwsError('malformed header or claims');
  }
  if (typeof header !== 'object' || header === null || typeof claims !== 'object' || claims === null) throw new JwsError('header and claims must be JSON objects');
  if (header.alg !== 'EdDSA') throw new JwsError('algorithm must be EdDSA');
  const key = header.kid === undefined ? undefined : keys.get(header.kid);
  if (key === undefined) throw new JwsError(`unknown key id ${String(header.kid)}`);
  if (!verify(null, Buffer.from(`${headerPart}.${payloadPart}`), key, Buffer.from(signaturePart, 'base64url'))) throw new JwsError('bad signature');
  if (typeof claims.exp !== 'number' || claims.exp <= now) throw new JwsError('expired');
  if (typeof claims.iat !== 'number') throw new JwsError('iat is missing');
  if (claims.iat > now + skew) throw new JwsError(`issued in the future (iat is ${claims.iat - now} s ahead of this server's clock; at most ${skew} s is allowed)`);
  if (claims.exp > now + skew + maxLifetime) throw new JwsError(`exp is too far in the future (at most ${maxLifetime} s after issue)`);
  return claims;
}

/** A public key from its JWK (as listed in a hub descriptor). */
export function publicKeyFromJwk(jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string }): KeyObject {
  return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
}
