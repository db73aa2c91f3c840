import '../i18n/strings-contribute.ts';
import { useState } from 'preact/hooks';
import { PASSWORD_LIMITS, type Locale } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { ErrorSummary, FieldErrors, FieldRow, RequiredLegend, type SummaryItem } from '../contribute/form-fields.tsx';

import { errorsByAnchor, placeIssues, type PlacedIssue } from '../contribute/field-errors.ts';
import { fieldId } from '../contribute/field-id.ts';

const FIELDS = ['displayName', 'email', 'password', 'acceptPrivacy'] as const;

export function SignupPage({ locale }: { locale: Locale }) {
  const session = useSession();
  const router = useRouter();
  const [form, setForm] = useState({ displayName: '', email: '', password: '' });
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<PlacedIssue[]>([]);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const labels: Record<string, string> = { displayName: t('contribDisplayName', {}, locale), email: t('contribEmail', {}, locale), password: t('contribPassword', {}, locale), acceptPrivacy: t('accConsentShort', {}, locale) };
  const errors = errorsByAnchor(issues);
  const summary: SummaryItem[] = issues.map((issue) => ({ anchor: issue.anchor, label: labels[issue.anchor] ?? '', message: issue.message }));

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setMessage(undefined);
    setAttempt((count) => count + 1);
    // Said before asking: the hub would refuse it with a sentence in English.
    const local: PlacedIssue[] = [];
    if (form.password.length < PASSWORD_LIMITS.min) local.push({ anchor: 'password', field: 'password', message: t('contribPasswordShort', {}, locale) });
    if (!consent) local.push({ anchor: 'acceptPrivacy', field: 'acceptPrivacy', message: t('accConsentRequired', {}, locale) });
    if (local.length > 0) {
      setIssues(local);
      return;
    }
    setIssues([]);
    setBusy(true);
    try {
      await session.register({ displayName: form.displayName.trim(), email: form.email.trim(), password: form.password, locale, acceptPrivacy: true });
      // The account page says the confirmation link is on its way, and can send it again.
      router.go(viewHref({ name: 'account' }));
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) setIssues(placeIssues(error.issues, FIELDS));
      else setMessage(error instanceof ApiError && error.status === 429 ? t('contribTooManyAttempts', {}, locale) : error instanceof Error ? error.message : String(error));
      setAttempt((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };

  const input = (name: (typeof FIELDS)[number]) => (event: Event) => setForm({ ...form, [name]: (event.currentTarget as HTMLInputElement).value });
  return (
    <div class="account-page narrow-page">
      <h1 class="page-title">{t('contribSignupTitle', {}, locale)}</h1>
      <RequiredLegend locale={locale} />
      <ErrorSummary items={summary} message={message} locale={locale} attempt={attempt} />
      <form method="post" class="stack-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <FieldRow path="displayName" label={labels.displayName ?? ''} locale={locale} required errors={errors.displayName}>
          {(attributes) => <input {...attributes} type="text" name="displayName" autoComplete="name" maxLength={100} value={form.displayName} onInput={input('displayName')} />}
        </FieldRow>
        <FieldRow path="email" label={labels.email ?? ''} locale={locale} required errors={errors.email}>
          {(attributes) => <input {...attributes} type="email" name="email" autoComplete="email" value={form.email} onInput={input('email')} />}
        </FieldRow>
        <FieldRow path="password" label={labels.password ?? ''} locale={locale} required hint={t('contribPasswordHint', {}, locale)} errors={errors.password}>
          {(attributes) => <input {...attributes} type="password" name="password" autoComplete="new-password" minLength={PASSWORD_LIMITS.min} value={form.password} onInput={input('password')} />}
        </FieldRow>
        <div class={`field consent-field${errors.acceptPrivacy === undefined ? '' : ' field-invalid'}`}>
          <FieldErrors path="acceptPrivacy" errors={errors.acceptPrivacy} />
          <label class="checkbox-label">
            <input
              type="checkbox"
              id={fieldId('acceptPrivacy')}
              name="acceptPrivacy"
              checked={consent}
              aria-invalid={errors.acceptPrivacy === undefined ? undefined : 'true'}
              aria-describedby={errors.acceptPrivacy === undefined ? undefined : `${fieldId('acceptPrivacy')}-error`}
              onChange={(event) => setConsent(event.currentTarget.checked)}
            />{' '}
            {t('accConsent', {}, locale)}
          </label>
          <p class="field-hint">
            <a href={viewHref({ name: 'site-page', slug: 'privacy' })} target="_blank" rel="noopener">
              {t('accConsentLink', {}, locale)}
            </a>
          </p>
        </div>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('contribSignupSubmit', {}, locale)}
          </button>
        </div>
      </form>
      <p>
        {t('contribHaveAccount', {}, locale)}{' '}
        <a href={viewHref({ name: 'login', params: {} })} onClick={followLink(router)}>
          {t('contribLoginTitle', {}, locale)}
        </a>
      </p>
    </div>
  );
}
