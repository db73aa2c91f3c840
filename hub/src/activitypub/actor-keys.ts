import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import type { Store } from '../db/client.ts';
import { apActorKeys } from '../db/schema/index.ts';

const generate = promisify(generateKeyPair);

export interface ActorKeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

/**
 * Each local actor's RSA key pair, made on first use and kept in the hub's SQLite.
 * RSA because Mastodon verifies draft-cavage signatures with RSA keys only; made off the
 * event loop (generateKeyPair is asynchronous), so a first actor lookup never blocks others.
 */
export class ActorKeys {
  private readonly pending = new Map<string, Promise<ActorKeyPair>>();

  constructor(private readonly store: Store) {}

  async get(actorKey: string): Promise<ActorKeyPair> {
    const stored = this.read(actorKey);
    if (stored !== undefined) return stored;
    let making = this.pending.get(actorKey);
    if (making === undefined) {
      making = this.make(actorKey).finally(() => this.pending.delete(actorKey));
      this.pending.set(actorKey, making);
    }
    return making;
  }

  private read(actorKey: string): ActorKeyPair | undefined {
    return this.store.db.select({ publicKeyPem: apActorKeys.publicKeyPem, privateKeyPem: apActorKeys.privateKeyPem }).from(apActorKeys).where(eq(apActorKeys.actorKey, actorKey)).get();
  }

  private async make(actorKey: string): Promise<ActorKeyPair> {
    const { publicKey, privateKey } = await generate('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    // Another process (the CLI) may have made one meanwhile: the first one stays.
    this.store.db.insert(apActorKeys).values({ actorKey, publicKeyPem: publicKey, privateKeyPem: privateKey, createdAt: new Date().toISOString() }).onConflictDoNothing().run();
    return this.read(actorKey) as ActorKeyPair;
  }
}
