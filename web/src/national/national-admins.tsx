/**
 * The national console's "Administrateurs" tab (`/admin/administrateurs`): who else runs
 * the national site. An admin adds one with an initial password (given to them by a safe
 * channel) and removes one; never themselves (another admin can), so the last one stays.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import { ErrorSummary, Field, describedBy, type FieldError } from '../console/console-form.tsx';
import { dateTime } from '../console/format.ts';
import { t } from '../i18n/locale.ts';
import type { AdminSession } from './admin-session.ts';

/** One admin (aggregator/src/routes/admin.ts). */
export interface NationalAdmin {
  id: string;
  email: string;
  createdAt: string;
  you: boolean;
}

const PASSWORD_MIN = 12;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function AddAdminForm({ session, locale, added }: { session: AdminSession; locale: Locale; added: (admin: NationalAdmin) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const emailLabel = t('nationalEmail', {}, locale);
  const passwordLabel = t('naPassword', {}, locale);

  const refuse = (found: FieldError[]) => {
    setErrors(found);
    setAttempt((count) => count + 1);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!EMAIL.test(email.trim())) found.push({ inputId: 'na-email', label: emailLabel, message: t('naEmailInvalid', {}, locale) });
    if (password.length < PASSWORD_MIN) found.push({ inputId: 'na-password', label: passwordLabel, message: t('naPasswordShort', { min: PASSWORD_MIN }, locale) });
    if (found.length > 0) return refuse(found);
    setBusy(true);
    try {
      added(await session.request<NationalAdmin>('POST', '/api/v1/admin/admins', { body: { email: email.trim(), password } }));
      setEmail('');
      setPassword('');
      setErrors([]);
    } catch (error) {
      if (error instanceof ApiError && error.field === 'email') refuse([{ inputId: 'na-email', label: emailLabel, message: t(error.status === 409 ? 'naEmailTaken' : 'naEmailInvalid', {}, locale) }]);
      else if (error instanceof ApiError && error.field === 'password') refuse([{ inputId: 'na-password', label: passwordLabel, message: t('naPasswordShort', { min: PASSWORD_MIN }, locale) }]);
      else refuse([{ inputId: '', label: '', message: t('nationalFailed', { message: error instanceof Error ? error.message : String(error) }, locale) }]);
    } finally {
      setBusy(false);
    }
  };

  const errorsOf = (inputId: string) => errors.filter((error) => error.inputId === inputId).map((error) => error.message);
  return (
    <section class="national-add" aria-labelledby="na-add-heading">
      <h2 id="na-add-heading" class="console-section-title">
        {t('naAddHeading', {}, locale)}
      </h2>
      <ErrorSummary errors={errors} attempt={attempt} locale={locale} />
      <form class="national-add-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field inputId="na-email" label={emailLabel} required errors={errorsOf('na-email')} locale={locale}>
          <input id="na-email" type="email" autoComplete="off" value={email} onInput={(event) => setEmail(event.currentTarget.value)} {...describedBy('na-email', false, errorsOf('na-email'))} />
        </Field>
        <Field inputId="na-password" label={passwordLabel} required hint={t('naPasswordHint', { min: PASSWORD_MIN }, locale)} errors={errorsOf('na-password')} locale={locale}>
          <input id="na-password" type="password" autoComplete="new-password" value={password} onInput={(event) => setPassword(event.currentTarget.value)} {...describedBy('na-password', true, errorsOf('na-password'))} />
        </Field>
        <div class="console-actions">
          <button type="submit" class="console-primary" disabled={busy}>
            {t('naAdd', {}, locale)}
          </button>
        </div>
      </form>
    </section>
  );
}

export function NationalAdmins({ session, locale, announce }: { session: AdminSession; locale: Locale; announce: (text: string) => void }) {
  const [admins, setAdmins] = useState<NationalAdmin[] | undefined>(undefined);
  const [error, setError] = useState('');
  const [asking, setAsking] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    session
      .request<{ items: NationalAdmin[] }>('GET', '/api/v1/admin/admins', { signal: controller.signal })
      .then((answer) => {
        setAdmins(answer.items);
        setError('');
      })
      .catch((failed: unknown) => {
        if (!controller.signal.aborted) setError(t('loadError', { message: failed instanceof Error ? failed.message : String(failed) }, locale));
      });
    return () => controller.abort();
  }, [version]);

  const remove = async (admin: NationalAdmin) => {
    setBusy(true);
    try {
      await session.request('DELETE', `/api/v1/admin/admins/${encodeURIComponent(admin.id)}`);
      announce(t('naRemoved', { email: admin.email }, locale));
      setAsking(undefined);
      setVersion((count) => count + 1);
      requestAnimationFrame(() => heading.current?.focus());
    } catch (failed) {
      setError(t('nationalFailed', { message: failed instanceof Error ? failed.message : String(failed) }, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section aria-labelledby="na-list-heading">
        <h2 id="na-list-heading" class="console-section-title" tabIndex={-1} ref={heading}>
          {t('naListHeading', { count: admins?.length ?? 0 }, locale)}
        </h2>
        {error === '' ? null : (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {admins === undefined && error === '' ? <p role="status">{t('loading', {}, locale)}</p> : null}
        {admins === undefined ? null : (
          <ul class="na-list">
            {admins.map((admin) => (
              <li key={admin.id} class="na-admin">
                <p class="na-email">
                  {admin.email}
                  {admin.you ? <span class="na-you"> {t('naYou', {}, locale)}</span> : null}
                </p>
                <p class="console-meta-line">{t('naSince', { when: dateTime(admin.createdAt, locale) }, locale)}</p>
                {admin.you ? null : asking === admin.id ? (
                  <div class="console-reason national-inline" role="group" aria-label={t('naRemoveLabel', { email: admin.email }, locale)}>
                    <p>{t('naRemoveQuestion', { email: admin.email }, locale)}</p>
                    <div class="console-actions">
                      <button type="button" class="console-danger" disabled={busy} onClick={() => void remove(admin)}>
                        {t('naRemoveConfirm', {}, locale)}
                      </button>
                      <button type="button" onClick={() => setAsking(undefined)}>
                        {t('nationalCancel', {}, locale)}
                      </button>
                    </div>
                  </div>
                ) : (
                  <div class="console-actions">
                    <button type="button" aria-label={t('naRemoveLabel', { email: admin.email }, locale)} onClick={() => setAsking(admin.id)}>
                      {t('naRemove', {}, locale)}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        <p class="console-hint">{t('naSelfHint', {}, locale)}</p>
      </section>
      <AddAdminForm
        session={session}
        locale={locale}
        added={(admin) => {
          announce(t('naAdded', { email: admin.email }, locale));
          setVersion((count) => count + 1);
        }}
      />
    </>
  );
}
