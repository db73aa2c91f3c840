import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ed25519Jwk } from '@constellation/shared';

/**
 * The hub's Ed25519 signing keys, kept in the data dir (keys.json, mode 0600). The
 * first start creates one; `constellation hub rotate-key` makes a new current key and
 * keeps the previous one listed in the descriptor for an overlap, so pages and
 * notifies signed just before a rotation still verify.
 */

export const ROTATION_OVERLAP_DAYS = 7;

interface StoredKey {
  kid: string;
  /** PKCS#8 PEM. */
  privateKey: string;
  createdAt: string;
  retiredAt?: string;
}

interface StoredRing {
  current: StoredKey;
  previous?: StoredKey;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: Ed25519Jwk;
}

export interface KeyRing {
  current: SigningKey;
  /** Keys a reader should accept now: the current one first, then one still in its overlap. */
  published: SigningKey[];
}

function newKey(now: Date): StoredKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const kid = `${now.toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
  return { kid, privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), createdAt: now.toISOString() };
}

function load(stored: StoredKey): SigningKey {
  const privateKey = createPrivateKey(stored.privateKey);
  const publicKey = createPublicKey(privateKey);
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error(`key ${stored.kid} is not an Ed25519 key`);
  return { kid: stored.kid, privateKey, publicKey, jwk: { kty: 'OKP', crv: 'Ed25519', x, kid: stored.kid, alg: 'EdDSA', use: 'sig' } };
}

function write(path: string, ring: StoredRing): void {
  // Written aside then renamed, so a crash never leaves a half-written key file.
  writeFileSync(`${path}.tmp`, `${JSON.stringify(ring, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

function toRing(stored: StoredRing, now: Date): KeyRing {
  const current = load(stored.current);
  const published = [current];
  const retiredAt = stored.previous?.retiredAt === undefined ? undefined : Date.parse(stored.previous.retiredAt);
  if (stored.previous !== undefined && retiredAt !== undefined && now.getTime() - retiredAt < ROTATION_OVERLAP_DAYS * 86_400_000) published.push(load(stored.previous));
  return { current, published };
}

export function keysPath(dataDir: string): string {
  return join(dataDir, 'keys.json');
}

/** Loads the key ring, creating the first key on first start. */
export function loadKeyRing(dataDir: string, now = new Date()): KeyRing {
  const path = keysPath(dataDir);
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    write(path, { current: newKey(now) });
  }
  return toRing(JSON.parse(readFileSync(path, 'utf8')) as StoredRing, now);
}

/** Makes a new current key; the old one stays published for the overlap. */
export function rotateKey(dataDir: string, now = new Date()): KeyRing {
  const path = keysPath(dataDir);
  loadKeyRing(dataDir, now); // creates the first key if there is none yet
  const stored = JSON.parse(readFileSync(path, 'utf8')) as StoredRing;
  write(path, { current: newKey(now), previous: { ...stored.current, retiredAt: now.toISOString() } });
  return loadKeyRing(dataDir, now);
}

/**
 * The key ring as the running hub sees it: re-read when keys.json changes (checked at
 * most every few seconds), so `constellation hub rotate-key` takes effect without a restart.
 */
export class KeyRingFile {
  private ring: KeyRing;
  private mtimeMs: number;
  private checkedAt = 0;

  constructor(
    private readonly dataDir: string,
    private readonly recheckMs = 5_000,
  ) {
    this.ring = loadKeyRing(dataDir);
    this.mtimeMs = statSync(keysPath(dataDir)).mtimeMs;
  }

  get(now = Date.now()): KeyRing {
    if (now - this.checkedAt >= this.recheckMs) {
      this.checkedAt = now;
      const mtimeMs = statSync(keysPath(this.dataDir)).mtimeMs;
      if (mtimeMs !== this.mtimeMs) {
        this.mtimeMs = mtimeMs;
        this.ring = loadKeyRing(this.dataDir);
      }
    }
    return this.ring;
  }
}
