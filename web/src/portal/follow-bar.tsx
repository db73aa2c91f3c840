import type { Locale } from '@constellation/shared';
import { useState } from 'preact/hooks';
import { useFollows } from '../account/follows.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { FollowByMail } from './follow-by-mail.tsx';
import type { FollowChoice } from './follow-choice.ts';

export type { FollowChoice } from './follow-choice.ts';

/**
 * "Follow" buttons for what a page shows (its actor, disciplines, commune): each is a
 * toggle (aria-pressed). Following is opt-in; logged out, the bar links to the login
 * page (back here after) and offers to follow by e-mail alone, confirmed by a mailed link.
 */
export function FollowBar({ choices, locale }: { choices: FollowChoice[]; locale: Locale }) {
  const session = useSession();
  const router = useRouter();
  const follows = useFollows(session);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState<string | undefined>(undefined);
  if (choices.length === 0) return null;
  const loggedIn = session.account.value !== null && session.account.value !== undefined;
  if (!loggedIn) {
    const next = typeof window === 'undefined' ? undefined : `${window.location.pathname}${window.location.search}`;
    return (
      <section class="follow-bar no-print" aria-labelledby="follow-title">
        <h2 id="follow-title">{t('followTitle', {}, locale)}</h2>
        <p>
          {t('followLoggedOut', {}, locale)}{' '}
          <a href={viewHref({ name: 'login', params: next === undefined ? {} : { next } })} onClick={followLink(router)}>
            {t('followLogIn', {}, locale)}
          </a>
        </p>
        <FollowByMail choices={choices} locale={locale} />
      </section>
    );
  }
  const toggle = async (choice: FollowChoice, following: boolean) => {
    const key = `${choice.kind}:${choice.target}`;
    setBusy(key);
    setStatus('');
    try {
      if (following) await follows.unfollow(choice.kind, choice.target);
      else await follows.follow(choice.kind, choice.target);
      setStatus(t(following ? 'followStopped' : 'followStarted', { label: choice.label }, locale));
    } catch {
      setStatus(t('followFailed', {}, locale));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section class="follow-bar no-print" aria-labelledby="follow-title">
      <h2 id="follow-title">{t('followTitle', {}, locale)}</h2>
      <p class="hint">{t('followIntro', {}, locale)}</p>
      <ul class="follow-choices">
        {choices.map((choice) => {
          const key = `${choice.kind}:${choice.target}`;
          const following = follows.items?.some((item) => item.kind === choice.kind && item.target === choice.target) === true;
          return (
            <li key={key}>
              <button type="button" class={following ? 'follow-button following' : 'follow-button'} aria-pressed={following} disabled={follows.items === undefined || busy === key} onClick={() => void toggle(choice, following)}>
                <span aria-hidden="true">{following ? '✓ ' : '+ '}</span>
                {choice.label}
                <span class="follow-kind"> · {t(choice.kind === 'actor' ? 'followKindActor' : choice.kind === 'discipline' ? 'followKindDiscipline' : 'followKindCommune', {}, locale)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <p role="status" class="hint">
        {status}
      </p>
    </section>
  );
}
