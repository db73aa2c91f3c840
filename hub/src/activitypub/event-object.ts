import { disciplines, type ArticlePublic, type Discipline, type EventPublic } from '@constellation/shared';
import { escapeHtml, frenchWhen, markdownToHtml, occurrencesBetween, placeLine, safeUrl, statusNote, type Occurrence } from '@constellation/shared/server';
import { AS_PUBLIC, objectUri, type ApSite } from './uris.ts';

/*
 * Events and articles as ActivityPub objects. Events follow FEP-8a8e where it is settled
 * (name, startTime, endTime, timezone, location as Place or VirtualLocation, attachment,
 * url, tags), with the schema.org address terms Mobilizon and Gancio use. Mastodon shows
 * an Event's name, summary and link only, so the summary says date, time and place in
 * words, in French (the hubs' language).
 */

export const OBJECT_CONTEXT = [
  'https://www.w3.org/ns/activitystreams',
  {
    sc: 'http://schema.org#',
    mz: 'https://joinmobilizon.org/ns#',
    ical: 'http://www.w3.org/2002/12/cal/ical#',
    Hashtag: 'as:Hashtag',
    PostalAddress: 'sc:PostalAddress',
    address: { '@id': 'sc:address', '@type': 'sc:PostalAddress' },
    streetAddress: 'sc:streetAddress',
    postalCode: 'sc:postalCode',
    addressLocality: 'sc:addressLocality',
    addressCountry: 'sc:addressCountry',
    VirtualLocation: 'sc:VirtualLocation',
    timezone: { '@id': 'mz:timezone', '@type': 'sc:Text' },
  },
] as const;

/** How many coming dates a recurring event's summary names. */
const NEXT_DATES = 3;
const FAR = 8_640_000_000_000_000;

const ICAL_STATUS: Record<EventPublic['eventStatus'], string> = { scheduled: 'CONFIRMED', cancelled: 'CANCELLED', postponed: 'TENTATIVE', full: 'CONFIRMED' };

/** "#SciencesDeLaVie": a label as a hashtag Mastodon links (letters and digits only). */
export function hashtagOf(label: string): string {
  const words = label.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  return `#${words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')}`;
}

function tags(site: ApSite, list: readonly Discipline[] | undefined, keywords: readonly string[] | undefined, path: string) {
  const fromDisciplines = (list ?? []).map((value) => ({ type: 'Hashtag', name: hashtagOf(disciplines.label(value, 'fr')), href: `${site.baseUrl}/${path}?discipline=${value}` }));
  const fromKeywords = (keywords ?? []).map((keyword) => ({ type: 'Hashtag', name: hashtagOf(keyword), href: `${site.baseUrl}/${path}?q=${encodeURIComponent(keyword)}` }));
  const seen = new Set<string>();
  return [...fromDisciplines, ...fromKeywords].filter((tag) => tag.name.length > 1 && !seen.has(tag.name.toLowerCase()) && seen.add(tag.name.toLowerCase()));
}

const IMAGE_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', avif: 'image/avif' };

function imageAttachment(image: { url: string; alt?: string | undefined } | undefined) {
  if (image === undefined) return [];
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(image.url).pathname)?.[1]?.toLowerCase();
  const mediaType = extension === undefined ? undefined : IMAGE_TYPES[extension];
  return [{ type: 'Image', url: image.url, ...(mediaType === undefined ? {} : { mediaType }), ...(image.alt === undefined ? {} : { name: image.alt }) }];
}

/** The dates a reader needs: every timing, or a recurring event's next few. */
export function eventDates(event: EventPublic, now: number): { dates: Occurrence[]; next: Occurrence | undefined; recurring: boolean } {
  const recurring = event.recurrence !== undefined;
  const coming = occurrencesBetween(event, now, FAR, recurring ? NEXT_DATES : 50);
  const all = recurring ? coming : occurrencesBetween(event, -FAR, FAR, 50);
  const next = coming[0] ?? all[all.length - 1] ?? occurrencesBetween(event, -FAR, FAR, 1)[0];
  return { dates: recurring ? coming : all, next, recurring };
}

