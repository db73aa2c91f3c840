import { defineVocabulary } from './define.ts';

export const audiences = defineVocabulary([
  { value: 'children', fr: 'Enfants', en: 'Children' },
  { value: 'teens', fr: 'Adolescents', en: 'Teenagers' },
  { value: 'adults', fr: 'Adultes', en: 'Adults' },
  { value: 'families', fr: 'Familles', en: 'Families' },
  { value: 'school-groups', fr: 'Scolaires', en: 'School groups' },
  { value: 'professionals', fr: 'Professionnels', en: 'Professionals' },
]);
export type Audience = (typeof audiences.values)[number];
