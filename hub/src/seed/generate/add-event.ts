/**
 * One event from a spec: what the caller fixes (format, organiser, dates, text...) and what
 * is drawn at random (topic, venue, audiences, price, registration, accessibility).
 */
import type { AccessibilityFlag, ActorKind, AttendanceMode, Audience, Discipline, EventFormat, EventInput, EventStatus, Price, Timing } from '@constellation/shared';
import type { Commune } from '../communes.ts';
import { ORGANISERS, type ActorProfile } from './actor-profiles.ts';
import type { SeedContext } from './context.ts';
import { AUDIENCES_FOR, eventAccessibility, eventPrice, eventRegistration, REGISTRATION_SHARE } from './event-facets.ts';
import { randomOffset, singleTimings } from './event-schedules.ts';
import { eventIntro, practicalNotes, speakerLine } from './event-texts.ts';
import { slugify } from './french.ts';
import { SUMMARIES, TITLES, type TitlePattern } from './texts/event-titles.ts';
import { TOPICS, type Topic } from './texts/topics.ts';
import type { EventSeed } from './types.ts';
import { VENUES_FOR, type Venue } from './venue-kinds.ts';
import { chooseVenue, communeOfVenue, venueAt } from './venues.ts';

export interface EventSpec {
  format: EventFormat;
  topic?: Topic;
  topics?: (topic: Topic) => boolean;
  titlePattern?: TitlePattern;
  title?: string;
  organisers?: readonly ActorKind[];
  /** At the organiser's own venue when it suits the format. */
  atHome?: boolean;
  /** Appended to the title: the campaign's name. */
  titleSuffix?: string;
  actor?: number;
  commune?: Commune;
  venue?: Venue;
  attendance?: AttendanceMode;
  /** Day relative to today for single-day events; ignored when `when` is given. */
  offset?: number;
  when?: { timings: Timing[] } | { recurrence: NonNullable<EventInput['recurrence']> };
  status?: EventStatus;
  campaign?: string;
  parent?: number;
  /** Index of last year's edition. */
  previousEdition?: number;
  audiences?: readonly Audience[];
  accessibility?: readonly AccessibilityFlag[];
  languages?: readonly string[];
  registrationRequired?: boolean;
  /** For events that are not about one topic (festivals, meetings): replaces the topic's text and facets. */
  about?: { summary: string; description: string; keywords: string[]; disciplines: Discipline[] };
  price?: Price;
  extra?: string;
  publish?: boolean;
}

