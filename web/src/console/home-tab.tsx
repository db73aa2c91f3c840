/**
 * The home page as the operator arranges it (admins): a banner message with an optional
 * link, and featured events, articles, dossiers and projects found by searching their
 * titles, put in order by dragging or with Move up / Move down (announced), each shown
 * from an optional first day to an optional last day. The whole arrangement is sent on
 * save; each refusal lands next to its field and in the summary.
 */
import '../i18n/strings-home.ts';
import '../i18n/strings-contribute.ts';
import { homeFeatureTypes, HOME_BANNER_MAX, HOME_FEATURES_MAX, contentTypes, type HomeFeature, type HomeFeatureType, type HomePageInput, type HomePageView, type Locale } from '@constellation/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useDragReorder } from '../components/use-drag-reorder.ts';
import { ApiError } from '../api/client.ts';
import { ContentSearch, previewKey, usePreviews, type ItemPreview } from '../contribute/content-search.tsx';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { describedBy, ErrorSummary, Field, type FieldError } from './console-form.tsx';

interface Row {
  type: HomeFeatureType;
  id: string;
  start: string;
  end: string;
}

interface Form {
  banner: string;
  bannerUrl: string;
  features: Row[];
}

export function homeForm(view: HomePageView): Form {
  return { banner: view.banner ?? '', bannerUrl: view.bannerUrl ?? '', features: view.features.map((feature) => ({ type: feature.type, id: feature.id, start: feature.start ?? '', end: feature.end ?? '' })) };
}

/** The form as the API takes it: trimmed, blank optional fields left out. */
export function homeInput(form: Form): HomePageInput {
  const banner = form.banner.trim();
  const bannerUrl = form.bannerUrl.trim();
  return {
    ...(banner === '' ? {} : { banner }),
    ...(bannerUrl === '' ? {} : { bannerUrl }),
    features: form.features.map((row): HomeFeature => ({ type: row.type, id: row.id, ...(row.start === '' ? {} : { start: row.start }), ...(row.end === '' ? {} : { end: row.end }) })),
  };
}

export const homeInputId = (field: string) => `home-${field.replace(/\./g, '-')}`;

const FIELD_LABELS: Record<string, StringKey> = { banner: 'consoleHomeBanner', bannerUrl: 'consoleHomeBannerUrl', start: 'consoleHomeStart', end: 'consoleHomeEnd', id: 'consoleHomeItem', type: 'consoleHomeItem', features: 'consoleHomeFeatured' };

