import Type from 'typebox';

/** A label in each language the UI ships; French is the users' first language. */
export interface Labels {
  fr: string;
  en: string;
}

export type Locale = keyof Labels;
export const LOCALES = ['fr', 'en'] as const satisfies readonly Locale[];
export const DEFAULT_LOCALE: Locale = 'fr';

export interface Term<Value extends string = string> extends Labels {
  value: Value;
}

export interface Vocabulary<Value extends string> {
  /** Stable machine values, in display order. */
  readonly values: readonly Value[];
  readonly terms: readonly Term<Value>[];
  /** Whether a string is one of this vocabulary's values (narrows its type). */
  has(value: string): value is Value;
  label(value: Value, locale: Locale): string;
}

/**
 * Builds a controlled vocabulary from its terms. Values are the wire format, so they
 * never change once published; labels may be reworded freely.
 */
export function defineVocabulary<const Value extends string>(
  terms: readonly Term<Value>[],
): Vocabulary<Value> {
  const values = terms.map((term) => term.value);
  if (new Set(values).size !== values.length) {
    throw new Error(`duplicate vocabulary value in ${values.join(', ')}`);
  }
  const byValue = new Map<string, Term<Value>>(terms.map((term) => [term.value, term]));
  return {
    values,
    terms,
    has: (value: string): value is Value => byValue.has(value),
    label: (value, locale) => byValue.get(value)?.[locale] ?? value,
  };
}

/** The JSON Schema for "one value of this vocabulary", with the values listed for OpenAPI readers. */
export function vocabularySchema<Value extends string>(vocabulary: Vocabulary<Value>, description?: string) {
  return Type.Enum([...vocabulary.values], description === undefined ? {} : { description });
}
