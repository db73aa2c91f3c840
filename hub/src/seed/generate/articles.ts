/** Articles: reports on past events, an interview, a lab's backstage, the Fête de la science, picks from the agenda, a review, a portrait, resources for teachers, a myth-buster. */
import { A } from './actor-profiles.ts';
import { DAY_MS, frenchDay, isoDate } from './calendar.ts';
import type { SeedContext } from './context.ts';
import { eventsWhere, eventTopic, firstStart, isPast } from './event-queries.ts';
import { aNp, at, cap, deNp } from './french.ts';
import { FIELD_OF, fullName, naturalistRole, researcherRole } from './texts/people.ts';
import type { Topic } from './texts/topics.ts';
import type { EventSeed } from './types.ts';

function addArticle(ctx: SeedContext, actor: number, title: string, summary: string, body: string, topic: Topic | undefined, event?: number, publish = true): number {
  const claimed = ctx.uniqueTitle(title, ctx.profile(actor).commune);
  const index = ctx.content.articles.length;
  ctx.content.articles.push({
    actor,
    input: {
      title: claimed,
      summary,
      body,
      disciplines: [...(topic?.disciplines ?? ctx.profile(actor).disciplines.slice(0, 2))],
      keywords: [...(topic?.keywords ?? ['culture scientifique'])],
      image: ctx.image(topic?.keywords[0] ?? 'article', topic === undefined ? `Illustration : ${claimed}` : `Illustration : ${topic.np}`, ctx.profile(actor).name),
    },
    ...(event === undefined ? {} : { event }),
    publish,
  });
  return index;
}

