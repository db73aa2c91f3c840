/**
 * The hub's settings (admins): name, tagline, map style, aggregators, the role of new
 * accounts, branding and partners (what the home page features is the home tab's). The whole set is sent on save (PUT replaces it); the API's
 * refusals land next to their fields and in a summary; a save is announced.
 */
import '../i18n/strings-home.ts';
import '../i18n/strings-console.ts';
import { AA_TEXT_CONTRAST, accentContrast, formatRatio, type Locale } from '@constellation/shared';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { useSession } from '../session/session.ts';
import { savedSettings } from '../site/saved-settings.ts';
import { lineOf, settingsFieldOf, settingsForm, settingsInput, SIGNUP_ROLES, type SettingsField, type SettingsForm, type SettingsView } from './console-api.ts';
import { describedBy, ErrorSummary, Field, type FieldError } from './console-form.tsx';
import { partnerError, PartnersFields } from './partners-fields.tsx';

const LABELS: Record<SettingsField, StringKey> = {
  name: 'consoleSettingsName',
  tagline: 'consoleSettingsTagline',
  mapStyle: 'consoleSettingsMapStyle',
  aggregatorUrls: 'consoleSettingsAggregators',
  signupRole: 'consoleSettingsSignupRole',
  accentColor: 'consoleSettingsAccent',
  logoUrl: 'consoleSettingsLogo',
  socialLinks: 'consoleSettingsSocial',
  partners: 'consolePartners',
};

