import { eq, inArray } from 'drizzle-orm';
import type { Store } from '../db/client.ts';
import { apBlockedDomains, apFollowers } from '../db/schema/index.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.ts';
import type { Viewer } from '../services/content.ts';

export interface BlockedDomainView {
  domain: string;
  /** config: set in HUB_BLOCKED_DOMAINS (changed there only); operator: added in the console. */
  source: 'config' | 'operator';
  addedBy: string | null;
  createdAt: string | null;
}

const normalise = (domain: string) => domain.trim().toLowerCase().replace(/^\.+/, '');

/** `mastodon.example`, `https://spam.example/` → the bare name, or a 400 naming the field. */
export function normaliseDomain(value: string): string {
  const bare = normalise(value.replace(/^\s*https?:\/\//i, '').replace(/[/:].*$/, ''));
  if (bare.length > 253 || !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(bare)) throw new BadRequestError('domain must be a domain name such as spam.example', 'domain');
  return bare;
}

/**
 * The blocked domains: the configured ones and those the operator adds in the console.
 * Checked on every fetch, delivery and inbox request, so the list is held in memory and
 * read again only when the operator changes it. Blocking a domain also forgets its
 * followers (as Mastodon's domain blocks do); pending deliveries to it are dropped when
 * their turn comes.
 */
export class BlockedDomains {
  private readonly configured: string[];
  private operator: string[];

  constructor(
    private readonly store: Store,
    configured: readonly string[],
  ) {
    this.configured = configured.map(normalise);
    this.operator = this.read();
  }

  isBlocked(host: string): boolean {
    const lower = host.toLowerCase();
    const hit = (domain: string) => lower === domain || lower.endsWith(`.${domain}`);
    return this.configured.some(hit) || this.operator.some(hit);
  }

  list(): BlockedDomainView[] {
    const rows = this.store.db.select().from(apBlockedDomains).orderBy(apBlockedDomains.domain).all();
    return [...this.configured.map((domain): BlockedDomainView => ({ domain, source: 'config', addedBy: null, createdAt: null })), ...rows.filter((row) => !this.configured.includes(row.domain)).map((row): BlockedDomainView => ({ ...row, source: 'operator' }))];
  }

  block(value: string, by: Viewer): BlockedDomainView {
    const domain = normaliseDomain(value);
    if (this.configured.includes(domain)) throw new ConflictError(`${domain} is already blocked by the configuration`, 'domain');
    const row = { domain, addedBy: by.id, createdAt: new Date().toISOString() };
    this.store.immediate((tx) => {
      const inserted = tx.insert(apBlockedDomains).values(row).onConflictDoNothing().run();
      if (inserted.changes === 0) throw new ConflictError(`${domain} is already blocked`, 'domain');
      const hit = (id: string) => {
        try {
          const host = new URL(id).hostname.toLowerCase();
          return host === domain || host.endsWith(`.${domain}`);
        } catch {
          return false;
        }
      };
      const gone = tx.select({ followerId: apFollowers.followerId }).from(apFollowers).all().map((follower) => follower.followerId).filter(hit);
      if (gone.length > 0) tx.delete(apFollowers).where(inArray(apFollowers.followerId, gone)).run();
    });
    this.operator = this.read();
    return { ...row, source: 'operator' };
  }

  unblock(value: string): void {
    const domain = normaliseDomain(value);
    if (this.configured.includes(domain)) throw new ConflictError(`${domain} is blocked by the configuration (HUB_BLOCKED_DOMAINS): change it there`, 'domain');
    const removed = this.store.db.delete(apBlockedDomains).where(eq(apBlockedDomains.domain, domain)).run();
    if (removed.changes === 0) throw new NotFoundError('blocked domain', 'domain');
    this.operator = this.read();
  }

  private read(): string[] {
    return this.store.db.select({ domain: apBlockedDomains.domain }).from(apBlockedDomains).all().map((row) => row.domain);
  }
}
