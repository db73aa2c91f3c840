/**
 * The server-rendered page of an event (GET /events/:slug): what people and crawlers get
 * at the event's public URL, with no JavaScript at all. The site serving it (a hub, or
 * the aggregator for events of many hubs) is a parameter; the canonical URL is always
 * the event's own, on the hub that published it.
 *
 * Every interpolated string goes through escapeHtml (URLs through safeUrl first); the
 * description is Markdown rendered by markdown.ts's allow-list; the JSON-LD is written
 * with `<` as \u003c so no text can close its <script> element. The page's CSP
 * (PAGE_CSP) allows no script at all: the JSON-LD block is data, never executed.
 */
import { accessibilityFlags, audiences, disciplines, eventFormats, type EventPublic, type Vocabulary } from '@constellation/shared';
import { occurrencesBetween, type Occurrence } from '../schedule/occurrences.ts';
import { escapeHtml, jsonForScript, safeUrl } from './escape.ts';
import { frenchWhen, placeLine, statusNote } from './event-text.ts';
import { excerpt, markdownToHtml, markdownToText } from './markdown.ts';

/** No script, no plugin, no frame, no form target, no base rewrite; inline style and any image. */
export const PAGE_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src https: http: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE =
  'body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:0 auto;padding:1rem;color:#1d1d1f}' +
  'header a{color:inherit}img{max-width:100%;height:auto}dt{font-weight:600;margin-top:.75rem}dd{margin:0}' +
  '.status{font-weight:700;color:#b00020}.actions a{display:inline-block;margin-right:1rem}';

/** The site serving the page: its name in the title and header, its home page; its whole agenda is at `${url}/events.ics`. */
export interface Site {
  name: string;
  url: string;
}

export interface EventPageInput {
  event: EventPublic;
  organiser: { name: string; url: string } | undefined;
  /** The dates to list: every timing, or the next occurrences of a recurring event (see eventPageDates). */
  dates: readonly Occurrence[];
  jsonLd: Record<string, unknown>;
  /** This event alone as an .ics file. */
  icsUrl: string;
  site: Site;
  /** The hub the event comes from, named on the page when the site is another (the aggregator). */
  publishedBy?: { name: string; url: string };
}

const FAR = 8_640_000_000_000_000;
/** How many upcoming dates a recurring event's page lists. */
const PAGE_DATES = 10;

/**
 * What a page shows as of `from` (epoch ms): `dates` (every timing, or the next
 * `upcoming` occurrences of a recurring event) and `next`, the occurrence its JSON-LD
 * announces (the next one, else the first, else the event's creation for a schedule
 * with no occurrence at all).
 */
export function eventPageDates(event: EventPublic, from: number, upcoming: number = PAGE_DATES): { dates: Occurrence[]; next: Occurrence } {
  const coming = occurrencesBetween(event, from, FAR, upcoming);
  const first = occurrencesBetween(event, -FAR, FAR, 1)[0];
  const created = Date.parse(event.createdAt);
  const next = coming[0] ?? first ?? { start: created, end: created };
  return { dates: event.recurrence === undefined ? occurrencesBetween(event, -FAR, FAR) : coming, next };
}

function link(url: string | undefined, text: string): string {
  const safe = safeUrl(url);
  return safe === undefined ? escapeHtml(text) : `<a href="${escapeHtml(safe)}">${escapeHtml(text)}</a>`;
}

function meta(attribute: 'name' | 'property', key: string, value: string | undefined): string {
  return value === undefined ? '' : `<meta ${attribute}="${key}" content="${escapeHtml(value)}">`;
}

function field(label: string, html: string | undefined): string {
  return html === undefined || html === '' ? '' : `<dt>${escapeHtml(label)}</dt><dd>${html}</dd>`;
}

function datesHtml(input: EventPageInput): string {
  const { event, dates } = input;
  if (dates.length === 0) return event.recurrence === undefined ? '' : '<p>Toutes les dates sont passées.</p>';
  const items = dates.map((date) => `<li>${escapeHtml(frenchWhen(date.start, date.end, event.timeZone, event.allDay === true))}</li>`).join('');
  const lead = event.recurrence === undefined ? '' : '<p>Événement récurrent. Prochaines dates :</p>';
  return `${lead}<ul>${items}</ul>`;
}

function labels<V extends string>(values: readonly V[] | undefined, vocabulary: Vocabulary<V>): string | undefined {
  return values === undefined || values.length === 0 ? undefined : escapeHtml(values.map((value) => vocabulary.label(value, 'fr')).join(', '));
}

