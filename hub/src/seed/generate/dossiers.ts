/** Dossiers: curated selections of published content, on the Fête de la science and on biodiversity near home. */
import { A } from './actor-profiles.ts';
import type { SeedContext } from './context.ts';
import type { Publishable } from './types.ts';

export function buildDossiers(ctx: SeedContext): void {
  const published = <T extends Publishable>(items: readonly T[], test: (item: T) => boolean = () => true) => items.flatMap((item, index) => (item.publish && test(item) ? [index] : []));

  const fdsEvents = published(ctx.content.events, (event) => event.input.campaign === ctx.campaign).slice(0, 8);
  const fdsArticle = published(ctx.content.articles, (article) => article.input.title.startsWith('Fête de la science'));
  ctx.content.dossiers.push({
    actor: A.ccsti,
    input: {
      title: ctx.uniqueTitle(`Fête de la science ${ctx.fdsYear} ${ctx.phrases.in}`, ctx.commune(0)),
      summary: 'Le meilleur de la Fête de la science dans la région : villages, labos ouverts et ateliers.',
      description: `Chaque année, la Fête de la science met la recherche à portée de tous. Cette sélection rassemble les temps forts ${ctx.phrases.de}.`,
      disciplines: ['science-society'],
      image: ctx.image('fete-de-la-science', 'Stand animé lors du village des sciences', ctx.profile(A.ccsti).name),
    },
    items: [
      ...fdsArticle.slice(0, 1).map((index) => ({ type: 'article' as const, index, note: 'Pour commencer : l’édition en un coup d’œil.' })),
      ...fdsEvents.map((index) => ({ type: 'event' as const, index })),
      { type: 'actor', index: 0, note: 'La coordination régionale de la Fête de la science.' },
    ],
    publish: true,
  });

  const natureEvents = published(ctx.content.events, (event) => event.input.disciplines?.includes('ecology') === true && event.input.format === 'field-survey').slice(0, 5);
  const naturePlaces = published(ctx.content.places, (place) => place.input.kind === 'garden' || place.input.kind === 'other' || place.input.kind === 'aquarium');
  const natureProjects = published(ctx.content.projects, (project) => project.input.disciplines?.includes('ecology') === true);
  const natureArticles = published(ctx.content.articles, (article) => article.input.disciplines?.includes('ecology') === true).slice(0, 2);
  ctx.content.dossiers.push({
    input: {
      title: ctx.uniqueTitle('Biodiversité : agir près de chez soi', ctx.commune(0)),
      summary: 'Sorties, lieux à visiter et projets participatifs pour observer et protéger la nature de proximité.',
      description: 'Pas besoin de partir loin pour observer la biodiversité. Ce dossier réunit des sorties accompagnées, des lieux à visiter et des projets où chacun peut contribuer à la recherche.',
      disciplines: ['ecology', 'biology'],
    },
    items: [
      ...natureProjects.map((index, i) => ({ type: 'project' as const, index, ...(i === 0 ? { note: 'Le plus simple pour débuter.' } : {}) })),
      ...naturePlaces.map((index) => ({ type: 'place' as const, index })),
      ...natureEvents.map((index) => ({ type: 'event' as const, index })),
      ...natureArticles.map((index) => ({ type: 'article' as const, index })),
    ],
    publish: true,
  });
}
