import type { Location } from '@constellation/shared';
import { markdownToText } from '@constellation/shared/server';
import { CandidateList, type ParsedImport } from './candidates.ts';
import { multiLine, oneLine, placeFromText } from './text.ts';

/*
 * An ActivityPub `Event` from another server (Mobilizon, Gancio, another hub, any server
 * following FEP-8a8e) mapped onto the contract, as an import candidate: the import path
 * then validates it, matches it by the object's id and sends it through moderation.
 *
 * Shapes read: Mobilizon (location Place with a schema.org PostalAddress, `geo` or
 * latitude/longitude, `timezone`, `ical:status`, Document/Image attachments) and Gancio
 * (location Place with `address` as one line, latitude/longitude, online places as Link
 * attachments, a Document image, `#tag` hashtags).
 */

export interface ApEventOptions {
  actorId: string;
  /** When the object names no valid zone: the hub's region's. */
  defaultTimeZone: string;
}

const record = (value: unknown): Record<string, unknown> | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const num = (value: unknown): number | undefined => {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
};
const httpUrl = (value: unknown): string | undefined => {
  const text = str(value) ?? str(record(value)?.href);
  if (text === undefined) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
};

/** RFC 3339 in UTC with whole seconds, as the contract's timings take it. */
function instant(value: unknown): string | undefined {
  const text = str(value);
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return undefined;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function validZone(value: unknown): string | undefined {
  const zone = str(value);
  if (zone === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** Text from HTML (both servers send HTML): paragraphs kept, markup dropped. */
function textOf(html: unknown): string | undefined {
  const source = str(html);
  return source === undefined ? undefined : multiLine(markdownToText(source));
}

function placeOf(location: Record<string, unknown>): Location | undefined {
  const place: Location = {};
  const name = oneLine(str(location.name));
  const address = location.address;
  if (typeof address === 'string') Object.assign(place, placeFromText(name === undefined ? address : `${name}, ${address}`));
  else if (name !== undefined) place.name = name;
  const postal = record(address);
  if (postal !== undefined) {
    const street = oneLine(str(postal.streetAddress));
    if (street !== undefined) place.address = street;
    const code = str(postal.postalCode);
    if (code !== undefined && /^\d{5}$/.test(code)) place.postalCode = code;
    const locality = oneLine(str(postal.addressLocality));
    if (locality !== undefined) place.commune = locality;
  }
  const geo = record(location.geo);
  const lat = num(location.latitude) ?? num(geo?.latitude);
  const lon = num(location.longitude) ?? num(geo?.longitude);
  if (lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
    place.lat = lat;
    place.lon = lon;
  }
  if (place.name !== undefined && place.name.length > 200) place.name = place.name.slice(0, 200);
  return Object.keys(place).length === 0 ? undefined : place;
}

/** "Publié d'abord sur mobilizon.example": the origin, shown and linked under the description. */
function originLine(url: string | undefined, id: string): string {
  const link = url ?? id;
  return `Publié d’abord sur [${new URL(link).host}](${link}).`;
}

/** Maps one remote Event object; the list holds it as a candidate or says why it was refused. */
export function parseApEvent(object: Record<string, unknown>, options: ApEventOptions): ParsedImport {
  const candidates = new CandidateList('activitypub');
  const id = str(object.id);
  const title = oneLine(str(object.name));
  candidates.add(0, id, title, () => {
    const start = instant(object.startTime);
    if (start === undefined) throw new Error('startTime is missing or not a date');
    const end = instant(object.endTime) ?? new Date(Date.parse(start) + 2 * 3_600_000).toISOString().replace('.000Z', 'Z');
    const places = list(object.location).map(record).filter((item) => item !== undefined);
    const physical = places.find((item) => item.type !== 'VirtualLocation');
    const place = physical === undefined ? undefined : placeOf(physical);
    // Online: a VirtualLocation (FEP-8a8e), or Gancio's online places as Link attachments.
    const online = places.filter((item) => item.type === 'VirtualLocation').map((item) => httpUrl(item.url)).find((url) => url !== undefined)
      ?? list(object.attachment).map(record).filter((item) => item?.type === 'Link').map((item) => httpUrl(item?.href)).find((url) => url !== undefined);
    const image = list(object.attachment).map(record).find((item) => (item?.type === 'Image' || item?.type === 'Document') && /^image\//.test(str(item.mediaType) ?? 'image/'));
    const imageUrl = httpUrl(image?.url);
    const keywords = [...new Set(list(object.tag).map(record).filter((item) => item?.type === 'Hashtag').map((item) => str(item?.name)?.replace(/^#/, '')).filter((tag): tag is string => tag !== undefined && tag.length <= 50))].slice(0, 20);
    const summary = textOf(object.summary);
    const description = [textOf(object.content), originLine(httpUrl(object.url), id as string)].filter((part) => part !== undefined).join('\n\n');
    const status = str(object['ical:status'])?.toUpperCase();
    return {
      actorId: options.actorId,
      title,
      ...(summary === undefined ? {} : { summary: oneLine(summary)?.slice(0, 500) }),
      description: description.slice(0, 20_000),
      timeZone: validZone(object.timezone) ?? options.defaultTimeZone,
      timings: [{ start, end }],
      attendanceMode: place === undefined ? 'online' : online === undefined ? 'in-person' : 'mixed',
      ...(place === undefined ? {} : { place }),
      ...(online === undefined ? {} : { onlineUrl: online }),
      format: 'other',
      ...(imageUrl === undefined ? {} : { image: { url: imageUrl, ...(str(image?.name) === undefined ? {} : { alt: oneLine(str(image?.name))?.slice(0, 300) }) } }),
      ...(keywords.length === 0 ? {} : { keywords }),
      ...(status === 'CANCELLED' ? { eventStatus: 'cancelled' } : status === 'TENTATIVE' ? { eventStatus: 'postponed' } : {}),
    };
  });
  return { kind: 'activitypub', candidates: candidates.candidates, rejected: candidates.rejected };
}
