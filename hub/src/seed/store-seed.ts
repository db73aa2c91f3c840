import { count } from 'drizzle-orm';
import type { ContentInput, ContentType } from '@constellation/shared';
import { createServices, openHubStore, type HubServices } from '../app.ts';
import type { HubConfig } from '../config.ts';
import { content } from '../db/schema/index.ts';
import { ConflictError } from '../errors.ts';
import { randomToken } from '../ids.ts';
import type { Viewer } from '../services/content.ts';
import { generateSeed, type SeedContent } from './generate.ts';
import { SeedIllustrator } from './cards.ts';

export interface SeedSummary {
  actors: number;
  places: number;
  events: number;
  articles: number;
  projects: number;
  announcements: number;
  dossiers: number;
  resources: number;
  members: number;
}

/**
 * Stores generated demo content through the hub's own services, so moderation
 * states, indexes and the changes feed are exactly what real use produces. Content
 * marked for publication is published by the editorial account; the rest is
 * submitted by a contributor of its actor and waits in the moderation queue.
 */
export async function storeSeed(services: HubServices, seed: SeedContent, editor: Viewer, baseUrl: string): Promise<{ summary: SeedSummary; ids: Record<ContentType, string[]> }> {
  const ids: Record<ContentType, string[]> = { actor: [], event: [], place: [], article: [], project: [], announcement: [], dossier: [], resource: [] };

  const illustrator = new SeedIllustrator(services.media, baseUrl);
  const post = async <T extends ContentType>(type: T, input: ContentInput[T], publish: boolean, actorId: string | undefined): Promise<string> => {
    await illustrator.illustrate(type, input as unknown as Record<string, unknown>);
    const author: Viewer = publish || actorId === undefined ? editor : { id: editor.id, role: 'contributor', actorIds: [actorId] };
    const created = services.content.create(type, input, author, { submit: true });
    ids[type].push(created.id);
    return created.id;
  };
  const actorAt = (index: number | undefined) => (index === undefined ? undefined : ids.actor[index]);

  for (const actor of seed.actors) {
    const id = await post('actor', actor.input, true, undefined);
    if (actor.verified) services.content.setVerified(id, true, editor);
  }
  for (const place of seed.places) {
    const actorId = actorAt(place.actor);
    await post('place', { ...place.input, ...(actorId === undefined ? {} : { actorId }) }, place.publish, actorId);
  }
  for (const event of seed.events) {
    const actorId = actorAt(event.actor) ?? '';
    const placeId = event.place === undefined ? undefined : ids.place[event.place];
    const parentEventId = event.parent === undefined ? undefined : ids.event[event.parent];
    const previousEditionId = event.previousEdition === undefined ? undefined : ids.event[event.previousEdition];
    const id = await post('event', { ...event.input, actorId, ...(placeId === undefined ? {} : { placeId }), ...(parentEventId === undefined ? {} : { parentEventId }), ...(previousEditionId === undefined ? {} : { previousEditionId }) }, event.publish, actorId);
    // The region's coordinator has labelled the published campaign events; pending ones await the label too.
    if (event.publish && event.input.campaign !== undefined) services.campaigns.label(id, editor);
  }
  for (const article of seed.articles) {
    const actorId = actorAt(article.actor) ?? '';
    const eventId = article.event === undefined ? undefined : ids.event[article.event];
    await post('article', { ...article.input, actorId, ...(eventId === undefined ? {} : { eventId }) }, article.publish, actorId);
  }
  for (const project of seed.projects) {
    const actorId = actorAt(project.actor) ?? '';
    await post('project', { ...project.input, actorId }, project.publish, actorId);
  }
  for (const announcement of seed.announcements) {
    const actorId = actorAt(announcement.actor) ?? '';
    await post('announcement', { ...announcement.input, actorId }, announcement.publish, actorId);
  }
  for (const resource of seed.resources) {
    const actorId = actorAt(resource.actor);
    await post('resource', { ...resource.input, ...(actorId === undefined ? {} : { actorId }) }, resource.publish, actorId);
  }
  for (const dossier of seed.dossiers) {
    const actorId = actorAt(dossier.actor);
    const items = dossier.items.flatMap((item) => {
      const id = ids[item.type][item.index];
      return id === undefined ? [] : [{ type: item.type, id, ...(item.note === undefined ? {} : { note: item.note }) }];
    });
    await post('dossier', { ...dossier.input, items, ...(actorId === undefined ? {} : { actorId }) }, dossier.publish, actorId);
  }
  for (const member of seed.members) {
    // Seeded members get unusable random passwords: they populate the directory, nobody logs in as them.
    const account = await services.accounts.register({ email: member.email, password: randomToken(), displayName: member.input.displayName }, member.role);
    const actorId = actorAt(member.actor);
    if (actorId !== undefined) services.accounts.addActorMember(account.id, actorId);
    services.members.save(account.id, member.input);
  }
  const summary = {
    actors: ids.actor.length,
    places: ids.place.length,
    events: ids.event.length,
    articles: ids.article.length,
    projects: ids.project.length,
    announcements: ids.announcement.length,
    dossiers: ids.dossier.length,
    resources: ids.resource.length,
    members: seed.members.length,
  };
  return { summary, ids };
}

