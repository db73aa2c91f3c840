import { createHash } from 'node:crypto';

/** The hash in a thumbnail's name: of the hub's image URL, which changes when the image does. */
export function thumbnailKey(imageUrl: string): string {
  return createHash('sha256').update(imageUrl).digest('hex').slice(0, 16);
}

function sameOrigin(url: string, base: string): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

/**
 * Where the national site serves an event's picture, when it can make one: only for an
 * image on the event's own hub (the one origin the aggregator has approved to fetch from).
 */
export function thumbnailPath(hub: string, id: string, imageUrl: string, hubBaseUrl: string | undefined): string | undefined {
  if (hubBaseUrl === undefined || !sameOrigin(imageUrl, hubBaseUrl)) return undefined;
  return `/media/thumbnails/${encodeURIComponent(hub)}/${encodeURIComponent(id)}-${thumbnailKey(imageUrl)}.webp`;
}

export { sameOrigin };
