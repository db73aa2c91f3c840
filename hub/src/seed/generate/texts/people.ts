/** People in the seed: French first and last names, and how researchers and naturalists describe their job. */
import type { Discipline } from '@constellation/shared';
import type { Random } from '../random.ts';

export interface Person {
  first: string;
  last: string;
  feminine: boolean;
}

export const FIRST_NAMES_F = ['Camille', 'Léa', 'Manon', 'Chloé', 'Sarah', 'Inès', 'Julie', 'Claire', 'Élodie', 'Nadia', 'Sophie', 'Aurélie', 'Marion', 'Hélène', 'Fatou', 'Mathilde', 'Anaïs', 'Lucie', 'Amandine', 'Yasmine', 'Agathe', 'Justine'];
export const FIRST_NAMES_M = ['Thomas', 'Nicolas', 'Julien', 'Antoine', 'Karim', 'Maxime', 'Hugo', 'Romain', 'Mathieu', 'Olivier', 'Pierre', 'Sébastien', 'Yannick', 'Bastien', 'Mehdi', 'François', 'Vincent', 'Loïc', 'Arnaud', 'Samuel', 'Théo', 'Gaël'];
export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'Bertrand', 'Roux',
  'Fournier', 'Morel', 'Girard', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Perrin',
  'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Benali', 'Nguyen', 'Diallo', 'Haddad', 'Le Goff', 'Keller', 'Schmitt', 'Hoarau', 'Jean-Baptiste',
];

/** What a researcher of each discipline calls their field in a job title. */
export const FIELD_OF: Readonly<Record<Discipline, string>> = {
  mathematics: 'mathématiques', physics: 'physique', chemistry: 'chimie', astronomy: 'astrophysique', 'earth-sciences': 'géologie',
  climate: 'climatologie', ecology: 'écologie', ocean: 'océanographie', biology: 'biologie', health: 'santé publique',
  neuroscience: 'neurosciences', agriculture: 'agronomie', 'computer-science': 'informatique', engineering: "sciences de l'ingénieur",
  energy: 'énergétique', history: 'archéologie', 'social-sciences': 'sociologie', economics: 'économie', linguistics: 'linguistique',
  'arts-sciences': "histoire de l'art", 'science-society': 'sociologie des sciences',
};

export function researcherRole(person: Person, discipline: Discipline, rng: Random): string {
  const field = FIELD_OF[discipline];
  const roles = person.feminine
    ? ['chercheuse', 'enseignante-chercheuse', 'doctorante', 'ingénieure de recherche', 'maîtresse de conférences', 'directrice de recherche']
    : ['chercheur', 'enseignant-chercheur', 'doctorant', 'ingénieur de recherche', 'maître de conférences', 'directeur de recherche'];
  return `${rng.pick(roles)} en ${field}`;
}

export function naturalistRole(person: Person, rng: Random): string {
  return rng.pick(person.feminine ? ['animatrice nature', 'naturaliste bénévole', 'guide naturaliste', 'éducatrice à l’environnement'] : ['animateur nature', 'naturaliste bénévole', 'guide naturaliste', 'éducateur à l’environnement']);
}

export const fullName = (person: Person): string => `${person.first} ${person.last}`;
