/**
 * Contract fixtures: for every content type, one complete input and one complete public
 * value with every optional field filled (so a test can reach any field of the schema),
 * and a minimal valid input. Content is realistic French science-culture material placed
 * in real communes with their INSEE codes and coordinates.
 *
 * Tests must never mutate these objects: copy them first (see `clone`).
 */
import type {
  ActorInput,
  ActorPublic,
  AnnouncementInput,
  AnnouncementPublic,
  ArticleInput,
  ArticlePublic,
  DossierInput,
  DossierPublic,
  Ed25519Jwk,
  EventInput,
  EventPublic,
  HubDescriptor,
  MemberProfileInput,
  MemberProfileView,
  PlaceInput,
  PlacePublic,
  ProjectInput,
  ProjectPublic,
  ResourceInput,
  ResourcePublic,
} from '@constellation/shared';

/** Time-ordered, lower-case ids shaped like the UUIDv7 a hub mints. */
export const ids = {
  centreSciences: '01935c1e-4b2a-7f10-9c3d-2e8f5a6b7c01',
  lacasemate: '01935c1e-5d71-7a02-8b14-93c0d1e2f302',
  eventFete: '01935c1e-7a2b-7c3d-8e4f-1a2b3c4d5e6f',
  eventCafe: '01935c20-0b1c-7d2e-9f30-4a5b6c7d8e9f',
  eventUmbrella: '01935b90-1111-7222-8333-444455556666',
  eventPreviousEdition: '01935b90-2222-7333-8444-555566667777',
  placeMobe: '01935a10-2c3d-7e4f-a051-627384950a1b',
  placeMuseumGrenoble: '01935a11-3d4e-7f50-b162-738495a60b2c',
  article: '01935d01-4e5f-7061-8273-8495a6b7c8d9',
  project: '01935d02-5f60-7172-9384-95a6b7c8d9ea',
  announcement: '01935d03-6071-7283-a495-a6b7c8d9eafb',
  dossier: '01935d04-7182-7394-b5a6-b7c8d9eafb0c',
  resource: '01935d05-8293-74a5-86b7-c8d9eafb0c1d',
  member: '01935d06-93a4-75b6-97c8-d9eafb0c1d2e',
} as const;

/** Real communes: coordinates of the commune, INSEE code (not the postcode). */
export const communes = {
  orleans: { commune: 'Orléans', inseeCode: '45234', postalCode: '45000', lat: 47.90248, lon: 1.90407 },
  strasbourg: { commune: 'Strasbourg', inseeCode: '67482', postalCode: '67000', lat: 48.58392, lon: 7.74553 },
  grenoble: { commune: 'Grenoble', inseeCode: '38185', postalCode: '38000', lat: 45.16667, lon: 5.71667 },
} as const;

