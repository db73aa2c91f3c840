/**
 * The shapes of generated seed content. Content refers to other content by its index in
 * the arrays of `SeedContent`; the code that stores it maps indices to the ids it mints.
 */
import type {
  ActorInput,
  AnnouncementInput,
  ArticleInput,
  ContentType,
  DossierInput,
  EventInput,
  MemberProfileInput,
  PlaceInput,
  ProjectInput,
  RegionCode,
  ResourceInput,
  Role,
} from '@constellation/shared';

/** An organisation or person who posts. `verified` is the operator's call, so it sits beside the input. */
export interface ActorSeed {
  input: ActorInput;
  verified: boolean;
}

/** Every seed below but actors and members says whether to publish it or leave it pending moderation. */
export interface Publishable {
  publish: boolean;
}

export interface EventSeed extends Publishable {
  /** Index into `actors`: the organiser. */
  actor: number;
  input: Omit<EventInput, 'actorId' | 'placeId' | 'parentEventId' | 'previousEditionId'>;
  /** Index into `places` when the event happens at a place to visit (`input.place` is then that place's location). */
  place?: number;
  /** Index into `events` of the umbrella event; always lower than the event's own index. */
  parent?: number;
  /** Index into `events` of last year's edition; always lower than the event's own index. */
  previousEdition?: number;
}

export interface PlaceSeed extends Publishable {
  /** Index into `actors` of the actor running the place, if any. */
  actor?: number;
  input: Omit<PlaceInput, 'actorId'>;
}

export interface ArticleSeed extends Publishable {
  /** Index into `actors`: the author. */
  actor: number;
  input: Omit<ArticleInput, 'actorId' | 'eventId'>;
  /** Index into `events` of the event the article reports on. */
  event?: number;
}

export interface ProjectSeed extends Publishable {
  actor: number;
  input: Omit<ProjectInput, 'actorId'>;
}

export interface AnnouncementSeed extends Publishable {
  actor: number;
  input: Omit<AnnouncementInput, 'actorId'>;
}

/** A dossier entry: content of `type` at `index` in the matching array (`event` → `events`, ...). */
export interface DossierItemSeed {
  type: ContentType;
  index: number;
  note?: string;
}

export interface DossierSeed extends Publishable {
  /** Index into `actors` of the curator; absent when the hub's editors curate it. */
  actor?: number;
  input: Omit<DossierInput, 'actorId' | 'items'>;
  /** In display order; every item is published content. */
  items: DossierItemSeed[];
}

export interface ResourceSeed extends Publishable {
  actor?: number;
  input: Omit<ResourceInput, 'actorId'>;
}

/** A member of the professional network: an account (login email, role) with its profile. */
export interface MemberSeed {
  input: MemberProfileInput;
  /** The account's login address, on a reserved domain; not shown to other members. */
  email: string;
  role: Role;
  /** Index into `actors` of the organisation the member posts for. */
  actor?: number;
}

export interface SeedContent {
  region: RegionCode;
  actors: ActorSeed[];
  places: PlaceSeed[];
  events: EventSeed[];
  articles: ArticleSeed[];
  projects: ProjectSeed[];
  announcements: AnnouncementSeed[];
  dossiers: DossierSeed[];
  resources: ResourceSeed[];
  members: MemberSeed[];
}

export interface SeedOptions {
  region: RegionCode;
  /** The hub's public origin: media and agenda links point there. */
  hubBaseUrl: string;
  /** PRNG seed; default 1. */
  seed?: number;
  /** Dates are placed around this instant; default the current date. */
  now?: Date;
  /** Multiplies the number of events (10 gives about 600); other content keeps its size. Default 1. */
  scale?: number;
}
