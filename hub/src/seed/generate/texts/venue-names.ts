/** Names for the venues events are held at, and for the festivals a region runs. */

export const FESTIVAL_NAMES = ['Festival Sciences en fête', 'Festival Curiosités', 'Festival Image et science', 'Les Rencontres du ciel', 'Festival Nature en ville', 'Festival du film scientifique', 'Festival Eurêka', 'Festival Science en scène'];

export const STREETS = [
  'rue Victor-Hugo', 'avenue Jean-Jaurès', 'place de la République', 'rue Pasteur', 'boulevard Gambetta', 'rue du Général-Leclerc', "place de l'Hôtel-de-Ville",
  'rue des Écoles', 'avenue de la Libération', 'rue Jules-Ferry', 'rue de la Gare', 'allée des Tilleuls', 'rue du Moulin', 'rue Marie-Curie', 'place du Marché',
  'rue Nationale', 'quai des Tanneurs', 'rue de la Paix', 'avenue des Sciences', 'rue Lavoisier', 'chemin des Prés', 'rue Condorcet',
];
export const CAFES = ['Café Le Central', 'Brasserie du Théâtre', 'Café de la Gare', 'Le Comptoir', 'Café associatif La Fabrique', 'Bar Le Bon Coin', 'Brasserie des Halles'];
export const CINEMAS = ['Cinéma Le Rex', 'Cinéma Les Variétés', 'Ciné-Lumière', 'Cinéma Le Palace', "Cinéma L'Alhambra", 'Cinéma Le Studio'];
export const HALLS = ['Salle des fêtes', 'Espace culturel', 'Salle polyvalente', 'Maison des associations', 'Centre social'];
export const PARKS = ['Parc municipal', 'Jardin public', 'Base de loisirs', 'Forêt communale', 'Étang communal', 'Coulée verte'];
export const SCHOOLS = ['Lycée Jean-Moulin', 'Lycée Marie-Curie', 'Collège Jules-Ferry', 'Lycée Louis-Pasteur', 'Collège Simone-Veil', 'Lycée Condorcet'];
export const AMPHIS = ['Marie-Curie', 'Louis-Pasteur', 'Sophie-Germain', 'Henri-Poincaré', 'Émilie-du-Châtelet', 'Paul-Langevin', 'Ada-Lovelace'];
