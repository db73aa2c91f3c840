import { defineVocabulary } from './define.ts';

/**
 * The five accessibility flags OpenAgenda uses (mi, hi, vi, ii, pi), so events move
 * between the two without losing them.
 */
export const accessibilityFlags = defineVocabulary([
  { value: 'motor', fr: 'Handicap moteur', en: 'Mobility impairment' },
  { value: 'hearing', fr: 'Handicap auditif', en: 'Hearing impairment' },
  { value: 'visual', fr: 'Handicap visuel', en: 'Visual impairment' },
  { value: 'intellectual', fr: 'Handicap intellectuel', en: 'Intellectual disability' },
  { value: 'psychic', fr: 'Handicap psychique', en: 'Psychosocial disability' },
]);
export type AccessibilityFlag = (typeof accessibilityFlags.values)[number];

/** OpenAgenda's keys for the same flags, for import and export. */
export const OPENAGENDA_ACCESSIBILITY_KEYS: Readonly<Record<AccessibilityFlag, string>> = {
  motor: 'mi',
  hearing: 'hi',
  visual: 'vi',
  intellectual: 'ii',
  psychic: 'pi',
};
