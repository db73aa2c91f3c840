/** The actors of a seeded region as the generator sees them: names in sentence form, home commune and venue, and which formats each kind organises. */
import type { ActorKind, Discipline, EventFormat } from '@constellation/shared';
import type { Commune } from '../communes.ts';
import type { Person } from './texts/people.ts';
import type { VenueKind } from './venue-kinds.ts';

export interface ActorProfile {
  kind: ActorKind;
  name: string;
  /** "l'Université de Tours", "le Club d'astronomie de Bourges": the name inside a sentence. */
  theName: string;
  /** "de l'Université de Tours", "du Club d'astronomie de Bourges": the name after "de". */
  deName: string;
  /** "à l'Université de Tours": where someone works. */
  atName: string;
  commune: Commune;
  venue?: VenueKind;
  website: string;
  email: string;
  phone: string;
  disciplines: Discipline[];
  person?: Person;
}

/** Indices of the actors `buildActors` creates, in its order. */
export const A = { ccsti: 0, museum: 1, university: 2, envLab: 3, csLab: 4, astronomy: 5, naturalists: 6, makers: 7, libraries: 8, smallLibrary: 9, independent: 10, industry: 11 } as const;

/** Which kinds of actor organise which formats. */
export const ORGANISERS: Readonly<Record<EventFormat, readonly ActorKind[]>> = {
  conference: ['university', 'museum', 'library', 'ccsti', 'lab', 'association'],
  workshop: ['library', 'association', 'ccsti', 'museum', 'independent'],
  exhibition: ['museum', 'ccsti', 'library'],
  'science-cafe': ['association', 'ccsti', 'independent', 'university'],
  'lab-visit': ['lab', 'university'],
  festival: ['ccsti', 'association'],
  'field-survey': ['association', 'museum', 'ccsti'],
  screening: ['library', 'association', 'ccsti'],
  game: ['ccsti', 'library', 'association', 'independent'],
  other: ['library', 'museum', 'ccsti', 'independent', 'association'],
};
