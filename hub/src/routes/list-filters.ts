import Type, { type TSchema } from 'typebox';
import { accessibilityFlags, actorKinds, announcementKinds, audiences, disciplines, involvementLevels, participationTypes, placeKinds, regions, resourceKinds, vocabularySchema, type ContentType } from '@constellation/shared';

const commune = Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'the commune of the location: its name (case ignored) or its INSEE code' }));
const discipline = Type.Optional(vocabularySchema(disciplines));

/**
 * The filters each directory of the portal offers on its public list, by the field names
 * and vocabularies of the contract (shared/src/schema). Events have their own list.
 */
export const LIST_FILTERS: Record<ContentType, Record<string, TSchema>> = {
  project: {
    discipline,
    participationType: Type.Optional(vocabularySchema(participationTypes)),
    involvement: Type.Optional(vocabularySchema(involvementLevels)),
    audience: Type.Optional(vocabularySchema(audiences)),
    region: Type.Optional(vocabularySchema(regions)),
    commune,
  },
  place: { kind: Type.Optional(vocabularySchema(placeKinds)), commune, accessibility: Type.Optional(vocabularySchema(accessibilityFlags)) },
  actor: { kind: Type.Optional(vocabularySchema(actorKinds)), verified: Type.Optional(Type.Boolean()) },
  announcement: { kind: Type.Optional(vocabularySchema(announcementKinds)) },
  resource: { kind: Type.Optional(vocabularySchema(resourceKinds)), discipline },
  article: { discipline },
  dossier: { discipline },
  event: {},
};
