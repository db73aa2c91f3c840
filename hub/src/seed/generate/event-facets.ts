/** The terms of an event: who it is for, whether it is free, how to register, how accessible it is, whether it is online. */
import type { AccessibilityFlag, AttendanceMode, Audience, EventFormat, Price, Registration } from '@constellation/shared';
import type { ActorProfile } from './actor-profiles.ts';
import type { SeedContext } from './context.ts';
import type { Venue } from './venue-kinds.ts';

export const AUDIENCES_FOR: Readonly<Record<EventFormat, readonly (readonly Audience[])[]>> = {
  conference: [['adults'], ['adults', 'teens'], ['adults', 'families']],
  workshop: [['children'], ['children', 'families'], ['families'], ['teens'], ['children', 'school-groups']],
  exhibition: [['families', 'adults', 'school-groups'], ['adults', 'teens'], ['families', 'children']],
  'science-cafe': [['adults'], ['adults', 'teens']],
  'lab-visit': [['adults', 'teens'], ['school-groups', 'teens'], ['families']],
  festival: [['families', 'children', 'teens', 'adults']],
  'field-survey': [['families'], ['adults'], ['children', 'families'], ['adults', 'teens']],
  screening: [['adults'], ['adults', 'teens'], ['families']],
  game: [['teens', 'adults'], ['families', 'children'], ['teens']],
  other: [['adults'], ['adults', 'professionals'], ['families']],
};

const PAID_PRICES = ['5 € ; 3 € pour les moins de 18 ans', 'Plein tarif 8 €, tarif réduit 5 €', 'Participation aux frais : 2 €', 'Adhérents gratuit, non-adhérents 4 €'];
const PAID_SHARE: Readonly<Record<EventFormat, number>> = { conference: 0.15, workshop: 0.3, exhibition: 0.6, 'science-cafe': 0, 'lab-visit': 0, festival: 0, 'field-survey': 0.2, screening: 0.5, game: 0.4, other: 0.3 };
export const REGISTRATION_SHARE: Readonly<Record<EventFormat, number>> = { conference: 0.2, workshop: 0.85, exhibition: 0, 'science-cafe': 0.1, 'lab-visit': 0.9, festival: 0, 'field-survey': 0.8, screening: 0.15, game: 0.7, other: 0.4 };

export function eventPrice(ctx: SeedContext, format: EventFormat, venue: Venue | undefined, audiences: readonly Audience[]): Price {
  if (!ctx.rng.chance(PAID_SHARE[format])) {
    if (format === 'science-cafe') return { free: true, details: 'Entrée libre, consommations à la charge des participants' };
    return ctx.rng.chance(0.5) ? { free: true } : { free: true, details: venue === undefined ? 'Gratuit, sur inscription' : 'Gratuit' };
  }
  const name = venue?.location.name ?? '';
  if (name.startsWith('Cinéma') || name.startsWith('Ciné-')) return { free: false, details: 'Tarif cinéma habituel : 6,50 €' };
  if (/^(Musée|Muséum|Maison des sciences)/.test(name)) return { free: false, details: ctx.rng.pick(["Compris dans le billet d'entrée", 'Entrée : 6 €, gratuit pour les moins de 18 ans']) };
  if (audiences.includes('children')) return { free: false, details: '3 € par enfant, gratuit pour les accompagnateurs' };
  return { free: false, details: ctx.rng.pick(PAID_PRICES) };
}

export function eventAccessibility(ctx: SeedContext, venue: Venue | undefined): AccessibilityFlag[] {
  if (venue === undefined) return ctx.rng.chance(0.4) ? ['hearing'] : [];
  const flags: AccessibilityFlag[] = [];
  if (ctx.rng.chance(venue.outdoor ? 0.3 : 0.8)) flags.push('motor');
  if (ctx.rng.chance(0.25)) flags.push('hearing');
  if (ctx.rng.chance(0.2)) flags.push('visual');
  if (ctx.rng.chance(0.2)) flags.push('intellectual');
  if (ctx.rng.chance(0.12)) flags.push('psychic');
  return flags;
}

export function eventRegistration(ctx: SeedContext, required: boolean, actor: ActorProfile, slug: string, format: EventFormat): Registration | undefined {
  if (!required) return ctx.rng.chance(0.25) ? { required: false, url: `${actor.website}/agenda/${slug}` } : undefined;
  const how = ctx.rng.next();
  if (how < 0.5) return { required: true, url: `${actor.website}/inscriptions/${slug}` };
  if (how < 0.8 || format === 'festival') return { required: true, email: actor.email };
  return { required: true, phone: actor.phone };
}

export function attendanceFor(ctx: SeedContext, format: EventFormat): AttendanceMode {
  if (format !== 'conference' && format !== 'science-cafe' && format !== 'other' && format !== 'screening') return 'in-person';
  const roll = ctx.rng.next();
  return roll < 0.12 ? 'online' : roll < 0.3 ? 'mixed' : 'in-person';
}
