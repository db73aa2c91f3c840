/**
 * Reading the API's JSON without trusting its shape blindly: each reader takes what it
 * knows and skips what it does not, so a field added or renamed on the server side is
 * fixed here, in one place. Remote text is only ever rendered as text.
 */
import type { CampaignDetail, CampaignSummary, DirectoryPoint, EventDetail, HubHealth, LiveChange, ListItem, MapItem, NationalEvent, Occurrence, Page, SiteConfig } from './types.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The object without its undefined fields (optional fields are absent, not undefined). */
function defined<Shape extends object>(shape: Shape): Shape {
  return Object.fromEntries(Object.entries(shape).filter(([, value]) => value !== undefined)) as Shape;
}

function occurrence(value: unknown): Occurrence | undefined {
  if (!isObject(value)) return undefined;
  const start = text(value['start']);
  const end = text(value['end']) ?? start;
  return start === undefined || end === undefined ? undefined : { start, end };
}

/**
 * The event with where it comes from: the national API gives `provenance` next to the
 * event (hubName, syncedAt, sources); the web keeps them on the event it shows.
 */
function nationalEvent(value: unknown, provenance?: unknown): NationalEvent | undefined {
  if (!isObject(value) || typeof value['id'] !== 'string' || typeof value['hub'] !== 'string' || typeof value['title'] !== 'string') return undefined;
  if (!isObject(provenance)) return value as unknown as NationalEvent;
  const sources = Array.isArray(provenance['sources']) ? provenance['sources'].filter(isObject).flatMap((source) => (typeof source['hub'] === 'string' && typeof source['url'] === 'string' ? [defined({ hub: source['hub'], url: source['url'], hubName: text(source['hubName']), id: text(source['id']) })] : [])) : undefined;
  // Only a path on this site: the national site shows no picture from anywhere else.
  const thumbnail = text(provenance['thumbnail']);
  return { ...(value as unknown as NationalEvent), ...defined({ hubName: text(provenance['hubName']), syncedAt: text(provenance['syncedAt']), sources, thumbnail: thumbnail?.startsWith('/media/thumbnails/') === true ? thumbnail : undefined }) };
}

export function decodePage(body: unknown): Page<ListItem> {
  if (!isObject(body) || !Array.isArray(body['items'])) throw new TypeError('the events page has no items');
  const items: ListItem[] = [];
  for (const raw of body['items']) {
    if (!isObject(raw)) continue;
    const event = nationalEvent(raw['event'], raw['provenance']);
    const when = occurrence(raw['occurrence']);
    if (event !== undefined && when !== undefined) items.push({ event, occurrence: when });
  }
  return { items, next: text(body['next']) ?? null };
}

/** The detail answer: `{ event, occurrences? }`, or the event itself with its provenance. */
export function decodeDetail(body: unknown): EventDetail {
  const root = isObject(body) && isObject(body['event']) ? body['event'] : body;
  const event = nationalEvent(root, isObject(body) ? body['provenance'] : undefined);
  if (event === undefined) throw new TypeError('the event detail has no event');
  const list = isObject(body) && Array.isArray(body['occurrences']) ? body['occurrences'] : [];
  const occurrences = list.map(occurrence).filter((item): item is Occurrence => item !== undefined);
  if (occurrences.length === 0) for (const timing of event.timings ?? []) occurrences.push({ start: timing.start, end: timing.end });
  return { event, occurrences, ...(isObject(body) && body['more'] === true ? { more: true } : {}) };
}

