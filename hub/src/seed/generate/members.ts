/** Members of the professional network: staff of the region's actors, an independent communicator and a teacher, with their accounts. */
import type { Discipline, Role } from '@constellation/shared';
import { A, type ActorProfile } from './actor-profiles.ts';
import type { SeedContext } from './context.ts';
import { ascii } from './french.ts';
import { FIELD_OF, fullName, type Person } from './texts/people.ts';

export function buildMembers(ctx: SeedContext): void {
  const skills = ["animation d'ateliers", "conception d'expositions", 'écriture scientifique', 'vulgarisation', 'montage de projets européens', 'photographie naturaliste', 'programmation Python', 'gestion de bénévoles', 'médiation numérique', 'prise de parole en public', 'accessibilité des publics', 'animation de débats', 'podcast', 'impression 3D', 'relations presse', 'évaluation des publics'];
  const years = () => ctx.rng.int(3, 20);
  const staffBio = (p: Person, a: ActorProfile) => ctx.rng.pick([
    `${p.first} travaille depuis ${years()} ans ${a.atName}. ${p.feminine ? 'Elle' : 'Il'} aime faire dialoguer chercheurs et publics ${ctx.phrases.in}.`,
    `Après des études de ${FIELD_OF[ctx.rng.pick(a.disciplines)]}, ${p.first} a rejoint ${a.theName} il y a ${years()} ans. ${p.feminine ? 'Elle' : 'Il'} coordonne des projets avec les écoles et les associations.`,
    `${p.first} conçoit des animations ${a.atName} depuis ${years()} ans et partage volontiers ses outils avec le réseau.`,
  ]);
  const roster: { role: Role; actor?: number; headline: (p: Person, actor?: ActorProfile) => string; bio?: (p: Person) => string }[] = [
    { role: 'admin', actor: A.ccsti, headline: (p, a) => `${p.feminine ? 'Coordinatrice' : 'Coordinateur'} du réseau régional ${a?.atName ?? ''}`.trim() },
    { role: 'moderator', actor: A.ccsti, headline: (p, a) => `${p.feminine ? 'Chargée' : 'Chargé'} de communication ${a?.atName ?? ''}`.trim() },
    { role: 'contributor', actor: A.museum, headline: (_p, a) => `Responsable des publics ${a?.atName ?? ''}`.trim() },
    { role: 'contributor', actor: A.university, headline: (p, a) => `${p.feminine ? 'Chargée' : 'Chargé'} de culture scientifique ${a?.atName ?? ''}`.trim() },
    { role: 'contributor', actor: A.naturalists, headline: (p, a) => `${p.feminine ? 'Animatrice' : 'Animateur'} nature ${a?.atName ?? ''}`.trim() },
    { role: 'contributor', actor: A.libraries, headline: (p, a) => `Bibliothécaire, ${p.feminine ? 'référente' : 'référent'} sciences ${a?.atName ?? ''}`.trim() },
    {
      role: 'contributor',
      actor: A.independent,
      headline: (p) => `${p.feminine ? 'Médiatrice scientifique indépendante' : 'Médiateur scientifique indépendant'}`,
      bio: (p) => `${p.feminine ? 'Ancienne chercheuse' : 'Ancien chercheur'}, ${p.first} crée depuis ${years()} ans des spectacles et des ateliers scientifiques pour les médiathèques, les écoles et les festivals.`,
    },
    {
      role: 'member',
      headline: (p) => `${p.feminine ? 'Professeure' : 'Professeur'} de sciences de la vie et de la Terre`,
      bio: (p) => `${p.first} enseigne depuis ${years()} ans et emmène ses classes au laboratoire dès que possible. ${p.feminine ? 'Elle' : 'Il'} cherche des partenaires pour un projet sur la biodiversité du collège.`,
    },
  ];
  const used = new Set<string>();
  for (const [i, entry] of roster.entries()) {
    const actor = entry.actor === undefined ? undefined : ctx.profile(entry.actor);
    let person = actor?.person ?? ctx.person();
    while (used.has(fullName(person))) person = ctx.person(person.feminine);
    used.add(fullName(person));
    const local = ascii(`${person.first}.${person.last}`).toLowerCase().replace(/[^a-z.]+/g, '-');
    const domain = actor === undefined ? 'example.org' : new URL(actor.website).hostname;
    const disciplines = actor?.disciplines.slice(0, 3) ?? (['biology', 'earth-sciences'] as Discipline[]);
    ctx.content.members.push({
      input: {
        displayName: fullName(person),
        headline: entry.headline(person, actor),
        bio: entry.bio?.(person) ?? (actor === undefined ? '' : staffBio(person, actor)),
        skills: ctx.rng.sample(skills, ctx.rng.int(3, 5)),
        disciplines,
        region: ctx.region,
        contact: { email: `${local}@${domain}`, ...(i % 3 === 0 ? { phone: ctx.phone() } : {}), ...(actor === undefined ? {} : { website: actor.website }) },
        listed: i !== roster.length - 1,
        // Each privacy choice appears in the demo; none shows contact details to a fresh account.
        contactVisibility: (['members', 'actor', 'nobody'] as const)[i % 3],
      },
      email: `${local}@example.org`,
      role: entry.role,
      ...(entry.actor === undefined ? {} : { actor: entry.actor }),
    });
  }
}
