import { defineVocabulary } from './define.ts';

/** How participants take part in a participatory-science project (Science Ensemble's facets). */
export const participationTypes = defineVocabulary([
  { value: 'field', fr: 'Sur le terrain', en: 'In the field' },
  { value: 'online', fr: 'En ligne', en: 'Online' },
  { value: 'both', fr: 'Terrain et en ligne', en: 'Field and online' },
]);
export type ParticipationType = (typeof participationTypes.values)[number];

export const involvementLevels = defineVocabulary([
  { value: 'one-off', fr: 'Ponctuelle', en: 'One-off' },
  { value: 'case-by-case', fr: 'Au cas par cas', en: 'Case by case' },
  { value: 'weekly', fr: 'Hebdomadaire', en: 'Weekly' },
  { value: 'monthly', fr: 'Mensuelle', en: 'Monthly' },
  { value: 'seasonal', fr: 'Saisonnière', en: 'Seasonal' },
  { value: 'ongoing', fr: 'Continue', en: 'Ongoing' },
]);
export type InvolvementLevel = (typeof involvementLevels.values)[number];

export const geographicScopes = defineVocabulary([
  { value: 'local', fr: 'Locale', en: 'Local' },
  { value: 'regional', fr: 'Régionale', en: 'Regional' },
  { value: 'national', fr: 'Nationale', en: 'National' },
  { value: 'international', fr: 'Internationale', en: 'International' },
]);
export type GeographicScope = (typeof geographicScopes.values)[number];
