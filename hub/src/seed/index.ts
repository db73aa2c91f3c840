/**
 * Seed content for a hub (`constellation hub seed`): a pure, deterministic generator of
 * realistic regional content, and the real communes it places that content in.
 */
export { communesOfRegion, normaliseCommuneName, type Commune } from './communes.ts';
export {
  generateSeed,
  type ActorSeed,
  type AnnouncementSeed,
  type ArticleSeed,
  type DossierItemSeed,
  type DossierSeed,
  type EventSeed,
  type MemberSeed,
  type PlaceSeed,
  type ProjectSeed,
  type ResourceSeed,
  type SeedContent,
  type SeedOptions,
} from './generate.ts';
