/** The series of recurring events a region runs: their rhythm (weekly or monthly), length, cancelled sessions and wording. */
import type { ActorKind, EventFormat } from '@constellation/shared';
import { A } from './actor-profiles.ts';
import type { TitlePattern } from './texts/event-titles.ts';
import { isSkyTopic, type Topic } from './texts/topics.ts';

export interface RecurringSpec {
  format: EventFormat;
  /** RRULE weekday and its index (0 = Monday). */
  byDay: 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
  weekday: number;
  /** Weekly every `interval` weeks, or monthly on the `ordinal`-th weekday (-1: last). */
  every: { weeks: number } | { ordinal: number };
  end: { count: number } | { untilDays: number };
  start: number;
  minutes: number;
  exdates: number;
  topics: (topic: Topic) => boolean;
  /** Who runs it, at their own venue; otherwise any organiser of the format, anywhere. */
  organisers?: readonly ActorKind[];
  actor?: number;
  title: TitlePattern;
  schedule: string;
}

export const RECURRING: readonly RecurringSpec[] = [
  { format: 'workshop', byDay: 'WE', weekday: 2, every: { weeks: 1 }, end: { count: 10 }, start: 14 * 60 + 30, minutes: 90, exdates: 1, topics: () => true, title: (t) => `Les mercredis des sciences : ${t.np}`, schedule: "Rendez-vous chaque mercredi à 14 h 30 pendant dix semaines (pas de séance pendant les vacances scolaires)." },
  { format: 'science-cafe', byDay: 'TH', weekday: 3, every: { ordinal: 3 }, end: { untilDays: 240 }, start: 18 * 60 + 30, minutes: 90, exdates: 0, topics: () => true, title: (t) => `Café des sciences du troisième jeudi : ${t.np}`, schedule: 'Un rendez-vous mensuel, le troisième jeudi de chaque mois à 18 h 30.' },
  { format: 'game', byDay: 'SA', weekday: 5, every: { weeks: 1 }, end: { untilDays: 120 }, start: 15 * 60, minutes: 120, exdates: 2, topics: () => true, title: (t) => `Club sciences du samedi : ${t.np}`, schedule: 'Le club se réunit chaque samedi à 15 h, sauf les samedis de jours fériés.' },
  { format: 'conference', byDay: 'TU', weekday: 1, every: { weeks: 2 }, end: { count: 8 }, start: 18 * 60 + 30, minutes: 90, exdates: 0, topics: () => true, title: (t) => `Cycle de conférences : ${t.np}`, schedule: 'Huit conférences, un mardi sur deux à 18 h 30.' },
  { format: 'field-survey', byDay: 'FR', weekday: 4, every: { ordinal: -1 }, end: { count: 6 }, start: 21 * 60 + 30, minutes: 120, exdates: 0, topics: isSkyTopic, actor: A.astronomy, title: (t) => `Soirées d'observation du dernier vendredi : ${t.np}`, schedule: 'Observation le dernier vendredi de chaque mois à 21 h 30, si la météo le permet.' },
  { format: 'field-survey', byDay: 'SA', weekday: 5, every: { ordinal: 2 }, end: { untilDays: 180 }, start: 9 * 60, minutes: 150, exdates: 1, topics: (t) => t.outdoor === true && t.night !== true, actor: A.naturalists, title: (t) => `Comptage participatif mensuel : ${t.np}`, schedule: 'Relevés le deuxième samedi de chaque mois à 9 h, rendez-vous sur le parking.' },
  { format: 'other', byDay: 'SU', weekday: 6, every: { ordinal: 1 }, end: { count: 5 }, start: 14 * 60, minutes: 180, exdates: 0, topics: () => true, organisers: ['museum'], title: (t) => `Premier dimanche au musée : ${t.np}`, schedule: 'Entrée libre et animations le premier dimanche de chaque mois, de 14 h à 17 h.' },
  { format: 'lab-visit', byDay: 'WE', weekday: 2, every: { ordinal: 1 }, end: { count: 6 }, start: 14 * 60, minutes: 120, exdates: 1, topics: (t) => t.lab === true, organisers: ['lab', 'university'], title: (t) => `Visite mensuelle du laboratoire : ${t.np}`, schedule: 'Visite guidée le premier mercredi de chaque mois à 14 h.' },
  { format: 'exhibition', byDay: 'SU', weekday: 6, every: { weeks: 1 }, end: { count: 12 }, start: 15 * 60, minutes: 60, exdates: 1, topics: () => true, organisers: ['museum', 'ccsti'], title: (t) => `Visite guidée du dimanche : ${t.np}`, schedule: "Une médiatrice vous guide dans l'exposition chaque dimanche à 15 h." },
];