function mapItem(raw: unknown): MapItem | undefined {
  if (!isObject(raw)) return undefined;
  const lat = number(raw['lat']);
  const lon = number(raw['lon']);
  if (lat === undefined || lon === undefined) return undefined;
  const count = number(raw['count']);
  const hub = text(raw['hub']);
  const id = text(raw['id']);
  if ((raw['kind'] === 'cluster' || raw['type'] === 'cluster' || (count !== undefined && count > 1)) && count !== undefined) {
    const box = raw['bbox'];
    const bbox = Array.isArray(box) && box.length === 4 && box.every((value) => typeof value === 'number' && Number.isFinite(value)) ? (box as [number, number, number, number]) : undefined;
    const rawUmbrella = isObject(raw['umbrella']) ? raw['umbrella'] : undefined;
    const umbrellaHub = text(rawUmbrella?.['hub']);
    const umbrellaId = text(rawUmbrella?.['id']);
    const umbrella = umbrellaHub === undefined || umbrellaId === undefined ? undefined : defined({ hub: umbrellaHub, id: umbrellaId, title: text(rawUmbrella?.['title']) ?? '', placeName: text(rawUmbrella?.['placeName']) });
    return defined({ kind: 'cluster' as const, lat, lon, count, expansionZoom: number(raw['expansionZoom']), bbox, sameSpot: raw['expansionZoom'] === null ? (true as const) : undefined, umbrella });
  }
  if (hub === undefined || id === undefined) return undefined;
  return defined({
    kind: 'event' as const,
    lat,
    lon,
    hub,
    id,
    title: text(raw['title']) ?? '',
    placeName: text(raw['placeName']),
    hubName: text(raw['hubName']),
    start: text(raw['start']),
    end: text(raw['end']),
    timeZone: text(raw['timeZone']),
    url: text(raw['url']),
  });
}

/** Clusters and single events: `{ items }`, `{ clusters, points }` or a bare array. */
export function decodeMapItems(body: unknown): MapItem[] {
  const lists: unknown[][] = [];
  if (Array.isArray(body)) lists.push(body);
  else if (isObject(body)) for (const key of ['items', 'clusters', 'points', 'events']) if (Array.isArray(body[key])) lists.push(body[key]);
  return lists.flat().map(mapItem).filter((item): item is MapItem => item !== undefined);
}

export function decodeHubs(body: unknown): HubHealth[] {
  const list = Array.isArray(body) ? body : isObject(body) && Array.isArray(body['items']) ? body['items'] : isObject(body) && Array.isArray(body['hubs']) ? body['hubs'] : [];
  const hubs: HubHealth[] = [];
  for (const raw of list) {
    if (!isObject(raw) || typeof raw['id'] !== 'string') continue;
    const health = isObject(raw['health']) ? raw['health'] : raw;
    hubs.push(
      defined({
        id: raw['id'],
        name: text(raw['name']) ?? raw['id'],
        region: text(raw['region']),
        status: text(raw['status']),
        baseUrl: text(raw['baseUrl']) ?? text(raw['origin']) ?? text(raw['url']),
        lastSyncAt: text(health['lastSyncAt']) ?? text(health['lastSuccessAt']) ?? text(health['lastPullAt']),
        lagSeconds: number(health['lagSeconds']) ?? (number(health['lagMs']) === undefined ? undefined : (number(health['lagMs']) ?? 0) / 1000),
        events: number(raw['events']) ?? number(health['events']) ?? (isObject(raw['counts']) ? number(raw['counts']['events']) : undefined),
        lastError: text(health['lastError']),
      }),
    );
  }
  return hubs;
}

export function decodeConfig(body: unknown): SiteConfig {
  if (!isObject(body)) return { mode: 'national' };
  return defined({
    mode: body['mode'] === 'regional' ? ('regional' as const) : ('national' as const),
    name: text(body['name']),
    hubId: text(body['hubId']),
    region: text(body['region']),
    mapStyle: text(body['mapStyle']),
    tagline: text(body['tagline']),
    baseUrl: text(body['baseUrl']),
    // Only a plain colour reaches the page's style sheet.
    accentColor: /^#[0-9a-f]{6}$/i.test(text(body['accentColor']) ?? '') ? text(body['accentColor']) : undefined,
    logoUrl: text(body['logoUrl']),
    socialLinks: Array.isArray(body['socialLinks']) ? body['socialLinks'].filter((link): link is string => typeof link === 'string') : undefined,
    partners: Array.isArray(body['partners'])
      ? body['partners'].flatMap((partner) => {
          if (!isObject(partner)) return [];
          const name = text(partner['name']);
          const url = text(partner['url']);
          const logoUrl = text(partner['logoUrl']);
          return name === undefined || url === undefined || logoUrl === undefined ? [] : [{ name, url, logoUrl }];
        })
      : undefined,
  });
}

