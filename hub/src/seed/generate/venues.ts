/**
 * Where things happen: addresses near a commune's centre, and the venues events share (one
 * per kind and commune, or the place to visit that stands there).
 */
import type { EventFormat, Location } from '@constellation/shared';
import type { Commune } from '../communes.ts';
import { A } from './actor-profiles.ts';
import type { SeedContext } from './context.ts';
import { de } from './french.ts';
import { isSkyTopic, type Topic } from './texts/topics.ts';
import { AMPHIS, CAFES, CINEMAS, HALLS, PARKS, SCHOOLS, STREETS } from './texts/venue-names.ts';
import { VENUES_FOR, type Venue, type VenueKind } from './venue-kinds.ts';

/** A point within ~300 m of the commune's centre: venues of one town do not stack on one pixel. */
function jitter(ctx: SeedContext, commune: Commune): { lat: number; lon: number } {
  const radius = 300 * Math.sqrt(ctx.rng.next());
  const angle = 2 * Math.PI * ctx.rng.next();
  const lat = commune.lat + (radius * Math.cos(angle)) / 111_320;
  const lon = commune.lon + (radius * Math.sin(angle)) / (111_320 * Math.cos((commune.lat * Math.PI) / 180));
  return { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 };
}

export function locationIn(ctx: SeedContext, name: string, commune: Commune): Location {
  return {
    name,
    address: `${ctx.rng.int(1, 84)} ${ctx.rng.pick(STREETS)}`,
    ...(commune.postalCode === undefined ? {} : { postalCode: commune.postalCode }),
    commune: commune.name,
    inseeCode: commune.inseeCode,
    ...jitter(ctx, commune),
  };
}

function venueName(ctx: SeedContext, kind: VenueKind, commune: Commune): string {
  switch (kind) {
    case 'science-centre':
      return `Maison des sciences ${ctx.phrases.de}`;
    case 'museum':
      return `Musée municipal ${de(commune.name)}`;
    case 'university':
      return `Amphithéâtre ${ctx.rng.pick(AMPHIS)}, Université ${de(commune.name)}`;
    case 'lab':
      return `Campus scientifique ${de(commune.name)}`;
    case 'library':
      return `Médiathèque ${de(commune.name)}`;
    case 'hall':
      return `${ctx.rng.pick(HALLS)} ${de(commune.name)}`;
    case 'cafe':
      return ctx.rng.pick(CAFES);
    case 'cinema':
      return ctx.rng.pick(CINEMAS);
    case 'park':
      return `${ctx.rng.pick(PARKS)} ${de(commune.name)}`;
    case 'observatory':
      return `Terrain d'observation du club d'astronomie ${de(commune.name)}`;
    case 'fablab':
      return `Fablab ${de(commune.name)}`;
    case 'school':
      return ctx.rng.pick(SCHOOLS);
    case 'festival':
      return `Parc des expositions ${de(commune.name)}`;
  }
}

/** One venue per kind and commune, created on first use so every event there shares its address. */
export function venueAt(ctx: SeedContext, kind: VenueKind, commune: Commune): Venue {
  const key = `${kind}|${commune.inseeCode}`;
  let venue = ctx.venues.get(key);
  if (venue === undefined) {
    venue = { location: locationIn(ctx, venueName(ctx, kind, commune), commune), outdoor: kind === 'park' || kind === 'observatory' || kind === 'festival' };
    ctx.venues.set(key, venue);
  }
  return venue;
}

export function registerPlaceVenue(ctx: SeedContext, kind: VenueKind, commune: Commune, location: Location, place: number, outdoor = false): void {
  ctx.venues.set(`${kind}|${commune.inseeCode}`, { location, place, outdoor });
}

/** Venue kinds that exist in a commune: a university or a lab only where one was seeded. */
function venueAvailable(ctx: SeedContext, kind: VenueKind, commune: Commune): boolean {
  if (kind === 'science-centre' || kind === 'lab' || kind === 'university') return ctx.venues.has(`${kind}|${commune.inseeCode}`);
  if (kind === 'museum') return ctx.venues.has(`${kind}|${commune.inseeCode}`) || ctx.communes.indexOf(commune) < 12;
  return true;
}

export function chooseVenue(ctx: SeedContext, format: EventFormat, commune: Commune, topic: Topic): Venue {
  if (format === 'field-survey' && isSkyTopic(topic)) return venueAt(ctx, 'observatory', ctx.profile(A.astronomy).commune);
  const kinds = VENUES_FOR[format].filter((kind) => venueAvailable(ctx, kind, commune));
  return venueAt(ctx, kinds.length > 0 ? ctx.rng.pick(kinds) : 'hall', commune);
}

/** The commune a venue stands in. */
export function communeOfVenue(ctx: SeedContext, venue: Venue): Commune {
  return ctx.communes.find((commune) => commune.inseeCode === venue.location.inseeCode) ?? ctx.commune(0);
}
