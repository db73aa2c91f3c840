import '../i18n/strings-contribute.ts';
import { useEffect, useState } from 'preact/hooks';
import { PASSWORD_LIMITS, type EmailFollowConfirmed, type Locale } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { useSession, type Account } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref, type AccountAction } from '../state/url-state.ts';
import { ErrorSummary, FieldRow, type SummaryItem } from '../contribute/form-fields.tsx';

/** The message for a refused request on these pages: a dead link, too many tries, or what the hub said. */
export function actionFailure(error: unknown, locale: Locale): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return t('accTooMany', {}, locale);
    if (error.field === 'token') return t('accLinkInvalid', {}, locale);
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function AccountLinks({ locale, loggedIn }: { locale: Locale; loggedIn: boolean }) {
  const router = useRouter();
  return (
    <p>
      <a href={viewHref(loggedIn ? { name: 'account' } : { name: 'login', params: {} })} onClick={followLink(router)}>
        {t(loggedIn ? 'accToAccount' : 'accToLogin', {}, locale)}
      </a>
    </p>
  );
}

function ForgotForm({ locale }: { locale: Locale }) {
  const session = useSession();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    setFieldError(undefined);
    setBusy(true);
    try {
      await session.request('POST', '/api/v1/auth/password-reset/request', { body: { email: email.trim() } });
      setSent(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) setFieldError(error.issues[0]?.message ?? error.message);
      else setFailure(actionFailure(error, locale));
      setAttempt((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };
  const label = t('contribEmail', {}, locale);
  const summary: SummaryItem[] = fieldError === undefined ? [] : [{ anchor: 'email', label, message: fieldError }];
  return (
    <>
      <h1 class="page-title">{t('accForgotTitle', {}, locale)}</h1>
      <p>{t('accForgotIntro', {}, locale)}</p>
      <ErrorSummary items={summary} message={failure} locale={locale} attempt={attempt} />
      {sent ? (
        <p class="notice" role="status">
          {t('accForgotSent', {}, locale)}
        </p>
      ) : (
        <form class="stack-form" onSubmit={(event) => void onSubmit(event)} noValidate>
          <FieldRow path="email" label={label} locale={locale} required errors={fieldError === undefined ? undefined : [fieldError]}>
            {(attributes) => <input {...attributes} type="email" name="email" autoComplete="username" value={email} onInput={(event) => setEmail(event.currentTarget.value)} />}
          </FieldRow>
          <div class="form-actions">
            <button type="submit" class="primary" disabled={busy}>
              {t('accForgotSubmit', {}, locale)}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

function ResetForm({ token, locale }: { token: string; locale: Locale }) {
  const session = useSession();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    setFieldError(undefined);
    setAttempt((count) => count + 1);
    if (password.length < PASSWORD_LIMITS.min) {
      setFieldError(t('contribPasswordShort', {}, locale));
      return;
    }
    setBusy(true);
    try {
      await session.request('POST', '/api/v1/auth/password-reset', { body: { token, password } });
      // The hub closed every session, this browser's included.
      session.account.value = null;
      setDone(true);
    } catch (error) {
      setFailure(actionFailure(error, locale));
      setAttempt((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };
  const label = t('contribPassword', {}, locale);
  if (done) {
    return (
      <>
        <h1 class="page-title">{t('accResetTitle', {}, locale)}</h1>
        <p class="notice" role="status">
          {t('accResetDone', {}, locale)}
        </p>
        <AccountLinks locale={locale} loggedIn={false} />
      </>
    );
  }
  return (
    <>
      <h1 class="page-title">{t('accResetTitle', {}, locale)}</h1>
      <ErrorSummary items={fieldError === undefined ? [] : [{ anchor: 'password', label, message: fieldError }]} message={failure} locale={locale} attempt={attempt} />
      <form method="post" class="stack-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <FieldRow path="password" label={label} locale={locale} required hint={t('contribPasswordHint', {}, locale)} errors={fieldError === undefined ? undefined : [fieldError]}>
          {(attributes) => <input {...attributes} type="password" name="password" autoComplete="new-password" minLength={PASSWORD_LIMITS.min} value={password} onInput={(event) => setPassword(event.currentTarget.value)} />}
        </FieldRow>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('accResetSubmit', {}, locale)}
          </button>
        </div>
      </form>
    </>
  );
}

/** Follows a mailed confirmation link at once: the token is spent by the POST, never by the page load alone. */
function ConfirmLink<T = Account>({ token, path, title, done, locale, toSite = false }: { token: string; path: string; title: StringKey; done: (answer: T) => string; locale: Locale; toSite?: boolean }) {
  const session = useSession();
  const router = useRouter();
  const [outcome, setOutcome] = useState<{ ok: true; text: string } | { ok: false; text: string } | undefined>(undefined);
  useEffect(() => {
    let live = true;
    session.request<T>('POST', path, { body: { token } }).then(
      async (account) => {
        // A logged-in browser sees its account change at once.
        if (session.account.value !== null && session.account.value !== undefined) await session.reload().catch(() => undefined);
        if (live) setOutcome({ ok: true, text: done(account) });
      },
      (error: unknown) => {
        if (live) setOutcome({ ok: false, text: actionFailure(error, locale) });
      },
    );
    return () => {
      live = false;
    };
  }, [token]);
  const loggedIn = session.account.value !== null && session.account.value !== undefined;
  return (
    <>
      <h1 class="page-title">{t(title, {}, locale)}</h1>
      {outcome === undefined ? (
        <p role="status">{t('accConfirming', {}, locale)}</p>
      ) : (
        <p class={outcome.ok ? 'notice' : 'error-summary'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
      {outcome !== undefined && !toSite && <AccountLinks locale={locale} loggedIn={loggedIn} />}
      {outcome !== undefined && toSite && (
        <p>
          <a href={viewHref({ name: 'home' })} onClick={followLink(router)}>
            {t('accToSite', {}, locale)}
          </a>
        </p>
      )}
    </>
  );
}

/** The account pages a mailed link (or the login page's "forgot") leads to; none needs a login. */
export function AccountActionPage({ action, params, locale }: { action: AccountAction; params: Record<string, string>; locale: Locale }) {
  const token = params.token ?? '';
  const missing = action !== 'forgot' && token.length < 20;
  return (
    <div class="account-page narrow-page">
      {action === 'forgot' && <ForgotForm locale={locale} />}
      {missing && (
        <>
          <h1 class="page-title">{t(action === 'reset' ? 'accResetTitle' : action === 'follow' ? 'accFollowTitle' : 'accConfirmTitle', {}, locale)}</h1>
          <p class="error-summary" role="alert">
            {t('accLinkMissing', {}, locale)}
          </p>
        </>
      )}
      {!missing && action === 'reset' && <ResetForm token={token} locale={locale} />}
      {!missing && action === 'confirm' && <ConfirmLink token={token} path="/api/v1/auth/confirm-email" title="accConfirmTitle" done={() => t('accConfirmed', {}, locale)} locale={locale} />}
      {!missing && action === 'confirm-email-change' && (
        <ConfirmLink token={token} path="/api/v1/auth/confirm-email-change" title="accEmailChangedTitle" done={(account) => t('accEmailChanged', { email: account.email }, locale)} locale={locale} />
      )}
      {!missing && action === 'follow' && (
        <ConfirmLink<EmailFollowConfirmed>
          token={token}
          path="/api/v1/follows/email/confirm"
          title="accFollowTitle"
          toSite
          done={(answer) => t('accFollowDone', { labels: answer.items.map((item) => item.label).join(', ') }, locale)}
          locale={locale}
        />
      )}
    </div>
  );
}
