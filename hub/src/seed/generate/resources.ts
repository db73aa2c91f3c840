/** Resources for professionals: a guide, a report, an activity kit, a dataset, a training. */
import type { Audience, Discipline, ResourceKind } from '@constellation/shared';
import { A } from './actor-profiles.ts';
import { isoDate, yearMonthOf } from './calendar.ts';
import type { SeedContext } from './context.ts';

export function buildResources(ctx: SeedContext): void {
  const { year } = yearMonthOf(ctx.today);
  const list: { actor?: number; kind: ResourceKind; title: string; summary: string; description: string; file: string; disciplines: Discipline[]; audiences: Audience[]; keywords: string[]; daysAgo: number }[] = [
    { actor: A.ccsti, kind: 'guide', title: 'Guide pratique : organiser un café des sciences', summary: 'Trouver un lieu, inviter un chercheur, animer le débat : toutes les étapes.', description: 'Ce guide de vingt pages rassemble les conseils des organisateurs du réseau régional, avec des modèles de communication.', file: 'guide-cafe-des-sciences.pdf', disciplines: ['science-society'], audiences: ['professionals'], keywords: ['café des sciences', 'médiation'], daysAgo: 200 },
    { actor: A.ccsti, kind: 'report', title: `Baromètre de la culture scientifique ${ctx.phrases.de} ${year - 1}`, summary: 'Fréquentation, publics et actions du réseau sur une année.', description: "Le rapport présente les chiffres clés de l'année écoulée et les tendances observées par les acteurs du réseau.", file: `barometre-${year - 1}.pdf`, disciplines: ['science-society', 'social-sciences'], audiences: ['professionals'], keywords: ['évaluation', 'publics'], daysAgo: 120 },
    { actor: A.makers, kind: 'tool', title: 'Kit d’animation : la chimie en cuisine', summary: 'Fiches d’expériences et liste de matériel pour animer un atelier.', description: 'Le kit contient huit expériences testées avec des enfants de 8 à 12 ans, avec les consignes de sécurité.', file: 'kit-chimie-en-cuisine.zip', disciplines: ['chemistry'], audiences: ['professionals', 'school-groups'], keywords: ['atelier', 'chimie'], daysAgo: 60 },
    { actor: A.naturalists, kind: 'dataset', title: 'Inventaire participatif des mares : données ouvertes', summary: 'Les observations des volontaires, téléchargeables au format CSV.', description: 'Chaque ligne correspond à une visite de mare : date, commune, espèces observées. Les données sont publiées sous licence ouverte.', file: 'inventaire-mares.csv', disciplines: ['ecology'], audiences: ['professionals', 'adults'], keywords: ['données ouvertes', 'amphibiens'], daysAgo: 30 },
    { kind: 'training', title: 'Formation : rendre un événement scientifique accessible', summary: 'Une journée pour adapter ses animations aux personnes en situation de handicap.', description: 'La formation aborde l’accueil, la langue des signes, l’audiodescription et le facile à lire et à comprendre.', file: 'formation-accessibilite', disciplines: ['science-society'], audiences: ['professionals'], keywords: ['accessibilité', 'formation'], daysAgo: 15 },
  ];
  for (const item of list) {
    const owner = item.actor === undefined ? ctx.base : ctx.profile(item.actor).website;
    ctx.content.resources.push({
      ...(item.actor === undefined ? {} : { actor: item.actor }),
      input: {
        kind: item.kind,
        title: ctx.uniqueTitle(item.title, ctx.commune(0)),
        summary: item.summary,
        description: item.description,
        link: `${owner}/ressources/${item.file}`,
        disciplines: item.disciplines,
        audiences: item.audiences,
        languages: ['fr'],
        keywords: item.keywords,
        publishedOn: isoDate(ctx.today - item.daysAgo),
      },
      publish: true,
    });
  }
}
