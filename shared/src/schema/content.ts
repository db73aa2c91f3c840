import type { TSchema } from 'typebox';
import type { ContentType } from '../vocab/index.ts';
import { ActorInput, ActorPublic } from './actor.ts';
import { AnnouncementInput, AnnouncementPublic } from './announcement.ts';
import { ArticleInput, ArticlePublic } from './article.ts';
import { DossierInput, DossierPublic } from './dossier.ts';
import { EventInput, EventPublic } from './event.ts';
import { PlaceInput, PlacePublic } from './place.ts';
import { ProjectInput, ProjectPublic } from './project.ts';
import { ResourceInput, ResourcePublic } from './resource.ts';

/** For each public content type: what a user sends, and what is served and federated. */
export const contentSchemas = {
  actor: { input: ActorInput, public: ActorPublic },
  event: { input: EventInput, public: EventPublic },
  place: { input: PlaceInput, public: PlacePublic },
  article: { input: ArticleInput, public: ArticlePublic },
  project: { input: ProjectInput, public: ProjectPublic },
  announcement: { input: AnnouncementInput, public: AnnouncementPublic },
  dossier: { input: DossierInput, public: DossierPublic },
  resource: { input: ResourceInput, public: ResourcePublic },
} as const satisfies Record<ContentType, { input: TSchema; public: TSchema }>;

export interface PublicContent {
  actor: ActorPublic;
  event: EventPublic;
  place: PlacePublic;
  article: ArticlePublic;
  project: ProjectPublic;
  announcement: AnnouncementPublic;
  dossier: DossierPublic;
  resource: ResourcePublic;
}

export interface ContentInput {
  actor: ActorInput;
  event: EventInput;
  place: PlaceInput;
  article: ArticleInput;
  project: ProjectInput;
  announcement: AnnouncementInput;
  dossier: DossierInput;
  resource: ResourceInput;
}

/**
 * Fields only the server sets. They are in no input schema (which rejects unknown
 * fields), so a body carrying one of them is refused rather than silently obeyed.
 */
export const SERVER_OWNED_FIELDS = ['id', 'hub', 'slug', 'version', 'seq', 'status', 'author', 'authorId', 'role', 'verified', 'createdAt', 'updatedAt', 'publishedAt', 'url'] as const;
