import type { Location } from '@constellation/shared';

/*
 * Text from another agenda, made to fit the contract without changing what it says.
 * Line breaks are text, not structure: in a one-line field (a title) they become spaces,
 * so "Atelier\r\nBEGIN:VEVENT" stays a title and can never start a line of an export.
 * Other control characters are left in, for the contract to refuse with its reason.
 */

export function oneLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const line = text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  return line === '' ? undefined : line;
}

/** Multi-line text (Markdown): CRLF and lone CR become LF, the only line break the contract keeps. */
export function multiLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const normalised = text.replace(/\r\n?/g, '\n').trim();
  return normalised === '' ? undefined : normalised;
}

const POSTCODE_COMMUNE = /^(\d{5})\s+(.+)$/;

/**
 * A place from a one-line location ("MOBE, 6 rue Marcel Proust, 45000 Orléans"): the first
 * part names the place, a trailing "postcode commune" fills those fields, and what is in
 * between is the address. Without commas the whole line is the name.
 */
export function placeFromText(text: string): Location {
  const parts = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  const [name, ...rest] = parts;
  if (name === undefined) return {};
  const place: Location = { name };
  const last = rest.at(-1);
  const match = last === undefined ? null : POSTCODE_COMMUNE.exec(last);
  if (match !== null) {
    place.postalCode = match[1] as string;
    place.commune = match[2] as string;
    rest.pop();
  }
  if (rest.length > 0) place.address = rest.join(', ');
  return place;
}

/** A string from a value of unknown shape, or undefined when it is not one. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Unique non-blank keywords, at most `max`: a long tag list is trimmed, not a reason to refuse an event. */
export function keywordsOf(values: readonly unknown[], max: number): string[] | undefined {
  const unique = [...new Set(values.map((value) => oneLine(stringOf(value))).filter((value): value is string => value !== undefined))].slice(0, max);
  return unique.length > 0 ? unique : undefined;
}