export function buildArticles(ctx: SeedContext): void {
  const agenda = `${ctx.base}/agenda`;
  const pastEvents = ctx.rng.shuffle(eventsWhere(ctx, (event) => isPast(ctx, event) && event.parent === undefined && event.input.format !== 'festival' && event.input.format !== 'exhibition' && event.input.eventStatus === undefined));
  const futureEvents = eventsWhere(ctx, (event) => !isPast(ctx, event) && event.input.eventStatus === undefined).sort((a, b) => firstStart(ctx.content.events[a] as EventSeed).localeCompare(firstStart(ctx.content.events[b] as EventSeed)));

  for (const eventIndex of pastEvents.slice(0, 2)) {
    const event = ctx.content.events[eventIndex] as EventSeed;
    const topic = eventTopic(ctx, eventIndex);
    const actor = ctx.profile(event.actor);
    const image = ctx.image(topic.keywords[0] ?? 'retour', `Le public pendant l'événement « ${event.input.title} »`, actor.name);
    addArticle(ctx, event.actor, `Retour sur « ${event.input.title} »`, `Le public était au rendez-vous pour parler ${deNp(topic.np)}.`, [
      `Le public a répondu présent pour « ${event.input.title} », proposé par ${actor.theName}. ${topic.hook}`,
      '## Ce qu’il fallait retenir',
      `- les questions du public ont porté sur ${topic.np} au quotidien ;\n- les intervenants ont présenté des résultats de recherche obtenus ${ctx.phrases.in} ;\n- plusieurs participants ont demandé une suite : elle est en préparation.`,
      `![${image.alt ?? ''}](${image.url})`,
      '## Pour aller plus loin',
      `Les prochains rendez-vous sont annoncés dans [l'agenda](${agenda}) et sur [le site de l'organisateur](${actor.website}).`,
    ].join('\n\n'), topic, eventIndex);
  }

  const researcher = ctx.person();
  const interviewTopic = ctx.pickTopic((t) => t.lab === true);
  const discipline = interviewTopic.disciplines[0] ?? 'biology';
  const labIndex = ctx.employerOf(discipline);
  const lab = ctx.profile(labIndex);
  const role = researcherRole(researcher, discipline, ctx.rng);
  addArticle(ctx, labIndex, `Trois questions à ${fullName(researcher)}, ${role}`, `${researcher.first} ${researcher.last} travaille sur ${interviewTopic.np} ${lab.atName}.`, [
    `${fullName(researcher)} est ${role} ${lab.atName}. Nous l'avons rencontré${researcher.feminine ? 'e' : ''} entre deux expériences.`,
    '## Son parcours en bref',
    `- une thèse en ${FIELD_OF[discipline]} soutenue il y a ${ctx.rng.int(2, 15)} ans ;\n- plusieurs années de recherche à l'étranger ;\n- des interventions régulières dans les écoles ${ctx.phrases.de}.`,
    '### Sur quoi portent vos recherches ?',
    `« Je travaille sur ${interviewTopic.np}. ${interviewTopic.hook} Notre équipe cherche à mieux comprendre les mécanismes en jeu. »`,
    '### Pourquoi partager votre travail avec le public ?',
    '« Parce que la recherche est financée par tous, et que les questions du public nous obligent à clarifier nos idées. »',
    '### Un conseil pour les curieux ?',
    `« Poussez la porte d'un laboratoire ! Beaucoup ouvrent pendant la Fête de la science. » Retrouvez les visites dans [l'agenda](${agenda}?format=lab-visit).`,
  ].join('\n\n'), interviewTopic);

  const csLab = ctx.profile(A.csLab);
  const labTopic = ctx.pickTopic((t) => t.lab === true && t.disciplines.some((discipline) => csLab.disciplines.includes(discipline)));
  const labImage = ctx.image('laboratoire', "Une doctorante programme un robot dans la salle d'expérimentation", csLab.name);
  addArticle(ctx, A.csLab, `Dans les coulisses ${csLab.deName}`, `Une journée avec les équipes qui travaillent sur ${labTopic.np}.`, [
    `Derrière les portes ${csLab.deName}, une centaine de chercheurs, d'ingénieurs et de doctorants travaillent sur ${labTopic.np}. ${labTopic.hook}`,
    '## Une journée au labo',
    '- 9 h : réunion d’équipe autour des résultats de la veille ;\n- 11 h : essais dans la salle des robots ;\n- 14 h : accueil d’une classe de lycéens ;\n- 17 h : séminaire d’une chercheuse invitée.',
    `![${labImage.alt ?? ''}](${labImage.url})`,
    '## Venir visiter',
    `Le laboratoire ouvre régulièrement ses portes : les prochaines visites sont dans [l'agenda](${agenda}?format=lab-visit), et tout sur ses recherches sur [son site](${csLab.website}).`,
  ].join('\n\n'), labTopic);

  const fdsEvents = eventsWhere(ctx, (event) => event.input.campaign === ctx.campaign);
  const fdsList = fdsEvents.slice(0, 5).map((index) => `- ${(ctx.content.events[index] as EventSeed).input.title}`).join('\n');
  const fdsPast = ctx.fdsEnd < ctx.today;
  addArticle(ctx, A.ccsti, fdsPast ? `Fête de la science ${ctx.fdsYear} : le bilan ${ctx.phrases.de}` : `Fête de la science ${ctx.fdsYear} : le programme ${ctx.phrases.de}`,
    fdsPast ? 'Villages des sciences, labos ouverts et ateliers : retour sur une édition riche en rencontres.' : 'Villages des sciences, labos ouverts et ateliers : tout le programme de la prochaine édition.', [
      `Pendant la Fête de la science, la recherche investit les villes et les villages ${ctx.phrases.in}. Chercheurs, associations, musées et médiathèques proposent des rendez-vous gratuits pour tous les publics.`,
      '## Quelques temps forts',
      fdsList,
      '## Comment participer ?',
      `Tous les événements sont gratuits. Consultez [le programme complet](${agenda}?campagne=${ctx.campaign}) et filtrez par commune ou par public.`,
    ].join('\n\n'), undefined, undefined);

  const agendaTopic = ctx.pickTopic();
  const upcoming = futureEvents.slice(0, 6).map((index) => {
    const event = ctx.content.events[index] as EventSeed;
    const day = Math.floor(Date.parse(firstStart(event).slice(0, 10)) / DAY_MS);
    return `- **${cap(frenchDay(day))}** : ${event.input.title}${event.input.place?.commune === undefined ? ' (en ligne)' : `, ${event.input.place.commune}`}`;
  }).join('\n');
  addArticle(ctx, A.ccsti, `Agenda : nos coups de cœur des prochaines semaines ${ctx.phrases.in}`, 'Une sélection de rendez-vous scientifiques à ne pas manquer.', [
    'Conférences, ateliers, sorties nature : voici une sélection de la rédaction pour les semaines à venir.',
    '## À noter dans vos agendas',
    upcoming,
    `Toute la programmation est dans [l'agenda](${agenda}). ${agendaTopic.hook}`,
  ].join('\n\n'), undefined);

  // A review is of an exhibition one can still go to: running now if there is one.
  const today = isoDate(ctx.today);
  const exhibitions = eventsWhere(ctx, (event) => event.input.format === 'exhibition' && event.input.recurrence === undefined && event.input.eventStatus === undefined);
  const running = exhibitions.filter((index) => {
    const timing = (ctx.content.events[index] as EventSeed).input.timings?.[0];
    return timing !== undefined && timing.start.slice(0, 10) <= today && timing.end.slice(0, 10) >= today;
  });
  const exhibition = running[0] ?? exhibitions.find((index) => !isPast(ctx, ctx.content.events[index] as EventSeed)) ?? exhibitions[0];
  if (exhibition !== undefined) {
    const event = ctx.content.events[exhibition] as EventSeed;
    const topic = eventTopic(ctx, exhibition);
    const commune = event.input.place?.commune;
    addArticle(ctx, event.actor, `Exposition : nous avons visité « ${event.input.title} »`, `Notre avis sur l'exposition consacrée ${aNp(topic.np)}.`, [
      `${topic.hook} C'est le point de départ de l'exposition à découvrir ${commune === undefined ? 'en ligne' : at(commune)}.`,
      '## Ce que nous avons aimé',
      '- les manipulations, qui plaisent autant aux enfants qu’aux adultes ;\n- les objets de collection rarement montrés ;\n- les témoignages vidéo de chercheurs de la région.',
      '## Infos pratiques',
      `Horaires et tarifs sur [la page de l'événement](${agenda}).`,
    ].join('\n\n'), topic, exhibition);
  }

  const portrait = ctx.person();
  const portraitTopic = ctx.pickTopic((t) => t.outdoor === true);
  addArticle(ctx, A.naturalists, `Portrait : ${fullName(portrait)}, ${naturalistRole(portrait, ctx.rng)}`, `Depuis vingt ans, ${portrait.first} partage sa passion pour ${portraitTopic.np}.`, [
    `Tous les week-ends, ${portrait.first} ${portrait.last} emmène petits et grands à la découverte ${deNp(portraitTopic.np)}. ${portraitTopic.hook}`,
    '## Une vocation née sur le terrain',
    `${portrait.feminine ? 'Elle' : 'Il'} a commencé par noter ses observations dans des carnets, avant de rejoindre ${ctx.profile(A.naturalists).theName}.`,
    '## Ses conseils pour débuter',
    '1. s’équiper simplement : une loupe, un carnet, des jumelles ;\n2. sortir à différentes heures de la journée ;\n3. partager ses observations sur les plateformes de sciences participatives.',
    `Pour l'accompagner sur le terrain, consultez [les prochaines sorties nature](${agenda}?format=field-survey).`,
  ].join('\n\n'), portraitTopic);

  const schoolTopic = ctx.pickTopic();
  addArticle(ctx, A.ccsti, `Ressources pour les enseignants : ${schoolTopic.np}`, `Des pistes pour aborder ${schoolTopic.np} en classe.`, [
    `${schoolTopic.hook} Voici quelques pistes pour en parler en classe, du cycle 3 au lycée.`,
    '## Activités proposées',
    '- une expérience simple à réaliser avec du matériel courant ;\n- une analyse de documents scientifiques ;\n- un débat argumenté pour développer l’esprit critique.',
    '## Emprunter une exposition',
    `Les expositions itinérantes de la Maison des sciences se réservent sur [son site](${ctx.profile(A.ccsti).website}).`,
  ].join('\n\n'), schoolTopic);

  const debateTopic = ctx.pickTopic((t) => t.disciplines.includes('science-society') || t.disciplines.includes('health') || t.disciplines.includes('climate'));
  addArticle(ctx, ctx.rng.pick(ctx.actorsOfKind(['independent', 'association'])), `${cap(debateTopic.np)} : démêler le vrai du faux`, `Trois réflexes pour trier les informations sur ${debateTopic.np}.`, [
    `${debateTopic.hook} Encore faut-il savoir à qui se fier.`,
    '## Trois réflexes à adopter',
    '1. chercher la source de l’information ;\n2. distinguer une étude isolée d’un consensus scientifique ;\n3. se méfier des chiffres sans contexte.',
    `Pour en débattre, rendez-vous aux prochains [cafés des sciences](${agenda}?format=science-cafe).`,
  ].join('\n\n'), debateTopic, undefined, false);
}