export function addEvent(ctx: SeedContext, spec: EventSpec): number {
  const format = spec.format;
  const actorIndex = spec.actor ?? ctx.rng.pick(ctx.actorsOfKind(spec.organisers ?? ORGANISERS[format]));
  const actor = ctx.profile(actorIndex);
  const topic = spec.topic ?? freshTopic(ctx, spec, topicFilter(ctx, spec, actor));
  // Lab visits happen in labs; other organisers host at home often, and tour the region too.
  const home = actor.venue !== undefined && VENUES_FOR[format].includes(actor.venue) && (spec.atHome === true || format === 'lab-visit' || ctx.rng.chance(0.45)) ? actor.venue : undefined;
  const commune = spec.commune ?? (spec.venue !== undefined ? communeOfVenue(ctx, spec.venue) : home !== undefined ? actor.commune : actor.kind === 'independent' || ctx.rng.chance(0.5) ? ctx.anyCommune() : actor.commune);
  const attendance = spec.attendance ?? 'in-person';
  const venue = attendance === 'online' ? undefined : (spec.venue ?? (home !== undefined && spec.commune === undefined ? venueAt(ctx, home, actor.commune) : chooseVenue(ctx, format, commune, topic)));
  const where = venue === undefined ? commune : communeOfVenue(ctx, venue);

  const title = eventTitle(ctx, spec, topic, where);
  const slug = slugify(title);

  const offset = spec.offset ?? randomOffset(ctx);
  const when = spec.when ?? { timings: singleTimings(ctx, format, offset, topic) };
  const audiences = [...(spec.audiences ?? ctx.rng.pick(AUDIENCES_FOR[format]))];
  const childrenOnly = audiences.includes('children') && !audiences.includes('adults');
  const ageRange = childrenOnly ? (audiences.includes('families') ? { min: 5 } : { min: 6, max: 12 }) : audiences.length === 1 && audiences[0] === 'teens' ? { min: 12, max: 17 } : format === 'field-survey' && topic.night === true ? { min: 8 } : undefined;
  const price = spec.price ?? eventPrice(ctx, format, venue, audiences);
  const required = spec.registrationRequired ?? (spec.status === 'full' || ctx.rng.chance(REGISTRATION_SHARE[format]));
  const registration = eventRegistration(ctx, required, actor, slug, format);
  const accessibility = [...(spec.accessibility ?? eventAccessibility(ctx, venue))];
  const speakerPerson = actor.person ?? ctx.person();
  const speaker = speakerLine(ctx, speakerPerson, format, topic, actor);
  const onlineUrl = attendance === 'in-person' ? undefined : `${actor.website}/direct/${slug}`;
  const keywords = [...new Set([...(spec.about?.keywords ?? topic.keywords), ...(spec.campaign === undefined ? [] : ['Fête de la science'])])];
  // A summary that is the topic's opening sentence is not repeated in the description.
  const hookAsSummary = spec.about === undefined && ctx.rng.chance(0.35);
  const summary = spec.about?.summary ?? (hookAsSummary ? topic.hook : ctx.rng.pick(SUMMARIES[format])(topic));
  const languages = spec.languages ?? (ctx.rng.chance(0.1) ? ['fr', 'en'] : ['fr']);

  const input: EventSeed['input'] = {
    title,
    summary,
    timeZone: ctx.timeZone,
    ...when,
    attendanceMode: attendance,
    ...(onlineUrl === undefined ? {} : { onlineUrl }),
    ...(venue === undefined ? {} : { place: { ...venue.location } }),
    format,
    audiences,
    ...(ageRange === undefined ? {} : { ageRange }),
    disciplines: [...(spec.about?.disciplines ?? topic.disciplines)],
    price,
    ...(registration === undefined ? {} : { registration }),
    ...(accessibility.length > 0 ? { accessibility } : {}),
    languages: [...languages],
    keywords,
    ...(spec.campaign === undefined ? {} : { campaign: spec.campaign }),
    ...(spec.status === undefined ? {} : { eventStatus: spec.status }),
    contactEmail: actor.email,
  };
  if (ctx.rng.chance(0.45)) input.image = ctx.image(keywords[0] ?? 'evenement', spec.about === undefined ? `Illustration de l'événement : ${topic.np}` : `Affiche de l'événement « ${title} »`, actor.name);

  const paragraphs = [spec.about?.description ?? (hookAsSummary ? eventIntro(ctx, format, topic, speaker, actor) : `${eventIntro(ctx, format, topic, speaker, actor)} ${topic.hook}`)];
  if (spec.extra !== undefined) paragraphs.push(spec.extra);
  paragraphs.push(practicalNotes(input, venue === undefined));
  if (spec.status === 'cancelled') paragraphs.unshift(`**Annulé.** ${ctx.rng.pick(["En raison de l'indisponibilité de l'intervenant, l'événement est annulé. Il sera reprogrammé dans les prochains mois.", "L'événement est annulé en raison d'une alerte météo. Les personnes inscrites ont été prévenues par courriel."])}`);
  if (spec.status === 'full') paragraphs.unshift("**Complet.** Toutes les places ont trouvé preneur ; vous pouvez vous inscrire sur liste d'attente.");
  input.description = paragraphs.filter((paragraph) => paragraph !== '').join('\n\n');

  const index = ctx.content.events.length;
  ctx.eventTopics[index] = spec.about === undefined ? topic : undefined;
  ctx.content.events.push({
    actor: actorIndex,
    input,
    ...(venue?.place === undefined ? {} : { place: venue.place }),
    ...(spec.parent === undefined ? {} : { parent: spec.parent }),
    ...(spec.previousEdition === undefined ? {} : { previousEdition: spec.previousEdition }),
    publish: spec.publish ?? true,
  });
  return index;
}

/**
 * A title no other content has. Without a fixed topic, `addEvent` already drew one; when its
 * title is taken, other patterns are tried before the topic is dropped for the commune's name.
 */
function eventTitle(ctx: SeedContext, spec: EventSpec, topic: Topic, where: Commune): string {
  const dress = (title: string) => (spec.titleSuffix === undefined ? title : `${title}${spec.titleSuffix}`);
  if (spec.title !== undefined) return ctx.uniqueTitle(dress(spec.title), where);
  const patterns = spec.titlePattern === undefined ? ctx.rng.shuffle(TITLES[spec.format]) : [spec.titlePattern];
  for (const pattern of patterns) {
    const claimed = ctx.claim(dress(pattern(topic)));
    if (claimed !== undefined) return claimed;
  }
  return ctx.uniqueTitle(dress((patterns[0] as TitlePattern)(topic)), where);
}

/** What the event may be about: what its format allows and, mostly, what its organiser works on. */
function topicFilter(ctx: SeedContext, spec: EventSpec, actor: ActorProfile): (topic: Topic) => boolean {
  const format = spec.format;
  const allowed = spec.topics ?? (format === 'lab-visit' ? (t: Topic) => t.lab === true : format === 'field-survey' ? (t: Topic) => t.outdoor === true : () => true);
  const own = (t: Topic) => allowed(t) && t.disciplines.some((discipline) => actor.disciplines.includes(discipline));
  const preferOwn = format === 'lab-visit' || ctx.rng.chance(actor.kind === 'library' || actor.kind === 'ccsti' ? 0.3 : 0.75);
  return preferOwn && TOPICS.some(own) ? own : allowed;
}

/** A topic whose title under this spec is still free, when a few draws find one. */
function freshTopic(ctx: SeedContext, spec: EventSpec, filter: ((topic: Topic) => boolean) | undefined): Topic {
  let topic = ctx.pickTopic(filter);
  if (spec.title !== undefined) return topic;
  const patterns = spec.titlePattern === undefined ? TITLES[spec.format] : [spec.titlePattern];
  const suffix = spec.titleSuffix ?? '';
  for (let attempt = 0; attempt < 8 && patterns.every((pattern) => ctx.titles.has(`${pattern(topic)}${suffix}`)); attempt++) topic = ctx.pickTopic(filter);
  return topic;
}
