/**
 * The event form's schedule: several dated slots, or a recurrence built from the common
 * cases (or written as a raw RRULE), with cancelled dates and a preview of the next dates
 * the hub works out from it.
 */
import '../i18n/strings-contribute.ts';
import { useEffect, useState } from 'preact/hooks';
import { weekdays, type DayOfWeek, type Locale, type Weekday } from '@constellation/shared';
import { ApiError, type FieldIssue } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { localDateWords } from './date-words.ts';
import { scheduleInput, scheduleRule, withAllDay, type ScheduleDraft, type TimingDraft } from './event-schedule.ts';
import { issueText, orderProblemText, pastTimings, scheduleOrderProblems } from './schedule-checks.ts';
import { fieldId } from './field-id.ts';
import { FieldGroup, FieldRow } from './form-fields.tsx';
import { WEEKDAYS, type RuleDraft, type RuleEnd, type RuleFrequency } from './rule-builder.ts';

interface Props {
  value: ScheduleDraft;
  onChange(value: ScheduleDraft): void;
  timeZone: string;
  locale: Locale;
  errors: Record<string, string[]>;
}

const dayLabel = (day: Weekday, locale: Locale) => weekdays.label(day.toLowerCase() as DayOfWeek, locale);

/** Whether the schedule says enough to ask for a preview. */
export function previewable(draft: ScheduleDraft): boolean {
  if (draft.mode === 'recurrence') return draft.start !== '' && scheduleRule(draft) !== '';
  return draft.timings.length > 0 && draft.timings.every((timing) => timing.start !== '');
}

/**
 * "mardi 1 décembre 2026, 18:30 – 20:30", on the event's clock: the whole date, so a wrong
 * day is easy to spot. All day: the days alone, the last being the one before the end's midnight.
 */
export function formatOccurrence(occurrence: { start: string; end: string }, timeZone: string, locale: Locale, allDay = false): string {
  const format = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', ...(allDay ? {} : { hour: '2-digit', minute: '2-digit' }) });
  const start = new Date(occurrence.start);
  const end = new Date(allDay ? Math.max(Date.parse(occurrence.end) - 1, start.getTime()) : Date.parse(occurrence.end));
  if (allDay && format.format(start) === format.format(end)) return format.format(start);
  if (start.getTime() === end.getTime()) return format.format(start);
  try {
    return format.formatRange(start, end);
  } catch {
    return `${format.format(start)} – ${format.format(end)}`;
  }
}

type Preview =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; occurrences: { start: string; end: string }[]; more: boolean; at: number }
  | { status: 'failed'; message: string; issues: readonly FieldIssue[] }
  | { status: 'unavailable' };

const PREVIEW_DELAY_MS = 500;

function DateList({ dates, timeZone, locale, allDay, class: className }: { dates: { start: string; end: string }[]; timeZone: string; locale: Locale; allDay: boolean; class?: string }) {
  return (
    <ol class={className}>
      {dates.map((date) => (
        <li key={date.start}>{formatOccurrence(date, timeZone, locale, allDay)}</li>
      ))}
    </ol>
  );
}

