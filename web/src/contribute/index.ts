/** What tests see of web/src/contribute. */
export { localToInstant, instantToLocal, offsetAt, formatInstant } from './zoned-time.ts';
export { ruleToText, ruleFromText, DEFAULT_RULE, WEEKDAYS, type RuleDraft } from './rule-builder.ts';
export { valuesToInput, inputToValues, emptyValues, fieldPaths, splitList, locationInput, type FieldSpec, type FormValues, type LocationDraft } from './form-spec.ts';
export { scheduleInput, scheduleFromInput, schedulePaths, withAllDay, EMPTY_SCHEDULE, type ScheduleDraft } from './event-schedule.ts';
export { formToInput, inputToFormState, newFormState, formPaths, type FormState } from './form-state.ts';
export { anchorFor, placeIssues, errorsByAnchor, type PlacedIssue } from './field-errors.ts';
export { fieldId } from './field-id.ts';
export { eventHints, type QualityHint } from './quality-hints.ts';
export { anchorLabel } from './anchor-labels.ts';
export { dashboardQuery, itemActions, itemTitle } from './content-items.ts';
export { withCommune, typedPoint } from './location-fields.tsx';
export { formatOccurrence, previewable, ScheduleFields } from './schedule-fields.tsx';
export { localDateWords } from './date-words.ts';
export { FORM_SECTIONS, EVENT_SECTIONS, sectionFields } from './type-specs.ts';
export { ErrorSummary as FormErrorSummary, FieldRow, FieldGroup } from './form-fields.tsx';
export { ContributePage } from './contribute-page.tsx';
export { EditPage } from './edit-page.tsx';
export { ImportPage, importRequest, reportOf } from './import-page.tsx';
