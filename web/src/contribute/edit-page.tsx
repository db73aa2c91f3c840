import '../i18n/strings-contribute.ts';
import { useEffect, useState } from 'preact/hooks';
import { moderationStatuses, type ContentType, type Locale, type ModerationStatus } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import type { SiteConfig } from '../api/types.ts';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref, type EditableType } from '../state/url-state.ts';
import { anchorLabel } from './anchor-labels.ts';
import { apiPath, itemTitle } from './content-items.ts';
import { errorsByAnchor, placeIssues, type PlacedIssue } from './field-errors.ts';
import { setFlash, takeFlash } from './flash.ts';
import { ErrorSummary, RequiredLegend } from './form-fields.tsx';
import { formPaths, formToInput, inputToFormState, newFormState, sectionsOf, type FormState } from './form-state.ts';
import { useMyActors } from './my-actors.ts';
import { useOpenCampaigns } from './my-campaigns.ts';
import { CampaignAnswer } from './campaign-answer.tsx';
import { eventHints } from './quality-hints.ts';
import { ScheduleFields } from './schedule-fields.tsx';
import { SpecField, type FieldEnv } from './spec-fields.tsx';
import { sectionFields } from './type-specs.ts';
import { FediverseSources } from './fediverse-sources.tsx';

interface SavedView {
  id: string;
  type: ContentType;
  status: ModerationStatus;
  version: number;
  rejectReason: string | null;
  data: Record<string, unknown>;
}

interface Loaded {
  form: FormState;
  /** Absent for a new document. */
  saved?: { id: string; version: number; status: ModerationStatus; rejectReason: string | null; title?: string };
}

/** Fields the chosen attendance mode makes pointless are not shown (nor sent). */
function hiddenField(type: ContentType, name: string, form: FormState): boolean {
  if (type !== 'event') return false;
  const mode = form.values.attendanceMode;
  return (name === 'onlineUrl' && mode === 'in-person') || (name === 'place' && mode === 'online');
}

function loadedFrom(type: ContentType, view: SavedView): Loaded {
  const title = itemTitle(view.data);
  return { form: inputToFormState(type, view.data), saved: { id: view.id, version: view.version, status: view.status, rejectReason: view.rejectReason, ...(title === undefined ? {} : { title }) } };
}

