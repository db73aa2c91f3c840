import '../i18n/strings-contribute.ts';
import { useState } from 'preact/hooks';
import { IMPORT_LIMITS, type ImportReport, type ImportRequest, type Locale } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { FieldGroup, FieldRow } from './form-fields.tsx';
import { useMyActors } from './my-actors.ts';

/** A 422's report, when the error carries its body (an ErrorBody 422 has `error` instead). */
export function reportOf(error: unknown): ImportReport | undefined {
  const body = (error as { body?: unknown } | null)?.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const report = body as Partial<ImportReport>;
  return typeof report.outcome === 'string' && Array.isArray(report.rejected) && typeof report.counts === 'object' ? (report as ImportReport) : undefined;
}

/** The request for what the form holds, or undefined when it names no source. */
export function importRequest(source: 'url' | 'file', url: string, text: string | undefined): ImportRequest | undefined {
  if (source === 'url') return url.trim() === '' ? undefined : { source: 'ical-url', url: url.trim() };
  return text === undefined ? undefined : { source: 'ical', text };
}

function ReportView({ report, locale }: { report: ImportReport; locale: Locale }) {
  const outcome = report.outcome === 'dry-run' ? 'contribImportDryRun' : report.outcome === 'committed' ? 'contribImportCommitted' : 'contribImportRefused';
  const lists = [
    ['contribImportCreated', report.created],
    ['contribImportUpdated', report.updated],
    ['contribImportUnchanged', report.unchanged],
  ] as const;
  return (
    <section class="import-report" aria-labelledby="import-report-title">
      <h2 id="import-report-title">{t(outcome, {}, locale)}</h2>
      {lists.map(([label, items]) => (
        <div key={label}>
          <h3>{t(label, { count: items.length }, locale)}</h3>
          {items.length > 0 && (
            <ul>
              {items.map((item) => (
                <li key={`${item.index}-${item.externalId}`}>{item.title}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <h3>{t('contribImportRejected', { count: report.rejected.length }, locale)}</h3>
      {report.rejected.length > 0 && (
        <ul>
          {report.rejected.map((item) => (
            <li key={`${item.index}-${item.externalId ?? ''}`}>
              {item.title ?? item.externalId ?? `#${item.index + 1}`}
              <ul>
                {item.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ImportPage({ locale }: { locale: Locale }) {
  const session = useSession();
  const router = useRouter();
  const actors = useMyActors();
  const [actorId, setActorId] = useState('');
  const [source, setSource] = useState<'url' | 'file'>('url');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<{ name: string; text: string } | undefined>(undefined);
  const [report, setReport] = useState<ImportReport | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const chosenActor = actorId !== '' ? actorId : (actors?.[0]?.id ?? '');

  const readFile = (input: HTMLInputElement) => {
    setReport(undefined);
    setFailure(undefined);
    const picked = input.files?.[0];
    if (picked === undefined) {
      setFile(undefined);
      return;
    }
    if (picked.size > IMPORT_LIMITS.bytes) {
      setFile(undefined);
      setFailure(t('contribImportTooLarge', {}, locale));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => setFile({ name: picked.name, text: typeof reader.result === 'string' ? reader.result : '' });
    reader.onerror = () => setFailure(t('contribImportFailed', { message: reader.error?.message ?? '' }, locale));
    reader.readAsText(picked);
  };

  const run = async (dryRun: boolean) => {
    const body = importRequest(source, url, file?.text);
    setFailure(undefined);
    if (body === undefined) {
      setFailure(t('contribImportNeedsSource', {}, locale));
      return;
    }
    setBusy(true);
    try {
      setReport(await session.request<ImportReport>('POST', `/api/v1/actors/${encodeURIComponent(chosenActor)}/import`, { body, query: { dryRun } }));
    } catch (error) {
      const refused = reportOf(error);
      setReport(refused);
      if (refused === undefined) {
        const message = error instanceof ApiError && error.status === 422 && error.code === undefined ? t('contribImportRefused', {}, locale) : error instanceof ApiError && error.issues.length > 0 ? error.issues.map((issue) => issue.message).join(' ; ') : error instanceof Error ? error.message : String(error);
        setFailure(t('contribImportFailed', { message }, locale));
      }
    } finally {
      setBusy(false);
    }
  };

  const canCommit = report?.outcome === 'dry-run' && report.rejected.length === 0;
  return (
    <div class="import-page">
      <p>
        <a href={viewHref({ name: 'contribute', params: {} })} onClick={followLink(router)}>
          {t('contribBack', {}, locale)}
        </a>
      </p>
      <h1 class="page-title">{t('contribImportTitle', {}, locale)}</h1>
      <p class="intro">{t('contribImportIntro', {}, locale)}</p>
      {actors !== undefined && actors.length === 0 ? (
        <p class="notice notice-warning">
          {t('contribNoActor', {}, locale)}{' '}
          <a href={viewHref({ name: 'edit', type: 'actor' })} onClick={followLink(router)}>
            {t('contribCreateActor', {}, locale)}
          </a>
        </p>
      ) : (
        <form
          class="stack-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void run(true);
          }}
        >
          <FieldRow path="import.actor" label={t('contribImportActor', {}, locale)} locale={locale} required>
            {(attributes) => (
              <select {...attributes} value={chosenActor} onChange={(event) => setActorId(event.currentTarget.value)}>
                {(actors ?? []).map((actor) => (
                  <option key={actor.id} value={actor.id}>
                    {actor.name}
                  </option>
                ))}
              </select>
            )}
          </FieldRow>
          <FieldGroup path="import.source" legend={t('contribImportSource', {}, locale)} locale={locale}>
            <div class="radio-row">
              <label class="check">
                <input type="radio" name="import-source" checked={source === 'url'} onChange={() => setSource('url')} /> {t('contribImportFromUrl', {}, locale)}
              </label>
              <label class="check">
                <input type="radio" name="import-source" checked={source === 'file'} onChange={() => setSource('file')} /> {t('contribImportFromFile', {}, locale)}
              </label>
            </div>
            {source === 'url' ? (
              <FieldRow path="import.url" label={t('contribImportUrl', {}, locale)} locale={locale}>
                {(attributes) => <input {...attributes} type="url" inputMode="url" placeholder="https://" value={url} onInput={(event) => setUrl(event.currentTarget.value)} />}
              </FieldRow>
            ) : (
              <FieldRow path="import.file" label={t('contribImportFile', {}, locale)} locale={locale}>
                {(attributes) => <input {...attributes} type="file" accept=".ics,text/calendar" onChange={(event) => readFile(event.currentTarget)} />}
              </FieldRow>
            )}
          </FieldGroup>
          <div class="form-actions">
            <button type="submit" disabled={busy || chosenActor === ''}>
              {t('contribImportCheck', {}, locale)}
            </button>
            {canCommit && (
              <button type="button" class="primary" disabled={busy} onClick={() => void run(false)}>
                {t('contribImportCommit', {}, locale)}
              </button>
            )}
            {busy && <span role="status">{t('contribImportWorking', {}, locale)}</span>}
          </div>
        </form>
      )}
      {failure !== undefined && (
        <p class="error" role="alert">
          {failure}
        </p>
      )}
      {report !== undefined && <ReportView report={report} locale={locale} />}
    </div>
  );
}
