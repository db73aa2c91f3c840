/**
 * The DOM id of a field's input (or group): "place.commune" → "field-place-commune".
 * On its own so that the form building blocks (form-fields.tsx) need nothing else of the
 * contribute pages: the national event page's follow-by-mail form uses them.
 */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
