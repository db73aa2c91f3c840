/** Suspending a hub: a reason is required, said by its field when missing or refused. */
import '../i18n/strings-console.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import { ErrorSummary, Field, describedBy, type FieldError } from '../console/console-form.tsx';
import { t } from '../i18n/locale.ts';
import type { AdminSession } from './admin-session.ts';
import { failure, type AdminHub } from './hub-format.ts';

export function SuspendForm({ hub, session, locale, done, cancel }: { hub: AdminHub; session: AdminSession; locale: Locale; done: (updated: AdminHub) => void; cancel: () => void }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const inputId = `suspend-reason-${hub.id}`;
  const label = t('nationalReason', {}, locale);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setErrors([{ inputId, label, message: t('nationalReasonRequired', {}, locale) }]);
      setAttempt((count) => count + 1);
      return;
    }
    setBusy(true);
    try {
      done(await session.request<AdminHub>('POST', `/api/v1/admin/hubs/${encodeURIComponent(hub.id)}/suspend`, { body: { reason: reason.trim() } }));
    } catch (error) {
      setErrors([{ inputId: error instanceof ApiError && error.field === 'reason' ? inputId : '', label, message: error instanceof ApiError && error.field === 'reason' ? error.message : failure(error, locale) }]);
      setAttempt((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };
  const fieldErrors = errors.filter((error) => error.inputId === inputId).map((error) => error.message);
  return (
    <form class="console-reason national-inline" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('nationalSuspendHeading', { name: hub.name }, locale)}>
      <ErrorSummary errors={errors} attempt={attempt} locale={locale} />
      <Field inputId={inputId} label={label} required hint={t('nationalSuspendHint', {}, locale)} errors={fieldErrors} locale={locale}>
        <textarea id={inputId} ref={field} rows={2} maxLength={500} value={reason} onInput={(event) => setReason(event.currentTarget.value)} {...describedBy(inputId, true, fieldErrors)} />
      </Field>
      <div class="console-actions">
        <button type="submit" class="console-danger" disabled={busy}>
          {t('nationalSuspendConfirm', {}, locale)}
        </button>
        <button type="button" onClick={cancel}>
          {t('nationalCancel', {}, locale)}
        </button>
      </div>
    </form>
  );
}