/** Problems named field by field ("Date 2, fin : la fin précède le début"). */
function Problems({ texts, locale }: { texts: string[]; locale: Locale }) {
  return (
    <div class="field-error">
      <p>{t('contribPreviewProblems', {}, locale)}</p>
      <ul>
        {texts.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </div>
  );
}

/** The upcoming dates the hub works out, and what the contributor should know when there are none: the dates are past. */
function PreviewDates({ preview, value, timeZone, locale }: { preview: Extract<Preview, { status: 'done' }>; value: ScheduleDraft; timeZone: string; locale: Locale }) {
  const past = pastTimings(value, timeZone, preview.at);
  const pastList = past.length === 0 ? null : <DateList class="past-dates" dates={past} timeZone={timeZone} locale={locale} allDay={value.allDay} />;
  if (preview.occurrences.length === 0) {
    if (past.length > 0) {
      return (
        <>
          <p class="preview-past">{past.length === 1 ? t('contribPreviewPastOne', {}, locale) : t('contribPreviewPastMany', { count: past.length }, locale)}</p>
          {pastList}
        </>
      );
    }
    return <p class={value.mode === 'recurrence' ? 'preview-past' : undefined}>{t(value.mode === 'recurrence' ? 'contribPreviewRecurrencePast' : 'contribPreviewNone', {}, locale)}</p>;
  }
  return (
    <>
      <DateList dates={preview.occurrences} timeZone={timeZone} locale={locale} allDay={value.allDay} />
      {preview.more && <p>{t('contribPreviewMore', {}, locale)}</p>}
      {past.length > 0 && (
        <>
          <p class="preview-past">{t(past.length === 1 ? 'contribPreviewPastSome' : 'contribPreviewPastSomeMany', {}, locale)}</p>
          {pastList}
        </>
      )}
    </>
  );
}

function DatePreview({ value, timeZone, locale }: { value: ScheduleDraft; timeZone: string; locale: Locale }) {
  const session = useSession();
  const [preview, setPreview] = useState<Preview>({ status: 'idle' });
  // An end before its start is said at once, by its field, without asking the hub.
  const problems = scheduleOrderProblems(value);
  // The preview takes the schedule without `allDay`: its midnights already say the days.
  const { allDay: _allDay, ...schedule } = scheduleInput(value, timeZone);
  const body = problems.length === 0 && previewable(value) ? { timeZone, ...schedule, limit: 10 } : undefined;
  const key = JSON.stringify(body ?? null);
  useEffect(() => {
    if (body === undefined) {
      setPreview({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    // Typing a date fires on every key: ask once the reader pauses.
    const timer = setTimeout(() => {
      setPreview({ status: 'loading' });
      session.request<{ occurrences: { start: string; end: string }[]; more: boolean }>('POST', '/api/v1/events/preview-dates', { body, signal: controller.signal }).then(
        // The moment of the answer: what it leaves out as past is past at that moment.
        (answer) => setPreview({ status: 'done', occurrences: answer.occurrences, more: answer.more, at: Date.now() }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          if (error instanceof ApiError && error.status === 404) setPreview({ status: 'unavailable' });
          else if (error instanceof ApiError) setPreview({ status: 'failed', message: error.message, issues: error.issues });
          else setPreview({ status: 'failed', message: error instanceof Error ? error.message : String(error), issues: [] });
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]);

  return (
    <section class="date-preview" aria-labelledby="date-preview-title" aria-live="polite">
      <h3 id="date-preview-title">{t('contribPreviewDates', {}, locale)}</h3>
      {problems.length > 0 && <Problems texts={problems.map((problem) => orderProblemText(problem, value, locale))} locale={locale} />}
      {problems.length === 0 && preview.status === 'loading' && <p>{t('contribPreviewLoading', {}, locale)}</p>}
      {problems.length === 0 && preview.status === 'unavailable' && <p class="field-hint">{t('contribPreviewUnavailable', {}, locale)}</p>}
      {problems.length === 0 &&
        preview.status === 'failed' &&
        (preview.issues.length > 0 ? <Problems texts={preview.issues.map((issue) => issueText(issue, value, locale))} locale={locale} /> : <p class="field-error">{t('contribPreviewError', { message: preview.message }, locale)}</p>)}
      {problems.length === 0 && preview.status === 'done' && <PreviewDates preview={preview} value={value} timeZone={timeZone} locale={locale} />}
    </section>
  );
}

function TimingRows({ value, onChange, locale, errors }: Props) {
  const type = value.allDay ? 'date' : 'datetime-local';
  const setRow = (index: number, patch: Partial<TimingDraft>) => onChange({ ...value, timings: value.timings.map((row, at) => (at === index ? { ...row, ...patch } : row)) });
  return (
    <FieldGroup path="timings" legend={t('contribScheduleTimings', {}, locale)} locale={locale} errors={errors.timings}>
      {value.timings.map((row, index) => (
        <FieldGroup key={index} path={`timings.${index}`} legend={t('contribTimingRow', { n: index + 1 }, locale)} locale={locale} errors={errors[`timings.${index}`]} class="row-group">
          <div class="schedule-row">
            <FieldRow path={`timings.${index}.start`} label={t(value.allDay ? 'contribFirstDay' : 'contribTimingStart', {}, locale)} hint={localDateWords(row.start, locale)} locale={locale} required errors={errors[`timings.${index}.start`]}>
              {(attributes) => <input {...attributes} type={type} value={row.start} onInput={(event) => setRow(index, { start: event.currentTarget.value })} />}
            </FieldRow>
            <FieldRow path={`timings.${index}.end`} label={t(value.allDay ? 'contribLastDay' : 'contribTimingEnd', {}, locale)} hint={localDateWords(row.end, locale)} locale={locale} errors={errors[`timings.${index}.end`]}>
              {(attributes) => <input {...attributes} type={type} value={row.end} min={row.start} onInput={(event) => setRow(index, { end: event.currentTarget.value })} />}
            </FieldRow>
            {value.timings.length > 1 && (
              <button type="button" onClick={() => onChange({ ...value, timings: value.timings.filter((_, at) => at !== index) })}>
                {t('contribTimingRemove', { n: index + 1 }, locale)}
              </button>
            )}
          </div>
        </FieldGroup>
      ))}
      <div>
        <button type="button" onClick={() => onChange({ ...value, timings: [...value.timings, { start: '', end: '' }] })}>
          {t('contribTimingAdd', {}, locale)}
        </button>
      </div>
    </FieldGroup>
  );
}

function RuleBuilder({ value, onChange, locale, errors }: Props) {
  const rule = value.rule;
  const setRule = (patch: Partial<RuleDraft>) => onChange({ ...value, rule: { ...rule, ...patch } });
  const frequencies: [RuleFrequency, string][] = [
    ['DAILY', t('contribRuleDaily', {}, locale)],
    ['WEEKLY', t('contribRuleWeekly', {}, locale)],
    ['MONTHLY', t('contribRuleMonthly', {}, locale)],
  ];
  const ends: [RuleEnd, string][] = [
    ['count', t('contribRuleEndCount', {}, locale)],
    ['until', t('contribRuleEndUntil', {}, locale)],
    ['never', t('contribRuleEndNever', {}, locale)],
  ];
  const ordinals: [number, string][] = [
    [1, t('contribOrdinal1', {}, locale)],
    [2, t('contribOrdinal2', {}, locale)],
    [3, t('contribOrdinal3', {}, locale)],
    [4, t('contribOrdinal4', {}, locale)],
    [-1, t('contribOrdinalLast', {}, locale)],
  ];
  return (
    <FieldGroup path="recurrence.rrule" legend={t('contribRuleGroup', {}, locale)} locale={locale} errors={errors['recurrence.rrule']}>
      <div class="inline-fields">
        <FieldRow path="rule.freq" label={t('contribRuleFreq', {}, locale)} locale={locale}>
          {(attributes) => (
            <select {...attributes} value={rule.freq} onChange={(event) => setRule({ freq: event.currentTarget.value as RuleFrequency })}>
              {frequencies.map(([freq, label]) => (
                <option key={freq} value={freq}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </FieldRow>
        <FieldRow path="rule.interval" label={t('contribRuleInterval', {}, locale)} hint={t('contribRuleIntervalHint', {}, locale)} locale={locale}>
          {(attributes) => <input {...attributes} type="number" min={1} max={1000} inputMode="numeric" value={rule.interval} onInput={(event) => setRule({ interval: event.currentTarget.value })} />}
        </FieldRow>
      </div>
      {rule.freq === 'WEEKLY' && (
        <FieldGroup path="rule.byDay" legend={t('contribRuleDays', {}, locale)} locale={locale} class="check-group">
          <ul class="check-list inline">
            {WEEKDAYS.map((day) => (
              <li key={day}>
                <label class="check">
                  <input type="checkbox" checked={rule.byDay.includes(day)} onChange={(event) => setRule({ byDay: event.currentTarget.checked ? WEEKDAYS.filter((item) => item === day || rule.byDay.includes(item)) : rule.byDay.filter((item) => item !== day) })} />{' '}
                  {dayLabel(day, locale)}
                </label>
              </li>
            ))}
          </ul>
        </FieldGroup>
      )}
      {rule.freq === 'MONTHLY' && (
        <FieldGroup path="rule.monthlyBy" legend={t('contribRuleMonthlyBy', {}, locale)} locale={locale}>
          <div class="radio-row">
            <label class="check">
              <input type="radio" name="monthly-by" checked={rule.monthlyBy === 'date'} onChange={() => setRule({ monthlyBy: 'date' })} /> {t('contribRuleMonthlyDate', {}, locale)}
            </label>
            <label class="check">
              <input type="radio" name="monthly-by" checked={rule.monthlyBy === 'weekday'} onChange={() => setRule({ monthlyBy: 'weekday' })} /> {t('contribRuleMonthlyWeekday', {}, locale)}
            </label>
          </div>
          {rule.monthlyBy === 'weekday' && (
            <div class="inline-fields">
              <FieldRow path="rule.ordinal" label={t('contribRuleOrdinal', {}, locale)} locale={locale}>
                {(attributes) => (
                  <select {...attributes} value={String(rule.ordinal)} onChange={(event) => setRule({ ordinal: Number(event.currentTarget.value) })}>
                    {ordinals.map(([ordinal, label]) => (
                      <option key={ordinal} value={String(ordinal)}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </FieldRow>
              <FieldRow path="rule.weekday" label={t('contribRuleWeekday', {}, locale)} locale={locale}>
                {(attributes) => (
                  <select {...attributes} value={rule.weekday} onChange={(event) => setRule({ weekday: event.currentTarget.value as Weekday })}>
                    {WEEKDAYS.map((day) => (
                      <option key={day} value={day}>
                        {dayLabel(day, locale)}
                      </option>
                    ))}
                  </select>
                )}
              </FieldRow>
            </div>
          )}
        </FieldGroup>
      )}
      <FieldGroup path="rule.end" legend={t('contribRuleEnd', {}, locale)} locale={locale}>
        <div class="radio-row">
          {ends.map(([end, label]) => (
            <label class="check" key={end}>
              <input type="radio" name="rule-end" checked={rule.end === end} onChange={() => setRule({ end })} /> {label}
            </label>
          ))}
        </div>
        {rule.end === 'count' && (
          <FieldRow path="rule.count" label={t('contribRuleCount', {}, locale)} locale={locale}>
            {(attributes) => <input {...attributes} type="number" min={1} inputMode="numeric" value={rule.count} onInput={(event) => setRule({ count: event.currentTarget.value })} />}
          </FieldRow>
        )}
        {rule.end === 'until' && (
          <FieldRow path="rule.until" label={t('contribRuleUntil', {}, locale)} hint={localDateWords(rule.until, locale)} locale={locale}>
            {(attributes) => <input {...attributes} type="date" value={rule.until} onInput={(event) => setRule({ until: event.currentTarget.value })} />}
          </FieldRow>
        )}
      </FieldGroup>
      <p class="field-hint">{t('contribRuleText', { rule: scheduleRule(value) }, locale)}</p>
    </FieldGroup>
  );
}

function RecurrenceFields(props: Props) {
  const { value, onChange, locale, errors } = props;
  const setExdate = (index: number, exdate: string) => onChange({ ...value, exdates: value.exdates.map((item, at) => (at === index ? exdate : item)) });
  const toggleId = fieldId('rule.advanced');
  const type = value.allDay ? 'date' : 'datetime-local';
  return (
    <FieldGroup path="recurrence" legend={t('contribScheduleRecurrence', {}, locale)} locale={locale} errors={errors.recurrence}>
      <div class="schedule-row">
        <FieldRow path="recurrence.start" label={t(value.allDay ? 'contribRecurrenceFirstDay' : 'contribRecurrenceStart', {}, locale)} hint={localDateWords(value.start, locale)} locale={locale} required errors={errors['recurrence.start']}>
          {(attributes) => <input {...attributes} type={type} value={value.start} onInput={(event) => onChange({ ...value, start: event.currentTarget.value })} />}
        </FieldRow>
        <FieldRow path="recurrence.end" label={t(value.allDay ? 'contribRecurrenceLastDay' : 'contribRecurrenceEnd', {}, locale)} hint={localDateWords(value.end, locale)} locale={locale} errors={errors['recurrence.end']}>
          {(attributes) => <input {...attributes} type={type} value={value.end} min={value.start} onInput={(event) => onChange({ ...value, end: event.currentTarget.value })} />}
        </FieldRow>
      </div>
      <div class="field field-check">
        <input
          type="checkbox"
          id={toggleId}
          checked={value.advanced}
          // Switching to the raw field starts it from the builder's rule, so nothing is lost.
          onChange={(event) => onChange({ ...value, advanced: event.currentTarget.checked, rrule: event.currentTarget.checked && value.rrule.trim() === '' ? scheduleRule(value) : value.rrule })}
        />{' '}
        <label for={toggleId}>{t('contribRuleAdvancedToggle', {}, locale)}</label>
      </div>
      {value.advanced ? (
        <FieldRow path="recurrence.rrule" label={t('contribRuleAdvanced', {}, locale)} hint={t('contribRuleAdvancedHint', {}, locale)} locale={locale} required errors={errors['recurrence.rrule']}>
          {(attributes) => <input {...attributes} type="text" spellcheck={false} autoCapitalize="characters" value={value.rrule} onInput={(event) => onChange({ ...value, rrule: event.currentTarget.value })} />}
        </FieldRow>
      ) : (
        <RuleBuilder {...props} />
      )}
      <FieldGroup path="recurrence.exdates" legend={t('contribExdates', {}, locale)} locale={locale} errors={errors['recurrence.exdates']}>
        {value.exdates.map((exdate, index) => (
          <div class="schedule-row" key={index}>
            <FieldRow path={`recurrence.exdates.${index}`} label={t('contribExdateLabel', { n: index + 1 }, locale)} hint={localDateWords(exdate, locale)} locale={locale} errors={errors[`recurrence.exdates.${index}`]}>
              {(attributes) => <input {...attributes} type={type} value={exdate} onInput={(event) => setExdate(index, event.currentTarget.value)} />}
            </FieldRow>
            <button type="button" onClick={() => onChange({ ...value, exdates: value.exdates.filter((_, at) => at !== index) })}>
              {t('contribExdateRemove', { n: index + 1 }, locale)}
            </button>
          </div>
        ))}
        <div>
          {/* A new cancelled session starts at the first one's time: usually only its day changes. */}
          <button type="button" onClick={() => onChange({ ...value, exdates: [...value.exdates, value.start] })}>
            {t('contribExdateAdd', {}, locale)}
          </button>
        </div>
      </FieldGroup>
    </FieldGroup>
  );
}

export function ScheduleFields(props: Props) {
  const { value, onChange, locale } = props;
  return (
    <div class="stack-form">
      <FieldGroup path="schedule.mode" legend={t('contribScheduleMode', {}, locale)} locale={locale}>
        <div class="radio-row">
          <label class="check">
            <input type="radio" name="schedule-mode" checked={value.mode === 'timings'} onChange={() => onChange({ ...value, mode: 'timings' })} /> {t('contribScheduleTimings', {}, locale)}
          </label>
          <label class="check">
            <input type="radio" name="schedule-mode" checked={value.mode === 'recurrence'} onChange={() => onChange({ ...value, mode: 'recurrence' })} /> {t('contribScheduleRecurrence', {}, locale)}
          </label>
        </div>
      </FieldGroup>
      <div class="field field-check">
        <input type="checkbox" id={fieldId('allDay')} checked={value.allDay} onChange={(event) => onChange(withAllDay(value, event.currentTarget.checked))} />{' '}
        <label for={fieldId('allDay')}>{t('contribAllDay', {}, locale)}</label>
        <p class="field-hint">{t('contribAllDayHint', {}, locale)}</p>
      </div>
      {value.mode === 'timings' ? <TimingRows {...props} /> : <RecurrenceFields {...props} />}
      <DatePreview value={value} timeZone={props.timeZone} locale={locale} />
    </div>
  );
}
