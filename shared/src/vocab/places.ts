import { defineVocabulary } from './define.ts';

/** Kinds of places to visit ("À visiter"). */
export const placeKinds = defineVocabulary([
  { value: 'museum', fr: 'Musée', en: 'Museum' },
  { value: 'science-centre', fr: 'Centre de sciences', en: 'Science centre' },
  { value: 'lab', fr: 'Laboratoire ouvert au public', en: 'Lab open to the public' },
  { value: 'garden', fr: 'Jardin, parc', en: 'Garden, park' },
  { value: 'planetarium', fr: 'Planétarium, observatoire', en: 'Planetarium, observatory' },
  { value: 'aquarium', fr: 'Aquarium, zoo', en: 'Aquarium, zoo' },
  { value: 'heritage-site', fr: 'Site patrimonial, industriel', en: 'Heritage or industrial site' },
  { value: 'library', fr: 'Bibliothèque, médiathèque', en: 'Library' },
  { value: 'other', fr: 'Autre', en: 'Other' },
]);
export type PlaceKind = (typeof placeKinds.values)[number];

export const weekdays = defineVocabulary([
  { value: 'mo', fr: 'Lundi', en: 'Monday' },
  { value: 'tu', fr: 'Mardi', en: 'Tuesday' },
  { value: 'we', fr: 'Mercredi', en: 'Wednesday' },
  { value: 'th', fr: 'Jeudi', en: 'Thursday' },
  { value: 'fr', fr: 'Vendredi', en: 'Friday' },
  { value: 'sa', fr: 'Samedi', en: 'Saturday' },
  { value: 'su', fr: 'Dimanche', en: 'Sunday' },
]);
export type DayOfWeek = (typeof weekdays.values)[number];
