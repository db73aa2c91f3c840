/**
 * The region's actors: a science centre, a museum, a university, labs, associations, libraries
 * and an independent science communicator, each with reserved `example.org` contacts.
 */
import type { ActorInput, ActorKind, Discipline } from '@constellation/shared';
import type { Commune } from '../communes.ts';
import type { ActorProfile } from './actor-profiles.ts';
import type { SeedContext } from './context.ts';
import { de, domainLabel } from './french.ts';
import { fullName } from './texts/people.ts';
import { OVERSEAS_UNIVERSITIES } from './texts/regions.ts';
import type { VenueKind } from './venue-kinds.ts';
import { venueAt } from './venues.ts';

function addActor(ctx: SeedContext, profile: ActorProfile, input: Omit<ActorInput, 'name' | 'kind' | 'website' | 'email' | 'phone' | 'disciplines' | 'location'>, verified: boolean): number {
  const index = ctx.profiles.length;
  ctx.profiles.push(profile);
  ctx.content.actors.push({
    input: {
      name: profile.name,
      kind: profile.kind,
      ...input,
      disciplines: profile.disciplines,
      website: profile.website,
      email: profile.email,
      phone: profile.phone,
    },
    verified,
  });
  return index;
}

/** Actors are located at their building, known once places to visit have claimed theirs. */
export function locateActors(ctx: SeedContext): void {
  for (const [index, profile] of ctx.profiles.entries()) {
    const actor = ctx.content.actors[index];
    if (actor === undefined || profile.venue === undefined) continue;
    actor.input.location = { ...venueAt(ctx, profile.venue, profile.commune).location };
  }
}

function organisation(ctx: SeedContext, kind: ActorKind, name: string, article: 'le' | 'la' | "l'" | 'les', commune: Commune, venue: VenueKind | undefined, disciplines: Discipline[]): ActorProfile {
  const slug = domainLabel(name);
  const theName = article === "l'" ? `l'${name}` : `${article} ${name}`;
  const deName = article === 'le' ? `du ${name}` : article === 'les' ? `des ${name}` : `de ${theName}`;
  const atName = article === 'le' ? `au ${name}` : article === 'les' ? `aux ${name}` : `à ${theName}`;
  return { kind, name, theName, deName, atName, commune, ...(venue === undefined ? {} : { venue }), website: `https://${slug}.example.org`, email: `contact@${slug}.example.org`, phone: ctx.phone(), disciplines };
}

