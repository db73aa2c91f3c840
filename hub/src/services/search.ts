/**
 * Turns what a person typed into an FTS5 query that cannot be an FTS5 syntax error:
 * every word is quoted (so AND, NEAR, quotes and colons lose their meaning) and all
 * must match; the last word matches as a prefix, for search-as-you-type. Accents are
 * handled by the index's tokenizer (remove_diacritics), not here.
 */
export function ftsQuery(text: string): string | undefined {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu)?.slice(0, 10) ?? [];
  if (words.length === 0) return undefined;
  return words.map((word, index) => `"${word}"${index === words.length - 1 ? '*' : ''}`).join(' ');
}