/** The accent's lowest contrast against the palette, for the hint as the admin types and for a refusal in the reader's words. */
function accentWords(value: string, locale: Locale): { hint?: string; refusal?: string } {
  if (!/^#[0-9a-f]{6}$/i.test(value.trim())) return {};
  const { ratio, against } = accentContrast(value.trim());
  const words = { ratio: formatRatio(ratio, locale), against };
  return ratio >= AA_TEXT_CONTRAST ? { hint: t('consoleSettingsAccentRatio', words, locale) } : { refusal: t('consoleSettingsAccentRefused', words, locale) };
}

export const settingsInputId = (field: SettingsField) => `settings-${field}`;

/** The API's issues as errors on the form's fields ("aggregatorUrls.1" → the URLs box, line 2). */
export function settingsErrors(error: ApiError, locale: Locale, accent = ''): FieldError[] {
  const issues = error.issues.length > 0 ? error.issues : [{ field: error.field ?? '', message: error.message }];
  return issues.map((issue) => {
    const field = settingsFieldOf(issue.field);
    const partner = field === 'partners' ? partnerError(issue.field, issue.message, locale) : undefined;
    if (partner !== undefined) return partner;
    if (field === undefined) return { inputId: '', label: '', message: issue.message };
    // The hub's contrast refusal, in the reader's language with the same ratio.
    const refusal = field === 'accentColor' && issue.message.startsWith('has a contrast') ? accentWords(accent, locale).refusal : undefined;
    if (refusal !== undefined) return { inputId: settingsInputId(field), label: t(LABELS[field], {}, locale), message: refusal };
    const line = field === 'aggregatorUrls' || field === 'socialLinks' ? lineOf(issue.field) : undefined;
    const message = line === undefined ? issue.message : t('consoleSettingsLine', { line: line + 1, message: issue.message }, locale);
    return { inputId: settingsInputId(field), label: t(LABELS[field], {}, locale), message };
  });
}

export function SettingsTab({ locale, announce }: { locale: Locale; announce: (message: string) => void }) {
  const session = useSession();
  const [view, setView] = useState<SettingsView | undefined>(undefined);
  const [form, setForm] = useState<SettingsForm | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    session.request<SettingsView>('GET', '/api/v1/admin/settings', { signal: controller.signal }).then(
      (loaded) => {
        setView(loaded);
        setForm(settingsForm(loaded));
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

  const set = (field: SettingsField) => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value;
    setForm({ ...form, [field]: value } as SettingsForm);
    // The accent is checked as it is typed: a refusal of an earlier value would contradict the ratio shown.
    if (field === 'accentColor' && errors.some((error) => error.inputId === settingsInputId(field))) setErrors(errors.filter((error) => error.inputId !== settingsInputId(field)));
  };
  const fieldErrors = (field: SettingsField) => errors.filter((error) => error.inputId === settingsInputId(field)).map((error) => error.message);
  const props = (field: SettingsField, hint: boolean) => ({ id: settingsInputId(field), name: field, ...describedBy(settingsInputId(field), hint, fieldErrors(field)) });
  const { defaults } = view;

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    if (form === undefined) return;
    setSaving(true);
    try {
      const saved = await session.request<SettingsView>('PUT', '/api/v1/admin/settings', { body: settingsInput(form) });
      setView(saved);
      setForm(settingsForm(saved));
      savedSettings.value = saved;
      setErrors([]);
      announce(t('consoleSettingsSaved', {}, locale));
    } catch (failure) {
      const placed = failure instanceof ApiError ? settingsErrors(failure, locale, form.accentColor) : [{ inputId: '', label: '', message: failure instanceof Error ? failure.message : String(failure) }];
      setErrors(placed);
      setAttempt((count) => count + 1);
      announce('');
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="console-form" noValidate onSubmit={(event) => void save(event)}>
      <ErrorSummary errors={errors} attempt={attempt} locale={locale} />
      <Field inputId={settingsInputId('name')} label={t(LABELS.name, {}, locale)} required hint={t('consoleSettingsDefault', { value: defaults.name }, locale)} errors={fieldErrors('name')} locale={locale}>
        <input type="text" required maxLength={200} value={form.name} onInput={set('name')} {...props('name', true)} />
      </Field>
      <Field inputId={settingsInputId('tagline')} label={t(LABELS.tagline, {}, locale)} errors={fieldErrors('tagline')} locale={locale}>
        <input type="text" maxLength={300} value={form.tagline} onInput={set('tagline')} {...props('tagline', false)} />
      </Field>
      <Field
        inputId={settingsInputId('mapStyle')}
        label={t(LABELS.mapStyle, {}, locale)}
        hint={defaults.mapStyle === undefined ? t('consoleSettingsMapStyleHint', {}, locale) : t('consoleSettingsDefault', { value: defaults.mapStyle }, locale)}
        errors={fieldErrors('mapStyle')}
        locale={locale}
      >
        <input type="url" inputMode="url" value={form.mapStyle} onInput={set('mapStyle')} {...props('mapStyle', true)} />
      </Field>
      <Field inputId={settingsInputId('aggregatorUrls')} label={t(LABELS.aggregatorUrls, {}, locale)} hint={t('consoleSettingsAggregatorsHint', {}, locale)} errors={fieldErrors('aggregatorUrls')} locale={locale}>
        <textarea rows={3} value={form.aggregatorUrls} onInput={set('aggregatorUrls')} {...props('aggregatorUrls', true)} />
      </Field>
      <Field inputId={settingsInputId('signupRole')} label={t(LABELS.signupRole, {}, locale)} hint={t('consoleSettingsSignupRoleHint', {}, locale)} errors={fieldErrors('signupRole')} locale={locale}>
        <select value={form.signupRole} onChange={set('signupRole')} {...props('signupRole', true)}>
          {SIGNUP_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(role === 'member' ? 'consoleSignupMember' : 'consoleSignupContributor', {}, locale)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        inputId={settingsInputId('accentColor')}
        label={t(LABELS.accentColor, {}, locale)}
        hint={[t('consoleSettingsAccentHint', {}, locale), accentWords(form.accentColor, locale).hint ?? ''].join(' ').trim()}
        errors={fieldErrors('accentColor')}
        locale={locale}
      >
        <span class="accent-input">
          <input type="text" maxLength={7} placeholder="#2d5f9a" spellcheck={false} value={form.accentColor} onInput={set('accentColor')} {...props('accentColor', true)} />
          <span class="accent-swatch" aria-hidden="true" style={/^#[0-9a-f]{6}$/i.test(form.accentColor.trim()) ? { background: form.accentColor.trim() } : undefined} />
        </span>
      </Field>
      <Field inputId={settingsInputId('logoUrl')} label={t(LABELS.logoUrl, {}, locale)} hint={t('consoleSettingsLogoHint', {}, locale)} errors={fieldErrors('logoUrl')} locale={locale}>
        <input type="url" inputMode="url" placeholder="https://" value={form.logoUrl} onInput={set('logoUrl')} {...props('logoUrl', true)} />
      </Field>
      <Field inputId={settingsInputId('socialLinks')} label={t(LABELS.socialLinks, {}, locale)} hint={t('consoleSettingsSocialHint', {}, locale)} errors={fieldErrors('socialLinks')} locale={locale}>
        <textarea rows={3} value={form.socialLinks} onInput={set('socialLinks')} {...props('socialLinks', true)} />
      </Field>
      <PartnersFields partners={form.partners} errors={errors} locale={locale} onChange={(partners) => setForm({ ...form, partners })} />
      <div class="console-actions">
        <button type="submit" class="console-primary" disabled={saving}>
          {t('consoleSettingsSave', {}, locale)}
        </button>
      </div>
      {view.updatedAt === null ? <p class="console-hint">{t('consoleSettingsFromConfig', {}, locale)}</p> : null}
    </form>
  );
}
