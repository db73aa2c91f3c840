/**
 * Valid inputs for every content type, shaped for a real hub: ids that point at other
 * content (actorId) are the hub's own, passed in once the test has created that
 * content. Shapes follow tests/shared/fixtures.ts, but nothing is imported from there.
 * Each call returns fresh objects, so a test may change what it gets.
 */
import { createHmac } from 'node:crypto';
import type { ContentType } from '@constellation/shared';
import { TEST_SECRET, type TestHub } from './support.ts';

/** Real communes: INSEE code (not the postcode) and coordinates. */
export const orleans = { commune: 'Orléans', inseeCode: '45234', postalCode: '45000', lat: 47.90248, lon: 1.90407 } as const;

/** RFC 3339 with a Z offset and whole seconds, `days` from now: event timings that are still ahead. */
export function daysFromNow(days: number, hours = 0): string {
  const at = new Date(Date.now() + days * 86_400_000 + hours * 3_600_000);
  at.setUTCMilliseconds(0);
  return at.toISOString().replace('.000Z', 'Z');
}

export function actorInput(name = 'Centre•Sciences') {
  return {
    name,
    kind: 'ccsti',
    summary: 'Centre de culture scientifique, technique et industrielle.',
    disciplines: ['science-society', 'astronomy'],
    website: 'https://www.centre-sciences.org/',
    location: { name: 'Centre•Sciences', address: '72 faubourg de Bourgogne', ...orleans },
    email: 'contact@centre-sciences.org',
  };
}

/** An in-person event a month ahead (so it shows in the public agenda once published). */
export function eventInput(actorId: string, title = 'Nuit des étoiles à Orléans', inDays = 30) {
  return {
    actorId,
    title,
    summary: 'Observation du ciel avec les astronomes amateurs du Loiret.',
    timeZone: 'Europe/Paris',
    timings: [{ start: daysFromNow(inDays), end: daysFromNow(inDays, 3) }],
    attendanceMode: 'in-person',
    place: { name: 'Parc Pasteur', ...orleans },
    format: 'other',
    audiences: ['families'],
    price: { free: true },
    contactEmail: 'mediation@centre-sciences.org',
  };
}

export function placeInput(actorId: string) {
  return {
    actorId,
    name: 'Muséum d’Orléans pour la biodiversité et l’environnement',
    kind: 'museum',
    location: { address: '6 rue Marcel Proust', ...orleans },
    openingHours: [{ days: ['tu', 'we', 'th', 'fr'], opens: '10:00', closes: '18:00' }],
    accessibility: ['motor'],
    email: 'mobe@orleans-metropole.fr',
  };
}

export function articleInput(actorId: string) {
  return {
    actorId,
    title: 'Retour sur la Fête de la science',
    summary: 'Dix jours d’ateliers dans tout le Loiret.',
    body: '# Une belle édition\n\nMerci aux **bénévoles** !',
    disciplines: ['science-society'],
  };
}

export function projectInput(actorId: string) {
  return {
    actorId,
    title: 'Sauvages de ma rue',
    participationType: 'field',
    involvement: 'case-by-case',
    scope: 'national',
    website: 'https://www.sauvagesdemarue.fr/',
    startDate: '2026-03-01',
    endDate: '2026-10-31',
  };
}

export function announcementInput(actorId: string) {
  return {
    actorId,
    kind: 'call-for-volunteers',
    title: 'Bénévoles pour la Fête de la science',
    deadline: '2026-09-15',
    applyUrl: 'https://www.centre-sciences.org/benevoles',
    contactEmail: 'benevoles@centre-sciences.org',
  };
}

export function dossierInput(actorId: string) {
  return { actorId, title: 'Sciences participatives en Centre-Val de Loire', summary: 'Notre sélection.', items: [] };
}

export function resourceInput(actorId: string) {
  return { actorId, kind: 'guide', title: 'Guide de la médiation inclusive', link: 'https://www.centre-sciences.org/ressources/guide.pdf', languages: ['fr'] };
}

/** One valid input per content type; every type but actor is posted for `actorId`. */
export function validInputs(actorId: string): Record<ContentType, Record<string, unknown>> {
  return {
    actor: actorInput('Association Sciences en Loiret'),
    event: eventInput(actorId),
    place: placeInput(actorId),
    article: articleInput(actorId),
    project: projectInput(actorId),
    announcement: announcementInput(actorId),
    dossier: dossierInput(actorId),
    resource: resourceInput(actorId),
  };
}

/** URL path segment of each type (the hub's TYPE_PATHS, restated: a test must not borrow what it checks). */
export const PATHS: Record<ContentType, string> = {
  actor: 'actors',
  event: 'events',
  place: 'places',
  article: 'articles',
  project: 'projects',
  announcement: 'announcements',
  dossier: 'dossiers',
  resource: 'resources',
};

/** What owners and moderators see of content. */
export interface View {
  id: string;
  type: ContentType;
  status: string;
  version: number;
  actorId: string | null;
  verified: boolean;
  updatedAt: string;
  data: Record<string, unknown>;
}

/** Creates content over the API and fails loudly when the hub refuses it. */
export async function create(hub: TestHub, token: string, type: ContentType, input: Record<string, unknown>, options: { submit?: boolean } = {}): Promise<View> {
  const response = await hub.request<View>({ method: 'POST', url: `/api/v1/${PATHS[type]}${options.submit === true ? '?submit=true' : ''}`, payload: input, token });
  if (response.status !== 201) throw new Error(`creating a ${type} failed: ${response.status} ${response.text}`);
  return response.body;
}

/** Every item of /api/v1/me/content for this token, all pages. */
export async function managedContent(hub: TestHub, token: string): Promise<View[]> {
  const items: View[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const page = await hub.request<{ items: View[]; next: string | null }>({ method: 'GET', url: `/api/v1/me/content?limit=100${query}`, token });
    if (page.status !== 200) throw new Error(`listing content failed: ${page.status} ${page.text}`);
    items.push(...page.body.items);
    cursor = page.body.next;
  } while (cursor !== null);
  return items;
}

/** The refresh token a response sets, and the cookie's attributes. */
export function refreshCookie(headers: Record<string, string | string[] | number | undefined>): { value: string; attributes: string[] } | undefined {
  const raw = headers['set-cookie'];
  const all = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  const cookie = all.find((line) => line.startsWith('constellation_refresh='));
  if (cookie === undefined) return undefined;
  const [pair = '', ...attributes] = cookie.split(';').map((part) => part.trim());
  return { value: pair.slice('constellation_refresh='.length), attributes };
}

// ---------------------------------------------------------------- Hand-made JWTs

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The decoded header and payload of a JWT (no check of the signature). */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header = '', payload = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>,
  };
}

/** A JWT signed with HMAC (HS256 or HS512), or unsigned with alg "none", built without the hub's code. */
export function handMadeJwt(payload: Record<string, unknown>, options: { alg?: 'HS256' | 'HS512' | 'none'; secret?: string } = {}): string {
  const alg = options.alg ?? 'HS256';
  const signingInput = `${b64url({ alg, typ: 'JWT' })}.${b64url(payload)}`;
  if (alg === 'none') return `${signingInput}.`;
  const signature = createHmac(alg === 'HS256' ? 'sha256' : 'sha512', options.secret ?? TEST_SECRET).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}
