import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ed25519Jwk } from '@constellation/shared';

/**
 * The aggregator's Ed25519 key for what it publishes to hubs (the campaign list), kept
 * in the data dir (signing-key.json, mode 0600) and made at first start. Its public half
 * is served in the aggregator's descriptor. Every API process on the machine reads the
 * same file, so they sign with the same key.
 */
export interface AggregatorKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Ed25519Jwk;
}

interface StoredKey {
  kid: string;
  privateKey: string;
  createdAt: string;
}

export function signingKeyPath(dataDir: string): string {
  return join(dataDir, 'signing-key.json');
}

export function loadSigningKey(dataDir: string, now = new Date()): AggregatorKey {
  const path = signingKeyPath(dataDir);
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    const stored: StoredKey = { kid: `${now.toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`, privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), createdAt: now.toISOString() };
    // Written aside then renamed, so a crash (or a second process starting) never reads half a key.
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    if (!existsSync(path)) renameSync(temporary, path);
  }
  const stored = JSON.parse(readFileSync(path, 'utf8')) as StoredKey;
  const privateKey = createPrivateKey(stored.privateKey);
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error(`${path} does not hold an Ed25519 key`);
  return { kid: stored.kid, privateKey, jwk: { kty: 'OKP', crv: 'Ed25519', x, kid: stored.kid, alg: 'EdDSA', use: 'sig' } };
}
