/** Participatory science projects run by the region's actors, local to national. */
import type { Audience, Discipline, GeographicScope, InvolvementLevel, ParticipationType } from '@constellation/shared';
import type { Commune } from '../communes.ts';
import { A } from './actor-profiles.ts';
import { yearMonthOf } from './calendar.ts';
import type { SeedContext } from './context.ts';
import { de, slugify } from './french.ts';

export function buildProjects(ctx: SeedContext): void {
  const year = yearMonthOf(ctx.today).year;
  const c0 = ctx.commune(0);
  const projects: { actor: number; title: string; summary: string; description: string; disciplines: Discipline[]; participationType: ParticipationType; involvement: InvolvementLevel; audiences: Audience[]; scope: GeographicScope; local?: Commune; keywords: string[]; start?: string; end?: string }[] = [
    { actor: A.naturalists, title: `Sentinelles des mares ${ctx.phrases.de}`, summary: 'Recenser les amphibiens des mares pour suivre leur état de santé.', description: 'Chaque printemps, les volontaires visitent une mare près de chez eux et notent les espèces observées. Une formation est proposée aux débutants.\n\n- protocole simple, accessible dès 10 ans ;\n- données partagées avec les gestionnaires d’espaces naturels.', disciplines: ['ecology', 'biology'], participationType: 'field', involvement: 'seasonal', audiences: ['families', 'adults'], scope: 'regional', keywords: ['amphibiens', 'mares'], start: `${year}-02-01` },
    { actor: A.astronomy, title: 'Chasseurs de météores', summary: 'Photographier le ciel nocturne pour calculer la trajectoire des météores.', description: "Les participants installent un appareil photo pointé vers le ciel ou analysent en ligne les images du réseau de caméras. Les trajectoires calculées aident à retrouver des météorites.", disciplines: ['astronomy'], participationType: 'both', involvement: 'case-by-case', audiences: ['teens', 'adults'], scope: 'national', keywords: ['météores', 'astronomie'] },
    { actor: A.csLab, title: `Air citoyen ${de(c0.name)}`, summary: "Mesurer la qualité de l'air à vélo avec des capteurs fabriqués en atelier.", description: "Les volontaires assemblent un capteur de particules fines, puis l'emportent lors de leurs trajets. Les cartes produites sont discutées avec la ville.", disciplines: ['engineering', 'health', 'climate'], participationType: 'field', involvement: 'weekly', audiences: ['adults', 'teens'], scope: 'local', local: c0, keywords: ['qualité de l’air', 'capteurs'], start: `${year}-03-15`, end: `${year + 1}-06-30` },
    { actor: A.museum, title: 'Carnets de naturalistes à transcrire', summary: 'Transcrire en ligne les carnets manuscrits des naturalistes du XIXe siècle.', description: "Les carnets conservés par le muséum sont numérisés page par page. En les transcrivant, les volontaires rendent ces observations anciennes utilisables par les chercheurs qui étudient l'évolution de la biodiversité.", disciplines: ['history', 'biology'], participationType: 'online', involvement: 'ongoing', audiences: ['adults'], scope: 'national', keywords: ['archives', 'transcription'] },
    { actor: A.envLab, title: 'Mon sol est vivant', summary: 'Enterrer un sachet de thé et mesurer la vie du sol de son jardin.', description: "Le protocole est simple : deux sachets de thé enterrés puis pesés trois mois plus tard. La perte de masse renseigne sur l'activité des organismes du sol.", disciplines: ['agriculture', 'ecology'], participationType: 'field', involvement: 'one-off', audiences: ['families', 'school-groups', 'adults'], scope: 'regional', keywords: ['sols', 'jardins'], start: `${year}-04-01`, end: `${year}-11-30` },
    { actor: A.naturalists, title: `Le printemps des arbres ${ctx.phrases.in}`, summary: 'Noter les dates de floraison et de feuillaison pour suivre le changement climatique.', description: 'Les observateurs choisissent quelques arbres près de chez eux et notent chaque semaine, au printemps, l’apparition des bourgeons, des feuilles et des fleurs.', disciplines: ['climate', 'ecology'], participationType: 'both', involvement: 'weekly', audiences: ['families', 'adults', 'school-groups'], scope: 'regional', keywords: ['phénologie', 'arbres'] },
  ];
  for (const project of projects) {
    const actor = ctx.profile(project.actor);
    const title = ctx.uniqueTitle(project.title, actor.commune);
    ctx.content.projects.push({
      actor: project.actor,
      input: {
        title,
        summary: project.summary,
        description: project.description,
        disciplines: project.disciplines,
        participationType: project.participationType,
        involvement: project.involvement,
        audiences: project.audiences,
        scope: project.scope,
        ...(project.scope === 'national' ? {} : { regions: [ctx.region] }),
        ...(project.local === undefined ? {} : { location: { commune: project.local.name, inseeCode: project.local.inseeCode, lat: project.local.lat, lon: project.local.lon } }),
        website: `${actor.website}/projets/${slugify(title)}`,
        ...(project.start === undefined ? {} : { startDate: project.start }),
        ...(project.end === undefined ? {} : { endDate: project.end }),
        keywords: project.keywords,
        image: ctx.image(project.keywords[0] ?? 'projet', `Des participants au projet « ${title} »`, actor.name),
      },
      publish: true,
    });
  }
}
