/**
 * A contribute form's whole state, and the API input it stands for: the fields of the
 * type's sections, plus the schedule for an event.
 */
import type { ContentType } from '@constellation/shared';
import { emptyValues, fieldPaths, inputToValues, valuesToInput, type FormValues } from './form-spec.ts';
import { EMPTY_SCHEDULE, scheduleFromInput, scheduleInput, schedulePaths, type ScheduleDraft } from './event-schedule.ts';
import { FORM_SECTIONS, sectionFields, type FormSection } from './type-specs.ts';

export interface FormState {
  values: FormValues;
  /** Used by events only. */
  schedule: ScheduleDraft;
  /** What the document carries that the form has no input for, sent back unchanged on save. */
  kept?: Record<string, unknown>;
}

/**
 * Links set elsewhere than in the form: an edition's previous edition ("repeat for this year's
 * edition") and a programme event's umbrella. Saving the form must not drop them.
 */
const KEPT_EVENT_FIELDS = ['previousEditionId', 'parentEventId'] as const;

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

export function sectionsOf(type: ContentType): FormSection[] {
  return FORM_SECTIONS[type] ?? [];
}

/** A new document's form: the first of my actors chosen, an event in person in Paris time. */
export function newFormState(type: ContentType, actorIds: readonly string[]): FormState {
  const values = emptyValues(sectionFields(sectionsOf(type)));
  if ('actorId' in values && actorIds.length > 0) values.actorId = actorIds[0] ?? '';
  if (type === 'event') {
    values.attendanceMode = 'in-person';
    values.timeZone = DEFAULT_TIME_ZONE;
  }
  return { values, schedule: EMPTY_SCHEDULE };
}

/** The API input for the form: empty optionals dropped, an event's schedule as timings or a recurrence. */
export function formToInput(type: ContentType, state: FormState): Record<string, unknown> {
  const input = valuesToInput(sectionFields(sectionsOf(type)), state.values);
  if (type !== 'event') return input;
  // What the chosen attendance mode hides is not sent.
  if (input.attendanceMode === 'in-person') delete input.onlineUrl;
  if (input.attendanceMode === 'online') delete input.place;
  const timeZone = typeof input.timeZone === 'string' && input.timeZone !== '' ? input.timeZone : DEFAULT_TIME_ZONE;
  return { ...state.kept, ...input, ...scheduleInput(state.schedule, timeZone) };
}

/** A saved document (its `data`) as a form. */
export function inputToFormState(type: ContentType, data: Record<string, unknown>): FormState {
  const values = inputToValues(sectionFields(sectionsOf(type)), data);
  if (type !== 'event') return { values, schedule: EMPTY_SCHEDULE };
  const timeZone = typeof data.timeZone === 'string' ? data.timeZone : DEFAULT_TIME_ZONE;
  const kept = Object.fromEntries(KEPT_EVENT_FIELDS.filter((field) => typeof data[field] === 'string').map((field) => [field, data[field]]));
  return { values, schedule: scheduleFromInput(data, timeZone), kept };
}

/** Every path the form shows an input or group for. */
export function formPaths(type: ContentType, state: FormState): string[] {
  const paths = fieldPaths(sectionFields(sectionsOf(type)), state.values);
  return type === 'event' ? [...paths, ...schedulePaths(state.schedule)] : paths;
}
