import { defineVocabulary } from './define.ts';

/** What kind of event it is: the main facet people filter an agenda by. */
export const eventFormats = defineVocabulary([
  { value: 'conference', fr: 'Conférence', en: 'Talk' },
  { value: 'workshop', fr: 'Atelier', en: 'Workshop' },
  { value: 'exhibition', fr: 'Exposition', en: 'Exhibition' },
  { value: 'science-cafe', fr: 'Café des sciences', en: 'Science café' },
  { value: 'lab-visit', fr: 'Visite de laboratoire', en: 'Lab visit' },
  { value: 'festival', fr: 'Festival', en: 'Festival' },
  { value: 'field-survey', fr: 'Sortie de terrain', en: 'Field survey' },
  { value: 'screening', fr: 'Projection', en: 'Screening' },
  { value: 'game', fr: 'Jeu', en: 'Game' },
  { value: 'other', fr: 'Autre', en: 'Other' },
]);
export type EventFormat = (typeof eventFormats.values)[number];
