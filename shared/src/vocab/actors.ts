import { defineVocabulary } from './define.ts';

export const actorKinds = defineVocabulary([
  { value: 'ccsti', fr: 'CCSTI', en: 'Science centre (CCSTI)' },
  { value: 'museum', fr: 'Musée', en: 'Museum' },
  { value: 'lab', fr: 'Laboratoire', en: 'Laboratory' },
  { value: 'university', fr: 'Université, école', en: 'University' },
  { value: 'association', fr: 'Association', en: 'Association' },
  { value: 'library', fr: 'Bibliothèque, médiathèque', en: 'Library' },
  { value: 'company', fr: 'Entreprise', en: 'Company' },
  { value: 'local-authority', fr: 'Collectivité', en: 'Local authority' },
  { value: 'media', fr: 'Média', en: 'Media' },
  { value: 'independent', fr: 'Indépendant·e', en: 'Independent' },
]);
export type ActorKind = (typeof actorKinds.values)[number];
