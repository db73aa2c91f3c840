import '../i18n/strings-contribute.ts';
import { useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { ErrorSummary, FieldRow, type SummaryItem } from '../contribute/form-fields.tsx';
import { errorsByAnchor, placeIssues } from '../contribute/field-errors.ts';
import { pathAfterLogin } from './next-path.ts';

/** The message a refused login shows: wrong credentials and too many tries are said plainly. */
export function loginFailureMessage(error: unknown, locale: Locale): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return t('contribTooManyAttempts', {}, locale);
    if (error.status === 401) return t('contribLoginFailed', {}, locale);
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function LoginPage({ params, locale }: { params: Record<string, string>; locale: Locale }) {
  const session = useSession();
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  const account = session.account.value;

  const issues = failure instanceof ApiError && failure.status === 400 ? placeIssues(failure.issues, ['email', 'password']) : [];
  const errors = errorsByAnchor(issues);
  const labels: Record<string, string> = { email: t('contribEmail', {}, locale), password: t('contribPassword', {}, locale) };
  const summary: SummaryItem[] = issues.map((issue) => ({ anchor: issue.anchor, label: labels[issue.anchor] ?? '', message: issue.message }));

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      const who = await session.login(email.trim(), password);
      router.go(pathAfterLogin(params.next, who.role));
    } catch (error) {
      setFailure(error);
      setAttempt((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="account-page narrow-page">
      <h1 class="page-title">{t('contribLoginTitle', {}, locale)}</h1>
      {account !== null && account !== undefined && <p class="notice">{t('contribAlreadyLoggedIn', { name: account.displayName }, locale)}</p>}
      <ErrorSummary items={summary} message={failure === undefined || summary.length > 0 ? undefined : loginFailureMessage(failure, locale)} locale={locale} attempt={attempt} />
      <form method="post" class="stack-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <FieldRow path="email" label={labels.email ?? ''} locale={locale} required errors={errors.email}>
          {(attributes) => <input {...attributes} type="email" name="email" autoComplete="username" value={email} onInput={(event) => setEmail(event.currentTarget.value)} />}
        </FieldRow>
        <FieldRow path="password" label={labels.password ?? ''} locale={locale} required errors={errors.password}>
          {(attributes) => <input {...attributes} type="password" name="password" autoComplete="current-password" value={password} onInput={(event) => setPassword(event.currentTarget.value)} />}
        </FieldRow>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('contribLoginSubmit', {}, locale)}
          </button>
        </div>
      </form>
      <p>
        <a href={viewHref({ name: 'account-action', action: 'forgot', params: {} })} onClick={followLink(router)}>
          {t('accForgotLink', {}, locale)}
        </a>
      </p>
      <p>
        {t('contribNoAccount', {}, locale)}{' '}
        <a href={viewHref({ name: 'signup' })} onClick={followLink(router)}>
          {t('contribSignupLink', {}, locale)}
        </a>
      </p>
    </div>
  );
}
