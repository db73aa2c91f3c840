/**
 * The building blocks of every form here: a labelled row whose errors sit next to its
 * input (aria-describedby, aria-invalid), a fieldset for grouped inputs, and the
 * role="alert" summary that links to each refused field.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import { fieldId } from './field-id.ts';

export interface InputAttributes {
  id: string;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
  'aria-required'?: 'true';
}

interface RowProps {
  path: string;
  label: string;
  locale: Locale;
  required?: boolean;
  hint?: string;
  errors?: readonly string[] | undefined;
  class?: string;
  children: (attributes: InputAttributes) => ComponentChildren;
}

function describedBy(path: string, hint: string | undefined, errors: readonly string[] | undefined): string | undefined {
  const ids = [...(hint === undefined ? [] : [`${fieldId(path)}-hint`]), ...(errors === undefined || errors.length === 0 ? [] : [`${fieldId(path)}-error`])];
  return ids.length === 0 ? undefined : ids.join(' ');
}

function RequiredMark({ locale }: { locale: Locale }) {
  return (
    <>
      {' '}
      <span class="required-mark" aria-hidden="true">
        *
      </span>
      <span class="visually-hidden">({t('formRequired', {}, locale)})</span>
    </>
  );
}

export function FieldErrors({ path, errors }: { path: string; errors?: readonly string[] | undefined }) {
  if (errors === undefined || errors.length === 0) return null;
  return (
    <p class="field-error" id={`${fieldId(path)}-error`}>
      {errors.join(' ')}
    </p>
  );
}

/** A label, its input, a hint and the field's errors. */
export function FieldRow({ path, label, locale, required = false, hint, errors, children, class: extra }: RowProps) {
  const id = fieldId(path);
  const invalid = errors !== undefined && errors.length > 0;
  const describing = describedBy(path, hint, errors);
  const attributes: InputAttributes = { id };
  if (invalid) attributes['aria-invalid'] = 'true';
  if (describing !== undefined) attributes['aria-describedby'] = describing;
  if (required) attributes['aria-required'] = 'true';
  return (
    <div class={`field${invalid ? ' field-invalid' : ''}${extra === undefined ? '' : ` ${extra}`}`}>
      <label for={id}>
        {label}
        {required && <RequiredMark locale={locale} />}
      </label>
      {hint !== undefined && (
        <p class="field-hint" id={`${fieldId(path)}-hint`}>
          {hint}
        </p>
      )}
      {children(attributes)}
      <FieldErrors path={path} errors={errors} />
    </div>
  );
}

/** Inputs that belong together (a place, the schedule, a set of checkboxes); the error summary links to the group itself. */
export function FieldGroup({ path, legend, locale, required = false, hint, errors, children, class: extra }: Omit<RowProps, 'children' | 'label'> & { legend?: string; children: ComponentChildren }) {
  const invalid = errors !== undefined && errors.length > 0;
  return (
    <fieldset id={fieldId(path)} tabIndex={-1} class={`field-group${invalid ? ' field-invalid' : ''}${extra === undefined ? '' : ` ${extra}`}`} aria-describedby={describedBy(path, hint, errors)}>
      {legend !== undefined && (
        <legend>
          {legend}
          {required && <RequiredMark locale={locale} />}
        </legend>
      )}
      {hint !== undefined && (
        <p class="field-hint" id={`${fieldId(path)}-hint`}>
          {hint}
        </p>
      )}
      <FieldErrors path={path} errors={errors} />
      {children}
    </fieldset>
  );
}

export interface SummaryItem {
  anchor: string;
  label: string;
  message: string;
}

/** Moves focus to the field a summary link names (an in-page link alone would not focus it). */
function focusField(anchor: string) {
  return (event: MouseEvent) => {
    const target = document.getElementById(fieldId(anchor));
    if (target === null) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView?.({ block: 'center' });
  };
}

/**
 * The refusals, listed at the top of the form as links to their fields. It takes focus
 * when a new set of errors arrives (`attempt` changes), so keyboard and screen-reader users
 * start from it.
 */
export function ErrorSummary({ items, message, locale, attempt }: { items: readonly SummaryItem[]; message?: string | undefined; locale: Locale; attempt: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length > 0 || message !== undefined) box.current?.focus();
  }, [attempt]);
  if (items.length === 0 && message === undefined) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={box}>
      {message !== undefined && <p>{message}</p>}
      {items.length > 0 && (
        <>
          <p>{t('formErrorSummary', { count: items.length }, locale)}</p>
          <ul>
            {items.map((item, index) => (
              <li key={`${item.anchor}-${index}`}>
                {item.anchor === '' ? (
                  item.message
                ) : (
                  <a href={`#${fieldId(item.anchor)}`} onClick={focusField(item.anchor)}>
                    {item.label}: {item.message}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function RequiredLegend({ locale }: { locale: Locale }) {
  return <p class="required-legend">{t('formRequiredLegend', {}, locale)}</p>;
}