/** The fields every public shape carries, for a given hub, id and slug. */
function served(hub: string, id: string, slug: string, path: string) {
  return {
    id,
    hub,
    slug,
    version: 3,
    createdAt: '2026-09-01T09:12:45Z',
    updatedAt: '2026-10-02T08:15:00+02:00',
    url: `https://${hub}.constellation.example/${path}/${slug}`,
  };
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

// ---------------------------------------------------------------- Actor

export const fullActorInput = {
  name: 'Centre•Sciences',
  kind: 'ccsti',
  summary: 'Centre de culture scientifique, technique et industrielle de la région Centre-Val de Loire.',
  description: '## Qui sommes-nous ?\n\nCentre•Sciences anime le réseau régional de la culture scientifique :\n\n- expositions itinérantes ;\n- Fête de la science ;\n- clubs et ateliers.',
  disciplines: ['science-society', 'astronomy', 'ecology'],
  website: 'https://www.centre-sciences.org/',
  phone: '+33 2 38 77 11 06',
  location: {
    name: 'Centre•Sciences',
    address: '72 faubourg de Bourgogne',
    ...communes.orleans,
  },
  logo: {
    url: 'https://www.centre-sciences.org/medias/logo-centre-sciences.png',
    alt: 'Logo de Centre•Sciences',
    credit: 'Centre•Sciences',
    width: 1600, height: 1067, variants: [{ url: 'https://www.centre-sciences.org/medias/logo-centre-sciences-640.webp', width: 640, height: 427 }],
  },
  siret: '41234567800021',
  email: 'contact@centre-sciences.org',
} satisfies ActorInput;

export const minimalActorInput = { name: 'La Casemate', kind: 'ccsti' } satisfies ActorInput;

const { email: _actorEmail, ...actorContent } = fullActorInput;

export const fullActorPublic = {
  ...served('centre-val-de-loire', ids.centreSciences, 'centre-sciences', 'acteurs'),
  ...actorContent,
  verified: true,
} satisfies ActorPublic;

// ---------------------------------------------------------------- Event

/** A one-off event with timings: every optional field filled except recurrence (exclusive with timings). */
export const fullEventInput = {
  actorId: ids.centreSciences,
  title: 'Fête de la science : la biodiversité en ateliers au MOBE',
  summary: 'Deux après-midi d’ateliers pour observer insectes, graines et fossiles avec les naturalistes du muséum.',
  description:
    '## Au programme\n\n- Loupes binoculaires et insectes de Loire\n- Atelier « graines voyageuses »\n- Fossiles du Loiret\n\nEntrée libre dans la limite des places disponibles.',
  timeZone: 'Europe/Paris',
  allDay: false,
  timings: [
    { start: '2026-10-10T14:00:00+02:00', end: '2026-10-10T18:00:00+02:00' },
    { start: '2026-10-11T14:00:00+02:00', end: '2026-10-11T18:00:00+02:00' },
  ],
  attendanceMode: 'mixed',
  onlineUrl: 'https://www.mobe.orleans.fr/direct/fete-de-la-science-2026',
  place: {
    name: 'Muséum d’Orléans pour la biodiversité et l’environnement (MOBE)',
    address: '6 rue Marcel Proust',
    ...communes.orleans,
  },
  placeId: ids.placeMobe,
  format: 'workshop',
  audiences: ['children', 'families', 'school-groups'],
  ageRange: { min: 6, max: 12 },
  disciplines: ['ecology', 'biology', 'earth-sciences'],
  price: { free: true, details: 'Gratuit, sans réservation pour le public individuel.' },
  registration: {
    required: true,
    url: 'https://www.mobe.orleans.fr/reservation',
    email: 'reservation@mobe.orleans.fr',
    phone: '+33 2 38 54 61 05',
  },
  accessibility: ['motor', 'hearing', 'visual', 'intellectual', 'psychic'],
  image: {
    url: 'https://www.mobe.orleans.fr/medias/atelier-loupes.jpg',
    alt: 'Des enfants observent des insectes à la loupe binoculaire',
    credit: 'MOBE, Ville d’Orléans',
    width: 1600, height: 1067, variants: [{ url: 'https://www.mobe.orleans.fr/medias/atelier-loupes-640.webp', width: 640, height: 427 }],
  },
  languages: ['fr', 'en'],
  keywords: ['biodiversité', 'insectes', 'fossiles'],
  campaign: 'fete-de-la-science-2026',
  parentEventId: ids.eventUmbrella,
  previousEditionId: ids.eventPreviousEdition,
  eventStatus: 'scheduled',
  contactEmail: 'mediation@mobe.orleans.fr',
} satisfies EventInput;

/**
 * A recurring event, so the recurrence's fields are reachable too: the first Tuesday of
 * each month (6 October 2026 is one), except on 1 December 2026.
 */
export const fullRecurringEventInput = {
  actorId: ids.centreSciences,
  title: 'Café des sciences de Strasbourg',
  summary: 'Un chercheur, une question, une heure de discussion autour d’un verre.',
  description: 'Chaque premier mardi du mois, un·e scientifique de l’Université de Strasbourg répond à vos questions.',
  timeZone: 'Europe/Paris',
  recurrence: {
    start: '2026-10-06T19:00',
    end: '2026-10-06T20:30',
    rrule: 'FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270630',
    exdates: ['2026-12-01T19:00'],
  },
  attendanceMode: 'mixed',
  onlineUrl: 'https://www.youtube.com/@cafesciences-strasbourg/live',
  place: {
    name: 'Le Shadok',
    address: '25 presqu’île André Malraux',
    ...communes.strasbourg,
  },
  placeId: ids.placeMobe,
  format: 'science-cafe',
  audiences: ['adults', 'teens'],
  ageRange: { min: 15 },
  disciplines: ['science-society'],
  price: { free: false, amount: 3.5, currency: 'EUR', details: 'Consommation au bar à la charge des participants.' },
  registration: { required: false, url: 'https://www.shadok.strasbourg.eu/agenda/cafe-des-sciences' },
  accessibility: ['motor'],
  image: { url: 'https://www.shadok.strasbourg.eu/medias/cafe-sciences.jpg', alt: 'Le public du café des sciences', credit: 'Le Shadok', width: 1600, height: 1067, variants: [{ url: 'https://www.shadok.strasbourg.eu/medias/cafe-sciences-640.webp', width: 640, height: 427 }] },
  languages: ['fr'],
  keywords: ['café des sciences', 'débat'],
  campaign: 'cafes-des-sciences',
  parentEventId: ids.eventUmbrella,
  eventStatus: 'scheduled',
  contactEmail: 'cafe-sciences@unistra.fr',
} satisfies EventInput;

export const minimalEventInput = {
  actorId: ids.centreSciences,
  title: 'Nuit des étoiles à Orléans',
  timeZone: 'Europe/Paris',
  timings: [{ start: '2026-08-07T21:00:00+02:00', end: '2026-08-08T01:00:00+02:00' }],
  attendanceMode: 'in-person',
  place: { commune: 'Orléans', inseeCode: '45234' },
  format: 'other',
} satisfies EventInput;

export const minimalOnlineEventInput = {
  actorId: ids.centreSciences,
  title: 'Webinaire : la science participative en région',
  timeZone: 'Europe/Paris',
  timings: [{ start: '2026-11-17T12:30:00+01:00', end: '2026-11-17T13:30:00+01:00' }],
  attendanceMode: 'online',
  onlineUrl: 'https://visio.centre-sciences.org/webinaire-sciences-participatives',
  format: 'conference',
} satisfies EventInput;

const { contactEmail: _eventContact, ...eventContent } = fullEventInput;

export const fullEventPublic = {
  ...served('centre-val-de-loire', ids.eventFete, 'fete-de-la-science-biodiversite-mobe', 'evenements'),
  ...eventContent,
} satisfies EventPublic;

const { contactEmail: _cafeContact, ...cafeContent } = fullRecurringEventInput;

export const fullRecurringEventPublic = {
  ...served('grand-est', ids.eventCafe, 'cafe-des-sciences-strasbourg', 'evenements'),
  ...cafeContent,
} satisfies EventPublic;

// ---------------------------------------------------------------- Place to visit

export const fullPlaceInput = {
  actorId: ids.lacasemate,
  name: 'Muséum de Grenoble',
  kind: 'museum',
  summary: 'Collections d’histoire naturelle, serres et jardin des plantes au cœur de Grenoble.',
  description: 'Minéraux des Alpes, faune de montagne et galerie des sciences de la Terre.\n\nLe jardin est ouvert toute l’année.',
  location: {
    name: 'Muséum de Grenoble',
    address: '1 rue Dolomieu',
    ...communes.grenoble,
  },
  openingHours: [
    { days: ['tu', 'we', 'th', 'fr'], opens: '09:30', closes: '17:30', validFrom: '2026-01-01', validThrough: '2026-12-31' },
    { days: ['sa', 'su'], opens: '14:00', closes: '18:00' },
  ],
  openingNotes: 'Fermé le lundi, le 1er janvier, le 1er mai et le 25 décembre.',
  accessibility: ['motor', 'visual'],
  price: { free: false, amount: 5, currency: 'EUR', details: 'Entrée 5 €, gratuit pour les moins de 26 ans.' },
  audiences: ['children', 'families', 'adults', 'school-groups'],
  disciplines: ['biology', 'earth-sciences', 'ecology'],
  website: 'https://www.museum-grenoble.fr/',
  phone: '04 76 44 05 35',
  image: { url: 'https://www.museum-grenoble.fr/medias/facade.jpg', alt: 'La façade du muséum et son jardin', credit: 'Ville de Grenoble', width: 1600, height: 1067, variants: [{ url: 'https://www.museum-grenoble.fr/medias/facade-640.webp', width: 640, height: 427 }] },
  email: 'museum@ville-grenoble.fr',
} satisfies PlaceInput;

export const minimalPlaceInput = {
  name: 'Planétarium de Strasbourg',
  kind: 'planetarium',
  location: { lat: communes.strasbourg.lat, lon: communes.strasbourg.lon },
} satisfies PlaceInput;

const { email: _placeEmail, ...placeContent } = fullPlaceInput;

export const fullPlacePublic = {
  ...served('auvergne-rhone-alpes', ids.placeMuseumGrenoble, 'museum-de-grenoble', 'a-visiter'),
  ...placeContent,
} satisfies PlacePublic;

// ---------------------------------------------------------------- Article

export const fullArticleInput = {
  actorId: ids.lacasemate,
  title: 'Retour sur la Nuit européenne des chercheur·es à Grenoble',
  summary: 'Plus de 3 000 visiteurs ont rencontré les scientifiques grenoblois le temps d’une soirée.',
  body: '# Une nuit pour parler science\n\nLe 25 septembre, **La Casemate** accueillait la Nuit européenne des chercheur·es.\n\n> « Les questions des enfants sont les plus difficiles. »',
  disciplines: ['physics', 'science-society'],
  keywords: ['nuit des chercheurs', 'rencontres'],
  image: { url: 'https://www.lacasemate.fr/medias/nuit-chercheurs.jpg', alt: 'Une chercheuse montre une expérience au public', credit: 'La Casemate', width: 1600, height: 1067, variants: [{ url: 'https://www.lacasemate.fr/medias/nuit-chercheurs-640.webp', width: 640, height: 427 }] },
  eventId: ids.eventFete,
} satisfies ArticleInput;

export const minimalArticleInput = {
  actorId: ids.lacasemate,
  title: 'Le FabLab de La Casemate a dix ans',
  body: 'Dix ans d’ateliers de fabrication numérique.',
} satisfies ArticleInput;

export const fullArticlePublic = {
  ...served('auvergne-rhone-alpes', ids.article, 'retour-nuit-des-chercheurs-grenoble', 'magazine'),
  ...fullArticleInput,
  publishedAt: '2026-09-28T10:00:00+02:00',
} satisfies ArticlePublic;

// ---------------------------------------------------------------- Project

export const fullProjectInput = {
  actorId: ids.centreSciences,
  title: 'Opération papillons',
  summary: 'Comptez les papillons de votre jardin pour suivre l’état de la biodiversité.',
  description: 'Un observatoire de sciences participatives de Vigie-Nature : une fiche, un jardin, un comptage par mois.',
  disciplines: ['ecology', 'biology'],
  participationType: 'both',
  involvement: 'monthly',
  audiences: ['families', 'adults', 'children'],
  scope: 'national',
  regions: ['24', '44', '84'],
  location: {
    name: 'Muséum national d’Histoire naturelle',
    address: '57 rue Cuvier',
    postalCode: '75005',
    commune: 'Paris',
    inseeCode: '75056',
    lat: 48.8441,
    lon: 2.3597,
  },
  website: 'https://www.vigienature.fr/fr/operation-papillons',
  startDate: '2026-03-01',
  endDate: '2026-10-31',
  keywords: ['papillons', 'jardin'],
  image: { url: 'https://www.vigienature.fr/medias/paon-du-jour.jpg', alt: 'Un paon-du-jour posé sur une fleur', credit: 'Vigie-Nature', width: 1600, height: 1067, variants: [{ url: 'https://www.vigienature.fr/medias/paon-du-jour-640.webp', width: 640, height: 427 }] },
} satisfies ProjectInput;

export const minimalProjectInput = {
  actorId: ids.centreSciences,
  title: 'Sauvages de ma rue',
  participationType: 'field',
  involvement: 'case-by-case',
  scope: 'national',
  website: 'https://www.sauvagesdemarue.fr/',
} satisfies ProjectInput;

export const fullProjectPublic = {
  ...served('centre-val-de-loire', ids.project, 'operation-papillons', 'projets'),
  ...fullProjectInput,
} satisfies ProjectPublic;

// ---------------------------------------------------------------- Announcement

export const fullAnnouncementInput = {
  actorId: ids.lacasemate,
  kind: 'job',
  title: 'Médiateur·rice scientifique (CDD 12 mois)',
  summary: 'La Casemate recrute un·e médiateur·rice pour ses ateliers et expositions.',
  description: '## Missions\n\n- animer les ateliers du FabLab ;\n- accueillir les groupes scolaires.\n\nPoste basé à Grenoble.',
  deadline: '2026-11-15',
  applyUrl: 'https://www.lacasemate.fr/recrutement/mediateur-scientifique',
  location: { name: 'La Casemate', address: '2 place Saint-Laurent', ...communes.grenoble },
  disciplines: ['engineering', 'computer-science'],
  contactEmail: 'recrutement@lacasemate.fr',
} satisfies AnnouncementInput;

export const minimalAnnouncementInput = {
  actorId: ids.lacasemate,
  kind: 'call-for-volunteers',
  title: 'Bénévoles pour la Fête de la science',
} satisfies AnnouncementInput;

const { contactEmail: _announcementContact, ...announcementContent } = fullAnnouncementInput;

export const fullAnnouncementPublic = {
  ...served('auvergne-rhone-alpes', ids.announcement, 'mediateur-scientifique-cdd', 'annonces'),
  ...announcementContent,
} satisfies AnnouncementPublic;

// ---------------------------------------------------------------- Dossier

export const fullDossierInput = {
  actorId: ids.centreSciences,
  title: 'Fête de la science 2026 en Centre-Val de Loire',
  summary: 'Notre sélection pour les familles, du Loiret au Cher.',
  description: 'Dix jours de science partout dans la région : voici nos coups de cœur.',
  image: { url: 'https://www.centre-sciences.org/medias/fds-2026.jpg', alt: 'Affiche de la Fête de la science 2026', credit: 'Ministère de l’Enseignement supérieur et de la Recherche', width: 1600, height: 1067, variants: [{ url: 'https://www.centre-sciences.org/medias/fds-2026-640.webp', width: 640, height: 427 }] },
  disciplines: ['ecology', 'astronomy'],
  items: [
    { type: 'event', id: ids.eventFete, note: 'Idéal avec des enfants de 6 à 12 ans.' },
    { type: 'place', id: ids.placeMobe },
    { type: 'article', id: ids.article },
  ],
} satisfies DossierInput;

export const minimalDossierInput = {
  title: 'Sciences participatives',
  items: [],
} satisfies DossierInput;

export const fullDossierPublic = {
  ...served('centre-val-de-loire', ids.dossier, 'fete-de-la-science-2026-centre-val-de-loire', 'dossiers'),
  ...fullDossierInput,
} satisfies DossierPublic;

// ---------------------------------------------------------------- Resource

export const fullResourceInput = {
  actorId: ids.centreSciences,
  kind: 'guide',
  title: 'Guide de la médiation scientifique inclusive',
  summary: 'Concevoir des ateliers accessibles aux publics en situation de handicap.',
  description: 'Fiches pratiques, retours d’expérience et ressources pour les structures du réseau.',
  link: 'https://www.centre-sciences.org/ressources/guide-mediation-inclusive.pdf',
  disciplines: ['science-society'],
  audiences: ['professionals'],
  languages: ['fr', 'fr-FR'],
  keywords: ['accessibilité', 'médiation'],
  publishedOn: '2026-06-15',
  image: { url: 'https://www.centre-sciences.org/medias/guide-inclusif.png', alt: 'Couverture du guide', credit: 'Centre•Sciences', width: 1600, height: 1067, variants: [{ url: 'https://www.centre-sciences.org/medias/guide-inclusif-640.webp', width: 640, height: 427 }] },
} satisfies ResourceInput;

export const minimalResourceInput = {
  kind: 'tool',
  title: 'Kit d’animation « Climat »',
  link: 'https://www.centre-sciences.org/ressources/kit-climat',
} satisfies ResourceInput;

export const fullResourcePublic = {
  ...served('centre-val-de-loire', ids.resource, 'guide-mediation-scientifique-inclusive', 'ressources'),
  ...fullResourceInput,
} satisfies ResourcePublic;

// ---------------------------------------------------------------- Member profile

export const fullMemberProfileInput = {
  displayName: 'Camille Martin',
  headline: 'Médiatrice scientifique à Centre•Sciences',
  bio: 'Astronome de formation, j’anime des ateliers et des soirées d’observation.\n\nJ’aime travailler avec les médiathèques.',
  skills: ['animation d’ateliers', 'astronomie', 'conception d’expositions'],
  disciplines: ['astronomy', 'physics'],
  region: '24',
  contact: { email: 'camille.martin@centre-sciences.org', phone: '+33 6 12 34 56 78', website: 'https://camille-martin.fr/' },
  listed: true,
  contactVisibility: 'members',
} satisfies MemberProfileInput;

export const minimalMemberProfileInput = { displayName: 'Léa Dupont' } satisfies MemberProfileInput;

const { listed: _listed, contactVisibility: _visibility, ...memberContent } = fullMemberProfileInput;

export const fullMemberProfileView = {
  userId: ids.member,
  ...memberContent,
  updatedAt: '2026-10-02T08:15:00Z',
} satisfies MemberProfileView;

// ---------------------------------------------------------------- Hub descriptor

/** A real Ed25519 public key (generated for these fixtures), as the JWK a descriptor lists. */
export const hubKey = { kty: 'OKP', crv: 'Ed25519', x: 'LDAmLEsYQLF0r4ZKaED4HxDI227KbxTRzJF30M-Y_W0', kid: '2026-10', alg: 'EdDSA', use: 'sig' } satisfies Ed25519Jwk;

export const fullHubDescriptor = {
  protocol: 'constellation/1',
  id: 'centre-val-de-loire',
  name: 'Echosciences Centre-Val de Loire',
  region: '24',
  baseUrl: 'https://centre-val-de-loire.constellation.example',
  contact: { email: 'federation@centre-sciences.org', url: 'https://www.centre-sciences.org/contact' },
  keys: [
    hubKey,
    { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', kid: '2026-04', alg: 'EdDSA', use: 'sig' },
  ],
  software: { name: 'constellation-hub', version: '0.1.0' },
} satisfies HubDescriptor;

export const minimalHubDescriptor = {
  protocol: 'constellation/1',
  id: 'grand-est',
  name: 'Echosciences Grand Est',
  region: '44',
  baseUrl: 'https://grand-est.constellation.example',
  keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'LDAmLEsYQLF0r4ZKaED4HxDI227KbxTRzJF30M-Y_W0', kid: 'k1' }],
} satisfies HubDescriptor;

