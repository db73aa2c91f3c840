/**
 * Single values of the address bar, for the filters and the map position alike: a value
 * out of bounds is dropped rather than refused, so a hand-edited or truncated link still
 * opens, and numbers are written rounded, so links stay short enough to share.
 */

/** The longest query value kept (longer ones are cut, never refused). */
export const MAX_QUERY = 200;

export function finite(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
