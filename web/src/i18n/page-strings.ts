import type { Locale } from '@constellation/shared';

type Words = Record<string, string>;

/**
 * The tables of pages that load on first use (the portal, the contribution forms, the
 * console): each adds itself here when a module using its words is imported, so a page's
 * words travel in its own chunk. The core tables are in strings.ts.
 */
export const PAGE_STRINGS: Record<Locale, Words> = { fr: {}, en: {} };

export function addStrings(table: Record<Locale, Words>): void {
  Object.assign(PAGE_STRINGS.fr, table.fr);
  Object.assign(PAGE_STRINGS.en, table.en);
}
