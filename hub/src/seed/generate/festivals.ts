/** Festivals: an umbrella festival over a weekend with events of its programme, and the Fête de la science running as the seed is made. */
import type { Audience, EventFormat, Timing } from '@constellation/shared';
import { A, ORGANISERS } from './actor-profiles.ts';
import { addEvent } from './add-event.ts';
import { isHoliday, weekdayOf, yearMonthOf, zonedDateTime, type Day } from './calendar.ts';
import { FDS_DAYS_BEFORE, FDS_LENGTH_DAYS, type SeedContext } from './context.ts';
import { dayNear, SLOTS } from './event-schedules.ts';
import { at, de } from './french.ts';
import { venueAt } from './venues.ts';

/** An umbrella festival over a weekend, with three events of its programme. */
export function buildFestival(ctx: SeedContext, n: number): void {
  const commune = ctx.commune(n === 0 ? 1 : ctx.rng.int(0, Math.min(5, ctx.communes.length - 1)));
  let friday = dayNear(ctx, ctx.rng.int(20, 70), [4]);
  while (isHoliday(friday + 1) || isHoliday(friday + 2)) friday += 7;
  const timings: Timing[] = [
    { start: zonedDateTime(friday, 18 * 60, ctx.timeZone), end: zonedDateTime(friday, 23 * 60, ctx.timeZone) },
    { start: zonedDateTime(friday + 1, 10 * 60, ctx.timeZone), end: zonedDateTime(friday + 1, 19 * 60, ctx.timeZone) },
    { start: zonedDateTime(friday + 2, 10 * 60, ctx.timeZone), end: zonedDateTime(friday + 2, 18 * 60, ctx.timeZone) },
  ];
  const venue = venueAt(ctx, 'festival', commune);
  const parent = addEvent(ctx, {
    format: 'festival',
    title: `Festival des sciences ${de(commune.name)}`,
    actor: A.ccsti,
    venue,
    when: { timings },
    audiences: ['families', 'children', 'teens', 'adults'],
    registrationRequired: false,
    price: { free: true },
    about: {
      summary: `Trois jours de sciences pour tous ${at(commune.name)} : ateliers, conférences, jeux et spectacles.`,
      description: `Pendant trois jours, ${commune.name} vit au rythme des sciences : chercheurs, associations, musées et médiathèques de la région vous donnent rendez-vous pour expérimenter, débattre et s'émerveiller.`,
      keywords: ['festival', 'culture scientifique'],
      disciplines: ['science-society', 'astronomy', 'ecology', 'physics', 'biology'],
    },
    extra: `Au programme :\n\n- un village des sciences avec une trentaine de stands ;\n- des conférences et des projections ;\n- des ateliers pour les enfants dès 4 ans.\n\nRetrouvez le détail du programme dans l'[agenda du festival](${ctx.base}/agenda?recherche=festival).`,
  });
  const children: [EventFormat, Day, number, number, readonly Audience[]][] = [
    ['conference', friday, 20 * 60, 90, ['adults', 'teens']],
    ['workshop', friday + 1, 14 * 60, 120, ['children', 'families']],
    ['game', friday + 2, 10 * 60 + 30, 180, ['families', 'teens']],
  ];
  for (const [format, day, start, minutes, audiences] of children) {
    addEvent(ctx, {
      format,
      venue,
      actor: ctx.rng.pick(ctx.actorsOfKind(ORGANISERS[format])),
      parent,
      when: { timings: [{ start: zonedDateTime(day, start, ctx.timeZone), end: zonedDateTime(day, start + minutes, ctx.timeZone) }] },
      audiences,
      extra: `Dans le cadre du Festival des sciences ${de(commune.name)}.`,
    });
  }
}

/**
 * The national campaign, running as the seed is made (see SeedContext.fdsStart): a village des
 * sciences on the next weekend within it, its programme, events across the region, and last
 * year's village, which this year's names as its previous edition.
 */
