/**
 * A small ActivityPub follower written against the specs (ActivityPub, draft-cavage HTTP
 * Signatures with RFC 3230 Digest, RFC 9421 HTTP Message Signatures with RFC 9530
 * Content-Digest) with nothing but node:http and node:crypto: an implementation
 * independent of the hub's (which signs with Misskey's library and with
 * http-message-signatures). It serves its actor document, signs what it sends, and keeps
 * only the deliveries whose signature it could verify against the sender's published key.
 * Told to accept draft-cavage only, it answers 401 to an RFC 9421 signature, as servers
 * that predate RFC 9421 do.
 */
import { constants, createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Scheme = 'rfc9421' | 'draft-cavage';

export interface Received {
  activity: Record<string, unknown>;
  keyId: string;
  scheme: Scheme;
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


/*
 * RFC 9421, written from the RFC (sections 2 and 3) rather than taken from a library:
 * the signature base of a request and its verification. Checked against the RFC's own
 * test vector (appendix B.2.6) in tests/hub/activitypub.test.ts.
 */

export interface Message {
  method: string;
  /** The full target URI (what @target-uri is). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface SignatureInput {
  label: string;
  components: string[];
  /** The serialised inner list with its parameters, as signed (the @signature-params value). */
  serialised: string;
  params: Record<string, string | number>;
}

/** The members of a Signature-Input dictionary whose components are plain strings: `label=("a" "b");k=1;k="v"`. */
export function parseSignatureInput(value: string): SignatureInput[] {
  const members: SignatureInput[] = [];
  const member = /\s*([a-z*][a-z0-9_\-.*]*)=(\((?:"[^"]*"(?: +"[^"]*")*)?\)((?:;[a-z*][a-z0-9_\-.*]*=(?:"[^"]*"|-?\d+|[A-Za-z*][^;,\s]*))*))\s*(?:,|$)/gy;
  for (let match = member.exec(value); match !== null && match[0] !== ''; match = member.exec(value)) {
    const [, label, serialised, rawParams] = match as unknown as [string, string, string, string];
    // Components come only from the inner list, not from quoted parameter values.
    const list = serialised.slice(0, serialised.indexOf(')'));
    const params: Record<string, string | number> = {};
    for (const param of rawParams.matchAll(/;([a-z*][a-z0-9_\-.*]*)=(?:"([^"]*)"|(-?\d+)|([^;]*))/g)) params[param[1] as string] = param[2] ?? (param[3] === undefined ? (param[4] as string) : Number(param[3]));
    members.push({ label, components: [...list.matchAll(/"([^"]*)"/g)].map((item) => item[1] as string), serialised, params });
  }
  return members;
}

/** RFC 9421 section 2.2: the derived components a request has. */
function derived(name: string, message: Message): string | undefined {
  const url = new URL(message.url);
  switch (name) {
    case '@method':
      return message.method.toUpperCase();
    case '@target-uri':
      return url.href;
    case '@authority':
      return url.host.toLowerCase();
    case '@scheme':
      return url.protocol.slice(0, -1);
    case '@request-target':
      return `${url.pathname}${url.search}`;
    case '@path':
      return url.pathname === '' ? '/' : url.pathname;
    case '@query':
      return url.search === '' ? '?' : url.search;
    default:
      return undefined;
  }
}

/** RFC 9421 section 2.5: the signature base. Throws when a covered component is absent. */
export function signatureBase(message: Message, input: Pick<SignatureInput, 'components' | 'serialised'>): string {
  const lines = input.components.map((name) => {
    if (name.startsWith('@')) {
      const value = derived(name, message);
      if (value === undefined) throw new Error(`unsupported component ${name}`);
      return `"${name}": ${value}`;
    }
    const value = message.headers[name];
    if (value === undefined) throw new Error(`missing header ${name}`);
    // Section 2.1: each field value trimmed, several values joined by ", ".
    return `"${name}": ${(Array.isArray(value) ? value : [value]).map((item) => item.trim()).join(', ')}`;
  });
  lines.push(`"@signature-params": ${input.serialised}`);
  return lines.join('\n');
}

/** Section 3.3: the algorithms this follower verifies, with node:crypto's names. */
function verifyBytes(alg: string, base: string, key: KeyObject, signature: Buffer): boolean {
  switch (alg) {
    case 'rsa-v1_5-sha256':
      return verify('sha256', Buffer.from(base), key, signature);
    case 'rsa-pss-sha512':
      return verify('sha512', Buffer.from(base), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 }, signature);
    case 'ed25519':
      return verify(null, Buffer.from(base), key, signature);
    default:
      return false;
  }
}

/** The Signature dictionary's byte sequences: `label=:base64:`. */
export function parseSignatures(value: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const match of value.matchAll(/([a-z*][a-z0-9_\-.*]*)=:([A-Za-z0-9+/=]*):/g)) out.set(match[1] as string, Buffer.from(match[2] as string, 'base64'));
  return out;
}

/** Verifies the one signature of a request (section 3.2) with the key and algorithm given. */
export function verifyRfc9421(message: Message, key: KeyObject | string, alg?: string): { ok: boolean; why?: string; input?: SignatureInput } {
  const inputs = parseSignatureInput(String(message.headers['signature-input'] ?? ''));
  const signatures = parseSignatures(String(message.headers.signature ?? ''));
  const input = inputs[0];
  if (inputs.length !== 1 || input === undefined) return { ok: false, why: 'not one Signature-Input' };
  const signature = signatures.get(input.label);
  if (signature === undefined) return { ok: false, why: 'no Signature for the label' };
  const algorithm = alg ?? (typeof input.params.alg === 'string' ? input.params.alg : 'rsa-v1_5-sha256');
  let base: string;
  try {
    base = signatureBase(message, input);
  } catch (error) {
    return { ok: false, why: (error as Error).message, input };
  }
  return verifyBytes(algorithm, base, typeof key === 'string' ? createPublicKey(key) : key, signature) ? { ok: true, input } : { ok: false, why: 'bad signature', input };
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
  /** Deliveries refused because they were signed in a kind this follower does not read. */
  refused = 0;
  private readonly owners = new Map<string, KeyOwner>();

  /** The signature kinds this follower's inbox reads. */
  readonly accepts: Scheme[];

  constructor(
    readonly name = 'alice',
    options: { accepts?: Scheme[] } = {},
  ) {
    this.accepts = options.accepts ?? ['rfc9421', 'draft-cavage'];
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

  /**
   * Builds a signed POST by hand: Digest (RFC 3230), then the draft-cavage signing string;
   * or, with `scheme: 'rfc9421'`, Content-Digest (RFC 9530) and an RFC 9421 signature.
   */
  signedPost(url: string, activity: unknown, options: { date?: Date; keyId?: string; headers?: string[]; scheme?: Scheme } = {}): SignedRequest {
    const body = JSON.stringify(activity);
    const target = new URL(url);
    if (options.scheme === 'rfc9421') {
      const headers: Record<string, string> = {
        host: target.host,
        date: (options.date ?? new Date()).toUTCString(),
        'content-digest': `sha-256=:${createHash('sha256').update(body).digest('base64')}:`,
        'content-type': 'application/activity+json',
      };
      const components = options.headers ?? ['@method', '@target-uri', '@authority', 'content-digest', 'date'];
      const created = Math.floor((options.date ?? new Date()).getTime() / 1000);
      const serialised = `(${components.map((name) => `"${name}"`).join(' ')});created=${created};keyid="${options.keyId ?? this.keyId}";alg="rsa-v1_5-sha256"`;
      const base = signatureBase({ method: 'POST', url: target.href, headers }, { components, serialised });
      headers['signature-input'] = `sig1=${serialised}`;
      headers.signature = `sig1=:${sign('sha256', Buffer.from(base), this.privateKey).toString('base64')}:`;
      return { url, headers, body };
    }
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
      const scheme: Scheme = request.headers['signature-input'] === undefined ? 'draft-cavage' : 'rfc9421';
      if (!this.accepts.includes(scheme)) {
        // A server that predates RFC 9421 finds no keyId="..." in the Signature header.
        this.refused += 1;
        writeHead(401, { 'content-type': 'application/json' });
        end(JSON.stringify({ error: 'Verification failed: unparseable Signature header' }));
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
    if (request.headers['signature-input'] !== undefined) return this.checkRfc9421(request, path, body);
    const activity = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const params = parseSignatureHeader(String(request.headers.signature ?? ''));
    const keyId = params.keyId ?? '';
    const fail = (why: string): Received => ({ activity, keyId, scheme: 'draft-cavage', verified: false, why });
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
    return ok ? { activity, keyId, scheme: 'draft-cavage', verified: true } : fail('bad signature');
  }

  /** RFC 9421: coverage, Content-Digest (RFC 9530), freshness, then the signature with the sender's key. */
  private async checkRfc9421(request: IncomingMessage, path: string, body: Buffer): Promise<Received> {
    const activity = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const input = parseSignatureInput(String(request.headers['signature-input']))[0];
    const keyId = typeof input?.params.keyid === 'string' ? input.params.keyid : '';
    const fail = (why: string): Received => ({ activity, keyId, scheme: 'rfc9421', verified: false, why });
    if (input === undefined) return fail('unparseable Signature-Input');
    for (const required of ['@method', '@target-uri', 'content-digest']) if (!input.components.includes(required)) return fail(`${required} not signed`);
    const created = Number(input.params.created);
    if (!Number.isInteger(created) || Math.abs(Date.now() / 1000 - created) > 3_600) return fail('created missing or stale');
    const digests = String(request.headers['content-digest'] ?? '');
    const expected = `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
    if (!digests.split(',').map((part) => part.trim()).includes(expected)) return fail('content-digest mismatch');
    const owner = await this.ownerOf(keyId).catch(() => undefined);
    if (owner === undefined) return fail('key not found');
    if (owner.publicKey.id !== keyId || owner.publicKey.owner !== owner.id) return fail('key not owned by the actor');
    if (owner.id !== activity.actor) return fail('signer is not the actor');
    const result = verifyRfc9421({ method: String(request.method), url: `${this.origin}${path}`, headers: request.headers }, owner.publicKey.publicKeyPem);
    return result.ok ? { activity, keyId, scheme: 'rfc9421', verified: true } : fail(result.why ?? 'bad signature');
  }
}
