import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { EventEmitter } from 'node:events';
import { eq } from 'drizzle-orm';
import { accentIssue, type HubSettingsInput, type Partner, type HubSettingsView, type SignupRole } from '@constellation/shared';
import { checkAddress } from '@constellation/shared/server';
import type { HubConfig } from '../config.ts';
import type { Store } from '../db/client.ts';
import { auditLog, hubSettings, type HubSettingsRow } from '../db/schema/index.ts';
import { BadRequestError } from '../errors.ts';
import type { Viewer } from './content.ts';

/** The settings in effect: an admin's overrides over the configuration's defaults. */
export interface EffectiveSettings {
  name: string;
  tagline?: string;
  mapStyle?: string;
  aggregatorUrls: string[];
  signupRole: SignupRole;
  accentColor?: string;
  logoUrl?: string;
  socialLinks: string[];
  partners: Partner[];
  updatedAt: string | null;
}

/** Sign-up makes contributors unless the operator says otherwise: everything they post is moderated. */
export const DEFAULT_SIGNUP_ROLE: SignupRole = 'contributor';

const sameUrls = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((url, index) => url === b[index]);

/**
 * The hub's operator-editable settings. Read on every /api/v1/config and sign-up, so the
 * effective set is kept in memory and rebuilt after each change; listeners (the notifier)
 * hear of a change after it commits.
 */
export class SettingsService {
  private cached: EffectiveSettings | undefined;
  private readonly events = new EventEmitter();

  constructor(
    private readonly store: Store,
    private readonly config: HubConfig,
  ) {}

  current(): EffectiveSettings {
    this.cached ??= this.effective(this.store.db.select().from(hubSettings).where(eq(hubSettings.id, 1)).get());
    return this.cached;
  }

  view(): HubSettingsView {
    const { config } = this;
    return {
      ...this.current(),
      defaults: {
        name: config.name,
        ...(config.mapStyle === undefined ? {} : { mapStyle: config.mapStyle }),
        aggregatorUrls: [...config.aggregatorUrls],
        signupRole: DEFAULT_SIGNUP_ROLE,
      },
    };
  }

  onChange(listener: (settings: EffectiveSettings) => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  /**
   * Replaces the settings, auditing what changed, in one transaction. A value equal to its
   * configured default is stored as "follow the configuration".
   */
  async update(input: HubSettingsInput, admin: Viewer): Promise<HubSettingsView> {
    await this.checkAggregatorUrls(input.aggregatorUrls);
    // An accent too light for text fails people with low vision on every link and button.
    const refused = input.accentColor === undefined ? undefined : accentIssue(input.accentColor);
    if (refused !== undefined) throw new BadRequestError(`accentColor ${refused}`, 'accentColor', [{ field: 'accentColor', message: refused }]);
    this.checkPartners(input.partners ?? []);
    const { config } = this;
    const before = this.current();
    const now = new Date().toISOString();
    const row = {
      id: 1,
      name: input.name === config.name ? null : input.name,
      tagline: input.tagline ?? null,
      mapStyle: input.mapStyle === undefined || input.mapStyle === config.mapStyle ? null : input.mapStyle,
      aggregatorUrls: sameUrls(input.aggregatorUrls, config.aggregatorUrls) ? null : input.aggregatorUrls,
      signupRole: input.signupRole === DEFAULT_SIGNUP_ROLE ? null : input.signupRole,
      accentColor: input.accentColor?.toLowerCase() ?? null,
      logoUrl: input.logoUrl ?? null,
      socialLinks: input.socialLinks === undefined || input.socialLinks.length === 0 ? null : input.socialLinks,
      partners: input.partners === undefined || input.partners.length === 0 ? null : input.partners,
      updatedAt: now,
      updatedBy: admin.id,
    };
    const after = this.effective(row);
    this.store.immediate((tx) => {
      tx.insert(hubSettings).values(row).onConflictDoUpdate({ target: hubSettings.id, set: row }).run();
      tx.insert(auditLog).values({ at: now, userId: admin.id, action: 'update-settings', targetType: 'hub', targetId: config.hubId, details: { changed: changes(before, after) } }).run();
    });
    this.cached = after;
    this.store.afterCommit(() => this.events.emit('change', after));
    return this.view();
  }

  private effective(row: HubSettingsRow | undefined): EffectiveSettings {
    const { config } = this;
    const mapStyle = row?.mapStyle ?? config.mapStyle;
    const tagline = row?.tagline ?? undefined;
    return {
      name: row?.name ?? config.name,
      ...(tagline === undefined ? {} : { tagline }),
      ...(mapStyle === undefined ? {} : { mapStyle }),
      aggregatorUrls: [...(row?.aggregatorUrls ?? config.aggregatorUrls)],
      signupRole: row?.signupRole ?? DEFAULT_SIGNUP_ROLE,
      ...(row?.accentColor === null || row?.accentColor === undefined ? {} : { accentColor: row.accentColor }),
      ...(row?.logoUrl === null || row?.logoUrl === undefined ? {} : { logoUrl: row.logoUrl }),
      socialLinks: [...(row?.socialLinks ?? [])],
      partners: [...(row?.partners ?? [])],
      updatedAt: row?.updatedAt ?? null,
    };
  }

  /**
   * A partner's logo is shown on every page: it must be an image uploaded to this hub (its
   * media pipeline re-encoded it and dropped its metadata), never a picture hot-linked from
   * elsewhere; and one partner is listed once.
   */
  private checkPartners(partners: readonly Partner[]): void {
    const media = `${this.config.baseUrl.replace(/\/$/, '')}/media/`;
    const seen = new Set<string>();
    for (const [index, partner] of partners.entries()) {
      const field = `partners.${index}`;
      if (!partner.logoUrl.startsWith(media)) throw new BadRequestError(`${field}.logoUrl must be an image uploaded to this hub (POST /api/v1/media)`, `${field}.logoUrl`);
      if (seen.has(partner.url)) throw new BadRequestError(`${field}.url is already listed`, `${field}.url`);
      seen.add(partner.url);
    }
  }

  /**
   * An aggregator URL set through the API is fetched by the notifier from this server's
   * network, so one that is not in the operator's configuration must resolve to public
   * addresses only (unless allowPrivateNetwork): an admin account must not be a way to
   * make the hub POST into its own network.
   */
  private async checkAggregatorUrls(urls: readonly string[]): Promise<void> {
    if (this.config.allowPrivateNetwork) return;
    for (const [index, url] of urls.entries()) {
      if (this.config.aggregatorUrls.includes(url)) continue;
      const field = `aggregatorUrls.${index}`;
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      let addresses: string[];
      try {
        addresses = isIP(host) !== 0 ? [host] : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
      } catch {
        throw new BadRequestError(`${field}: ${host} does not resolve`, field);
      }
      for (const address of addresses) {
        const verdict = checkAddress(address);
        if (!verdict.allowed) throw new BadRequestError(`${field}: ${host} is at ${address} (${verdict.range}), which this hub does not send to`, field);
      }
    }
  }
}

/** What an update changed, field by field, for the audit log. */
function changes(before: EffectiveSettings, after: EffectiveSettings): Record<string, { from: unknown; to: unknown }> {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['name', 'tagline', 'mapStyle', 'aggregatorUrls', 'signupRole', 'accentColor', 'logoUrl', 'socialLinks', 'partners'] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changed;
}
