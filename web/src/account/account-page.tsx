import '../i18n/strings-contribute.ts';
import { useEffect, useState } from 'preact/hooks';
import { roles, type Locale, type OwnProfileView } from '@constellation/shared';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession, type Account } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { errorsByAnchor, placeIssues, type PlacedIssue } from '../contribute/field-errors.ts';
import { ErrorSummary, RequiredLegend } from '../contribute/form-fields.tsx';
import { emptyValues, fieldPaths, inputToValues, valuesToInput, type FormValues } from '../contribute/form-spec.ts';
import { SpecField } from '../contribute/spec-fields.tsx';
import { PROFILE_FIELDS } from './profile-spec.ts';
import { AccountSettings, UnconfirmedNotice } from './account-settings.tsx';

/** The form's values for my saved profile, or a fresh one named after my account (listed by default, as the hub does). */
export function profileValues(account: Account, profile: OwnProfileView | undefined): FormValues {
  if (profile === undefined) return { ...emptyValues(PROFILE_FIELDS), displayName: account.displayName, listed: true };
  return { ...inputToValues(PROFILE_FIELDS, profile as unknown as Record<string, unknown>), listed: profile.listed };
}

function ProfileForm({ account, locale }: { account: Account; locale: Locale }) {
  const session = useSession();
  const [values, setValues] = useState<FormValues | undefined>(undefined);
  const [issues, setIssues] = useState<PlacedIssue[]>([]);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    session.request<OwnProfileView>('GET', '/api/v1/me/profile', { signal: controller.signal }).then(
      (profile) => setValues(profileValues(account, profile)),
      () => {
        // 404: no profile yet.
        if (!controller.signal.aborted) setValues(profileValues(account, undefined));
      },
    );
    return () => controller.abort();
  }, [account.id]);

  if (values === undefined) return <p role="status">{t('loading', {}, locale)}</p>;
  const errors = errorsByAnchor(issues);
  const labelOf = (anchor: string) => {
    const spec = PROFILE_FIELDS.find((field) => anchor === field.name || anchor.startsWith(`${field.name}.`));
    return spec === undefined ? '' : t(spec.label, {}, locale);
  };
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    setMessage(undefined);
    try {
      await session.request('PUT', '/api/v1/me/profile', { body: valuesToInput(PROFILE_FIELDS, values) });
      setIssues([]);
      setSaved(true);
      await session.reload();
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) setIssues(placeIssues(error.issues, fieldPaths(PROFILE_FIELDS, values)));
      else setMessage(t('contribFormError', { message: error instanceof Error ? error.message : String(error) }, locale));
      setAttempt((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };
  const env = { locale, config: { mode: 'regional' as const }, actors: [], errors };
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{t('contribProfileTitle', {}, locale)}</h2>
      <p class="intro">{t('contribProfileIntro', {}, locale)}</p>
      <RequiredLegend locale={locale} />
      <ErrorSummary items={issues.map((issue) => ({ anchor: issue.anchor, label: labelOf(issue.anchor), message: issue.message }))} message={message} locale={locale} attempt={attempt} />
      <form class="stack-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        {PROFILE_FIELDS.map((spec) => (
          <SpecField key={spec.name} spec={spec} value={values[spec.name]} onChange={(value) => setValues({ ...values, [spec.name]: value })} env={env} />
        ))}
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('contribProfileSave', {}, locale)}
          </button>
          <p role="status" class="form-status">
            {saved ? t('contribProfileSaved', {}, locale) : ''}
          </p>
        </div>
      </form>
    </section>
  );
}

export function AccountPage({ locale }: { locale: Locale }) {
  const session = useSession();
  const router = useRouter();
  const account = session.account.value;
  if (account === null || account === undefined) return null;
  return (
    <div class="account-page narrow-page">
      <h1 class="page-title">{t('contribAccountTitle', {}, locale)}</h1>
      <UnconfirmedNotice account={account} locale={locale} />
      <p>{t('contribWhoAmI', { name: account.displayName, email: account.email }, locale)}</p>
      <p>{t('contribRole', { role: roles.label(account.role, locale) }, locale)}</p>
      <ul class="link-list">
        {session.can('contributor') && (
          <li>
            <a href={viewHref({ name: 'contribute', params: {} })} onClick={followLink(router)}>
              {t('contribMyContributions', {}, locale)}
            </a>
          </li>
        )}
        <li>
          <a href={viewHref({ name: 'members', params: {} })} onClick={followLink(router)}>
            {t('contribMemberDirectory', {}, locale)}
          </a>
        </li>
      </ul>
      <ProfileForm account={account} locale={locale} key={account.id} />
      <AccountSettings account={account} locale={locale} />
    </div>
  );
}
