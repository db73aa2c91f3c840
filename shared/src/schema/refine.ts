import Type, { type TSchema, type Static } from 'typebox';

/** A rule violation found below the value being refined: `path` is relative, as `/end`. */
export interface RuleIssue {
  path: string;
  message: string;
}

/**
 * Attaches cross-field rules to an object schema. TypeBox reports a refinement at the
 * object's own path, so the message carries the offending child's relative path
 * ("/end: must not be before start") and `validate()` joins the two back into one
 * field name. Only the first issue is reported per object: the rest usually follow from it.
 */
export function withRules<S extends TSchema>(schema: S, rules: (value: Static<S>) => RuleIssue[]) {
  const firstIssue = (value: Static<S>) => rules(value)[0];
  return Type.Refine(
    schema,
    (value: Static<S>) => firstIssue(value) === undefined,
    (value: Static<S>) => {
      const issue = firstIssue(value);
      return issue === undefined ? 'is invalid' : `${issue.path}: ${issue.message}`;
    },
  );
}

/** Matches the "<relative path>: <message>" form `withRules` writes. */
export const RULE_MESSAGE = /^(\/[^:\s]*): (.*)$/s;
