/**
 * Realistic seed content for a regional hub (`constellation hub seed`): French text, real
 * communes with their coordinates, a spread of formats, audiences and dates around `now`.
 *
 * The generator is deterministic: the same options give the same content, so demos and
 * benchmarks are reproducible (its only I/O is reading the commune datasets, once a process). It mints no ids: content refers to other content by its
 * index in the arrays of `SeedContent`, and the code that stores it maps indices to the ids
 * it mints (storing actors first, then places, events in array order — a parent always comes
 * before its children — then the rest, dossiers last).
 *
 * Links to organisations use reserved `example.org` domains and phone numbers come from the
 * ranges ARCEP keeps for fiction, so seeded content never points at a real third party.
 * Images point at `<hubBaseUrl>/media/seed/<name>-<n>.jpg`, placeholders that storing the seed
 * (store-seed.ts, cards.ts) replaces with cards rendered by sharp and stored as uploads.
 */
import { buildActors, locateActors } from './actors.ts';
import { buildAnnouncements } from './announcements.ts';
import { buildArticles } from './articles.ts';
import { SeedContext } from './context.ts';
import { buildDossiers } from './dossiers.ts';
import { buildEvents } from './events.ts';
import { buildMembers } from './members.ts';
import { buildPlaces } from './places.ts';
import { buildProjects } from './projects.ts';
import { buildResources } from './resources.ts';
import type { SeedContent, SeedOptions } from './types.ts';

export type {
  ActorSeed,
  AnnouncementSeed,
  ArticleSeed,
  DossierItemSeed,
  DossierSeed,
  EventSeed,
  MemberSeed,
  PlaceSeed,
  ProjectSeed,
  ResourceSeed,
  SeedContent,
  SeedOptions,
} from './types.ts';

/** Builds a hub's worth of seed content for a region; see the module comment for how references work. */
export function generateSeed(options: SeedOptions): SeedContent {
  const ctx = new SeedContext(options);
  buildActors(ctx);
  buildPlaces(ctx);
  locateActors(ctx);
  buildEvents(ctx);
  buildArticles(ctx);
  buildProjects(ctx);
  buildAnnouncements(ctx);
  buildDossiers(ctx);
  buildResources(ctx);
  buildMembers(ctx);
  return ctx.content;
}
