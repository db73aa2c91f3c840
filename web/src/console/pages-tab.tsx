/**
 * The operator's pages (admins): about, legal notice, privacy and accessibility, per
 * language. A page shows the hub's default text until saved; the editor counts the
 * "[à compléter …]" marks left, so an operator sees what still needs their facts.
 */
import { sitePageSlugs, type Locale, type SitePageSlug, type SitePageView } from '@constellation/shared';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { viewHref } from '../state/url-state.ts';
import { describedBy, ErrorSummary, Field, type FieldError } from './console-form.tsx';

const TO_FILL = /\[(?:à compléter|to fill in)\b/g;

export function placeholdersLeft(body: string): number {
  return body.match(TO_FILL)?.length ?? 0;
}

export function PagesTab({ locale, announce }: { locale: Locale; announce: (message: string) => void }) {
  const session = useSession();
  const [slug, setSlug] = useState<SitePageSlug>('legal');
  const [lang, setLang] = useState<Locale>(locale);
  const [page, setPage] = useState<SitePageView | undefined>(undefined);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const show = (loaded: SitePageView) => {
    setPage(loaded);
    setTitle(loaded.title);
    setBody(loaded.body);
  };

  useEffect(() => {
    const controller = new AbortController();
    setPage(undefined);
    setErrors([]);
    session.request<SitePageView>('GET', `/api/v1/pages/${slug}`, { query: { lang }, signal: controller.signal }).then(
      (loaded) => {
        show(loaded);
        setLoadError(undefined);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoadError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => controller.abort();
  }, [slug, lang]);

  const send = async (method: 'PUT' | 'DELETE', done: string) => {
    setBusy(true);
    try {
      show(await session.request<SitePageView>(method, `/api/v1/admin/pages/${slug}/${lang}`, method === 'PUT' ? { body: { title, body } } : {}));
      setErrors([]);
      announce(done);
    } catch (error) {
      if (error instanceof ApiError) {
        setAttempt((count) => count + 1);
        const issues = error.issues.length > 0 ? error.issues : [{ field: error.field ?? '', message: error.message }];
        setErrors(issues.map((issue) => (issue.field === 'body' ? { inputId: 'page-body', label: t('consolePagesBody', {}, locale), message: issue.message } : { inputId: 'page-title', label: t('consolePagesTitle', {}, locale), message: issue.message })));
      } else {
        announce(error instanceof Error ? error.message : String(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const errorsOf = (inputId: string) => errors.filter((error) => error.inputId === inputId).map((error) => error.message);
  const left = placeholdersLeft(body);
  return (
    <div class="console-pages">
      <p class="intro">{t('consolePagesIntro', {}, locale)}</p>
      <div class="console-inline-form">
        <div class="console-field">
          <label for="page-slug">{t('consolePagesPage', {}, locale)}</label>
          <select id="page-slug" value={slug} onChange={(event) => setSlug(event.currentTarget.value as SitePageSlug)}>
            {sitePageSlugs.values.map((value) => (
              <option key={value} value={value}>
                {sitePageSlugs.label(value, locale)}
              </option>
            ))}
          </select>
        </div>
        <div class="console-field">
          <label for="page-lang">{t('consolePagesLang', {}, locale)}</label>
          <select id="page-lang" value={lang} onChange={(event) => setLang(event.currentTarget.value as Locale)}>
            <option value="fr" lang="fr">Français</option>
            <option value="en" lang="en">English</option>
          </select>
        </div>
      </div>
      {loadError !== undefined && <p role="alert">{t('loadError', { message: loadError }, locale)}</p>}
      {page === undefined && loadError === undefined && <p role="status">{t('loading', {}, locale)}</p>}
      {page !== undefined && (
        <form
          class="console-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void send('PUT', t('consolePagesSaved', {}, locale));
          }}
        >
          <ErrorSummary errors={errors} attempt={attempt} locale={locale} />
          <p class="console-hint">
            {page.edited && page.updatedAt !== null
              ? t('consolePagesEdited', { date: new Date(page.updatedAt).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long' }) }, locale)
              : t('consolePagesDefault', {}, locale)}{' '}
            {left > 0 ? t('consolePagesToFill', { count: left }, locale) : ''}{' '}
            <a href={viewHref({ name: 'site-page', slug })}>{t('consolePagesView', {}, locale)}</a>
          </p>
          <Field inputId="page-title" label={t('consolePagesTitle', {}, locale)} required errors={errorsOf('page-title')} locale={locale}>
            <input id="page-title" value={title} maxLength={200} lang={lang} {...describedBy('page-title', false, errorsOf('page-title'))} onInput={(event) => setTitle(event.currentTarget.value)} />
          </Field>
          <Field inputId="page-body" label={t('consolePagesBody', {}, locale)} errors={errorsOf('page-body')} locale={locale}>
            <textarea id="page-body" rows={22} value={body} lang={lang} {...describedBy('page-body', false, errorsOf('page-body'))} onInput={(event) => setBody(event.currentTarget.value)} />
          </Field>
          <div class="console-actions">
            <button type="submit" disabled={busy}>
              {t('consolePagesSave', {}, locale)}
            </button>
            {page.edited && (
              <button type="button" disabled={busy} onClick={() => void send('DELETE', t('consolePagesResetDone', {}, locale))}>
                {t('consolePagesReset', {}, locale)}
              </button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
