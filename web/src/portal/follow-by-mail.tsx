import type { Locale } from '@constellation/shared';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { ErrorSummary, FieldGroup, FieldRow, type SummaryItem } from '../contribute/form-fields.tsx';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import type { FollowChoice } from './follow-choice.ts';

const KIND_LABEL = { actor: 'followKindActor', discipline: 'followKindDiscipline', commune: 'followKindCommune' } as const;

/**
 * Following without an account (double opt-in): the visitor ticks what to follow and
 * gives an address; the hub mails a link, and nothing is sent before it is followed. The
 * answer is the same for every address, so the form says "if the address is valid".
 */
export function FollowByMail({ choices, locale }: { choices: FollowChoice[]; locale: Locale }) {
  const session = useSession();
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set(choices.length === 1 ? choices.map((choice) => `${choice.kind}:${choice.target}`) : []));
  const [errors, setErrors] = useState<{ email?: string; follows?: string }>({});
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    const chosen = choices.filter((choice) => ticked.has(`${choice.kind}:${choice.target}`));
    const found: { email?: string; follows?: string } = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = t('followMailEmailInvalid', {}, locale);
    if (chosen.length === 0) found.follows = t('followMailNone', {}, locale);
    setErrors(found);
    setAttempt((count) => count + 1);
    if (found.email !== undefined || found.follows !== undefined) return;
    setBusy(true);
    try {
      await session.request('POST', '/api/v1/follows/email', { body: { email: email.trim(), follows: chosen.map(({ kind, target }) => ({ kind, target })), lang: locale } });
      setSent(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) setFailure(t('accTooMany', {}, locale));
      else if (error instanceof ApiError && error.field === 'email') setErrors({ email: t('followMailEmailInvalid', {}, locale) });
      else setFailure(t('followFailed', {}, locale));
    } finally {
      setBusy(false);
    }
  };
  if (sent) {
    return (
      <p class="notice" role="status">
        {t('followMailSent', { email: email.trim() }, locale)}
      </p>
    );
  }
  const summary: SummaryItem[] = [
    ...(errors.follows === undefined ? [] : [{ anchor: 'follows', label: t('followMailWhat', {}, locale), message: errors.follows }]),
    ...(errors.email === undefined ? [] : [{ anchor: 'follow-email', label: t('followMailEmail', {}, locale), message: errors.email }]),
  ];
  return (
    <form class="stack-form follow-by-mail" onSubmit={(event) => void onSubmit(event)} noValidate>
      <h3>{t('followMailTitle', {}, locale)}</h3>
      <p class="hint">
        {t('followMailIntro', {}, locale)}{' '}
        <a href={viewHref({ name: 'site-page', slug: 'privacy' })} onClick={followLink(router)}>
          {t('followMailPrivacy', {}, locale)}
        </a>
      </p>
      <ErrorSummary items={summary} message={failure} locale={locale} attempt={attempt} />
      <FieldGroup path="follows" legend={t('followMailWhat', {}, locale)} locale={locale} required errors={errors.follows === undefined ? undefined : [errors.follows]}>
        {choices.map((choice) => {
          const key = `${choice.kind}:${choice.target}`;
          return (
            <label key={key} class="checkbox-label">
              <input
                type="checkbox"
                checked={ticked.has(key)}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setTicked((previous) => {
                    const next = new Set(previous);
                    if (checked) next.add(key);
                    else next.delete(key);
                    return next;
                  });
                }}
              />
              <span>
                {choice.label} <span class="muted">· {t(KIND_LABEL[choice.kind], {}, locale)}</span>
              </span>
            </label>
          );
        })}
      </FieldGroup>
      <FieldRow path="follow-email" label={t('followMailEmail', {}, locale)} locale={locale} required errors={errors.email === undefined ? undefined : [errors.email]}>
        {(attributes) => <input {...attributes} type="email" name="email" autoComplete="email" value={email} onInput={(event) => setEmail(event.currentTarget.value)} />}
      </FieldRow>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('followMailSubmit', {}, locale)}
        </button>
      </div>
    </form>
  );
}
