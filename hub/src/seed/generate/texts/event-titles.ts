/** Event titles and summaries per format, as patterns over a topic. */
import type { EventFormat } from '@constellation/shared';
import { aNp, cap, deNp } from '../french.ts';
import type { Topic } from './topics.ts';

export type TitlePattern = (topic: Topic) => string;

/** Title patterns per format: with 50-odd topics each format has a few hundred distinct titles. */
export const TITLES: Readonly<Record<EventFormat, readonly TitlePattern[]>> = {
  conference: [
    (t) => `${cap(t.np)} : ce que nous apprend la recherche`,
    (t) => `Conférence : ${t.np}`,
    (t) => `Que savons-nous vraiment ${deNp(t.np)} ?`,
    (t) => `${cap(t.np)}, idées reçues et découvertes récentes`,
    (t) => `${cap(t.np)} : où en est la recherche ?`,
    (t) => `${cap(t.np)} : une heure pour comprendre`,
  ],
  workshop: [
    (t) => `Atelier : ${t.np}`,
    (t) => `Atelier en famille : à la découverte ${deNp(t.np)}`,
    (t) => `Expériences autour ${deNp(t.np)}`,
    (t) => `Mains à la pâte : ${t.np}`,
    (t) => `Petits curieux : ${t.np} en expériences`,
  ],
  exhibition: [
    (t) => `Exposition « ${cap(t.np)} »`,
    (t) => `${cap(t.np)} : l'exposition`,
    (t) => `Voyage au cœur ${deNp(t.np)}`,
    (t) => `Exposition : l'étonnante histoire ${deNp(t.np)}`,
  ],
  'science-cafe': [
    (t) => `Café des sciences : ${t.np}`,
    (t) => `Bar des sciences : parlons ${deNp(t.np)}`,
    (t) => `Café-débat : ${t.np} en questions`,
    (t) => `Apéro-sciences : ${t.np}`,
  ],
  'lab-visit': [
    (t) => `Visite de laboratoire : la recherche sur ${t.np}`,
    (t) => `Dans les coulisses d'un labo : ${t.np}`,
    (t) => `Rencontrez les chercheurs qui étudient ${t.np}`,
    (t) => `Un après-midi au labo : ${t.np}`,
  ],
  festival: [(t) => `Festival : ${t.np} à l'honneur`],
  'field-survey': [
    (t) => (t.night ? `Soirée d'observation : ${t.np}` : `Sortie nature : ${t.np}`),
    (t) => (t.night ? `Nuit sur le terrain : ${t.np}` : `Balade naturaliste : sur la piste ${deNp(t.np)}`),
    (t) => `Inventaire participatif : ${t.np}`,
    (t) => `Sur le terrain avec les scientifiques : ${t.np}`,
  ],
  screening: [
    (t) => `Ciné-débat : ${t.np}`,
    (t) => `Projection du documentaire « ${cap(t.np)} »`,
    (t) => `Ciné-sciences : ${t.np} sur grand écran`,
  ],
  game: [
    (t) => `Escape game : le mystère ${deNp(t.np)}`,
    (t) => `Jeu de piste : sur les traces ${deNp(t.np)}`,
    (t) => `Quiz géant : ${t.np}`,
    (t) => `Soirée jeux de société autour ${deNp(t.np)}`,
  ],
  other: [
    (t) => `Rencontre-lecture autour ${deNp(t.np)}`,
    (t) => `Table ronde : ${t.np}, quels enjeux pour notre territoire ?`,
    (t) => `Club sciences : ${t.np}`,
    (t) => `Rencontre-dédicace : un livre sur ${t.np}`,
  ],
};

export const SUMMARIES: Readonly<Record<EventFormat, readonly TitlePattern[]>> = {
  conference: [(t) => `Une conférence pour comprendre ${t.np}, suivie d'un temps d'échange avec le public.`, (t) => `Les dernières avancées de la recherche sur ${t.np}, expliquées simplement.`],
  workshop: [(t) => `Un atelier pour découvrir ${t.np} en expérimentant.`, (t) => `Manipuler, observer, comprendre : un atelier pratique sur ${t.np}.`],
  exhibition: [(t) => `Une exposition pour explorer ${t.np}, entre objets, manipulations et vidéos.`, (t) => `Un parcours d'exposition consacré ${aNp(t.np)}.`],
  'science-cafe': [(t) => `Une discussion ouverte sur ${t.np}, autour d'un verre.`, (t) => `Un chercheur, un bar, vos questions : ${t.np} en débat.`],
  'lab-visit': [(t) => `Visite des coulisses de la recherche sur ${t.np}.`, (t) => `Les portes d'un laboratoire s'ouvrent : ${t.np} comme vous ne l'avez jamais vu.`],
  festival: [() => 'Ateliers, conférences, spectacles et animations pour tous les âges.'],
  'field-survey': [(t) => `Une sortie sur le terrain pour observer ${t.np}.`, (t) => `Observer et noter : une sortie participative consacrée ${aNp(t.np)}.`],
  screening: [(t) => `Projection d'un documentaire suivie d'un débat sur ${t.np}.`],
  game: [(t) => `Un jeu en équipe pour explorer ${t.np}.`, (t) => `Énigmes et défis scientifiques autour ${deNp(t.np)}.`],
  other: [(t) => `Une rencontre autour ${deNp(t.np)}.`, (t) => `Échanges, lectures et démonstrations sur ${t.np}.`],
};
