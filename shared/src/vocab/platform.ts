import { defineVocabulary } from './define.ts';

/** The public content types a hub holds and federates. Member profiles are never federated. */
export const contentTypes = defineVocabulary([
  { value: 'actor', fr: 'Acteur', en: 'Actor' },
  { value: 'event', fr: 'Événement', en: 'Event' },
  { value: 'place', fr: 'Lieu à visiter', en: 'Place to visit' },
  { value: 'article', fr: 'Article', en: 'Article' },
  { value: 'project', fr: 'Projet participatif', en: 'Participatory project' },
  { value: 'announcement', fr: 'Annonce', en: 'Announcement' },
  { value: 'dossier', fr: 'Dossier', en: 'Dossier' },
  { value: 'resource', fr: 'Ressource', en: 'Resource' },
]);
export type ContentType = (typeof contentTypes.values)[number];

/** Each type's URL path segment, on hubs' API (/api/v1/<path>) and pages (/<path>/<slug>). */
export const CONTENT_PATHS: Readonly<Record<ContentType, string>> = {
  actor: 'actors',
  event: 'events',
  place: 'places',
  article: 'articles',
  project: 'projects',
  announcement: 'announcements',
  dossier: 'dossiers',
  resource: 'resources',
};

/** Moderation state of everything users post: draft → pending → published | rejected. */
export const moderationStatuses = defineVocabulary([
  { value: 'draft', fr: 'Brouillon', en: 'Draft' },
  { value: 'pending', fr: 'En attente de modération', en: 'Awaiting moderation' },
  { value: 'published', fr: 'Publié', en: 'Published' },
  { value: 'rejected', fr: 'Refusé', en: 'Rejected' },
]);
export type ModerationStatus = (typeof moderationStatuses.values)[number];

export const roles = defineVocabulary([
  { value: 'member', fr: 'Membre', en: 'Member' },
  { value: 'contributor', fr: 'Contributeur·rice', en: 'Contributor' },
  /** Labels or refuses the events submitted to national campaigns, apart from moderation. */
  { value: 'coordinator', fr: 'Coordinateur·rice de campagne', en: 'Campaign coordinator' },
  { value: 'moderator', fr: 'Modérateur·rice', en: 'Moderator' },
  { value: 'admin', fr: 'Administrateur·rice', en: 'Administrator' },
]);
export type Role = (typeof roles.values)[number];

/**
 * Who may read a member's contact details (e-mail, phone, website). The owner chooses;
 * `nobody` is the default. `actor`: accounts acting for one of the owner's actors.
 * `members`: accounts a moderator has let into the network (approved membership, acting
 * for an actor, or moderating); a fresh account is none of these.
 */
export const contactVisibilities = defineVocabulary([
  { value: 'nobody', fr: 'Personne (privé)', en: 'Nobody (private)' },
  { value: 'actor', fr: 'Les membres de mes structures', en: 'Members of my organisations' },
  { value: 'members', fr: 'Les membres admis du réseau', en: 'Approved members of the network' },
]);
export type ContactVisibility = (typeof contactVisibilities.values)[number];
