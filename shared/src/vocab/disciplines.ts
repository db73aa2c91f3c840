import { defineVocabulary } from './define.ts';

export const disciplines = defineVocabulary([
  { value: 'mathematics', fr: 'Mathématiques', en: 'Mathematics' },
  { value: 'physics', fr: 'Physique', en: 'Physics' },
  { value: 'chemistry', fr: 'Chimie', en: 'Chemistry' },
  { value: 'astronomy', fr: 'Astronomie et espace', en: 'Astronomy and space' },
  { value: 'earth-sciences', fr: 'Sciences de la Terre', en: 'Earth sciences' },
  { value: 'climate', fr: 'Climat', en: 'Climate' },
  { value: 'ecology', fr: 'Écologie et environnement', en: 'Ecology and environment' },
  { value: 'ocean', fr: 'Océan et mer', en: 'Ocean and sea' },
  { value: 'biology', fr: 'Biologie', en: 'Biology' },
  { value: 'health', fr: 'Santé et médecine', en: 'Health and medicine' },
  { value: 'neuroscience', fr: 'Neurosciences et cognition', en: 'Neuroscience and cognition' },
  { value: 'agriculture', fr: 'Agriculture et alimentation', en: 'Agriculture and food' },
  { value: 'computer-science', fr: 'Informatique et numérique', en: 'Computer science and digital' },
  { value: 'engineering', fr: 'Ingénierie et technologies', en: 'Engineering and technology' },
  { value: 'energy', fr: 'Énergie', en: 'Energy' },
  { value: 'history', fr: 'Histoire et archéologie', en: 'History and archaeology' },
  { value: 'social-sciences', fr: 'Sciences humaines et sociales', en: 'Humanities and social sciences' },
  { value: 'economics', fr: 'Économie', en: 'Economics' },
  { value: 'linguistics', fr: 'Langues et linguistique', en: 'Languages and linguistics' },
  { value: 'arts-sciences', fr: 'Arts et sciences', en: 'Arts and science' },
  { value: 'science-society', fr: 'Sciences et société', en: 'Science and society' },
]);
export type Discipline = (typeof disciplines.values)[number];
