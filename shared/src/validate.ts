import type { Static, TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import { describePattern } from './schema/primitives.ts';
import { RULE_MESSAGE } from './schema/refine.ts';

/** One reason a value was refused: which field, and why, in a sentence that names the field. */
export interface FieldIssue {
  /** Dotted path from the root of the value, e.g. "timings.0.end"; "" for the value itself. */
  field: string;
  message: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

const MAX_ISSUES = 20;
const MAX_LISTED_VALUES = 12;

/** "/timings/0/end" → "timings.0.end" (JSON Pointer escapes undone). */
export function fieldFromPointer(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

function join(base: string, child: string): string {
  return base === '' ? child : `${base}.${child}`;
}

function sentence(field: string, reason: string): FieldIssue {
  return { field, message: `${field === '' ? 'the value' : field} ${reason}` };
}

function describeAllowed(values: readonly unknown[]): string {
  if (values.length <= MAX_LISTED_VALUES) return `must be one of: ${values.map(String).join(', ')}`;
  return `must be one of the ${values.length} allowed values (${values.slice(0, 5).map(String).join(', ')}, ...)`;
}

/**
 * Turns TypeBox's errors into field issues: one per field and reason, with the child
 * a cross-field rule points at, the missing or unknown property named, and the noise
 * of union branches folded into one line.
 */
export function issuesFromErrors(errors: readonly TLocalizedValidationError[]): FieldIssue[] {
  const anyOfPaths = new Set(errors.filter((error) => error.keyword === 'anyOf').map((error) => error.instancePath));
  const issues: FieldIssue[] = [];
  for (const error of errors) {
    const field = fieldFromPointer(error.instancePath);
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'boolean':
        // "schema is false" for each extra property. The additionalProperties summary below names
        // them too, but TypeBox stops at 8 errors (Settings.maxErrors), so with 8 or more unknown
        // fields the summary never arrives and the value was refused as "" without naming any field.
        // Naming the field here too is harmless: the duplicate is folded away below.
        if (error.schemaPath.endsWith('/additionalProperties')) issues.push(sentence(field, 'is not an allowed field'));
        break;
      case 'required':
        for (const name of (params.requiredProperties as string[] | undefined) ?? []) issues.push(sentence(join(field, name), 'is required'));
        break;
      case 'additionalProperties':
        for (const name of (params.additionalProperties as string[] | undefined) ?? []) issues.push(sentence(join(field, name), 'is not an allowed field'));
        break;
      case 'enum':
        issues.push(sentence(field, describeAllowed((params.allowedValues as unknown[] | undefined) ?? [])));
        break;
      case 'pattern':
        issues.push(sentence(field, describePattern(String(params.pattern)) ?? error.message));
        break;
      case 'anyOf':
        issues.push(sentence(field, 'does not match any of the allowed forms'));
        break;
      case '~refine': {
        const match = RULE_MESSAGE.exec(error.message);
        if (match !== null) issues.push(sentence(join(field, fieldFromPointer(match[1] ?? '')), match[2] ?? 'is invalid'));
        else issues.push(sentence(field, error.message));
        break;
      }
      default:
        // Branch failures inside a union are summed up by its anyOf line.
        if (![...anyOfPaths].some((path) => error.instancePath === path && error.schemaPath.includes('anyOf'))) {
          issues.push(sentence(field, error.message));
        }
    }
  }
  const unique = new Map<string, FieldIssue>();
  for (const issue of issues) unique.set(`${issue.field}\u0000${issue.message}`, issue);
  return [...unique.values()].slice(0, MAX_ISSUES);
}

const compiled = new WeakMap<TSchema, Validator>();

function validatorFor(schema: TSchema): Validator {
  let validator = compiled.get(schema);
  if (validator === undefined) {
    validator = Compile(schema) as unknown as Validator;
    compiled.set(schema, validator);
  }
  return validator;
}

/** Checks a value against a contract schema, rules included, without changing it. */
export function validate<S extends TSchema>(schema: S, value: unknown): Validation<Static<S>> {
  const validator = validatorFor(schema);
  if (validator.Check(value)) return { ok: true, value: value as Static<S> };
  const issues = issuesFromErrors(validator.Errors(value) as TLocalizedValidationError[]);
  return { ok: false, issues: issues.length > 0 ? issues : [sentence('', 'is invalid')] };
}

/** Whether a value satisfies a schema; for the hot paths that only need yes or no. */
export function isValid<S extends TSchema>(schema: S, value: unknown): value is Static<S> {
  return validatorFor(schema).Check(value);
}
