/**
 * The national console's Campagnes tab: a national admin creates a campaign (name, slug,
 * days, description, logo, the regions taking part) and edits it later (its slug stays:
 * events carry it). Hubs of its regions learn of it from the signed campaign list. Every
 * input the API refuses is said at its field and in the summary above the form.
 */
import '../i18n/strings-console.ts';
import { useRef, useState } from 'preact/hooks';
import { regions, type Locale } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import { useFetch } from '../components/use-fetch.ts';
import { ErrorSummary, Field, describedBy, type FieldError } from '../console/console-form.tsx';
import { apiMessage } from '../i18n/api-messages.ts';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import type { AdminSession } from './admin-session.ts';

/** A campaign as the admin API answers it (shared CampaignPublic, read leniently). */
export interface AdminCampaign {
  slug: string;
  name: string;
  startDate: string;
  endDate: string;
  description?: string;
  logo?: { url: string; alt?: string };
  regions: string[];
  url?: string;
}

interface Draft {
  name: string;
  slug: string;
  startDate: string;
  endDate: string;
  description: string;
  logoUrl: string;
  logoAlt: string;
  regions: string[];
}

const EMPTY: Draft = { name: '', slug: '', startDate: '', endDate: '', description: '', logoUrl: '', logoAlt: '', regions: [] };

/** The API's field names, their inputs and labels: a refusal lands on its field. */
const FIELDS: { field: string; inputId: string; label: StringKey }[] = [
  { field: 'name', inputId: 'campaign-name', label: 'ncName' },
  { field: 'slug', inputId: 'campaign-slug', label: 'ncSlug' },
  { field: 'startDate', inputId: 'campaign-start', label: 'ncStart' },
  { field: 'endDate', inputId: 'campaign-end', label: 'ncEnd' },
  { field: 'description', inputId: 'campaign-description', label: 'ncDescription' },
  { field: 'logo.url', inputId: 'campaign-logo-url', label: 'ncLogoUrl' },
  { field: 'logo.alt', inputId: 'campaign-logo-alt', label: 'ncLogoAlt' },
  { field: 'regions', inputId: 'campaign-regions', label: 'ncRegions' },
];

