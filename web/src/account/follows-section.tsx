import type { Locale } from '@constellation/shared';
import { useState } from 'preact/hooks';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { useFollows } from './follows.ts';

const KIND_LABEL = { actor: 'followKindActor', discipline: 'followKindDiscipline', commune: 'followKindCommune' } as const;

/** The account page's list of what it follows, each with a way to stop. */
export function FollowsSection({ locale, digest }: { locale: Locale; digest: boolean }) {
  const session = useSession();
  const router = useRouter();
  const follows = useFollows(session);
  const [status, setStatus] = useState('');
  const stop = async (kind: 'actor' | 'discipline' | 'commune', target: string, label: string) => {
    try {
      await follows.unfollow(kind, target);
      setStatus(t('followStopped', { label }, locale));
    } catch {
      setStatus(t('followFailed', {}, locale));
    }
  };
  return (
    <section aria-labelledby="follows-title" class="account-section" id="follows">
      <h2 id="follows-title">{t('followMineTitle', {}, locale)}</h2>
      <p>{t(digest ? 'followMineIntro' : 'followMineDigestOff', {}, locale)}</p>
      {follows.items === undefined ? (
        <p role="status">{t('loading', {}, locale)}</p>
      ) : follows.items.length === 0 ? (
        <p class="muted">{t('followMineNone', {}, locale)}</p>
      ) : (
        <ul class="session-list">
          {follows.items.map((item) => (
            <li key={`${item.kind}:${item.target}`}>
              <strong>
                {item.kind === 'actor' && item.slug !== undefined ? (
                  <a href={viewHref({ name: 'content', type: 'actor', slug: item.slug })} onClick={followLink(router)}>
                    {item.label}
                  </a>
                ) : (
                  item.label
                )}
              </strong>{' '}
              <span class="muted">· {t(KIND_LABEL[item.kind], {}, locale)}</span>
              <br />
              <button type="button" class="link-button" onClick={() => void stop(item.kind, item.target, item.label)}>
                {t('followStop', {}, locale)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status">{status}</p>
    </section>
  );
}
