/** Announcements of the professional network: a job, an internship, a call for projects, calls for volunteers, an exhibition to borrow. */
import type { AnnouncementKind, Discipline } from '@constellation/shared';
import { A } from './actor-profiles.ts';
import { isoDate } from './calendar.ts';
import type { SeedContext } from './context.ts';
import { slugify } from './french.ts';

export function buildAnnouncements(ctx: SeedContext): void {
  const ann: { actor: number; kind: AnnouncementKind; title: string; summary: string; description: string; deadline: number; disciplines: Discipline[] }[] = [
    { actor: A.ccsti, kind: 'job', title: 'Médiateur ou médiatrice scientifique (CDD de 12 mois)', summary: 'La Maison des sciences recrute pour ses ateliers et ses expositions itinérantes.', description: "Vous animerez des ateliers pour les scolaires et le grand public, et participerez à la conception d'une nouvelle exposition.\n\n**Profil :** formation scientifique, goût pour la transmission, permis B.", deadline: ctx.rng.int(15, 40), disciplines: ['science-society'] },
    { actor: A.museum, kind: 'internship', title: "Stage : conception d'un atelier sur la biodiversité urbaine", summary: 'Stage de six mois au service des publics du muséum.', description: 'Vous concevrez et testerez un atelier pour les 8-12 ans, en lien avec les collections et les scientifiques partenaires.', deadline: ctx.rng.int(20, 60), disciplines: ['ecology', 'biology'] },
    { actor: A.ccsti, kind: 'call-for-projects', title: `Appel à projets : Fête de la science ${ctx.fdsYear + 1}`, summary: 'Associations, laboratoires, médiathèques : proposez vos événements.', description: 'La coordination régionale accompagne les porteurs de projets : conseils, prêt de matériel et communication commune.', deadline: ctx.rng.int(30, 90), disciplines: ['science-society'] },
    { actor: A.naturalists, kind: 'call-for-volunteers', title: 'Bénévoles recherchés pour les inventaires de printemps', summary: 'Rejoignez les équipes de terrain, aucune compétence préalable requise.', description: 'Une formation est assurée en début de saison. Les sorties ont lieu le week-end, par petits groupes.', deadline: ctx.rng.int(10, 50), disciplines: ['ecology'] },
    { actor: A.smallLibrary, kind: 'call-for-volunteers', title: 'Festival des sciences : devenez bénévole', summary: "Accueil du public, tenue des stands, logistique : le festival a besoin de vous.", description: 'Un repas et un t-shirt sont offerts aux bénévoles. Deux demi-journées minimum.', deadline: ctx.rng.int(5, 30), disciplines: ['science-society'] },
    { actor: A.industry, kind: 'other', title: 'Exposition itinérante à prêter : deux siècles d’innovations', summary: 'Douze panneaux et quatre manipulations, prêtés gratuitement aux communes et aux écoles.', description: "L'exposition tient dans une camionnette et s'installe en une heure. Elle est accompagnée d'un livret pédagogique.", deadline: ctx.rng.int(30, 120), disciplines: ['engineering', 'history'] },
  ];
  for (const item of ann) {
    const actor = ctx.profile(item.actor);
    ctx.content.announcements.push({
      actor: item.actor,
      input: {
        kind: item.kind,
        title: ctx.uniqueTitle(item.title, actor.commune),
        summary: item.summary,
        description: item.description,
        deadline: isoDate(ctx.today + item.deadline),
        applyUrl: `${actor.website}/annonces/${slugify(item.title)}`,
        location: { commune: actor.commune.name, inseeCode: actor.commune.inseeCode, ...(actor.commune.postalCode === undefined ? {} : { postalCode: actor.commune.postalCode }) },
        disciplines: item.disciplines,
        contactEmail: actor.email,
      },
      publish: true,
    });
  }
}