/**
 * Accounts `constellation demo` prints, so a newcomer can log in as each role. Never for
 * production. Each has a person's name, as a French team's accounts would, marked as the
 * demo's (the role shows beside the name where it matters: the audit, the members).
 */
export function demoAccounts(hubId: string): { role: 'admin' | 'moderator' | 'coordinator' | 'contributor'; email: string; password: string; displayName: string }[] {
  return [
    { role: 'coordinator', email: `coordination@${hubId}.example.org`, password: 'demo-coordination', displayName: 'Hélène Garnier (démo)' },
    { role: 'admin', email: `operateur@${hubId}.example.org`, password: 'demo-operateur', displayName: 'Julien Moreau (démo)' },
    { role: 'moderator', email: `moderation@${hubId}.example.org`, password: 'demo-moderation', displayName: 'Nadia Lefèvre (démo)' },
    { role: 'contributor', email: `contribution@${hubId}.example.org`, password: 'demo-contribution', displayName: 'Léa Fontaine (démo)' },
  ];
}

/** `constellation hub seed`: fills an empty hub with realistic content for its region. */
export async function seedHub(config: HubConfig, options: { scale?: number; seed?: number; now?: Date; demoAccounts?: boolean } = {}): Promise<SeedSummary> {
  const store = openHubStore(config);
  try {
    const existing = store.db.select({ n: count() }).from(content).get()?.n ?? 0;
    if (existing > 0) throw new ConflictError(`${config.hubId} already holds ${existing} pieces of content; seed only fills an empty hub`);
    const services = createServices(store, config);
    const editorAccount = await services.accounts.register(
      { email: `redaction@${config.hubId}.invalid`, password: randomToken(), displayName: 'Équipe éditoriale' },
      'admin',
    );
    const seed = generateSeed({ region: config.region, hubBaseUrl: config.baseUrl, seed: options.seed ?? 1, scale: options.scale ?? 1, ...(options.now === undefined ? {} : { now: options.now }) });
    const { summary, ids } = await storeSeed(services, seed, { id: editorAccount.id, role: 'admin', actorIds: [] }, config.baseUrl);
    if (options.demoAccounts === true) {
      // The demo contributor acts for the region's science centre, the seed's first actor.
      const centre = ids.actor[0];
      for (const demo of demoAccounts(config.hubId)) {
        const account = await services.accounts.register({ email: demo.email, password: demo.password, displayName: demo.displayName }, demo.role);
        if (demo.role === 'contributor' && centre !== undefined) services.accounts.addActorMember(account.id, centre);
      }
    }
    return summary;
  } finally {
    store.close();
  }
}