function EditForm({ config, type, locale, initial }: { config: SiteConfig; type: EditableType; locale: Locale; initial: Loaded }) {
  const session = useSession();
  const router = useRouter();
  const actors = useMyActors();
  const campaigns = useOpenCampaigns();
  const [form, setForm] = useState(initial.form);
  const [saved, setSaved] = useState(initial.saved);
  const [issues, setIssues] = useState<PlacedIssue[]>([]);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(() => takeFlash());
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const sections = sectionsOf(type);
  const specs = sectionFields(sections);
  const errors = errorsByAnchor(issues);
  const env: FieldEnv = { locale, config, actors: actors ?? [], errors, campaigns };
  const input = formToInput(type, form);
  const hints = type === 'event' ? eventHints(input) : [];
  const timeZone = typeof form.values.timeZone === 'string' && form.values.timeZone !== '' ? form.values.timeZone : 'Europe/Paris';

  const save = async (submit: boolean) => {
    setBusy(true);
    setMessage(undefined);
    setStatus(undefined);
    try {
      let view: SavedView;
      if (saved === undefined) {
        view = await session.request<SavedView>('POST', apiPath(type), { body: input, query: { submit } });
      } else {
        view = await session.request<SavedView>('PUT', apiPath(type, saved.id), { body: input, query: { version: saved.version } });
        // A published document edited goes back through moderation on its own; a draft is sent explicitly.
        if (submit && (view.status === 'draft' || view.status === 'rejected')) view = await session.request<SavedView>('POST', apiPath(type, saved.id, 'submit'));
      }
      setIssues([]);
      // A new actor is one I now act for: the account's list of actors changed.
      if (type === 'actor') await session.reload();
      const done: StringKey = view.status === 'published' ? 'contribPublishedNow' : view.status === 'pending' ? 'contribSubmitted' : 'contribSaved';
      if (submit || (type === 'actor' && saved === undefined)) {
        setFlash(t(done, {}, locale));
        router.go(viewHref({ name: 'contribute', params: {} }));
        return;
      }
      if (saved === undefined) {
        setFlash(t(done, {}, locale));
        router.navigate({ view: { name: 'edit', type, id: view.id }, filters: router.state.value.filters }, { replace: true });
        return;
      }
      const loaded = loadedFrom(type, view);
      setSaved(loaded.saved);
      setStatus(t(done, {}, locale));
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.issues.length > 0) setIssues(placeIssues(error.issues, formPaths(type, form)));
      else {
        setIssues([]);
        setMessage(error instanceof ApiError && error.status === 409 ? t('contribConflict', {}, locale) : t('contribFormError', { message: error instanceof Error ? error.message : String(error) }, locale));
      }
      setAttempt((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };

  // Repeat for this year's edition: the hub copies the event into a new draft, linked to this one; its form opens.
  const repeat = async () => {
    if (saved === undefined) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const view = await session.request<SavedView>('POST', `/api/v1/events/${encodeURIComponent(saved.id)}/repeat`);
      setFlash(t('contribRepeated', {}, locale));
      router.navigate({ view: { name: 'edit', type: 'event', id: view.id }, filters: router.state.value.filters });
    } catch (error) {
      setMessage(t('contribFormError', { message: error instanceof Error ? error.message : String(error) }, locale));
      setAttempt((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };

  const title = saved === undefined ? t(`contribNew_${type}`, {}, locale) : t('contribEditTitle', { title: saved.title ?? t('contribUntitled', {}, locale) }, locale);
  useEffect(() => {
    document.title = `${title} · ${config.name ?? t('siteName', {}, locale)}`;
  }, [title]);

  return (
    <div class="edit-page">
      <p>
        <a href={viewHref({ name: 'contribute', params: {} })} onClick={followLink(router)}>
          {t('contribBack', {}, locale)}
        </a>
      </p>
      <h1 class="page-title">{title}</h1>
      {saved !== undefined && <p>{t('contribStatusLine', { status: moderationStatuses.label(saved.status, locale) }, locale)}</p>}
      {saved?.status === 'rejected' && saved.rejectReason !== null && <p class="error">{t('contribRejectedBecause', { reason: saved.rejectReason }, locale)}</p>}
      {type === 'event' && saved !== undefined && saved.status !== 'draft' && <CampaignAnswer eventId={saved.id} version={`${saved.version}`} campaigns={campaigns} locale={locale} />}
      {type === 'event' && saved !== undefined && saved.status !== 'draft' && (
        <p class="repeat-edition">
          <button type="button" disabled={busy} onClick={() => void repeat()} data-testid="repeat-edition">
            {t('contribRepeat', {}, locale)}
          </button>{' '}
          <span class="hint">{t('contribRepeatHint', {}, locale)}</span>
        </p>
      )}
      <p role="status" class={status === undefined ? 'visually-hidden' : 'notice'}>
        {status ?? ''}
      </p>
      <RequiredLegend locale={locale} />
      <ErrorSummary items={issues.map((issue) => ({ anchor: issue.anchor, label: anchorLabel(specs, issue.anchor, locale), message: issue.message }))} message={message} locale={locale} attempt={attempt} />
      <form
        class="stack-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save(false);
        }}
      >
        {sections.map((section) => (
          <section class="form-section" key={section.title}>
            <h2>{t(section.title, {}, locale)}</h2>
            {section.fields
              .filter((spec) => !hiddenField(type, spec.name, form))
              .map((spec) => (
                <SpecField key={spec.name} spec={spec} value={form.values[spec.name]} onChange={(value) => setForm({ ...form, values: { ...form.values, [spec.name]: value } })} env={env} />
              ))}
            {section.schedule === true && <ScheduleFields value={form.schedule} onChange={(schedule) => setForm({ ...form, schedule })} timeZone={timeZone} locale={locale} errors={errors} />}
          </section>
        ))}
        {hints.length > 0 && (
          <section class="quality-hints" aria-labelledby="quality-hints-title">
            <p id="quality-hints-title">{t('contribHintsTitle', {}, locale)}</p>
            <ul>
              {hints.map((hint) => (
                <li key={hint}>{t(`contribHint_${hint}`, {}, locale)}</li>
              ))}
            </ul>
          </section>
        )}
        <div class="form-actions">
          <button type="submit" disabled={busy}>
            {t('contribSaveDraft', {}, locale)}
          </button>
          <button type="button" class="primary" disabled={busy} onClick={() => void save(true)}>
            {t('contribSubmit', {}, locale)}
          </button>
          {busy && <span role="status">{t('contribSaving', {}, locale)}</span>}
        </div>
      </form>
      {type === 'actor' && saved?.status === 'published' && <FediverseSources actorId={saved.id} locale={locale} />}
    </div>
  );
}

export function EditPage({ config, type, id, locale }: { config: SiteConfig; type: EditableType; id?: string; locale: Locale }) {
  const session = useSession();
  const [loaded, setLoaded] = useState<Loaded | { failed: string } | undefined>(undefined);
  const actorIds = session.account.value?.actorIds ?? [];
  useEffect(() => {
    if (id === undefined) {
      setLoaded({ form: newFormState(type, actorIds) });
      return;
    }
    const controller = new AbortController();
    session.request<SavedView>('GET', apiPath(type, id, 'manage'), { signal: controller.signal }).then(
      (view) => setLoaded(loadedFrom(type, view)),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded({ failed: error instanceof ApiError && (error.status === 404 || error.status === 403) ? t('contribNotFound', {}, locale) : t('loadError', { message: error instanceof Error ? error.message : String(error) }, locale) });
      },
    );
    return () => controller.abort();
  }, [type, id]);

  if (sectionsOf(type).length === 0) {
    return (
      <div class="edit-page">
        <h1 class="page-title">{t(`contribNew_${type}`, {}, locale)}</h1>
        <p>{t('contribUnsupportedType', {}, locale)}</p>
      </div>
    );
  }
  if (loaded === undefined) return <p role="status">{t('loading', {}, locale)}</p>;
  if ('failed' in loaded) {
    return (
      <div class="edit-page">
        <h1 class="page-title">{t('notFoundTitle', {}, locale)}</h1>
        <p>{loaded.failed}</p>
      </div>
    );
  }
  return <EditForm config={config} type={type} locale={locale} initial={loaded} />;
}