// ---------------------------------------------------------------- Tables

/** Every public content fixture by content type, for change items. */
export const publicFixtures = {
  actor: fullActorPublic,
  event: fullEventPublic,
  place: fullPlacePublic,
  article: fullArticlePublic,
  project: fullProjectPublic,
  announcement: fullAnnouncementPublic,
  dossier: fullDossierPublic,
  resource: fullResourcePublic,
} as const;

/** Complete input fixtures by content type (events have two: timings and recurrence are exclusive). */
export const fullInputFixtures = {
  actor: [fullActorInput],
  event: [fullEventInput, fullRecurringEventInput],
  place: [fullPlaceInput],
  article: [fullArticleInput],
  project: [fullProjectInput],
  announcement: [fullAnnouncementInput],
  dossier: [fullDossierInput],
  resource: [fullResourceInput],
} as const;

export const minimalInputFixtures = {
  actor: [minimalActorInput],
  event: [minimalEventInput, minimalOnlineEventInput],
  place: [minimalPlaceInput],
  article: [minimalArticleInput],
  project: [minimalProjectInput],
  announcement: [minimalAnnouncementInput],
  dossier: [minimalDossierInput],
  resource: [minimalResourceInput],
} as const;

// ---------------------------------------------------------------- Reaching into values and schemas