/** An API issue as an error on its input: "features.2.end" is the third item's last day. */
export function homeErrors(error: ApiError, titleOf: (index: number) => string, locale: Locale): FieldError[] {
  const issues = error.issues.length > 0 ? error.issues : [{ field: error.field ?? '', message: error.message }];
  return issues.map((issue) => {
    const field = issue.field.replace(/^\/+/, '').replace(/^body[./]/, '').replace(/\//g, '.');
    const row = /^features\.(\d+)\.(\w+)$/.exec(field);
    if (row !== null) {
      const index = Number(row[1]);
      const part = row[2] === 'start' || row[2] === 'end' ? row[2] : 'id';
      const label = `${t(FIELD_LABELS[part] ?? 'consoleHomeItem', {}, locale)} (${titleOf(index)})`;
      // The hub's own refusals, said in the reader's language; a schema's message as it comes.
      const message =
        part === 'end' && issue.message.startsWith('must be on or after')
          ? t('consoleHomeEndBeforeStart', {}, locale)
          : issue.message === 'is already featured above'
            ? t('consoleHomeTwice', {}, locale)
            : issue.message.startsWith('is not a published')
              ? t('consoleHomeNotPublished', {}, locale)
              : issue.message;
      return { inputId: homeInputId(`features.${index}.${part}`), label, message };
    }
    const key = FIELD_LABELS[field];
    if (key === undefined) return { inputId: '', label: '', message: issue.message };
    return { inputId: homeInputId(field === 'features' ? 'search' : field), label: t(key, {}, locale), message: issue.message };
  });
}

export function HomeTab({ locale, announce }: { locale: Locale; announce: (message: string) => void }) {
  const session = useSession();
  const router = useRouter();
  const [form, setForm] = useState<Form | undefined>(undefined);
  const [view, setView] = useState<HomePageView | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  // `move` is declared below; a drop only happens after this render has declared it.
  const dragProps = useDragReorder((from, to) => move(from, to));
  const known = useRef(new Map<string, ItemPreview>());
  const previews = usePreviews(form?.features ?? [], known.current, locale);

  useEffect(() => {
    const controller = new AbortController();
    session.request<HomePageView>('GET', '/api/v1/admin/home', { signal: controller.signal }).then(
      (loaded) => {
        setView(loaded);
        setForm(homeForm(loaded));
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoadError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => controller.abort();
  }, [session]);

  if (loadError !== undefined) {
    return (
      <p class="error" role="alert">
        {t('loadError', { message: loadError }, locale)}
      </p>
    );
  }
  if (form === undefined || view === undefined) return <p role="status">{t('loading', {}, locale)}</p>;

  const rows = form.features;
  const previewFor = (row: Row) => known.current.get(previewKey(row)) ?? previews.get(previewKey(row)) ?? undefined;
  const titleOf = (index: number) => {
    const row = rows[index];
    return (row === undefined ? undefined : previewFor(row)?.title) ?? t('contribItemRow', { n: index + 1 }, locale);
  };
  const setRows = (features: Row[]) => setForm({ ...form, features });
  const errorsOf = (field: string) => errors.filter((error) => error.inputId === homeInputId(field)).map((error) => error.message);

  const add = (result: ItemPreview) => {
    if (!(homeFeatureTypes as readonly string[]).includes(result.type)) return;
    known.current.set(previewKey(result), result);
    setRows([...rows, { type: result.type as HomeFeatureType, id: result.id, start: '', end: '' }]);
    setAnnouncement(t('consoleHomeAdded', { title: result.title, n: rows.length + 1 }, locale));
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= rows.length || from === to) return;
    const next = [...rows];
    const [row] = next.splice(from, 1);
    if (row === undefined) return;
    next.splice(to, 0, row);
    setRows(next);
    setAnnouncement(t('contribDossierMoved', { title: titleOf(from), n: to + 1, count: rows.length }, locale));
  };
  const remove = (index: number) => {
    setRows(rows.filter((_, at) => at !== index));
    setAnnouncement(t('consoleHomeRemoved', { title: titleOf(index) }, locale));
  };
  const update = (index: number, patch: Partial<Row>) => setRows(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    if (form === undefined) return;
    setSaving(true);
    try {
      const saved = await session.request<HomePageView>('PUT', '/api/v1/admin/home', { body: homeInput(form) });
      setView(saved);
      setForm(homeForm(saved));
      setErrors([]);
      announce(t('consoleHomeSaved', {}, locale));
    } catch (failure) {
      setErrors(failure instanceof ApiError ? homeErrors(failure, titleOf, locale) : [{ inputId: '', label: '', message: failure instanceof Error ? failure.message : String(failure) }]);
      setAttempt((count) => count + 1);
      announce('');
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="console-form home-form" noValidate onSubmit={(event) => void save(event)}>
      <p class="console-hint">
        {t('consoleHomeIntro', {}, locale)}{' '}
        <a href={viewHref({ name: 'home' })} onClick={followLink(router)}>
          {t('consoleHomeSee', {}, locale)}
        </a>
      </p>
      <ErrorSummary errors={errors} attempt={attempt} locale={locale} />
      <Field inputId={homeInputId('banner')} label={t('consoleHomeBanner', {}, locale)} hint={t('consoleHomeBannerHint', {}, locale)} errors={errorsOf('banner')} locale={locale}>
        <input id={homeInputId('banner')} type="text" maxLength={HOME_BANNER_MAX} value={form.banner} onInput={(event) => setForm({ ...form, banner: event.currentTarget.value })} {...describedBy(homeInputId('banner'), true, errorsOf('banner'))} />
      </Field>
      <Field inputId={homeInputId('bannerUrl')} label={t('consoleHomeBannerUrl', {}, locale)} errors={errorsOf('bannerUrl')} locale={locale}>
        <input id={homeInputId('bannerUrl')} type="url" inputMode="url" placeholder="https://" value={form.bannerUrl} onInput={(event) => setForm({ ...form, bannerUrl: event.currentTarget.value })} {...describedBy(homeInputId('bannerUrl'), false, errorsOf('bannerUrl'))} />
      </Field>
      <fieldset class="home-features">
        <legend>{t('consoleHomeFeatured', {}, locale)}</legend>
        <p class="console-hint">{t('consoleHomeFeaturedHint', { max: HOME_FEATURES_MAX }, locale)}</p>
        <p class="visually-hidden dossier-announce" role="status" aria-live="polite">
          {announcement}
        </p>
        {rows.length === 0 ? <p class="dossier-empty">{t('consoleHomeNone', {}, locale)}</p> : null}
        <ol class="dossier-items">
          {rows.map((row, index) => {
            const preview = previewFor(row);
            const itemErrors = errorsOf(`features.${index}.id`);
            return (
              <li key={previewKey(row)} {...dragProps(index)}>
                <div class="dossier-item-head">
                  <span class="dossier-grip" aria-hidden="true">
                    ⠿
                  </span>
                  <span class="dossier-position">{index + 1}.</span>
                  <div class="dossier-item-text">
                    <strong id={homeInputId(`features.${index}.id`)} tabIndex={-1}>
                      {preview?.title ?? (previews.get(previewKey(row)) === null ? t('contribDossierUnpublished', {}, locale) : t('loading', {}, locale))}
                    </strong>
                    <span class="dossier-type">{contentTypes.label(row.type, locale)}</span>
                    {preview?.detail === undefined || preview.detail === '' ? null : <span class="dossier-detail">{preview.detail}</span>}
                  </div>
                </div>
                {itemErrors.length === 0 ? null : <p class="field-error error">{itemErrors.join(' ')}</p>}
                <div class="home-dates">
                  {(['start', 'end'] as const).map((part) => {
                    const field = `features.${index}.${part}`;
                    return (
                      <Field key={part} inputId={homeInputId(field)} label={t(part === 'start' ? 'consoleHomeStart' : 'consoleHomeEnd', {}, locale)} errors={errorsOf(field)} locale={locale}>
                        <input
                          id={homeInputId(field)}
                          type="date"
                          value={row[part]}
                          onInput={(event) => update(index, { [part]: event.currentTarget.value })}
                          aria-label={t(part === 'start' ? 'consoleHomeStartLabel' : 'consoleHomeEndLabel', { title: titleOf(index) }, locale)}
                          {...describedBy(homeInputId(field), false, errorsOf(field))}
                        />
                      </Field>
                    );
                  })}
                </div>
                <div class="dossier-item-actions">
                  <button type="button" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('contribDossierUpLabel', { title: titleOf(index) }, locale)}>
                    ↑ {t('contribDossierUp', {}, locale)}
                  </button>
                  <button type="button" disabled={index === rows.length - 1} onClick={() => move(index, index + 1)} aria-label={t('contribDossierDownLabel', { title: titleOf(index) }, locale)}>
                    ↓ {t('contribDossierDown', {}, locale)}
                  </button>
                  <button type="button" onClick={() => remove(index)} aria-label={t('consoleHomeRemoveLabel', { title: titleOf(index) }, locale)}>
                    {t('contribDossierRemove', {}, locale)}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
        {rows.length >= HOME_FEATURES_MAX ? (
          <p class="console-hint">{t('consoleHomeFull', { max: HOME_FEATURES_MAX }, locale)}</p>
        ) : (
          <ContentSearch
            idBase={homeInputId('search')}
            types={homeFeatureTypes}
            chosen={new Set(rows.map(previewKey))}
            onAdd={add}
            addLabel={(title) => t('consoleHomeAddLabel', { title }, locale)}
            alreadyLabel={t('consoleHomeAlready', {}, locale)}
            locale={locale}
          />
        )}
      </fieldset>
      <div class="console-actions">
        <button type="submit" class="console-primary" disabled={saving}>
          {t('consoleHomeSave', {}, locale)}
        </button>
      </div>
      {view.updatedAt === null ? <p class="console-hint">{t('consoleHomeNeverSaved', {}, locale)}</p> : null}
    </form>
  );
}
