import { defineVocabulary } from './define.ts';

/** The classified ads ("Annonces") of a hub. */
export const announcementKinds = defineVocabulary([
  { value: 'job', fr: 'Emploi', en: 'Job' },
  { value: 'internship', fr: 'Stage', en: 'Internship' },
  { value: 'call-for-projects', fr: 'Appel à projets', en: 'Call for projects' },
  { value: 'call-for-volunteers', fr: 'Appel à bénévoles', en: 'Call for volunteers' },
  { value: 'other', fr: 'Autre', en: 'Other' },
]);
export type AnnouncementKind = (typeof announcementKinds.values)[number];
