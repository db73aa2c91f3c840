import { DESCRIPTOR_PATH, HubDescriptor, validate, type FieldIssue } from '@constellation/shared';
import { guardedFetch, FetchRefused } from '@constellation/shared/server';
import type { HubRows } from '../db/engine.ts';
import type { HubRow, HubStatus } from '../db/schema/index.ts';

/** What the registry refuses, with the field at fault: routes answer it as a 4xx. */
export class RegistryError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'descriptor_unreachable' | 'descriptor_invalid' | 'validation_failed',
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

export interface FetchPolicy {
  allowPrivateNetwork: boolean;
  fetchDeadlineMs: number;
  maxPageBytes: number;
}

/** The descriptor a hub serves, fetched from `baseUrl` through the guarded fetcher and checked. */
export async function fetchDescriptor(baseUrl: string, policy: FetchPolicy): Promise<HubDescriptor> {
  const url = new URL(DESCRIPTOR_PATH, `${baseUrl}/`).href;
  let body: Buffer;
  try {
    const response = await guardedFetch(url, { deadlineMs: policy.fetchDeadlineMs, maxBytes: Math.min(policy.maxPageBytes, 256 * 1024), allowPrivate: policy.allowPrivateNetwork, accept: 'application/json' });
    body = response.body;
  } catch (error) {
    throw new RegistryError('descriptor_unreachable', 'url', `the hub's descriptor could not be read: ${error instanceof FetchRefused ? error.message : (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryError('descriptor_invalid', 'url', 'the hub\'s descriptor is not JSON');
  }
  const checked = validate(HubDescriptor, parsed);
  if (!checked.ok) throw new RegistryError('descriptor_invalid', `descriptor.${firstIssue(checked.issues).field}`, `the hub's descriptor is invalid: ${firstIssue(checked.issues).message}`);
  return checked.value;
}

function firstIssue(issues: readonly FieldIssue[]): FieldIssue {
  return issues[0] ?? { field: '', message: 'is invalid' };
}

/** A base URL as the registry keeps it: http(s), no credentials, query or fragment, no trailing slash. */
export function normaliseBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RegistryError('validation_failed', 'url', 'url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RegistryError('validation_failed', 'url', 'url must use http or https');
  if (url.username !== '' || url.password !== '') throw new RegistryError('validation_failed', 'url', 'url must not carry credentials');
  if (url.search !== '' || url.hash !== '') throw new RegistryError('validation_failed', 'url', 'url must not have a query or fragment');
  return url.href.replace(/\/+$/, '');
}

/**
 * The registry of hubs: who they are, whether they are trusted, and where their feed was
 * read to. Its rows live in the national store, whichever the engine (HubRows); every
 * read goes to the primary, so an operator's approval or suspension shows at once.
 */
export class Registry {
  constructor(
    private readonly rows: HubRows,
    private readonly policy: FetchPolicy,
  ) {}

  list(): Promise<HubRow[]> {
    return this.rows.list();
  }

  get(id: string): Promise<HubRow | undefined> {
    return this.rows.get(id);
  }

  async approved(): Promise<HubRow[]> {
    return (await this.rows.list()).filter((hub) => hub.status === 'approved');
  }

  /**
   * Adds a hub by URL: its descriptor is fetched and its origin and keys pinned. It starts
   * pending: nothing is pulled before an operator approves it. The descriptor's own baseUrl
   * must be the URL it was fetched from, so a hub cannot claim another's address. Two
   * operators adding the same hub at once: the second insert is refused by the store's
   * unique id and URL, and said as the same conflict.
   */
  async add(urlText: string, now = Date.now()): Promise<HubRow> {
    const { baseUrl, descriptor } = await this.readDescriptor(urlText);
    await this.refuseTaken(descriptor.id, baseUrl);
    try {
      return await this.rows.insert({ id: descriptor.id, baseUrl, name: descriptor.name, region: descriptor.region, status: 'pending', descriptor: JSON.stringify(descriptor), addedAt: now });
    } catch (error) {
      await this.refuseTaken(descriptor.id, baseUrl);
      throw error;
    }
  }

  private async refuseTaken(id: string, baseUrl: string): Promise<void> {
    const sameId = await this.get(id);
    if (sameId !== undefined) throw new RegistryError('conflict', 'url', `hub ${id} is already registered (from ${sameId.baseUrl})`);
    const sameUrl = await this.byBaseUrl(baseUrl);
    if (sameUrl !== undefined) throw new RegistryError('conflict', 'url', `${baseUrl} is already registered as ${sameUrl.id}`);
  }

  private async byBaseUrl(baseUrl: string): Promise<HubRow | undefined> {
    return (await this.rows.list()).find((hub) => hub.baseUrl === baseUrl);
  }

  /** The descriptor at `urlText`, checked; its own baseUrl must be the URL it was fetched from, so a hub cannot claim another's address. */
  private async readDescriptor(urlText: string): Promise<{ baseUrl: string; descriptor: HubDescriptor }> {
    const baseUrl = normaliseBaseUrl(urlText);
    const descriptor = await fetchDescriptor(baseUrl, this.policy);
    if (descriptor.baseUrl.replace(/\/+$/, '') !== baseUrl) {
      throw new RegistryError('descriptor_invalid', 'descriptor.baseUrl', `the descriptor's baseUrl (${descriptor.baseUrl}) is not the URL it was fetched from (${baseUrl})`);
    }
    return { baseUrl, descriptor };
  }

  /** Fetches the descriptor again (after a key rotation) and pins its new keys; the id and URL must not change. */
  async refresh(id: string): Promise<HubRow> {
    const hub = await this.require(id);
    const descriptor = await fetchDescriptor(hub.baseUrl, this.policy);
    if (descriptor.id !== hub.id) throw new RegistryError('descriptor_invalid', 'descriptor.id', `the hub at ${hub.baseUrl} now says it is ${descriptor.id}, not ${hub.id}`);
    return this.update(id, { descriptor: JSON.stringify(descriptor), name: descriptor.name });
  }

  async approve(id: string, now = Date.now()): Promise<HubRow> {
    await this.require(id);
    return this.update(id, { status: 'approved', approvedAt: now, suspendedAt: null, suspendReason: null, consecutiveFailures: 0, breakerUntil: null });
  }

  /** Suspends a hub: its content leaves every national answer at once, and it is no longer pulled. */
  async suspend(id: string, now = Date.now(), reason: string | null = null): Promise<HubRow> {
    await this.require(id);
    return this.update(id, { status: 'suspended', suspendedAt: now, suspendReason: reason });
  }

  /**
   * What adding `urlText` would register, without registering it: the descriptor read and
   * checked as `add` does, and which hub already holds that id or URL, if any.
   */
  async preview(urlText: string): Promise<{ baseUrl: string; descriptor: HubDescriptor; registeredAs: string | null }> {
    const { baseUrl, descriptor } = await this.readDescriptor(urlText);
    const sameUrl = await this.byBaseUrl(baseUrl);
    return { baseUrl, descriptor, registeredAs: sameUrl?.id ?? (await this.get(descriptor.id))?.id ?? null };
  }

  /** Deletes the registry row; the caller first turns the hub's records into tombstones. */
  async delete(id: string): Promise<void> {
    await this.require(id);
    await this.rows.delete(id);
  }

  descriptorOf(hub: HubRow): HubDescriptor {
    return JSON.parse(hub.descriptor) as HubDescriptor;
  }

  async setStatusFields(id: string, values: Partial<HubRow>): Promise<void> {
    await this.rows.update(id, values);
  }

  private async update(id: string, values: Partial<HubRow>): Promise<HubRow> {
    const row = await this.rows.update(id, values);
    if (row === undefined) throw new RegistryError('not_found', 'id', `no hub ${id}`);
    return row;
  }

  private async require(id: string): Promise<HubRow> {
    const hub = await this.get(id);
    if (hub === undefined) throw new RegistryError('not_found', 'id', `no hub ${id}`);
    return hub;
  }
}

export type { HubStatus };