export function buildFeteDeLaScience(ctx: SeedContext, count: number): void {
  const host = ctx.commune(0);
  const venue = venueAt(ctx, 'festival', host);
  const villageOn = (friday: Day, year: number, previousEdition?: number): number => addEvent(ctx, {
    format: 'festival',
    title: `Village des sciences ${de(host.name)} – Fête de la science ${year}`,
    actor: A.ccsti,
    venue,
    campaign: `fete-de-la-science-${year}`,
    ...(previousEdition === undefined ? {} : { previousEdition }),
    when: {
      timings: [0, 1, 2].map((i) => ({ start: zonedDateTime(friday + i, i === 0 ? 9 * 60 : 10 * 60, ctx.timeZone), end: zonedDateTime(friday + i, 18 * 60, ctx.timeZone) })),
    },
    audiences: ['school-groups', 'families', 'children', 'teens', 'adults'],
    registrationRequired: false,
    price: { free: true },
    about: {
      summary: 'Le plus grand rendez-vous de la Fête de la science dans la région : une quarantaine de stands pour tous les âges.',
      description: `Laboratoires, associations, musées et entreprises ${ctx.phrases.de} installent leurs stands au village des sciences : expériences, démonstrations, jeux et rencontres avec celles et ceux qui font la recherche.`,
      keywords: ['village des sciences', 'culture scientifique'],
      disciplines: ['science-society', 'astronomy', 'ecology', 'physics', 'biology'],
    },
    extra: 'Le vendredi est réservé aux classes ; le week-end, le village est ouvert à tous.',
  });
  // This year's village opens on the first Friday after today (within the edition's fifteen
  // days), so it is still to come; last year's stood on the same weekday 52 weeks earlier.
  const tomorrow = ctx.fdsStart + FDS_DAYS_BEFORE + 1;
  const friday = tomorrow + ((4 - weekdayOf(tomorrow) + 7) % 7);
  const previous = villageOn(friday - 364, yearMonthOf(ctx.fdsStart - 364).year);
  const village = { index: villageOn(friday, ctx.fdsYear, previous), friday };
  const first = ctx.fdsStart;
  // The village's programme: stands and talks within its three days.
  const programme: [EventFormat, number, number, number, string, readonly Audience[]][] = [
    ['workshop', 0, 9 * 60 + 30, 120, 'Expériences de chimie pour les classes', ['school-groups']],
    ['conference', 1, 15 * 60, 60, 'Rencontre avec une astrophysicienne', ['adults', 'teens']],
    ['game', 2, 10 * 60 + 30, 150, 'Escape game scientifique en famille', ['families', 'children']],
  ];
  for (const [format, offset, start, minutes, title, audiences] of programme) {
    const day = village.friday + offset;
    addEvent(ctx, {
      format,
      title: `${title} au village des sciences`,
      venue,
      actor: A.ccsti,
      parent: village.index,
      campaign: ctx.campaign,
      when: { timings: [{ start: zonedDateTime(day, start, ctx.timeZone), end: zonedDateTime(day, start + minutes, ctx.timeZone) }] },
      audiences,
      price: { free: true },
      extra: `Au village des sciences ${de(host.name)}, dans le cadre de la Fête de la science ${ctx.fdsYear}.`,
    });
  }
  const formats: EventFormat[] = ['lab-visit', 'conference', 'workshop', 'exhibition', 'science-cafe', 'field-survey', 'game', 'screening'];
  for (let i = 1; i < count; i++) {
    const format = formats[(i - 1) % formats.length] as EventFormat;
    const day = first + ctx.rng.int(0, FDS_LENGTH_DAYS - 3);
    const [start, minutes] = ctx.rng.pick(SLOTS[format].times);
    const timings = format === 'exhibition'
      ? [{ start: zonedDateTime(first, 10 * 60, ctx.timeZone), end: zonedDateTime(ctx.fdsEnd - 1, 18 * 60, ctx.timeZone) }]
      : [{ start: zonedDateTime(day, start, ctx.timeZone), end: zonedDateTime(day, start + minutes, ctx.timeZone) }];
    addEvent(ctx, { format, campaign: ctx.campaign, titleSuffix: ' – Fête de la science', when: { timings }, price: { free: true }, extra: `Un rendez-vous de la Fête de la science ${ctx.fdsYear}, gratuit et ouvert à tous.` });
  }
}
