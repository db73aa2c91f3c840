/** What events and articles are about: subjects with their disciplines, keywords and opening sentence. */
import type { Discipline } from '@constellation/shared';

export interface Topic {
  /** The subject with its article, lower-case: "les trous noirs". */
  np: string;
  disciplines: readonly Discipline[];
  keywords: readonly string[];
  /** One sentence a science writer would open with. */
  hook: string;
  /** Can be observed outdoors: field surveys. */
  outdoor?: boolean;
  /** Studied in labs that open to the public: lab visits. */
  lab?: boolean;
  /** Observed at night. */
  night?: boolean;
}

export const TOPICS: readonly Topic[] = [
  { np: 'les trous noirs', disciplines: ['astronomy', 'physics'], keywords: ['trous noirs', 'astrophysique'], lab: true, hook: "Invisibles par nature, ils courbent l'espace-temps au point de piéger la lumière, et les télescopes commencent à peine à en photographier l'ombre." },
  { np: 'les exoplanètes', disciplines: ['astronomy'], keywords: ['exoplanètes', 'télescopes'], lab: true, hook: "Plus de cinq mille planètes ont déjà été découvertes autour d'autres étoiles que le Soleil, et certaines pourraient abriter de l'eau liquide." },
  { np: 'la Lune', disciplines: ['astronomy'], keywords: ['Lune', 'observation du ciel'], outdoor: true, night: true, hook: "Notre satellite n'a pas fini de livrer ses secrets : son origine, ses cratères et son influence sur les marées restent des sujets de recherche actifs." },
  { np: 'les étoiles filantes', disciplines: ['astronomy'], keywords: ['météores', 'ciel nocturne'], outdoor: true, night: true, hook: "Ces traînées lumineuses sont des poussières de comètes qui se consument en entrant dans l'atmosphère à plusieurs dizaines de kilomètres par seconde." },
  { np: 'le Système solaire', disciplines: ['astronomy'], keywords: ['planètes', 'exploration spatiale'], hook: "Des sondes explorent aujourd'hui les lunes glacées de Jupiter et de Saturne, où des océans pourraient se cacher sous la glace." },
  { np: 'les volcans', disciplines: ['earth-sciences'], keywords: ['volcans', 'géologie'], hook: "Un volcan n'est pas qu'une montagne qui crache du feu : c'est une fenêtre ouverte sur les profondeurs de la Terre." },
  { np: 'les paysages géologiques', disciplines: ['earth-sciences'], keywords: ['géologie', 'paysages'], outdoor: true, hook: "Chaque paysage raconte une histoire géologique de plusieurs millions d'années, qu'il suffit d'apprendre à lire." },
  { np: 'les fossiles', disciplines: ['earth-sciences', 'biology'], keywords: ['fossiles', 'paléontologie'], outdoor: true, lab: true, hook: "Empreintes, coquillages et ossements pétrifiés permettent de reconstituer des écosystèmes disparus depuis des millions d'années." },
  { np: 'les séismes', disciplines: ['earth-sciences'], keywords: ['séismes', 'sismologie'], lab: true, hook: 'Les sismomètres enregistrent chaque jour des centaines de petits tremblements de terre, pour la plupart imperceptibles.' },
  { np: 'le changement climatique', disciplines: ['climate'], keywords: ['climat', 'GIEC'], hook: 'Les rapports du GIEC décrivent un réchauffement rapide, dont les effets se mesurent déjà à l’échelle de nos territoires.' },
  { np: 'les nuages', disciplines: ['climate', 'physics'], keywords: ['météorologie', 'nuages'], outdoor: true, hook: "Les nuages jouent un rôle encore mal compris dans l'équilibre du climat : selon leur altitude, ils réchauffent ou refroidissent la planète." },
  { np: 'les îlots de chaleur urbains', disciplines: ['climate', 'ecology'], keywords: ['ville', 'canicule'], outdoor: true, hook: "En été, le centre d'une ville peut être plusieurs degrés plus chaud que la campagne voisine, surtout la nuit." },
  { np: 'les abeilles sauvages', disciplines: ['ecology', 'biology'], keywords: ['pollinisateurs', 'abeilles'], outdoor: true, hook: "On compte près de mille espèces d'abeilles sauvages en France, bien plus discrètes que l'abeille domestique et tout aussi indispensables." },
  { np: 'les oiseaux des jardins', disciplines: ['ecology'], keywords: ['ornithologie', 'oiseaux'], outdoor: true, hook: 'Mésanges, rougegorges et moineaux sont de bons indicateurs de la santé de notre environnement proche.' },
  { np: 'les zones humides', disciplines: ['ecology'], keywords: ['zones humides', 'amphibiens'], outdoor: true, hook: 'Les zones humides abritent une biodiversité exceptionnelle, mais une grande partie a disparu au cours du siècle dernier.' },
  { np: 'les chauves-souris', disciplines: ['ecology', 'biology'], keywords: ['chauves-souris', 'faune nocturne'], outdoor: true, night: true, hook: "Les chauves-souris se repèrent dans le noir grâce à l'écholocation et peuvent dévorer des milliers d'insectes en une seule nuit." },
  { np: 'les arbres en ville', disciplines: ['ecology', 'climate'], keywords: ['arbres', 'nature en ville'], outdoor: true, hook: "Un arbre adulte rafraîchit l'air, stocke du carbone et héberge toute une faune, à condition qu'on lui laisse de la place." },
  { np: 'les champignons', disciplines: ['ecology', 'biology'], keywords: ['mycologie', 'forêt'], outdoor: true, hook: "La partie visible d'un champignon n'est que la face émergée d'un immense réseau souterrain qui relie les arbres entre eux." },
  { np: 'les insectes', disciplines: ['ecology', 'biology'], keywords: ['entomologie', 'insectes'], outdoor: true, hook: 'Les insectes représentent plus de la moitié des espèces animales connues, et leur déclin inquiète les écologues.' },
  { np: 'les rivières', disciplines: ['ecology', 'earth-sciences'], keywords: ['eau', 'rivières'], outdoor: true, hook: 'Une rivière en bonne santé se reconnaît aux petites bêtes qui vivent sous ses cailloux.' },
  { np: 'le plancton', disciplines: ['ocean', 'biology'], keywords: ['plancton', 'océan'], lab: true, hook: "Invisible à l'œil nu, le plancton produit une grande partie de l'oxygène que nous respirons." },
  { np: 'les océans', disciplines: ['ocean', 'climate'], keywords: ['océan', 'climat'], hook: "L'océan absorbe une large part de la chaleur et du carbone que nous émettons, ce qui modifie sa chimie et ses courants." },
  { np: "l'ADN", disciplines: ['biology'], keywords: ['génétique', 'ADN'], lab: true, hook: "La molécule d'ADN contient les instructions de fabrication de tout être vivant, et l'on sait aujourd'hui la lire et la modifier." },
  { np: 'le microbiote intestinal', disciplines: ['biology', 'health'], keywords: ['microbiote', 'santé'], lab: true, hook: 'Des milliards de bactéries vivent dans notre intestin et influencent notre digestion, notre immunité et peut-être même notre humeur.' },
  { np: "l'évolution", disciplines: ['biology'], keywords: ['évolution', 'Darwin'], hook: "De Darwin à la génomique, la théorie de l'évolution explique la diversité du vivant et continue de s'enrichir." },
  { np: 'le sommeil', disciplines: ['health', 'neuroscience'], keywords: ['sommeil', 'santé'], hook: 'Nous passons un tiers de notre vie à dormir, et les chercheurs découvrent sans cesse de nouvelles fonctions au sommeil.' },
  { np: 'les vaccins', disciplines: ['health'], keywords: ['vaccination', 'immunologie'], hook: 'Comprendre comment un vaccin entraîne le système immunitaire aide à démêler le vrai du faux dans un débat souvent passionné.' },
  { np: 'le cerveau', disciplines: ['neuroscience'], keywords: ['cerveau', 'neurosciences'], lab: true, hook: "Avec ses quatre-vingt-six milliards de neurones, le cerveau reste l'un des objets les plus complexes que la science étudie." },
  { np: 'la mémoire', disciplines: ['neuroscience'], keywords: ['mémoire', 'cognition'], hook: 'Se souvenir, c’est reconstruire : notre mémoire est bien plus malléable que nous le pensons.' },
  { np: "les illusions d'optique", disciplines: ['neuroscience', 'physics'], keywords: ['perception', 'illusions'], hook: "Les illusions d'optique révèlent les raccourcis que prend notre cerveau pour interpréter ce que voient nos yeux." },
  { np: 'les sols vivants', disciplines: ['agriculture', 'ecology'], keywords: ['sols', 'agroécologie'], outdoor: true, hook: "Une poignée de terre contient plus d'êtres vivants qu'il n'y a d'humains sur la planète." },
  { np: "l'alimentation de demain", disciplines: ['agriculture', 'health'], keywords: ['alimentation', 'agriculture'], hook: 'Nourrir dix milliards d’humains sans épuiser la planète oblige à repenser nos cultures comme nos assiettes.' },
  { np: 'les nombres premiers', disciplines: ['mathematics'], keywords: ['arithmétique', 'nombres premiers'], hook: "Simples à définir mais imprévisibles, les nombres premiers protègent aujourd'hui nos échanges sur internet." },
  { np: 'les fractales', disciplines: ['mathematics', 'arts-sciences'], keywords: ['fractales', 'géométrie'], hook: 'Chou romanesco, côtes rocheuses, flocons de neige : les fractales se cachent partout dans la nature.' },
  { np: 'le hasard', disciplines: ['mathematics'], keywords: ['probabilités', 'hasard'], hook: "Le hasard obéit à des lois : les probabilités permettent de prévoir l'imprévisible, du loto à la météo." },
  { np: 'la lumière', disciplines: ['physics'], keywords: ['optique', 'lumière'], lab: true, hook: 'Onde ou particule ? La lumière a longtemps divisé les physiciens avant de révéler sa double nature.' },
  { np: 'le son', disciplines: ['physics', 'arts-sciences'], keywords: ['acoustique', 'musique'], hook: "Le son est une vibration de l'air, et la façon dont elle se propage explique aussi bien l'écho que la beauté d'un violon." },
  { np: 'la physique quantique', disciplines: ['physics'], keywords: ['quantique', 'physique'], lab: true, hook: "Superposition, intrication : la physique quantique défie l'intuition mais fait déjà fonctionner nos lasers et nos téléphones." },
  { np: 'la chimie des couleurs', disciplines: ['chemistry', 'arts-sciences'], keywords: ['chimie', 'pigments'], hook: 'Des pigments de la préhistoire aux encres modernes, la couleur est avant tout une affaire de molécules.' },
  { np: 'la chimie en cuisine', disciplines: ['chemistry'], keywords: ['chimie', 'cuisine'], hook: 'Une mayonnaise qui prend, un gâteau qui gonfle, une viande qui dore : la cuisine est un laboratoire à part entière.' },
  { np: "l'intelligence artificielle", disciplines: ['computer-science', 'science-society'], keywords: ['IA', 'algorithmes'], lab: true, hook: "Les systèmes d'intelligence artificielle s'invitent dans notre quotidien ; encore faut-il comprendre ce qu'ils savent faire, et ce qu'ils ne savent pas faire." },
  { np: 'la cryptographie', disciplines: ['computer-science', 'mathematics'], keywords: ['cryptographie', 'sécurité numérique'], hook: "De César aux messageries chiffrées, l'art de cacher des messages repose sur des mathématiques élégantes." },
  { np: 'les robots', disciplines: ['engineering', 'computer-science'], keywords: ['robotique', 'programmation'], lab: true, hook: 'Un robot, ce sont des capteurs, des moteurs et un programme : de quoi apprendre la logique en s’amusant.' },
  { np: "l'impression 3D", disciplines: ['engineering'], keywords: ['fabrication numérique', 'impression 3D'], hook: "L'impression 3D fabrique une pièce couche par couche, du prototype industriel à la prothèse sur mesure." },
  { np: "l'énergie solaire", disciplines: ['energy'], keywords: ['énergie solaire', 'transition énergétique'], hook: "Le Soleil envoie chaque heure sur Terre plus d'énergie que l'humanité n'en consomme en un an." },
  { np: "l'hydrogène", disciplines: ['energy', 'chemistry'], keywords: ['hydrogène', 'énergie'], lab: true, hook: "Présenté comme un carburant d'avenir, l'hydrogène pose de vraies questions de production, de stockage et de sécurité." },
  { np: "l'archéologie", disciplines: ['history'], keywords: ['archéologie', 'fouilles'], hook: 'Les archéologues fouillent aussi nos villes : chaque chantier peut révéler les traces de nos lointains ancêtres.' },
  { np: "l'histoire des sciences", disciplines: ['history', 'science-society'], keywords: ['histoire des sciences'], hook: 'Les grandes découvertes sont souvent le fruit de tâtonnements, de controverses et de hasards heureux.' },
  { np: 'les fausses informations', disciplines: ['social-sciences', 'science-society'], keywords: ['esprit critique', 'médias'], hook: "Face aux rumeurs qui circulent en ligne, quelques réflexes scientifiques aident à trier l'information." },
  { np: 'les langues régionales', disciplines: ['linguistics', 'social-sciences'], keywords: ['langues', 'linguistique'], hook: 'Les langues régionales sont un patrimoine vivant que les linguistes documentent et aident à transmettre.' },
  { np: "l'économie circulaire", disciplines: ['economics', 'ecology'], keywords: ['économie circulaire', 'déchets'], hook: "Réparer, réutiliser, recycler : l'économie circulaire cherche à faire de nos déchets des ressources." },
  { np: 'les femmes de science', disciplines: ['science-society', 'history'], keywords: ['égalité', 'portraits'], hook: "De Marie Curie à aujourd'hui, les femmes scientifiques ont souvent dû se battre pour être reconnues." },
];

export const isSkyTopic = (topic: Topic): boolean => topic.night === true && topic.disciplines.includes('astronomy');