type Path = string | readonly string[];

function segments(path: Path): string[] {
  return typeof path === 'string' ? (path === '' ? [] : path.split('.')) : [...path];
}

/** The value at a dotted path ("timings.0.end"), or undefined when the path does not exist. */
export function getPath(value: unknown, path: Path): unknown {
  let current: unknown = value;
  for (const key of segments(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A deep copy of `value` with the field at `path` replaced; the parent must exist. */
export function changed(value: unknown, path: Path, replacement: unknown): unknown {
  const keys = segments(path);
  const last = keys.pop();
  if (last === undefined) return clone(replacement);
  const copy = clone(value);
  const parent = getPath(copy, keys);
  if (parent === null || typeof parent !== 'object') throw new Error(`no object at ${keys.join('.')}`);
  (parent as Record<string, unknown>)[last] = replacement;
  return copy;
}

/** A deep copy of `value` without the field at `path`. */
export function removed(value: unknown, path: Path): unknown {
  const keys = segments(path);
  const last = keys.pop();
  const copy = clone(value);
  const parent = getPath(copy, keys);
  if (last === undefined || parent === null || typeof parent !== 'object') throw new Error(`no field at ${segments(path).join('.')}`);
  Reflect.deleteProperty(parent, last);
  return copy;
}

/** The JSON Schema keywords the tests read; TypeBox schemas are plain JSON Schema objects. */
export interface JsonSchemaNode {
  type?: string;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  items?: JsonSchemaNode;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  maxLength?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

/** Every node of a schema with its path, descending into properties and array items (index 0). */
export function schemaNodes(schema: unknown, path: readonly string[] = []): { path: string[]; node: JsonSchemaNode }[] {
  const node = schema as JsonSchemaNode;
  const nodes = [{ path: [...path], node }];
  for (const [name, child] of Object.entries(node.properties ?? {})) nodes.push(...schemaNodes(child, [...path, name]));
  if (node.items !== undefined && !Array.isArray(node.items)) nodes.push(...schemaNodes(node.items, [...path, '0']));
  return nodes;
}
