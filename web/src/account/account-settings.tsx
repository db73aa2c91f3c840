import { useEffect, useState } from 'preact/hooks';
import { FollowsSection } from './follows-section.tsx';
import type { Locale, MailPreferences, SessionView } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession, type Account } from '../session/session.ts';
import { useRouter } from '../state/router.ts';
import { ErrorSummary, FieldRow } from '../contribute/form-fields.tsx';
import { actionFailure } from './account-action-page.tsx';

const dateTime = (iso: string, locale: Locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

function failureText(error: unknown, locale: Locale): string {
  if (error instanceof ApiError && error.field === 'password') return t('accWrongPassword', {}, locale);
  return actionFailure(error, locale);
}

/** Said until the address is confirmed, with a button to send the link again. */
export function UnconfirmedNotice({ account, locale }: { account: Account; locale: Locale }) {
  const session = useSession();
  const [sent, setSent] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  if (account.emailConfirmed) return null;
  const resend = async () => {
    setBusy(true);
    try {
      await session.request('POST', '/api/v1/me/confirmation');
      setSent(t('accResent', { email: account.email }, locale));
    } catch (error) {
      setSent(actionFailure(error, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="notice notice-warning unconfirmed-notice">
      <p>{t('accUnconfirmed', {}, locale)}</p>
      <p>
        <button type="button" onClick={() => void resend()} disabled={busy}>
          {t('accResend', {}, locale)}
        </button>{' '}
        <span role="status">{sent ?? ''}</span>
      </p>
    </div>
  );
}

function AddressSection({ account, locale }: { account: Account; locale: Locale }) {
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    setStatus(undefined);
    try {
      await session.request('POST', '/api/v1/me/email', { body: { email: email.trim(), password } });
      setStatus(t('accChangeEmailSent', { email: email.trim() }, locale));
      setPassword('');
      await session.reload();
    } catch (error) {
      setFailure(error instanceof ApiError && error.issues.length > 0 ? (error.issues[0]?.message ?? error.message) : failureText(error, locale));
      setAttempt((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="address-title" class="account-section">
      <h2 id="address-title">{t('accAddressTitle', {}, locale)}</h2>
      <p>{t('accAddressCurrent', { email: account.email }, locale)}</p>
      {account.pendingEmail !== undefined && <p class="notice">{t('accAddressPending', { email: account.pendingEmail }, locale)}</p>}
      <ErrorSummary items={[]} message={failure} locale={locale} attempt={attempt} />
      <form method="post" class="stack-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <FieldRow path="newEmail" label={t('accNewEmail', {}, locale)} locale={locale} required>
          {(attributes) => <input {...attributes} type="email" name="newEmail" autoComplete="email" value={email} onInput={(event) => setEmail(event.currentTarget.value)} />}
        </FieldRow>
        <FieldRow path="emailPassword" label={t('accCurrentPassword', {}, locale)} locale={locale} required>
          {(attributes) => <input {...attributes} type="password" name="emailPassword" autoComplete="current-password" value={password} onInput={(event) => setPassword(event.currentTarget.value)} />}
        </FieldRow>
        <div class="form-actions">
          <button type="submit" disabled={busy}>
            {t('accChangeEmailSubmit', {}, locale)}
          </button>
          <p role="status" class="form-status">
            {status ?? ''}
          </p>
        </div>
      </form>
    </section>
  );
}

function MailSection({ account, locale }: { account: Account; locale: Locale }) {
  const session = useSession();
  const [prefs, setPrefs] = useState<MailPreferences>({ locale: account.locale, notifyPending: account.notifyPending, notifyDecisions: account.notifyDecisions, notifyReports: account.notifyReports, notifyFollows: account.notifyFollows });
  const [status, setStatus] = useState('');
  const moderator = session.can('moderator');
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setStatus('');
    try {
      await session.request('PUT', '/api/v1/me/preferences', { body: prefs });
      await session.reload();
      setStatus(t('accMailSaved', {}, locale));
    } catch (error) {
      setStatus(actionFailure(error, locale));
    }
  };
  return (
    <section aria-labelledby="mail-title" class="account-section">
      <h2 id="mail-title">{t('accMailTitle', {}, locale)}</h2>
      <form class="stack-form" onSubmit={(event) => void onSubmit(event)}>
        <FieldRow path="mailLocale" label={t('accMailLanguage', {}, locale)} locale={locale}>
          {(attributes) => (
            <select {...attributes} value={prefs.locale} onChange={(event) => setPrefs({ ...prefs, locale: event.currentTarget.value === 'en' ? 'en' : 'fr' })}>
              <option value="fr" lang="fr">
                Français
              </option>
              <option value="en" lang="en">
                English
              </option>
            </select>
          )}
        </FieldRow>
        <label class="checkbox-label">
          <input type="checkbox" checked={prefs.notifyDecisions} onChange={(event) => setPrefs({ ...prefs, notifyDecisions: event.currentTarget.checked })} /> {t('accNotifyDecisions', {}, locale)}
        </label>
        {account.actorIds.length > 0 && (
          <label class="checkbox-label">
            <input type="checkbox" checked={prefs.notifyReports !== false} onChange={(event) => setPrefs({ ...prefs, notifyReports: event.currentTarget.checked })} /> {t('accNotifyReports', {}, locale)}
          </label>
        )}
        <label class="checkbox-label">
          <input type="checkbox" checked={prefs.notifyFollows !== false} onChange={(event) => setPrefs({ ...prefs, notifyFollows: event.currentTarget.checked })} /> {t('accNotifyFollows', {}, locale)}
        </label>
        {moderator && (
          <fieldset class="radio-group">
            <legend>{t('accNotifyPending', {}, locale)}</legend>
            {(['each', 'digest', 'off'] as const).map((choice) => (
              <label key={choice} class="checkbox-label">
                <input type="radio" name="notifyPending" value={choice} checked={prefs.notifyPending === choice} onChange={() => setPrefs({ ...prefs, notifyPending: choice })} />{' '}
                {t(choice === 'each' ? 'accNotifyEach' : choice === 'digest' ? 'accNotifyDigest' : 'accNotifyOff', {}, locale)}
              </label>
            ))}
          </fieldset>
        )}
        <div class="form-actions">
          <button type="submit">{t('accMailSave', {}, locale)}</button>
          <p role="status" class="form-status">
            {status}
          </p>
        </div>
      </form>
    </section>
  );
}

function SessionsSection({ locale }: { locale: Locale }) {
  const session = useSession();
  const [items, setItems] = useState<SessionView[] | undefined>(undefined);
  const [status, setStatus] = useState('');
  const load = () =>
    session.request<{ items: SessionView[] }>('GET', '/api/v1/me/sessions').then(
      (answer) => setItems(answer.items),
      (error: unknown) => setStatus(actionFailure(error, locale)),
    );
  useEffect(() => {
    void load();
  }, []);
  const end = async (id: string) => {
    try {
      await session.request('DELETE', `/api/v1/me/sessions/${encodeURIComponent(id)}`);
      setStatus(t('accSessionEnded', {}, locale));
      await load();
    } catch (error) {
      setStatus(actionFailure(error, locale));
    }
  };
  return (
    <section aria-labelledby="sessions-title" class="account-section">
      <h2 id="sessions-title">{t('accSessionsTitle', {}, locale)}</h2>
      <p>{t('accSessionsIntro', {}, locale)}</p>
      {items === undefined ? (
        <p role="status">{t('loading', {}, locale)}</p>
      ) : (
        <ul class="session-list">
          {items.map((item) => (
            <li key={item.id}>
              <strong>{item.current ? t('accSessionCurrent', {}, locale) : (item.userAgent ?? t('accSessionUnknown', {}, locale))}</strong>
              {item.current && item.userAgent !== null && <span class="session-agent"> ({item.userAgent})</span>}
              <br />
              <span class="muted">{t('accSessionSince', { date: dateTime(item.createdAt, locale), last: dateTime(item.lastUsedAt, locale) }, locale)}</span>
              {!item.current && (
                <>
                  <br />
                  <button type="button" class="link-button" onClick={() => void end(item.id)}>
                    {t('accSessionEnd', {}, locale)}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <p role="status">{status}</p>
    </section>
  );
}

function DataSection({ locale }: { locale: Locale }) {
  const session = useSession();
  const router = useRouter();
  const [password, setPassword] = useState('');
  const [sure, setSure] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState(false);
  const download = async () => {
    const data = await session.request<unknown>('GET', '/api/v1/me/export');
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'mon-compte.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const onDelete = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    try {
      await session.request('POST', '/api/v1/me/delete', { body: { password } });
      setDone(true);
      session.account.value = null;
      router.go('/');
    } catch (error) {
      setFailure(failureText(error, locale));
      setAttempt((count) => count + 1);
    }
  };
  return (
    <section aria-labelledby="data-title" class="account-section">
      <h2 id="data-title">{t('accDataTitle', {}, locale)}</h2>
      <p>
        <button type="button" onClick={() => void download()}>
          {t('accExport', {}, locale)}
        </button>
      </p>
      <h3>{t('accDeleteTitle', {}, locale)}</h3>
      <p>{t('accDeleteExplain', {}, locale)}</p>
      {done && <p role="status">{t('accDeleted', {}, locale)}</p>}
      <ErrorSummary items={[]} message={failure} locale={locale} attempt={attempt} />
      <form method="post" class="stack-form" onSubmit={(event) => void onDelete(event)} noValidate>
        <FieldRow path="deletePassword" label={t('accCurrentPassword', {}, locale)} locale={locale} required>
          {(attributes) => <input {...attributes} type="password" name="deletePassword" autoComplete="current-password" value={password} onInput={(event) => setPassword(event.currentTarget.value)} />}
        </FieldRow>
        <label class="checkbox-label">
          <input type="checkbox" checked={sure} onChange={(event) => setSure(event.currentTarget.checked)} /> {t('accDeleteConfirm', {}, locale)}
        </label>
        <div class="form-actions">
          <button type="submit" class="danger" disabled={!sure || password === ''}>
            {t('accDeleteSubmit', {}, locale)}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The account page's sections beyond the member profile. */
export function AccountSettings({ account, locale }: { account: Account; locale: Locale }) {
  return (
    <>
      <AddressSection account={account} locale={locale} />
      <MailSection account={account} locale={locale} key={`${account.locale}${account.notifyPending}${String(account.notifyDecisions)}${String(account.notifyReports)}${String(account.notifyFollows)}`} />
      <FollowsSection locale={locale} digest={account.notifyFollows} />
      <SessionsSection locale={locale} />
      <DataSection locale={locale} />
    </>
  );
}
