/**
 * The console forms' pieces: a labelled field with its hint and its errors (tied to the
 * input by aria-describedby, marked aria-invalid), and a summary of the errors, each a
 * link to its field, announced as an alert and focused after a refused save.
 */
import '../i18n/strings-console.ts';
import type { ComponentChildren } from 'preact';
import type { Locale } from '@constellation/shared';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/locale.ts';

export interface FieldError {
  /** The field's input id; '' for the form as a whole. */
  inputId: string;
  label: string;
  message: string;
}

/** The attributes that tie an input to its hint and errors. */
export function describedBy(inputId: string, hint: boolean, errors: readonly string[]): { 'aria-describedby'?: string; 'aria-invalid'?: 'true' } {
  const ids = [hint ? `${inputId}-hint` : '', errors.length > 0 ? `${inputId}-error` : ''].filter((id) => id !== '');
  return { ...(ids.length > 0 ? { 'aria-describedby': ids.join(' ') } : {}), ...(errors.length > 0 ? { 'aria-invalid': 'true' as const } : {}) };
}

export function Field({ inputId, label, required, hint, errors, locale, children }: { inputId: string; label: string; required?: boolean; hint?: string; errors: readonly string[]; locale: Locale; children: ComponentChildren }) {
  return (
    <div class="console-field">
      <label for={inputId}>
        {label}
        {required === true ? <span class="console-required"> {t('consoleRequired', {}, locale)}</span> : null}
      </label>
      {hint === undefined ? null : (
        <p id={`${inputId}-hint`} class="console-hint">
          {hint}
        </p>
      )}
      {children}
      {errors.length === 0 ? null : (
        <p id={`${inputId}-error`} class="field-error error">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}

export function ErrorSummary({ errors, attempt, locale }: { errors: readonly FieldError[]; attempt: number; locale: Locale }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) box.current?.focus();
  }, [attempt]);
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={box}>
      <h2>{t('consoleErrorSummary', { count: errors.length }, locale)}</h2>
      <ul>
        {errors.map((error, index) =>
          error.inputId === '' ? (
            <li key={index}>{error.message}</li>
          ) : (
            <li key={index}>
              <a
                href={`#${error.inputId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(error.inputId)?.focus();
                }}
              >
                {t('consoleErrorItem', { label: error.label, message: error.message }, locale)}
              </a>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
