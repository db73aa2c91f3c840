/**
 * The region's events: festivals, the Fête de la science, recurring series, a few special
 * cases (cancelled, full, professional, accessible, online), multi-session events, then a
 * realistic mix of formats until the scale's target is reached, about a third of them past.
 */
import { eventFormats, type EventFormat } from '@constellation/shared';
import { A } from './actor-profiles.ts';
import { addEvent } from './add-event.ts';
import { isoDate } from './calendar.ts';
import type { SeedContext } from './context.ts';
import { attendanceFor } from './event-facets.ts';
import { firstStart } from './event-queries.ts';
import { multiTimings, randomOffset, recurrence } from './event-schedules.ts';
import { buildFestival, buildFeteDeLaScience } from './festivals.ts';
import { de } from './french.ts';
import { RECURRING, type RecurringSpec } from './recurring-events.ts';
import { FESTIVAL_NAMES } from './texts/venue-names.ts';
import { venueAt } from './venues.ts';

export function buildEvents(ctx: SeedContext): void {
  const target = Math.round(60 * ctx.scale);
  const ccsti = A.ccsti;

  for (let i = 0; i < ctx.count(1); i++) buildFestival(ctx, i);
  buildFeteDeLaScience(ctx, ctx.count(6));

  const recurring = ctx.count(9);
  for (let i = 0; i < recurring; i++) {
    const spec = RECURRING[i % RECURRING.length] as RecurringSpec;
    const past = ctx.rng.chance(0.4);
    addEvent(ctx, {
      format: spec.format,
      topics: spec.topics,
      titlePattern: spec.title,
      ...(spec.actor === undefined ? {} : { actor: spec.actor, atHome: true }),
      ...(spec.organisers === undefined ? {} : { organisers: spec.organisers, atHome: true }),
      when: { recurrence: recurrence(ctx, spec, past) },
      // A lecture series is the kind of thing streamed as well as given in the room.
      ...(spec.format === 'conference' ? { attendance: 'mixed' as const } : {}),
      extra: spec.schedule,
    });
  }

  for (let i = 0; i < ctx.count(1); i++) {
    addEvent(ctx, { format: 'conference', offset: ctx.rng.int(5, 60), status: 'cancelled' });
    addEvent(ctx, { format: 'workshop', offset: ctx.rng.int(3, 40), status: 'full', registrationRequired: true });
    addEvent(ctx, {
      format: 'other',
      title: `Rencontres régionales de la médiation scientifique ${ctx.phrases.de}`,
      actor: ccsti,
      commune: ctx.commune(0),
      attendance: 'mixed',
      audiences: ['professionals'],
      registrationRequired: true,
      price: { free: true, details: 'Gratuit pour les membres du réseau, déjeuner offert' },
      offset: ctx.rng.int(10, 100),
      about: {
        summary: 'La journée annuelle des professionnels de la culture scientifique de la région.',
        description: `Médiateurs, chercheurs, bibliothécaires, animateurs associatifs et élus se retrouvent pour une journée d'échanges sur les pratiques de la médiation scientifique ${ctx.phrases.in}.`,
        keywords: ['médiation scientifique', 'réseau professionnel'],
        disciplines: ['science-society'],
      },
      extra: "Au programme :\n\n- retours d'expériences de médiateurs et de chercheurs ;\n- ateliers sur l'évaluation des actions ;\n- temps d'échange entre structures du réseau.",
    });
    addEvent(ctx, {
      format: 'lab-visit',
      titlePattern: (t) => `Journée des scolaires au laboratoire : ${t.np}`,
      audiences: ['school-groups', 'teens'],
      registrationRequired: true,
      offset: ctx.rng.int(1, 90),
    });
    addEvent(ctx, {
      format: 'other',
      titlePattern: (t) => `Visite adaptée en langue des signes et audiodescription : ${t.np}`,
      actor: A.museum,
      venue: venueAt(ctx, 'museum', ctx.profile(A.museum).commune),
      accessibility: ['motor', 'hearing', 'visual', 'intellectual', 'psychic'],
      languages: ['fr', 'fsl'],
      audiences: ['adults', 'families'],
      registrationRequired: true,
      extra: 'La visite est traduite en langue des signes française et accompagnée d’une audiodescription ; des objets peuvent être touchés.',
    });
    addEvent(ctx, { format: 'conference', attendance: 'online', titlePattern: (t) => `Webinaire : ${t.np}`, audiences: ['adults', 'professionals'], registrationRequired: true, offset: ctx.rng.int(1, 100) });
  }

  // Whether the Fête de la science is behind or ahead of `now` shifts the balance: the
  // freely dated events make up for it, so about a third of all events are past.
  const today = isoDate(ctx.today);
  const pastSoFar = ctx.content.events.filter((event) => firstStart(event).slice(0, 10) < today).length;
  const free = Math.max(1, target - ctx.content.events.length);
  ctx.pastShare = Math.min(0.6, Math.max(0.15, (target / 3 - pastSoFar) / free));

  const multi = ctx.count(8);
  const multiFormats: EventFormat[] = ['workshop', 'lab-visit', 'game', 'field-survey', 'conference', 'screening', 'workshop', 'science-cafe'];
  for (let i = 0; i < multi; i++) {
    const format = multiFormats[i % multiFormats.length] as EventFormat;
    const offset = randomOffset(ctx);
    addEvent(ctx, { format, offset, when: { timings: multiTimings(ctx, format, offset) }, extra: 'Plusieurs séances au choix : inscrivez-vous à celle qui vous convient.' });
  }

  // Every format at least twice among the ordinary events, then a realistic mix.
  const remaining = Math.max(target - ctx.content.events.length, eventFormats.values.length * 2);
  const weights: Readonly<Record<EventFormat, number>> = { conference: 8, workshop: 9, exhibition: 4, 'science-cafe': 5, 'lab-visit': 4, festival: 1, 'field-survey': 5, screening: 4, game: 4, other: 3 };
  const deck: EventFormat[] = [...eventFormats.values, ...eventFormats.values];
  const weighted = eventFormats.values.flatMap((format) => Array.from({ length: weights[format] }, () => format));
  while (deck.length < remaining) deck.push(ctx.rng.pick(weighted));
  for (const format of ctx.rng.shuffle(deck)) {
    if (format === 'festival') {
      let commune = ctx.anyCommune();
      let title = '';
      for (let attempt = 0; attempt < 20 && (title === '' || ctx.titles.has(title)); attempt++) {
        commune = ctx.anyCommune();
        title = `${ctx.rng.pick(FESTIVAL_NAMES)} ${de(commune.name)}`;
      }
      addEvent(ctx, {
        format,
        title,
        commune,
        actor: ccsti,
        about: {
          summary: 'Une journée de sciences pour tous, en plein centre-ville.',
          description: `Le temps d'une journée, ${commune.name} accueille des stands de laboratoires et d'associations, des spectacles scientifiques et des rencontres avec des chercheurs.`,
          keywords: ['festival', 'culture scientifique'],
          disciplines: ['science-society', 'astronomy', 'ecology', 'physics', 'biology'],
        },
        extra: 'Au programme : ateliers, expositions, spectacles et rencontres avec des scientifiques, pour tous les âges.',
      });
      continue;
    }
    addEvent(ctx, { format, attendance: attendanceFor(ctx, format), publish: ctx.rng.chance(0.9) });
  }
}
