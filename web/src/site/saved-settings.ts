/**
 * The hub's settings as an admin last saved them in this page's life. The shell started
 * from /api/v1/config as the page loaded; once the settings tab saves, the header, the
 * footer (name, logo, social links, partners) and the accent follow at once, not only
 * after a reload.
 */
import { signal } from '@preact/signals';
import type { HubSettingsView } from '@constellation/shared';
import type { SiteConfig } from '../api/types.ts';

export const savedSettings = signal<HubSettingsView | undefined>(undefined);

/** The page's config with what was saved since over it: a field the admin emptied is gone. */
export function withSavedSettings(config: SiteConfig, saved: HubSettingsView | undefined): SiteConfig {
  if (saved === undefined || config.mode !== 'regional') return config;
  const { tagline: _tagline, mapStyle: _mapStyle, accentColor: _accentColor, logoUrl: _logoUrl, socialLinks: _socialLinks, partners: _partners, ...kept } = config;
  return {
    ...kept,
    name: saved.name,
    ...(saved.tagline === undefined ? {} : { tagline: saved.tagline }),
    ...(saved.mapStyle === undefined ? {} : { mapStyle: saved.mapStyle }),
    ...(saved.accentColor === undefined ? {} : { accentColor: saved.accentColor }),
    ...(saved.logoUrl === undefined ? {} : { logoUrl: saved.logoUrl }),
    ...(saved.socialLinks === undefined || saved.socialLinks.length === 0 ? {} : { socialLinks: [...saved.socialLinks] }),
    ...(saved.partners.length === 0 ? {} : { partners: saved.partners.map((partner) => ({ ...partner })) }),
  };
}