/** One Server-Sent Event of the live stream, or undefined for one the web does not use. */
export function decodeLiveChange(kind: string, seq: string, data: string): LiveChange | undefined {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isObject(body) || typeof body['hub'] !== 'string' || typeof body['id'] !== 'string') return undefined;
  const base = { seq, hub: body['hub'], id: body['id'], type: text(body['type']) ?? 'event' };
  if (kind === 'delete') return defined({ op: 'delete' as const, ...base, reason: text(body['reason']) });
  if (kind !== 'upsert') return undefined;
  return defined({
    op: 'upsert' as const,
    ...base,
    title: text(body['title']),
    start: text(body['start']),
    end: text(body['end']),
    lat: body['lat'] === null ? null : number(body['lat']),
    lon: body['lon'] === null ? null : number(body['lon']),
    listed: typeof body['listed'] === 'boolean' ? body['listed'] : undefined,
    url: text(body['url']),
  });
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A campaign, or undefined when the answer lacks what the page shows (slug, name, days). */
function campaign(value: unknown): CampaignSummary | undefined {
  if (!isObject(value)) return undefined;
  const slug = text(value['slug']);
  const name = text(value['name']);
  const startDate = text(value['startDate']);
  const endDate = text(value['endDate']);
  if (slug === undefined || name === undefined || startDate === undefined || endDate === undefined || !DAY.test(startDate) || !DAY.test(endDate)) return undefined;
  const logo = isObject(value['logo']) && typeof value['logo']['url'] === 'string' ? defined({ url: value['logo']['url'], alt: text(value['logo']['alt']) }) : undefined;
  const regions = Array.isArray(value['regions']) ? value['regions'].filter((region): region is string => typeof region === 'string') : [];
  return defined({ slug, name, startDate, endDate, description: text(value['description']), logo, regions, url: text(value['url']) });
}

export function decodeCampaigns(body: unknown): CampaignSummary[] {
  if (!isObject(body) || !Array.isArray(body['items'])) throw new TypeError('the campaign list has no items');
  return body['items'].flatMap((item) => {
    const decoded = campaign(item);
    return decoded === undefined ? [] : [decoded];
  });
}

function tally(value: unknown): Record<string, number> {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => number(entry[1]) !== undefined));
}

export function decodeCampaignDetail(body: unknown): CampaignDetail {
  const decoded = isObject(body) ? campaign(body['campaign']) : undefined;
  if (decoded === undefined || !isObject(body)) throw new TypeError('the answer names no campaign');
  const counts = isObject(body['counts']) ? body['counts'] : {};
  return { campaign: decoded, counts: { total: number(counts['total']) ?? 0, byRegion: tally(counts['byRegion']), byFormat: tally(counts['byFormat']) } };
}

/** The national map's places and projects; an item lacking what the map needs is skipped. */
export function decodePoints(body: unknown): DirectoryPoint[] {
  if (!isObject(body) || !Array.isArray(body['items'])) throw new TypeError('the points answer has no items');
  return body['items'].flatMap((value): DirectoryPoint[] => {
    if (!isObject(value)) return [];
    const type = value['type'];
    const hub = text(value['hub']);
    const id = text(value['id']);
    const lat = number(value['lat']);
    const lon = number(value['lon']);
    const url = text(value['url']);
    if ((type !== 'place' && type !== 'project') || hub === undefined || id === undefined || lat === undefined || lon === undefined || url === undefined || !/^https?:\/\//.test(url)) return [];
    return [defined({ type, hub, id, title: text(value['title']) ?? '', lat, lon, kind: text(value['kind']) ?? '', commune: text(value['commune']), url })];
  });
}
