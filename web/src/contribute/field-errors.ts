/**
 * The API's refusals, placed on the form: each issue names a path ("title",
 * "place.commune", "timings.0.end", "recurrence.rrule"); it goes on that field's input,
 * or on the nearest enclosing field the form has (an issue on "place.lat" of a form with
 * no latitude input lands on the place group), or, failing that, on the form as a whole.
 */
import type { FieldIssue } from '../api/client.ts';
import { apiMessage } from '../i18n/api-messages.ts';
import { locale } from '../i18n/locale.ts';

export interface PlacedIssue {
  /** The path of the input or group that shows it; '' for the form as a whole. */
  anchor: string;
  field: string;
  message: string;
}

/** The field the issue belongs to among those the form shows. */
export function anchorFor(field: string, known: ReadonlySet<string>): string {
  // Query fields ("query.version") are about the request, not about an input.
  const parts = field.split('.');
  while (parts.length > 0) {
    const candidate = parts.join('.');
    if (known.has(candidate)) return candidate;
    parts.pop();
  }
  return '';
}

export function placeIssues(issues: readonly FieldIssue[], known: Iterable<string>): PlacedIssue[] {
  const set = new Set(known);
  // The form shows each message beside its field's label: the reason alone, in the reader's language.
  return issues.map((issue) => ({ anchor: anchorFor(issue.field, set), field: issue.field, message: apiMessage(issue, locale.value) }));
}

/** The messages each anchor shows. */
export function errorsByAnchor(placed: readonly PlacedIssue[]): Record<string, string[]> {
  const byAnchor: Record<string, string[]> = {};
  for (const issue of placed) (byAnchor[issue.anchor] ??= []).push(issue.message);
  return byAnchor;
}