/** "Fête de la science 2026" → "fete-de-la-science-2026": a slug proposed from the name, which the admin may change. */
export function slugFrom(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

function draftOf(campaign: AdminCampaign): Draft {
  return { name: campaign.name, slug: campaign.slug, startDate: campaign.startDate, endDate: campaign.endDate, description: campaign.description ?? '', logoUrl: campaign.logo?.url ?? '', logoAlt: campaign.logo?.alt ?? '', regions: [...campaign.regions] };
}

function inputOf(draft: Draft): Record<string, unknown> {
  return {
    slug: draft.slug.trim(),
    name: draft.name.trim(),
    startDate: draft.startDate,
    endDate: draft.endDate,
    ...(draft.description.trim() === '' ? {} : { description: draft.description.trim() }),
    ...(draft.logoUrl.trim() === '' ? {} : { logo: { url: draft.logoUrl.trim(), ...(draft.logoAlt.trim() === '' ? {} : { alt: draft.logoAlt.trim() }) } }),
    regions: draft.regions,
  };
}

/** Maps the API's refusal onto the form's fields; what names no field goes to the summary alone. */
function fieldErrors(error: unknown, locale: Locale): FieldError[] {
  if (!(error instanceof ApiError)) return [{ inputId: '', label: '', message: t('nationalFailed', { message: error instanceof Error ? error.message : String(error) }, locale) }];
  const issues = error.issues.length > 0 ? error.issues : [{ field: error.field ?? '', message: error.message }];
  return issues.map((issue) => {
    const name = issue.field.replace(/^body\./, '').replace(/^\//, '').replace(/\//g, '.');
    const known = FIELDS.find((each) => each.field === name) ?? FIELDS.find((each) => name.startsWith(`${each.field}.`) || name.startsWith(`${each.field}[`));
    // The reason alone, in the reader's language when known: the label already names the field.
    return known === undefined ? { inputId: '', label: '', message: issue.message } : { inputId: known.inputId, label: t(known.label, {}, locale), message: apiMessage(issue, locale) };
  });
}

function CampaignForm({ session, editing, locale, onSaved, onCancel }: { session: AdminSession; editing: AdminCampaign | undefined; locale: Locale; onSaved: (campaign: AdminCampaign, created: boolean) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Draft>(editing === undefined ? EMPTY : draftOf(editing));
  // The slug follows the name until the admin types one.
  const [slugTouched, setSlugTouched] = useState(editing !== undefined);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const errorsOf = (inputId: string) => errors.filter((error) => error.inputId === inputId).map((error) => error.message);

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const saved =
        editing === undefined
          ? await session.request<AdminCampaign>('POST', '/api/v1/admin/campaigns', { body: inputOf(draft) })
          : await session.request<AdminCampaign>('PUT', `/api/v1/admin/campaigns/${encodeURIComponent(editing.slug)}`, { body: inputOf(draft) });
      setErrors([]);
      onSaved(saved, editing === undefined);
    } catch (error) {
      setErrors(fieldErrors(error, locale));
      setAttempt((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };

  const text = (field: 'name' | 'slug' | 'logoUrl' | 'logoAlt', inputId: string, label: StringKey, options: { required?: boolean; hint?: StringKey; type?: 'text' | 'url'; disabled?: boolean } = {}) => {
    const errs = errorsOf(inputId);
    return (
      <Field inputId={inputId} label={t(label, {}, locale)} required={options.required === true} {...(options.hint === undefined ? {} : { hint: t(options.hint, {}, locale) })} errors={errs} locale={locale}>
        <input
          id={inputId}
          // One element for both input types; Preact's types want each literal apart.
          type={(options.type ?? 'text') as 'text'}
          value={draft[field]}
          disabled={options.disabled === true}
          onInput={(event) => {
            const value = event.currentTarget.value;
            if (field === 'name' && !slugTouched) set({ name: value, slug: slugFrom(value) });
            else {
              if (field === 'slug') setSlugTouched(true);
              set({ [field]: value });
            }
          }}
          {...describedBy(inputId, options.hint !== undefined, errs)}
        />
      </Field>
    );
  };
  const regionErrors = errorsOf('campaign-regions');
  return (
    <section class="national-campaign-form" aria-labelledby="campaign-form-heading">
      <h2 id="campaign-form-heading" class="console-section-title">
        {editing === undefined ? t('ncCreateHeading', {}, locale) : t('ncEditHeading', { name: editing.name }, locale)}
      </h2>
      <ErrorSummary errors={errors} attempt={attempt} locale={locale} />
      <form class="console-form national-campaign-fields" onSubmit={(event) => void save(event)} noValidate>
        {text('name', 'campaign-name', 'ncName', { required: true })}
        {text('slug', 'campaign-slug', 'ncSlug', { required: true, hint: editing === undefined ? 'ncSlugHint' : 'ncSlugFixed', disabled: editing !== undefined })}
        <div class="national-campaign-days">
          {(['startDate', 'endDate'] as const).map((field) => {
            const inputId = field === 'startDate' ? 'campaign-start' : 'campaign-end';
            const errs = errorsOf(inputId);
            return (
              <Field key={field} inputId={inputId} label={t(field === 'startDate' ? 'ncStart' : 'ncEnd', {}, locale)} required errors={errs} locale={locale}>
                <input id={inputId} type="date" value={draft[field]} onInput={(event) => set({ [field]: event.currentTarget.value })} {...describedBy(inputId, false, errs)} />
              </Field>
            );
          })}
        </div>
        <Field inputId="campaign-description" label={t('ncDescription', {}, locale)} hint={t('ncDescriptionHint', {}, locale)} errors={errorsOf('campaign-description')} locale={locale}>
          <textarea id="campaign-description" rows={5} value={draft.description} onInput={(event) => set({ description: event.currentTarget.value })} {...describedBy('campaign-description', true, errorsOf('campaign-description'))} />
        </Field>
        {text('logoUrl', 'campaign-logo-url', 'ncLogoUrl', { type: 'url', hint: 'ncLogoHint' })}
        {text('logoAlt', 'campaign-logo-alt', 'ncLogoAlt')}
        <fieldset class="console-field national-campaign-regions" aria-describedby={regionErrors.length > 0 ? 'campaign-regions-error' : undefined}>
          <legend>
            {t('ncRegions', {}, locale)}
            <span class="console-required"> {t('consoleRequired', {}, locale)}</span>
          </legend>
          <p class="console-hint">
            <button type="button" class="link-button" onClick={() => set({ regions: draft.regions.length === regions.values.length ? [] : [...regions.values] })}>
              {t(draft.regions.length === regions.values.length ? 'ncRegionsNone' : 'ncRegionsAll', {}, locale)}
            </button>
          </p>
          <ul class="check-list" id="campaign-regions" tabIndex={-1}>
            {regions.values.map((code) => (
              <li key={code}>
                <label class="check">
                  <input
                    type="checkbox"
                    value={code}
                    checked={draft.regions.includes(code)}
                    aria-invalid={regionErrors.length > 0 ? 'true' : undefined}
                    onChange={(event) => {
                      const checked = event.currentTarget.checked;
                      set({ regions: regions.values.filter((each) => (each === code ? checked : draft.regions.includes(each))) });
                    }}
                  />{' '}
                  {regions.label(code, locale)}
                </label>
              </li>
            ))}
          </ul>
          {regionErrors.length === 0 ? null : (
            <p id="campaign-regions-error" class="field-error error">
              {regionErrors.join(' ')}
            </p>
          )}
        </fieldset>
        <div class="console-actions">
          <button type="submit" class="console-primary" disabled={busy}>
            {editing === undefined ? t('ncCreate', {}, locale) : t('ncSave', {}, locale)}
          </button>
          {editing === undefined ? null : (
            <button type="button" onClick={onCancel}>
              {t('nationalCancel', {}, locale)}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function days(campaign: AdminCampaign, locale: Locale): string {
  const format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return format.formatRange(new Date(`${campaign.startDate}T00:00:00Z`), new Date(`${campaign.endDate}T00:00:00Z`));
}

export function NationalCampaigns({ session, locale, announce }: { session: AdminSession; locale: Locale; announce: (text: string) => void }) {
  const [loaded, reload] = useFetch('national-admin-campaigns', (signal) => session.request<{ items: AdminCampaign[] }>('GET', '/api/v1/admin/campaigns', { signal }).then((answer) => answer.items));
  const [editing, setEditing] = useState<AdminCampaign | undefined>(undefined);
  // A new form after each save (its fields empty again).
  const [formKey, setFormKey] = useState(0);
  const top = useRef<HTMLDivElement>(null);
  return (
    <div ref={top}>
      <p>{t('ncIntro', {}, locale)}</p>
      <CampaignForm
        key={editing === undefined ? `new-${formKey}` : `edit-${editing.slug}`}
        session={session}
        editing={editing}
        locale={locale}
        onSaved={(campaign, created) => {
          announce(t(created ? 'ncCreated' : 'ncSaved', { name: campaign.name }, locale));
          setEditing(undefined);
          setFormKey((count) => count + 1);
          reload();
        }}
        onCancel={() => setEditing(undefined)}
      />
      <section aria-labelledby="campaign-list-heading">
        <h2 id="campaign-list-heading" class="console-section-title">
          {t('ncListHeading', {}, locale)}
        </h2>
        {loaded.status === 'loading' ? <p role="status">{t('loading', {}, locale)}</p> : null}
        {loaded.status === 'failed' ? (
          <p class="error" role="alert">
            {t('loadError', { message: loaded.message }, locale)}{' '}
            <button type="button" onClick={reload}>
              {t('retry', {}, locale)}
            </button>
          </p>
        ) : null}
        {loaded.status === 'done' && loaded.value.length === 0 ? <p>{t('ncEmpty', {}, locale)}</p> : null}
        {loaded.status === 'done' && loaded.value.length > 0 ? (
          <ul class="national-hubs" data-testid="national-campaigns">
            {loaded.value.map((campaign) => (
              <li key={campaign.slug} class="national-hub national-campaign">
                <div class="national-hub-head">
                  <h3 class="console-item-title">{campaign.name}</h3>
                  <span class="hint">{days(campaign, locale)}</span>
                </div>
                <dl class="national-facts">
                  <dt>{t('ncSlug', {}, locale)}</dt>
                  <dd>{campaign.slug}</dd>
                  <dt>{t('ncRegions', {}, locale)}</dt>
                  <dd>{campaign.regions.length === regions.values.length ? t('ncAllRegions', {}, locale) : campaign.regions.map((code) => regions.label(code as never, locale)).join(', ')}</dd>
                </dl>
                <div class="console-actions">
                  <a href={`/campagnes/${encodeURIComponent(campaign.slug)}`}>{t('ncOpenPage', {}, locale)}</a>
                  <button
                    type="button"
                    onClick={() => {
                      setEditing(campaign);
                      requestAnimationFrame(() => document.getElementById('campaign-name')?.focus());
                    }}
                  >
                    {t('ncEdit', {}, locale)}
                    <span class="visually-hidden"> « {campaign.name} »</span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