export function buildActors(ctx: SeedContext): void {
  const [c0, c1, c2, c3, c4, c5, c6] = [0, 1, 2, 3, 4, 5, 6].map((i) => ctx.commune(i)) as [Commune, Commune, Commune, Commune, Commune, Commune, Commune];
  const region = ctx.phrases.de;

  const ccsti = organisation(ctx, 'ccsti', `Maison des sciences ${region}`, 'la', c0, 'science-centre', ['science-society', 'astronomy', 'ecology', 'physics']);
  addActor(ctx, ccsti, {
    summary: `Centre de culture scientifique, technique et industrielle ${region} : expositions, ateliers, Fête de la science et animation du réseau régional.`,
    description: `## Qui sommes-nous ?\n\nLa Maison des sciences anime le réseau de la culture scientifique ${region}. Elle conçoit des expositions itinérantes, coordonne la Fête de la science et accompagne les acteurs locaux.\n\n- expositions et ateliers toute l'année ;\n- prêt d'expositions aux communes et aux établissements scolaires ;\n- formation des médiateurs et des bénévoles.`,
    logo: ctx.image('logo-maison-des-sciences', 'Logo de la Maison des sciences', 'Maison des sciences'),
  }, true);

  const museum = organisation(ctx, 'museum', `Muséum d'histoire naturelle ${de(c1.name)}`, 'le', c1, 'museum', ['biology', 'ecology', 'earth-sciences', 'history']);
  addActor(ctx, museum, {
    summary: `Collections naturalistes, expositions temporaires et ateliers pour découvrir la biodiversité ${region}.`,
    description: `Le muséum conserve plus de cent mille spécimens, des herbiers du XIXe siècle aux collections de minéraux. Il propose chaque saison une exposition temporaire et des ateliers pour tous les publics.`,
  }, true);

  const university = organisation(ctx, 'university', OVERSEAS_UNIVERSITIES[ctx.region] ?? `Université ${de(c0.name)}`, "l'", c0, 'university', ['physics', 'biology', 'computer-science', 'social-sciences', 'history']);
  addActor(ctx, university, {
    summary: `L'université ouvre ses amphithéâtres et ses laboratoires au public : conférences, visites et rencontres avec les chercheurs.`,
    description: `Le service culture scientifique de l'université organise des conférences grand public, des visites de laboratoires et la participation des équipes de recherche à la Fête de la science.`,
  }, true);

  const envLab = organisation(ctx, 'lab', `Institut de recherche en environnement ${de(c2.name)}`, "l'", c2, 'lab', ['ecology', 'climate', 'earth-sciences', 'agriculture']);
  addActor(ctx, envLab, {
    summary: "Un laboratoire de recherche sur les écosystèmes, les sols et l'eau, qui ouvre régulièrement ses portes au public.",
    description: "Les équipes de l'institut étudient l'effet du changement climatique sur les rivières, les sols et la biodiversité. Elles accueillent des classes et proposent des visites de leurs serres expérimentales.",
  }, false);

  const csLab = organisation(ctx, 'lab', `Laboratoire d'informatique et de robotique ${de(c0.name)}`, 'le', c0, 'lab', ['computer-science', 'engineering', 'mathematics']);
  addActor(ctx, csLab, {
    summary: 'Intelligence artificielle, robotique et sécurité numérique : un laboratoire qui aime partager ses recherches.',
    description: "Le laboratoire réunit une centaine de chercheurs et d'ingénieurs. Ses doctorants animent des ateliers de programmation et des visites de la salle des robots.",
  }, true);

  const astro = organisation(ctx, 'association', `Club d'astronomie ${de(c3.name)}`, 'le', c3, 'observatory', ['astronomy', 'physics']);
  addActor(ctx, astro, {
    summary: 'Observations du ciel, initiation aux télescopes et soirées étoilées ouvertes à tous.',
    description: "Fondé il y a plus de trente ans, le club réunit des passionnés d'astronomie. Il organise des soirées d'observation, prête du matériel à ses adhérents et intervient dans les écoles.",
  }, false);

  const naturalists = organisation(ctx, 'association', `Société des naturalistes ${de(c4.name)}`, 'la', c4, 'park', ['ecology', 'biology', 'earth-sciences']);
  addActor(ctx, naturalists, {
    summary: 'Sorties nature, inventaires participatifs et conférences naturalistes.',
    description: 'La société fédère botanistes, ornithologues et entomologistes amateurs. Ses bénévoles animent des sorties tout au long de l’année et contribuent aux inventaires de la faune et de la flore.',
  }, true);

  const makers = organisation(ctx, 'association', `Atelier des sciences ${de(c2.name)}`, "l'", c2, 'fablab', ['engineering', 'computer-science', 'chemistry', 'physics']);
  addActor(ctx, makers, {
    summary: 'Une association de médiation scientifique qui fait expérimenter petits et grands.',
    description: "L'Atelier des sciences anime des ateliers d'expériences, des clubs de robotique et des stages pendant les vacances scolaires, dans les quartiers comme dans les villages.",
  }, false);

  const libraries = organisation(ctx, 'library', `Réseau des médiathèques ${de(c0.name)}`, 'le', c0, 'library', ['science-society', 'history', 'linguistics']);
  addActor(ctx, libraries, {
    summary: 'Rencontres, ateliers et expositions scientifiques dans les médiathèques du réseau.',
    description: 'Les médiathèques proposent toute l’année des rendez-vous scientifiques : clubs de lecture, ateliers numériques, expositions et rencontres avec des auteurs.',
  }, true);

  const smallLibrary = organisation(ctx, 'library', `Médiathèque ${de(c6.name)}`, 'la', c6, 'library', ['science-society', 'ecology']);
  addActor(ctx, smallLibrary, {
    summary: 'Une médiathèque de proximité qui accueille ateliers, expositions et cafés des sciences.',
  }, false);

  const communicator = ctx.person();
  const independentName = fullName(communicator);
  const independentSlug = domainLabel(independentName);
  addActor(ctx, {
    kind: 'independent',
    name: independentName,
    theName: independentName,
    deName: `de ${independentName}`,
    atName: `avec ${independentName}`,
    commune: c5,
    website: `https://${independentSlug}.example.org`,
    email: `bonjour@${independentSlug}.example.org`,
    phone: ctx.phone(),
    disciplines: ['science-society', 'chemistry', 'mathematics'],
    person: communicator,
  }, {
    summary: `${communicator.feminine ? 'Médiatrice scientifique indépendante' : 'Médiateur scientifique indépendant'} : spectacles, ateliers et cafés des sciences partout ${ctx.phrases.in}.`,
    description: `${communicator.feminine ? 'Ancienne chercheuse' : 'Ancien chercheur'} en chimie, ${communicator.first} conçoit des ateliers et des spectacles scientifiques pour les médiathèques, les écoles et les festivals.`,
  }, false);

  const industry = organisation(ctx, 'museum', `Musée de l'industrie et des techniques ${de(c3.name)}`, 'le', c3, 'museum', ['engineering', 'history', 'energy']);
  addActor(ctx, industry, {
    summary: "Machines, savoir-faire et patrimoine industriel : l'histoire des techniques racontée par ceux qui l'ont faite.",
    description: "Installé dans une ancienne usine, le musée présente machines-outils, moteurs et objets du quotidien. Des démonstrations ont lieu chaque week-end.",
  }, false);
}
