import type { CommuneItem, RegionCode } from '@constellation/shared';
import { communesOfRegion } from '../seed/communes.ts';

/** Lower case, no accents, punctuation as spaces: "Saint-Étienne" and "saint etienne" meet. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replaceAll('œ', 'oe')
    .replaceAll('æ', 'ae')
    .replace(/[-‐‑–—'’`.,()/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "St" and "Ste" are how people also type Saint and Sainte. */
const unabbreviate = (folded: string) => folded.replace(/^st /, 'saint ').replace(/^ste /, 'sainte ');

interface Entry {
  item: CommuneItem;
  folded: string;
}

/**
 * The region's communes for the contribute forms' place search: the data the seed uses,
 * read on the first search (the source files are large) and kept, most populous first, so
 * the first matches are the likeliest.
 */
export class CommuneSearch {
  private entries: Entry[] | undefined;

  constructor(private readonly region: RegionCode) {}

  private all(): Entry[] {
    this.entries ??= communesOfRegion(this.region, Number.MAX_SAFE_INTEGER).map(({ population: _population, ...item }) => ({ item, folded: fold(item.name) }));
    return this.entries;
  }

  /** The region's commune with this INSEE code, if it has one. */
  byCode(inseeCode: string): CommuneItem | undefined {
    return this.all().find((entry) => entry.item.inseeCode === inseeCode)?.item;
  }

  search(query: string, limit: number): CommuneItem[] {
    this.entries = this.all();
    const text = query.trim();
    const found: CommuneItem[] = [];
    if (/^\d+$/.test(text)) {
      // Digits: a postcode, or an INSEE code, being typed.
      for (const { item } of this.entries) {
        if (item.postalCode?.startsWith(text) === true || item.inseeCode.startsWith(text)) found.push(item);
        if (found.length === limit) break;
      }
      return found;
    }
    const wanted = unabbreviate(fold(text));
    if (wanted === '') return [];
    for (const { item, folded } of this.entries) {
      if (folded.startsWith(wanted)) found.push(item);
      if (found.length === limit) break;
    }
    return found;
  }
}
