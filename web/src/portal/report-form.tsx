import '../i18n/strings-portal.ts';
import { reportReasons, type Locale, type ReportRequest } from '@constellation/shared';
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import type { PortalKey } from '../i18n/strings-portal.ts';
import { useSession } from '../session/session.ts';
import { EMPTY_REPORT, reportRequest, type ReportFieldError, type ReportForm as ReportFormState, type ReportReason } from './report-input.ts';

const REASON_LABELS: Readonly<Record<ReportReason, PortalKey>> = {
  spam: 'portalReasonSpam',
  inaccurate: 'portalReasonInaccurate',
  offensive: 'portalReasonOffensive',
  illegal: 'portalReasonIllegal',
  duplicate: 'portalReasonDuplicate',
  other: 'portalReasonOther',
};

type Shown = { field: 'reason' | 'details' | 'form'; text: string };

export interface ReportFormProps {
  contentId: string;
  locale: Locale;
  /** Sends the report; throws ApiError when the hub refuses it. */
  onSend(request: ReportRequest): Promise<void>;
  onDone(): void;
  onCancel(): void;
}

/**
 * The report form: a reason (required) and details. Errors sit next to their field and in
 * a summary (role="alert") that links to each field, as on every form of the portal.
 */
export function ReportForm({ contentId, locale, onSend, onDone, onCancel }: ReportFormProps) {
  const [form, setForm] = useState<ReportFormState>(EMPTY_REPORT);
  const [errors, setErrors] = useState<Shown[]>([]);
  const [sending, setSending] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const id = (name: string) => `report-${contentId}-${name}`;
  const errorOf = (field: 'reason' | 'details') => errors.find((error) => error.field === field);
  const show = (next: Shown[]) => {
    setErrors(next);
    // Move focus to the summary so its alert is read and its links are one Tab away.
    if (next.length > 0) queueMicrotask(() => summary.current?.focus());
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const checked = reportRequest(contentId, form);
    if (checked.request === undefined) {
      show(checked.errors.map((error: ReportFieldError) => ({ field: error.field, text: t(error.message, {}, locale) })));
      return;
    }
    setSending(true);
    try {
      await onSend(checked.request);
      setErrors([]);
      onDone();
    } catch (error) {
      const issues = error instanceof ApiError ? error.issues : [];
      const named = issues.filter((issue) => issue.field === 'reason' || issue.field === 'details').map((issue) => ({ field: issue.field as 'reason' | 'details', text: issue.message }));
      show(named.length > 0 ? named : [{ field: 'form', text: t('portalReportFailed', { message: error instanceof Error ? error.message : String(error) }, locale) }]);
    } finally {
      setSending(false);
    }
  };

  const reasonError = errorOf('reason');
  const detailsError = errorOf('details');
  const firstReason = id(`reason-${reportReasons[0]}`);
  return (
    <form class="portal-report-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby={id('title')}>
      <h2 id={id('title')}>{t('portalReportTitle', {}, locale)}</h2>
      {errors.length === 0 ? null : (
        <div class="error-summary" role="alert" tabIndex={-1} ref={summary}>
          <p>{t('portalReportErrors', {}, locale)}</p>
          <ul>
            {errors.map((error) => (
              <li key={`${error.field}:${error.text}`}>{error.field === 'form' ? error.text : <a href={`#${error.field === 'reason' ? firstReason : id('details')}`}>{error.text}</a>}</li>
            ))}
          </ul>
        </div>
      )}
      <fieldset class="portal-field" aria-describedby={reasonError === undefined ? undefined : id('reason-error')}>
        <legend>
          {t('portalReportReason', {}, locale)} <span class="required">{t('portalRequired', {}, locale)}</span>
        </legend>
        {reasonError === undefined ? null : (
          <p class="field-error" id={id('reason-error')}>
            {reasonError.text}
          </p>
        )}
        {reportReasons.map((reason) => (
          <label class="check" key={reason}>
            <input
              type="radio"
              id={id(`reason-${reason}`)}
              name={id('reason')}
              value={reason}
              required
              checked={form.reason === reason}
              aria-invalid={reasonError === undefined ? undefined : 'true'}
              onChange={() => setForm({ ...form, reason })}
            />{' '}
            {t(REASON_LABELS[reason], {}, locale)}
          </label>
        ))}
      </fieldset>
      <div class="portal-field">
        <label for={id('details')}>{t('portalReportDetails', {}, locale)}</label>
        <p class="hint" id={id('details-hint')}>
          {t('portalReportDetailsHint', {}, locale)}
        </p>
        {detailsError === undefined ? null : (
          <p class="field-error" id={id('details-error')}>
            {detailsError.text}
          </p>
        )}
        <textarea
          id={id('details')}
          rows={3}
          value={form.details}
          aria-invalid={detailsError === undefined ? undefined : 'true'}
          aria-describedby={[id('details-hint'), ...(detailsError === undefined ? [] : [id('details-error')])].join(' ')}
          onInput={(event) => setForm({ ...form, details: event.currentTarget.value })}
        />
      </div>
      <p class="portal-actions">
        <button type="submit" disabled={sending}>
          {sending ? t('portalReportSending', {}, locale) : t('portalReportSend', {}, locale)}
        </button>{' '}
        <button type="button" class="link-button" onClick={onCancel}>
          {t('portalReportCancel', {}, locale)}
        </button>
      </p>
    </form>
  );
}

/** "Report this content": a disclosure button that opens the form, then says thank you. */
export function ReportButton({ contentId, locale }: { contentId: string; locale: Locale }) {
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = `report-panel-${contentId}`;
  return (
    <section class="portal-report no-print">
      <p role="status">{done ? t('portalReportThanks', {}, locale) : ''}</p>
      {done ? null : (
        <button type="button" ref={toggle} class="link-button" aria-expanded={open} aria-controls={panel} onClick={() => setOpen(!open)}>
          {t('portalReport', {}, locale)}
        </button>
      )}
      {open && !done ? (
        <div id={panel}>
          <ReportForm
            contentId={contentId}
            locale={locale}
            onSend={async (request) => {
              await session.request('POST', '/api/v1/reports', { body: request });
            }}
            onDone={() => {
              setOpen(false);
              setDone(true);
            }}
            onCancel={() => {
              setOpen(false);
              toggle.current?.focus();
            }}
          />
        </div>
      ) : null}
    </section>
  );
}