/** "Quand" in words: one date, a few dates, or "Prochaines dates : ..." for a recurring event. */
export function whenInWords(event: EventPublic, now: number): string {
  const { dates, recurring } = eventDates(event, now);
  const words = dates.map((date) => frenchWhen(date.start, date.end, event.timeZone, event.allDay === true));
  if (recurring) return words.length === 0 ? 'Événement récurrent : toutes les dates sont passées' : `Événement récurrent. Prochaines dates : ${words.join(' ; ')}`;
  if (words.length <= 3) return words.join(' ; ');
  return `${words.slice(0, 3).join(' ; ')} (et ${words.length - 3} autres dates)`;
}

function location(event: EventPublic) {
  const places: Record<string, unknown>[] = [];
  const place = event.place;
  if (event.attendanceMode !== 'online' && place !== undefined) {
    const address = {
      type: 'PostalAddress',
      ...(place.address === undefined ? {} : { streetAddress: place.address }),
      ...(place.postalCode === undefined ? {} : { postalCode: place.postalCode }),
      ...(place.commune === undefined ? {} : { addressLocality: place.commune }),
      addressCountry: 'FR',
    };
    places.push({
      type: 'Place',
      name: place.name ?? place.commune ?? place.address ?? 'Lieu',
      address,
      ...(place.lat === undefined || place.lon === undefined ? {} : { latitude: place.lat, longitude: place.lon }),
    });
  }
  if (event.attendanceMode !== 'in-person' && event.onlineUrl !== undefined) places.push({ type: 'VirtualLocation', url: event.onlineUrl });
  return places.length === 1 ? places[0] : places;
}

/** The event as an ActivityPub `Event`, attributed to `actorUri`. */
export function eventObject(event: EventPublic, site: ApSite, actorUri: string, now = Date.now()): Record<string, unknown> {
  const { next } = eventDates(event, now);
  const when = whenInWords(event, now);
  const where = placeLine(event);
  const note = statusNote(event);
  const summaryParts = [note === undefined ? undefined : note.toUpperCase(), when, where, event.summary].filter((part): part is string => part !== undefined && part !== '');
  const link = safeUrl(event.url);
  const content = [
    note === undefined ? '' : `<p><strong>${escapeHtml(note)}</strong></p>`,
    `<p>📅 ${escapeHtml(when)}<br>📍 ${escapeHtml(where)}</p>`,
    event.summary === undefined ? '' : `<p>${escapeHtml(event.summary)}</p>`,
    event.description === undefined ? '' : markdownToHtml(event.description),
    link === undefined ? '' : `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
  ].join('');
  return {
    id: objectUri(site, 'event', event.id),
    type: 'Event',
    name: event.title,
    summary: escapeHtml(summaryParts.join(' · ')),
    content,
    mediaType: 'text/html',
    url: event.url,
    attributedTo: actorUri,
    to: [AS_PUBLIC],
    cc: [`${actorUri}/followers`],
    published: event.createdAt,
    updated: event.updatedAt,
    ...(next === undefined ? {} : { startTime: new Date(next.start).toISOString(), endTime: new Date(next.end).toISOString() }),
    timezone: event.timeZone,
    'ical:status': ICAL_STATUS[event.eventStatus],
    location: location(event),
    attachment: imageAttachment(event.image),
    tag: tags(site, event.disciplines, event.keywords, 'events'),
  };
}

/** An article as an ActivityPub `Article`. */
export function articleObject(article: ArticlePublic, site: ApSite, actorUri: string): Record<string, unknown> {
  const link = safeUrl(article.url);
  return {
    id: objectUri(site, 'article', article.id),
    type: 'Article',
    name: article.title,
    ...(article.summary === undefined ? {} : { summary: escapeHtml(article.summary) }),
    content: `${markdownToHtml(article.body)}${link === undefined ? '' : `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`}`,
    mediaType: 'text/html',
    url: article.url,
    attributedTo: actorUri,
    to: [AS_PUBLIC],
    cc: [`${actorUri}/followers`],
    published: article.publishedAt,
    updated: article.updatedAt,
    attachment: imageAttachment(article.image),
    tag: tags(site, article.disciplines, article.keywords, 'articles'),
  };
}
