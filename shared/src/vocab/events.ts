import { defineVocabulary } from './define.ts';

/** schema.org's EventStatusType, less "rescheduled": a new date is an edit of the timings. */
export const eventStatuses = defineVocabulary([
  { value: 'scheduled', fr: 'Programmé', en: 'Scheduled' },
  { value: 'cancelled', fr: 'Annulé', en: 'Cancelled' },
  { value: 'postponed', fr: 'Reporté', en: 'Postponed' },
  { value: 'full', fr: 'Complet', en: 'Fully booked' },
]);
export type EventStatus = (typeof eventStatuses.values)[number];

export const attendanceModes = defineVocabulary([
  { value: 'in-person', fr: 'Sur place', en: 'In person' },
  { value: 'online', fr: 'En ligne', en: 'Online' },
  { value: 'mixed', fr: 'Sur place et en ligne', en: 'In person and online' },
]);
export type AttendanceMode = (typeof attendanceModes.values)[number];
