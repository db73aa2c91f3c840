/** French grammar for generated text ("de Tours", "au Mans", "des trous noirs") and the ASCII slugs and domain labels made from names. */

const VOWEL_START = /^[AEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜŒaeiouàâéèêîôûœ]/;

/** "de Tours", "d'Orléans", "du Mans", "des Abymes". */
export function de(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  return VOWEL_START.test(name) ? `d'${name}` : `de ${name}`;
}

/** "à Tours", "au Mans", "aux Abymes". */
export function at(name: string): string {
  if (name.startsWith('Le ')) return `au ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `aux ${name.slice(4)}`;
  return `à ${name}`;
}

/** For noun phrases that carry their article: "les trous noirs" → "des trous noirs", "le sommeil" → "du sommeil". */
export function deNp(np: string): string {
  if (np.startsWith('les ')) return `des ${np.slice(4)}`;
  if (np.startsWith('le ')) return `du ${np.slice(3)}`;
  return `de ${np}`;
}

export function aNp(np: string): string {
  if (np.startsWith('les ')) return `aux ${np.slice(4)}`;
  if (np.startsWith('le ')) return `au ${np.slice(3)}`;
  return `à ${np}`;
}

export function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function ascii(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replaceAll('œ', 'oe').replaceAll('Œ', 'Oe').replaceAll('æ', 'ae');
}

/** "Institut de recherche en environnement de Bourges" → "institut-recherche-environnement-bourges": a DNS label (at most 63 characters). */
export function domainLabel(name: string): string {
  const words = slugify(name, 200).split('-').filter((word) => !['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'en'].includes(word));
  let label = '';
  for (const word of words) if (`${label}-${word}`.length <= 63) label = label === '' ? word : `${label}-${word}`;
  return label;
}

export function slugify(text: string, max = 60): string {
  const slug = ascii(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return slug.slice(0, max).replace(/-$/, '');
}
