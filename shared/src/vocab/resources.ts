import { defineVocabulary } from './define.ts';

/** Entries of the resource centre of the professional network. */
export const resourceKinds = defineVocabulary([
  { value: 'guide', fr: 'Guide', en: 'Guide' },
  { value: 'report', fr: 'Rapport, étude', en: 'Report' },
  { value: 'tool', fr: 'Outil', en: 'Tool' },
  { value: 'dataset', fr: 'Données', en: 'Dataset' },
  { value: 'training', fr: 'Formation', en: 'Training' },
  { value: 'other', fr: 'Autre', en: 'Other' },
]);
export type ResourceKind = (typeof resourceKinds.values)[number];
