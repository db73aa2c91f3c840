import '../i18n/strings-console.ts';
import type { Locale } from '@constellation/shared';
import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n/locale.ts';

/**
 * A required text and one action: a rejection's reason, a report's resolution. An empty
 * text is refused here, next to the box, before anything is sent.
 */
export function ReasonForm({
  id,
  label,
  submitLabel,
  busy,
  locale,
  onSubmit,
  onCancel,
  error,
}: {
  id: string;
  label: string;
  submitLabel: string;
  busy: boolean;
  locale: Locale;
  onSubmit: (reason: string) => void;
  onCancel?: () => void;
  /** What the server refused in the reason, said under the box. */
  error?: string;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const errorId = `${id}-error`;
  return (
    <form
      class="console-reason"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() === '') {
          setMissing(true);
          box.current?.focus();
          return;
        }
        setMissing(false);
        onSubmit(reason.trim());
      }}
    >
      <label for={id}>
        {label} <span class="console-required">{t('consoleRequired', {}, locale)}</span>
      </label>
      <textarea
        id={id}
        ref={box}
        rows={3}
        maxLength={1000}
        required
        value={reason}
        aria-invalid={missing || error !== undefined ? 'true' : undefined}
        aria-describedby={missing || error !== undefined ? errorId : undefined}
        onInput={(event) => {
          setReason(event.currentTarget.value);
          if (missing && event.currentTarget.value.trim() !== '') setMissing(false);
        }}
      />
      {missing || error !== undefined ? (
        <p id={errorId} class="field-error error">
          {missing ? t('consoleReasonRequired', {}, locale) : error}
        </p>
      ) : null}
      <div class="console-actions">
        <button type="submit" class="console-danger" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel === undefined ? null : (
          <button type="button" onClick={onCancel}>
            {t('consoleCancel', {}, locale)}
          </button>
        )}
      </div>
    </form>
  );
}
