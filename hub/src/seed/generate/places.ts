/** Places to visit: the science centre, museums, a planetarium, gardens, a lab, a heritage site, a library, a nature reserve. */
import type { AccessibilityFlag, OpeningHours, PlaceInput } from '@constellation/shared';
import type { Commune } from '../communes.ts';
import { A } from './actor-profiles.ts';
import { yearMonthOf } from './calendar.ts';
import type { SeedContext } from './context.ts';
import { de } from './french.ts';
import type { VenueKind } from './venue-kinds.ts';
import { locationIn, registerPlaceVenue } from './venues.ts';

function addPlace(ctx: SeedContext, actor: number | undefined, venueKind: VenueKind | undefined, commune: Commune, input: Omit<PlaceInput, 'actorId' | 'location'>, outdoor = false): number {
  const index = ctx.content.places.length;
  const location = locationIn(ctx, input.name, commune);
  if (venueKind !== undefined) registerPlaceVenue(ctx, venueKind, commune, location, index, outdoor);
  ctx.content.places.push({ ...(actor === undefined ? {} : { actor }), input: { ...input, location: { ...location } }, publish: true });
  return index;
}

export function buildPlaces(ctx: SeedContext): void {
  const year = yearMonthOf(ctx.today).year;
  const tuesdayToSaturday: OpeningHours[] = [
    { days: ['tu', 'we', 'th', 'fr'], opens: '10:00', closes: '18:00' },
    { days: ['sa', 'su'], opens: '14:00', closes: '18:30' },
  ];
  const accessible: AccessibilityFlag[] = ['motor', 'hearing', 'visual'];
  const ccsti = ctx.profile(A.ccsti);
  addPlace(ctx, A.ccsti, 'science-centre', ccsti.commune, {
    name: ccsti.name,
    kind: 'science-centre',
    summary: 'Expositions interactives, planétarium numérique et ateliers pour toute la famille.',
    description: "Trois salles d'exposition, un espace pour les tout-petits et un planétarium numérique de quarante places. Les expositions changent deux fois par an.\n\n- ateliers le mercredi et le samedi ;\n- visites de groupes sur réservation.",
    openingHours: tuesdayToSaturday,
    openingNotes: 'Fermé le lundi et les jours fériés.',
    accessibility: [...accessible, 'intellectual'],
    price: { free: false, details: 'Plein tarif 7 €, réduit 4 €, gratuit pour les moins de 6 ans' },
    audiences: ['families', 'children', 'school-groups', 'adults'],
    disciplines: ccsti.disciplines,
    website: ccsti.website,
    phone: ccsti.phone,
    email: ccsti.email,
    image: ctx.image('maison-des-sciences', "Le hall d'exposition de la Maison des sciences", 'Maison des sciences'),
  });

  const museum = ctx.profile(A.museum);
  addPlace(ctx, A.museum, 'museum', museum.commune, {
    name: museum.name,
    kind: 'museum',
    summary: 'Galerie de la biodiversité, minéraux, fossiles et expositions temporaires.',
    description: "La galerie permanente présente la faune et la flore de la région, des grands mammifères aux insectes. Un cabinet de curiosités reconstitué rappelle l'histoire des collections.",
    openingHours: [{ days: ['tu', 'we', 'th', 'fr', 'sa', 'su'], opens: '10:00', closes: '18:00' }],
    openingNotes: 'Gratuit le premier dimanche du mois.',
    accessibility: accessible,
    price: { free: false, details: 'Plein tarif 6 €, gratuit pour les moins de 18 ans' },
    audiences: ['families', 'children', 'adults', 'school-groups'],
    disciplines: museum.disciplines,
    website: museum.website,
    phone: museum.phone,
    image: ctx.image('museum', 'Squelette de mammifère dans la galerie du muséum', museum.name),
  });

  const industry = ctx.profile(A.industry);
  addPlace(ctx, A.industry, 'museum', industry.commune, {
    name: industry.name,
    kind: 'museum',
    summary: "Machines en fonctionnement et patrimoine industriel de la région.",
    description: "Le parcours suit deux siècles d'histoire industrielle, de la machine à vapeur à l'électronique. Des bénévoles, anciens ouvriers et ingénieurs, font fonctionner les machines chaque week-end.",
    openingHours: [{ days: ['we', 'sa', 'su'], opens: '14:00', closes: '18:00' }],
    accessibility: ['motor'],
    price: { free: false, details: 'Plein tarif 5 €, réduit 3 €' },
    audiences: ['families', 'adults', 'school-groups'],
    disciplines: industry.disciplines,
    website: industry.website,
  });

  const astro = ctx.profile(A.astronomy);
  addPlace(ctx, A.astronomy, 'observatory', astro.commune, {
    name: `Planétarium et observatoire ${de(astro.commune.name)}`,
    kind: 'planetarium',
    summary: 'Séances de planétarium et observations aux télescopes les soirs de beau temps.',
    description: "Une coupole équipée d'un télescope de 400 mm et une salle de planétarium accueillent le public. Les soirées d'observation sont animées par les membres du club d'astronomie.",
    openingHours: [{ days: ['we', 'sa'], opens: '14:00', closes: '18:00' }, { days: ['fr'], opens: '20:30', closes: '23:30' }],
    openingNotes: 'Soirées d’observation annulées en cas de ciel couvert.',
    accessibility: ['motor'],
    price: { free: false, details: 'Séance de planétarium : 5 € ; observations gratuites' },
    audiences: ['families', 'children', 'teens', 'adults'],
    disciplines: ['astronomy'],
    website: astro.website,
  }, true);

  const c0 = ctx.commune(0);
  addPlace(ctx, undefined, 'park', c0, {
    name: `Jardin botanique ${de(c0.name)}`,
    kind: 'garden',
    summary: 'Serres tropicales, plantes médicinales et arboretum en plein cœur de la ville.',
    description: 'Plus de quatre mille espèces végétales sont cultivées dans le jardin et ses serres. Des panneaux expliquent la classification des plantes et leurs usages.',
    openingHours: [
      { days: ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'], opens: '08:00', closes: '20:00', validFrom: `${year}-04-01`, validThrough: `${year}-09-30` },
      { days: ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'], opens: '08:30', closes: '17:30', validFrom: `${year}-10-01`, validThrough: `${year + 1}-03-31` },
    ],
    openingNotes: 'Serres fermées le lundi matin.',
    accessibility: ['motor', 'visual'],
    price: { free: true },
    audiences: ['families', 'children', 'adults', 'school-groups'],
    disciplines: ['biology', 'ecology'],
    image: ctx.image('jardin-botanique', 'Allée bordée de massifs fleuris au jardin botanique', `Ville ${de(c0.name)}`),
  }, true);

  const envLab = ctx.profile(A.envLab);
  addPlace(ctx, A.envLab, 'lab', envLab.commune, {
    name: `Serres expérimentales de l'Institut de recherche en environnement`,
    kind: 'lab',
    summary: 'Un laboratoire ouvert au public : serres, rivière artificielle et collections de sols.',
    description: "Les chercheurs y étudient la réponse des plantes à la sécheresse. Des visites guidées montrent les dispositifs expérimentaux et les mesures en cours.",
    openingHours: [{ days: ['we'], opens: '14:00', closes: '17:00' }],
    openingNotes: 'Visites guidées sur réservation uniquement.',
    accessibility: ['motor'],
    price: { free: true },
    audiences: ['adults', 'teens', 'school-groups'],
    disciplines: ['ecology', 'agriculture', 'climate'],
    website: envLab.website,
    email: envLab.email,
  });

  const c7 = ctx.commune(7);
  addPlace(ctx, undefined, undefined, c7, {
    name: `Parc animalier ${de(c7.name)}`,
    kind: 'aquarium',
    summary: 'Espèces locales et programmes de conservation dans un parc de vingt hectares.',
    description: 'Loutres, cigognes, lynx et tortues : le parc accueille des animaux de la faune européenne et participe à des programmes de réintroduction.',
    openingHours: [{ days: ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'], opens: '09:30', closes: '18:30' }],
    accessibility: ['motor', 'intellectual', 'psychic'],
    price: { free: false, details: 'Adulte 14 €, enfant 9 €' },
    audiences: ['families', 'children', 'school-groups'],
    disciplines: ['biology', 'ecology'],
    phone: ctx.phone(),
  }, true);

  const c8 = ctx.commune(8);
  const heritage = ctx.rng.pick(['Moulin à papier', 'Ancienne filature', 'Ancienne centrale hydroélectrique', 'Ancienne tuilerie', 'Forge-musée']);
  addPlace(ctx, undefined, undefined, c8, {
    name: `${heritage} ${de(c8.name)}`,
    kind: 'heritage-site',
    summary: 'Un site industriel restauré où les machines fonctionnent encore.',
    description: 'Le site raconte le travail des ouvriers et l’ingéniosité des techniques d’autrefois. Des démonstrations ont lieu lors des visites guidées.',
    openingHours: [{ days: ['sa', 'su'], opens: '14:00', closes: '18:00', validFrom: `${year}-04-01`, validThrough: `${year}-10-31` }],
    openingNotes: 'Ouvert en semaine pour les groupes, sur réservation.',
    price: { free: false, details: 'Visite guidée : 5 €' },
    audiences: ['families', 'adults'],
    disciplines: ['history', 'engineering'],
  });

  const libraries = ctx.profile(A.libraries);
  addPlace(ctx, A.libraries, 'library', libraries.commune, {
    name: `Médiathèque centrale ${de(libraries.commune.name)}`,
    kind: 'library',
    summary: 'Fonds scientifique, espace numérique et expositions temporaires.',
    description: 'La médiathèque centrale accueille un fonds de vulgarisation scientifique, un fablab ouvert le samedi et une salle d’exposition.',
    openingHours: [{ days: ['tu', 'th', 'fr'], opens: '13:00', closes: '19:00' }, { days: ['we', 'sa'], opens: '10:00', closes: '18:00' }],
    accessibility: ['motor', 'hearing', 'visual', 'intellectual', 'psychic'],
    price: { free: true },
    audiences: ['families', 'children', 'teens', 'adults'],
    disciplines: ['science-society', 'computer-science'],
    website: libraries.website,
  });

  const naturalists = ctx.profile(A.naturalists);
  addPlace(ctx, A.naturalists, 'park', naturalists.commune, {
    name: `Maison de la nature ${de(naturalists.commune.name)}`,
    kind: 'other',
    summary: 'Un espace naturel sensible avec sentier pédagogique, mare et observatoire à oiseaux.',
    description: 'Le sentier de deux kilomètres traverse prairies, haies et zones humides. La maison de la nature propose des expositions et des sorties accompagnées.',
    openingHours: [{ days: ['we', 'sa', 'su'], opens: '10:00', closes: '17:00' }],
    accessibility: ['motor'],
    price: { free: true },
    audiences: ['families', 'children', 'adults', 'school-groups'],
    disciplines: ['ecology', 'biology'],
    website: naturalists.website,
  }, true);
}
