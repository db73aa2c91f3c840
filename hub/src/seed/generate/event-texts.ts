/** The prose of an event's description: who speaks, an opening paragraph per format, and the practical details. */
import type { EventFormat } from '@constellation/shared';
import type { ActorProfile } from './actor-profiles.ts';
import type { SeedContext } from './context.ts';
import { aNp, de, deNp } from './french.ts';
import { fullName, naturalistRole, researcherRole, type Person } from './texts/people.ts';
import { isSkyTopic, type Topic } from './texts/topics.ts';
import type { EventSeed } from './types.ts';

export function speakerLine(ctx: SeedContext, person: Person, format: EventFormat, topic: Topic, actor: ActorProfile): string {
  if (actor.kind === 'independent') return `${fullName(person)}, ${person.feminine ? 'médiatrice scientifique' : 'médiateur scientifique'}`;
  if (format === 'field-survey' && isSkyTopic(topic)) return `${fullName(person)}, ${person.feminine ? 'astronome amatrice' : 'astronome amateur'} ${actor.deName}`;
  if (format === 'field-survey') return `${fullName(person)}, ${naturalistRole(person, ctx.rng)} ${actor.deName}`;
  // Researchers speak for a lab that works on the subject; the university covers every field.
  const discipline = topic.disciplines[0] ?? 'science-society';
  return `${fullName(person)}, ${researcherRole(person, discipline, ctx.rng)} ${ctx.profile(ctx.employerOf(discipline)).atName}`;
}

export function eventIntro(ctx: SeedContext, format: EventFormat, topic: Topic, speaker: string, actor: ActorProfile): string {
  const np = topic.np;
  const team = actor.kind === 'independent' ? actor.name : `les médiateurs ${actor.deName}`;
  const variants: Record<EventFormat, readonly string[]> = {
    conference: [
      `${speaker}, fait le point sur ${np} à partir des recherches les plus récentes.`,
      `Que sait-on aujourd'hui ${deNp(np)} ? ${speaker}, partage les résultats de ses travaux et répond à vos questions.`,
      `Pendant une heure, ${speaker}, nous emmène à la découverte ${deNp(np)}.`,
    ],
    workshop: [
      `Petits et grands sont invités à manipuler, observer et expérimenter pour mieux comprendre ${np}.`,
      `Un atelier pratique pour découvrir ${np} en réalisant de vraies expériences, avec ${team}.`,
      `Loupes, maquettes et défis à relever : cet atelier fait découvrir ${np} par le jeu et la manipulation.`,
    ],
    exhibition: [
      `L'exposition propose un parcours en ${ctx.rng.pick(['quatre', 'cinq', 'six'])} espaces autour ${deNp(np)}, entre objets de collection, manipulations et vidéos.`,
      `Conçue avec des chercheurs de la région, cette exposition invite à explorer ${np} sous un angle inattendu.`,
    ],
    'science-cafe': [
      `Installez-vous autour d'un verre pour discuter ${deNp(np)} avec ${speaker}.`,
      `Le principe est simple : une courte introduction ${de(speaker)}, puis la parole est à la salle. Au menu : ${np}.`,
    ],
    'lab-visit': [
      `Les équipes ${actor.deName} ouvrent leurs portes pour montrer comment la recherche sur ${np} se fait au quotidien : instruments, échantillons et expériences en cours.`,
      `Une occasion rare de rencontrer les chercheurs qui travaillent sur ${np} et de découvrir les coulisses de leurs expériences.`,
    ],
    festival: [`Ateliers, conférences et animations autour ${deNp(np)}.`],
    'field-survey': isSkyTopic(topic)
      ? [`Télescopes et lunettes seront installés pour observer ${np} sous la conduite ${de(speaker)}.`]
      : topic.night === true
        ? [`À la tombée de la nuit, partez observer ${np} avec ${speaker}, lampes et détecteurs à la main.`]
        : [
          `Accompagnés par ${speaker}, partez sur le terrain pour observer ${np} et apprendre les bons gestes de l'observateur.`,
          `Jumelles, carnets et bonne humeur : cette sortie propose d'observer ${np} en pleine nature et de noter vos observations pour les scientifiques.`,
        ],
    screening: [
      `La projection d'un documentaire consacré ${aNp(np)} est suivie d'un échange avec ${speaker}.`,
      `Un film, un chercheur, un débat : la soirée commence par un documentaire sur ${np} et se poursuit par une discussion avec la salle.`,
    ],
    game: [
      `Par équipes, résolvez des énigmes scientifiques autour ${deNp(np)} avant la fin du temps imparti.`,
      `Un jeu grandeur nature pour explorer ${np} en s'amusant, conçu par ${team}.`,
    ],
    other: [
      `Une rencontre conviviale autour ${deNp(np)}, avec lectures, échanges et démonstrations.`,
      `${speaker}, présente son travail sur ${np} et répond aux questions du public.`,
    ],
  };
  return ctx.rng.pick(variants[format]);
}

export function practicalNotes(input: EventSeed['input'], online: boolean): string {
  const lines: string[] = [];
  const audiences = input.audiences ?? [];
  if (audiences.includes('professionals') && audiences.length === 1) lines.push('Rencontre réservée aux professionnels de la médiation et de la recherche.');
  else if (audiences.includes('school-groups') && !audiences.includes('families')) lines.push('Les classes sont accueillies sur réservation, du CM1 au lycée.');
  else if (input.ageRange?.min !== undefined) lines.push(`À partir de ${input.ageRange.min} ans${input.ageRange.max === undefined ? '' : ` et jusqu'à ${input.ageRange.max} ans`}.`);
  else if (audiences.includes('families')) lines.push('Pour toute la famille.');
  if (input.registration?.required === true) lines.push('Inscription obligatoire, places limitées.');
  else if (!online) lines.push('Entrée libre dans la limite des places disponibles.');
  if (input.attendanceMode === 'mixed') lines.push('La séance est aussi retransmise en direct en ligne.');
  if (input.attendanceMode === 'online') lines.push("L'événement a lieu en ligne ; le lien de connexion est indiqué ci-dessous.");
  const access = input.accessibility ?? [];
  if (access.includes('motor')) lines.push('Le lieu est accessible aux personnes à mobilité réduite.');
  if (access.includes('hearing')) lines.push('Une boucle magnétique est à disposition.');
  if (access.includes('visual')) lines.push('Des supports en gros caractères et en braille sont prévus.');
  return lines.join(' ');
}