function registrationHtml(registration: EventPublic['registration']): string | undefined {
  if (registration === undefined) return undefined;
  const parts = [escapeHtml(registration.required ? 'Inscription obligatoire' : 'Inscription conseillée')];
  if (registration.url !== undefined) parts.push(link(registration.url, 'S’inscrire'));
  if (registration.email !== undefined) parts.push(escapeHtml(registration.email));
  if (registration.phone !== undefined) parts.push(escapeHtml(registration.phone));
  return parts.join(' · ');
}

function details(input: EventPageInput): string {
  const { event, organiser, publishedBy } = input;
  const price = event.price === undefined ? undefined : escapeHtml([event.price.free ? 'Gratuit' : 'Payant', event.price.details].filter((part) => part !== undefined).join(' — '));
  return [
    '<dl>',
    field('Quand', datesHtml(input)),
    field('Où', escapeHtml(placeLine(event))),
    field('En ligne', event.onlineUrl === undefined ? undefined : link(event.onlineUrl, event.onlineUrl)),
    field('Organisé par', organiser === undefined ? undefined : link(organiser.url, organiser.name)),
    field('Format', escapeHtml(eventFormats.label(event.format, 'fr'))),
    field('Disciplines', labels(event.disciplines, disciplines)),
    field('Publics', labels(event.audiences, audiences)),
    field('Tarif', price),
    field('Inscription', registrationHtml(event.registration)),
    field('Accessibilité', labels(event.accessibility, accessibilityFlags)),
    field('Publié sur', publishedBy === undefined ? undefined : link(publishedBy.url, publishedBy.name)),
    '</dl>',
  ].join('');
}

function page(title: string, head: string, body: string, site: Site): string {
  return [
    '<!doctype html>',
    '<html lang="fr">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} — ${escapeHtml(site.name)}</title>`,
    `<style>${STYLE}</style>`,
    head,
    '</head>',
    '<body>',
    `<header>${link(site.url, site.name)}</header>`,
    '<main>',
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function renderEventPage(input: EventPageInput): string {
  const { event, site } = input;
  const url = safeUrl(event.url);
  const image = safeUrl(event.image?.url);
  const summary = event.summary ?? (event.description === undefined ? '' : markdownToText(event.description));
  const description = excerpt(summary, 200);
  const status = statusNote(event);
  const head = [
    meta('name', 'description', description),
    url === undefined ? '' : `<link rel="canonical" href="${escapeHtml(url)}">`,
    `<link rel="alternate" type="text/calendar" title="iCalendar" href="${escapeHtml(input.icsUrl)}">`,
    meta('property', 'og:type', 'website'),
    meta('property', 'og:locale', 'fr_FR'),
    meta('property', 'og:site_name', site.name),
    meta('property', 'og:title', event.title),
    meta('property', 'og:description', description),
    meta('property', 'og:url', url),
    meta('property', 'og:image', image),
    meta('property', 'og:image:alt', image === undefined ? undefined : event.image?.alt),
    meta('name', 'twitter:card', image === undefined ? 'summary' : 'summary_large_image'),
    meta('name', 'twitter:title', event.title),
    meta('name', 'twitter:description', description),
    meta('name', 'twitter:image', image),
    `<script type="application/ld+json">${jsonForScript(input.jsonLd)}</script>`,
  ].join('\n');
  const body = [
    '<article>',
    `<h1>${escapeHtml(event.title)}</h1>`,
    status === undefined ? '' : `<p class="status">${escapeHtml(status)}</p>`,
    event.summary === undefined ? '' : `<p>${escapeHtml(event.summary)}</p>`,
    image === undefined ? '' : `<img src="${escapeHtml(image)}" alt="${escapeHtml(event.image?.alt ?? '')}">`,
    details(input),
    event.description === undefined ? '' : `<section>${markdownToHtml(event.description)}</section>`,
    `<p class="actions"><a href="${escapeHtml(input.icsUrl)}">Ajouter à mon agenda (.ics)</a>${link(`${site.url}/events.ics`, 'Tout l’agenda (.ics)')}</p>`,
    '</article>',
  ].join('\n');
  return page(event.title, head, body, site);
}

export function renderNotFoundPage(site: Site): string {
  const body = '<h1>Événement introuvable</h1>\n<p>Cet événement n’existe pas ou n’est pas (ou plus) publié.</p>';
  return page('Événement introuvable', '<meta name="robots" content="noindex">', body, site);
}
