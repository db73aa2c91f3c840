import type { Location } from '@constellation/shared';
import { imageOf, summaryOf, titleOf, type TypedItem } from '../portal/content-item.ts';

/**
 * A portal item as schema.org JSON-LD, for search engines and link previews: an article
 * is an Article, an actor an Organization, a place to visit a Place, the rest a
 * CreativeWork. Only public fields; its URL is its page on its hub.
 */
function postal(location: Location | undefined): Record<string, unknown> | undefined {
  if (location === undefined) return undefined;
  const address = {
    '@type': 'PostalAddress',
    ...(location.address === undefined ? {} : { streetAddress: location.address }),
    ...(location.postalCode === undefined ? {} : { postalCode: location.postalCode }),
    ...(location.commune === undefined ? {} : { addressLocality: location.commune }),
    addressCountry: 'FR',
  };
  const geo = location.lat === undefined || location.lon === undefined ? {} : { geo: { '@type': 'GeoCoordinates', latitude: location.lat, longitude: location.lon } };
  return { address, ...geo };
}

export function contentJsonLd(entry: TypedItem): Record<string, unknown> {
  const { item } = entry;
  const image = imageOf(entry);
  const summary = summaryOf(entry);
  const common = {
    '@context': 'https://schema.org',
    url: item.url,
    ...(summary === undefined ? {} : { description: summary }),
    ...(image === undefined ? {} : { image: image.url }),
  };
  switch (entry.type) {
    case 'article':
      return { ...common, '@type': 'Article', headline: titleOf(entry), datePublished: entry.item.publishedAt, dateModified: entry.item.updatedAt, ...(entry.item.keywords === undefined ? {} : { keywords: entry.item.keywords.join(', ') }) };
    case 'actor':
      return { ...common, '@type': 'Organization', name: entry.item.name, ...(entry.item.website === undefined ? {} : { sameAs: [entry.item.website] }), ...(postal(entry.item.location) ?? {}) };
    case 'place':
      return { ...common, '@type': 'Place', name: entry.item.name, ...(postal(entry.item.location) ?? {}) };
    default:
      return { ...common, '@type': 'CreativeWork', name: titleOf(entry), dateModified: item.updatedAt };
  }
}
