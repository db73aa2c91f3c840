/*
 * WCAG 2 contrast, for the operator's accent colour: it is the colour of links on the
 * portal's light backgrounds and of buttons with white text, so it must reach AA for
 * normal text (4.5:1) against each of them. The console checks as the admin types; the
 * hub refuses on save with the same words.
 */

/** The palette the accent is drawn against: the page, the washed panels, and button text. */
export const ACCENT_BACKGROUNDS = [
  { name: 'white', hex: '#ffffff' },
  { name: 'wash', hex: '#f4f5f8' },
] as const;
export const AA_TEXT_CONTRAST = 4.5;
export const HEX_COLOUR = '^#[0-9a-fA-F]{6}$';

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of "#rrggbb". */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** The contrast ratio of two "#rrggbb" colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** A ratio as people read it: 3.2:1, or 3,2:1 in French (rounded down, so 4.49 never shows as a passing 4.5). */
export function formatRatio(ratio: number, locale = 'en'): string {
  return `${(Math.floor(ratio * 10) / 10).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}:1`;
}

/** The lowest contrast of the accent against the palette, and which colour it is against. */
export function accentContrast(hex: string): { ratio: number; against: string } {
  let worst = { ratio: Number.POSITIVE_INFINITY, against: '' };
  for (const background of ACCENT_BACKGROUNDS) {
    const ratio = contrastRatio(hex, background.hex);
    if (ratio < worst.ratio) worst = { ratio, against: background.hex };
  }
  return worst;
}

/** Why an accent is refused, in English (the API's words), or undefined when it passes AA. */
export function accentIssue(hex: string): string | undefined {
  const { ratio, against } = accentContrast(hex);
  if (ratio >= AA_TEXT_CONTRAST) return undefined;
  return `has a contrast of ${formatRatio(ratio)} against ${against} (links on the page's light backgrounds, white text on buttons); WCAG AA asks for at least ${AA_TEXT_CONTRAST}:1: choose a darker colour`;
}
