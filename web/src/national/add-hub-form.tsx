/**
 * Adding a hub by its URL: the national admin reads the descriptor it serves first (name,
 * region, contact, keys), then registers it, or learns that it already is.
 */
import '../i18n/strings-console.ts';
import { useRef, useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import { ErrorSummary, Field, describedBy, type FieldError } from '../console/console-form.tsx';
import { t } from '../i18n/locale.ts';
import type { AdminSession } from './admin-session.ts';
import { failure, regionName, type AdminHub, type HubPreview } from './hub-format.ts';

export function AddHubForm({ session, locale, announce, onAdded }: { session: AdminSession; locale: Locale; announce: (text: string) => void; onAdded: () => void }) {
  const [url, setUrl] = useState('');
  const [preview, setPreview] = useState<HubPreview | undefined>(undefined);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const inputId = 'national-hub-url';
  const label = t('nationalUrl', {}, locale);

  const refuse = (error: unknown) => {
    const message = error instanceof ApiError && error.field !== undefined ? error.message : failure(error, locale);
    setErrors([{ inputId: error instanceof ApiError && error.field !== undefined ? inputId : '', label, message }]);
    setAttempt((count) => count + 1);
  };

  const onPreview = async (event: Event) => {
    event.preventDefault();
    setPreview(undefined);
    if (url.trim() === '') {
      setErrors([{ inputId, label, message: t('nationalMissingUrl', {}, locale) }]);
      setAttempt((count) => count + 1);
      return;
    }
    setBusy(true);
    try {
      setPreview(await session.request<HubPreview>('POST', '/api/v1/admin/hubs/preview', { body: { url: url.trim() } }));
      setErrors([]);
      requestAnimationFrame(() => previewHeading.current?.focus());
    } catch (error) {
      refuse(error);
    } finally {
      setBusy(false);
    }
  };

  const onAdd = async () => {
    if (preview === undefined) return;
    setBusy(true);
    try {
      const hub = await session.request<AdminHub>('POST', '/api/v1/admin/hubs', { body: { url: preview.baseUrl } });
      announce(t('nationalAdded', { name: hub.name }, locale));
      setPreview(undefined);
      setUrl('');
      onAdded();
    } catch (error) {
      refuse(error);
    } finally {
      setBusy(false);
    }
  };

  const fieldErrors = errors.filter((error) => error.inputId === inputId).map((error) => error.message);
  const none = t('nationalPreviewNone', {}, locale);
  return (
    <section class="national-add" aria-labelledby="national-add-heading">
      <h2 id="national-add-heading" class="console-section-title">
        {t('nationalAddHeading', {}, locale)}
      </h2>
      <ErrorSummary errors={errors} attempt={attempt} locale={locale} />
      <form class="national-add-form" onSubmit={(event) => void onPreview(event)} noValidate>
        <Field inputId={inputId} label={label} required hint={t('nationalUrlHint', {}, locale)} errors={fieldErrors} locale={locale}>
          <input id={inputId} type="url" name="url" inputMode="url" autoComplete="url" value={url} onInput={(event) => setUrl(event.currentTarget.value)} {...describedBy(inputId, true, fieldErrors)} />
        </Field>
        <div class="console-actions">
          <button type="submit" disabled={busy}>
            {t('nationalPreview', {}, locale)}
          </button>
        </div>
      </form>
      {preview === undefined ? null : (
        <div class="console-preview national-preview">
          <h3 class="console-section-title" tabIndex={-1} ref={previewHeading}>
            {t('nationalPreviewHeading', {}, locale)}
          </h3>
          <dl class="national-facts">
            <dt>{t('nationalPreviewName', {}, locale)}</dt>
            <dd>{preview.name}</dd>
            <dt>{t('nationalPreviewId', {}, locale)}</dt>
            <dd>{preview.id}</dd>
            <dt>{t('nationalPreviewRegion', {}, locale)}</dt>
            <dd>{regionName(preview.region, locale)}</dd>
            <dt>{t('nationalPreviewContact', {}, locale)}</dt>
            <dd>{[preview.contact.email, preview.contact.url].filter((value) => value !== null).join(' · ') || none}</dd>
            <dt>{t('nationalPreviewSoftware', {}, locale)}</dt>
            <dd>{preview.software ?? none}</dd>
            <dt>{t('nationalPreviewProtocol', {}, locale)}</dt>
            <dd>{preview.protocol}</dd>
            <dt>{t('nationalPreviewKeys', {}, locale)}</dt>
            <dd>{preview.keyIds.join(', ')}</dd>
          </dl>
          {preview.registeredAs === null ? (
            <div class="console-actions">
              <button type="button" class="console-primary" disabled={busy} onClick={() => void onAdd()}>
                {t('nationalAdd', {}, locale)}
              </button>
              <button type="button" onClick={() => setPreview(undefined)}>
                {t('nationalCancel', {}, locale)}
              </button>
            </div>
          ) : (
            <p class="console-warning">{t('nationalPreviewRegistered', { id: preview.registeredAs }, locale)}</p>
          )}
        </div>
      )}
    </section>
  );
}
