import { useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import { ErrorSummary, Field, describedBy, type FieldError } from '../console/console-form.tsx';
import { t } from '../i18n/locale.ts';
import { useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { useAdminSession } from './admin-session.ts';

type LoginField = 'email' | 'password';

/** Where to go after logging in: a path on this site only (never another origin). */
function nextPath(next: string | undefined): string {
  return next !== undefined && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : viewHref({ name: 'national-console', params: {} });
}

/** The national admins' login: email and password; refusals said by their field or plainly. */
export function NationalLoginPage({ params, locale }: { params: Record<string, string>; locale: Locale }) {
  const session = useAdminSession();
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const labels: Record<LoginField, string> = { email: t('nationalEmail', {}, locale), password: t('nationalPassword', {}, locale) };
  const ids: Record<LoginField, string> = { email: 'national-email', password: 'national-password' };
  const fieldErrors = (field: LoginField) => errors.filter((error) => error.inputId === ids[field]).map((error) => error.message);

  const refuse = (found: FieldError[]) => {
    setErrors(found);
    setAttempt((count) => count + 1);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const missing: FieldError[] = [];
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) missing.push({ inputId: ids.email, label: labels.email, message: t('nationalInvalidEmail', {}, locale) });
    if (password === '') missing.push({ inputId: ids.password, label: labels.password, message: t('nationalMissingPassword', {}, locale) });
    if (missing.length > 0) return refuse(missing);
    setBusy(true);
    try {
      await session.login(email.trim(), password);
      router.go(nextPath(params.next));
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.issues.length > 0) {
        refuse(error.issues.map((issue) => {
          const field: LoginField = issue.field.includes('password') ? 'password' : 'email';
          return { inputId: ids[field], label: labels[field], message: issue.message };
        }));
      } else {
        const message = error instanceof ApiError && error.status === 429 ? t('nationalLoginThrottled', {}, locale) : error instanceof ApiError && error.status === 401 ? t('nationalLoginFailed', {}, locale) : t('nationalFailed', { message: error instanceof Error ? error.message : String(error) }, locale);
        refuse([{ inputId: '', label: '', message }]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="national-login narrow-page">
      <h1 class="page-title">{t('nationalLoginTitle', {}, locale)}</h1>
      <p>{t('nationalLoginIntro', {}, locale)}</p>
      <ErrorSummary errors={errors} attempt={attempt} locale={locale} />
      <form method="post" class="console-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field inputId={ids.email} label={labels.email} required errors={fieldErrors('email')} locale={locale}>
          <input id={ids.email} type="email" name="email" autoComplete="username" value={email} onInput={(event) => setEmail(event.currentTarget.value)} {...describedBy(ids.email, false, fieldErrors('email'))} />
        </Field>
        <Field inputId={ids.password} label={labels.password} required errors={fieldErrors('password')} locale={locale}>
          <input id={ids.password} type="password" name="password" autoComplete="current-password" value={password} onInput={(event) => setPassword(event.currentTarget.value)} {...describedBy(ids.password, false, fieldErrors('password'))} />
        </Field>
        <div class="console-actions">
          <button type="submit" class="console-primary" disabled={busy}>
            {t('nationalLoginSubmit', {}, locale)}
          </button>
        </div>
      </form>
    </div>
  );
}
