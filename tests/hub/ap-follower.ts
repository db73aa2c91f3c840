/**
 * A small ActivityPub follower written against the specs (ActivityPub, draft-cavage HTTP
 * Signatures, RFC 3230 Digest) with nothing but node:http and node:crypto: an
 * implementation independent of the hub's (which signs with Misskey's library). It
 * serves its actor document, signs what it sends, and keeps only the deliveries whose
 * signature it could verify against the sender's published key.
 */
import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  activity: Record<string, unknown>;
  keyId: string;
  verified: boolean;
  why?: string;
}

interface KeyOwner {
  id: string;
  publicKey: { id: string; owner: string; publicKeyPem: string };
}

export interface SignedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Signature: keyId="...",algorithm="...",headers="...",signature="..." */
export function parseSignatureHeader(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/(\w+)="([^"]*)"/g)) params[match[1] as string] = match[2] as string;
  return params;
}

export class TestFollower {
  readonly received: Received[] = [];
  private server: Server | undefined;
  private readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  origin = '';
  /** What the inbox answers (tests make it fail to exercise retries). */
  inboxStatus = 202;
  /** While set, the inbox reads each delivery and answers only once this settles (a slow peer). */
  hold: Promise<void> | undefined;
  /** Deliveries read and waiting on `hold`. */
  holding = 0;
  /** Inbox answers sent (counted once the answer is written). */
  answered = 0;
  private readonly owners = new Map<string, KeyOwner>();

  constructor(readonly name = 'alice') {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  get id(): string {
    return `${this.origin}/users/${this.name}`;
  }

  get keyId(): string {
    return `${this.id}#main-key`;
  }

  async listen(port = 0): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response.writeHead.bind(response), (body?: string) => response.end(body)));
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server === undefined ? resolve() : this.server.close(() => resolve())));
    this.server?.closeAllConnections();
  }

  actorDocument(): Record<string, unknown> {
    return {
      '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
      id: this.id,
      type: 'Person',
      preferredUsername: this.name,
      inbox: `${this.id}/inbox`,
      outbox: `${this.id}/outbox`,
      endpoints: { sharedInbox: `${this.origin}/inbox` },
      publicKey: { id: this.keyId, owner: this.id, publicKeyPem: this.publicKeyPem },
    };
  }

  /** Builds a signed POST by hand: Digest (RFC 3230), then the draft-cavage signing string. */
  signedPost(url: string, activity: unknown, options: { date?: Date; keyId?: string; headers?: string[] } = {}): SignedRequest {
    const body = JSON.stringify(activity);
    const target = new URL(url);
    const headers: Record<string, string> = {
      host: target.host,
      date: (options.date ?? new Date()).toUTCString(),
      digest: `SHA-256=${createHash('sha256').update(body).digest('base64')}`,
      'content-type': 'application/activity+json',
    };
    const covered = options.headers ?? ['(request-target)', 'host', 'date', 'digest'];
    const signingString = covered.map((name) => (name === '(request-target)' ? `(request-target): post ${target.pathname}` : `${name}: ${headers[name]}`)).join('\n');
    const signature = sign('sha256', Buffer.from(signingString), this.privateKey).toString('base64');
    headers.signature = `keyId="${options.keyId ?? this.keyId}",algorithm="rsa-sha256",headers="${covered.join(' ')}",signature="${signature}"`;
    return { url, headers, body };
  }

  async send(request: SignedRequest): Promise<{ status: number; text: string }> {
    const { host: _host, ...headers } = request.headers;
    const response = await fetch(request.url, { method: 'POST', headers, body: request.body });
    return { status: response.status, text: await response.text() };
  }

  private async handle(request: IncomingMessage, writeHead: (status: number, headers?: Record<string, string>) => void, end: (body?: string) => void): Promise<void> {
    const path = new URL(request.url ?? '/', this.origin).pathname;
    if (request.method === 'GET' && path === `/users/${this.name}`) {
      writeHead(200, { 'content-type': 'application/activity+json' });
      end(JSON.stringify(this.actorDocument()));
      return;
    }
    if (request.method === 'POST' && (path === `/users/${this.name}/inbox` || path === '/inbox')) {
      const body = await readBody(request);
      if (this.hold !== undefined) {
        this.holding += 1;
        await this.hold;
        this.holding -= 1;
      }
      if (this.inboxStatus >= 300) {
        writeHead(this.inboxStatus);
        end();
        return;
      }
      this.received.push(await this.check(request, path, body));
      writeHead(202);
      end();
      this.answered += 1;
      return;
    }
    writeHead(404);
    end();
  }

  /** The actor behind a key, fetched once and kept as receiving servers do (the sender may be gone when a late delivery is read). */
  private async ownerOf(keyId: string): Promise<KeyOwner> {
    const known = this.owners.get(keyId);
    if (known !== undefined) return known;
    const owner = (await (await fetch(keyId.split('#')[0] as string, { headers: { accept: 'application/activity+json' } })).json()) as KeyOwner;
    this.owners.set(keyId, owner);
    return owner;
  }

  /** Verifies a delivery as a receiving server would: digest, covered headers, the sender's key. */
  private async check(request: IncomingMessage, path: string, body: Buffer): Promise<Received> {
    const activity = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const params = parseSignatureHeader(String(request.headers.signature ?? ''));
    const keyId = params.keyId ?? '';
    const fail = (why: string): Received => ({ activity, keyId, verified: false, why });
    if (params.signature === undefined || params.headers === undefined) return fail('unsigned');
    const covered = params.headers.split(' ');
    for (const required of ['(request-target)', 'host', 'date', 'digest']) if (!covered.includes(required)) return fail(`${required} not signed`);
    const digest = `SHA-256=${createHash('sha256').update(body).digest('base64')}`;
    if (!String(request.headers.digest ?? '').split(',').map((part) => part.trim()).includes(digest)) return fail('digest mismatch');
    const signingString = covered.map((name) => (name === '(request-target)' ? `(request-target): ${String(request.method).toLowerCase()} ${path}` : `${name}: ${String(request.headers[name] ?? '')}`)).join('\n');
    const owner = await this.ownerOf(keyId).catch(() => undefined);
    if (owner === undefined) return fail('key not found');
    if (owner.publicKey.id !== keyId || owner.publicKey.owner !== owner.id) return fail('key not owned by the actor');
    if (owner.id !== activity.actor) return fail('signer is not the actor');
    const ok = verify('sha256', Buffer.from(signingString), owner.publicKey.publicKeyPem, Buffer.from(params.signature, 'base64'));
    return ok ? { activity, keyId, verified: true } : fail('bad signature');
  }
}
