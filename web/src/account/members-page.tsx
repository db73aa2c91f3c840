import '../i18n/strings-membership.ts';
import '../i18n/strings-contribute.ts';
import { useEffect, useState } from 'preact/hooks';
import { disciplines, regions, type Locale, type MemberProfileView } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { followLink, useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';

interface MemberPage {
  items: MemberProfileView[];
  next: string | null;
}

/** The directory's query from the page's own parameters: only what the API knows, trimmed. */
export function membersQuery(params: Record<string, string>): Record<string, string> {
  const query: Record<string, string> = {};
  const q = params.q?.trim();
  if (q !== undefined && q !== '') query.q = q.slice(0, 100);
  if (params.discipline !== undefined && disciplines.has(params.discipline)) query.discipline = params.discipline;
  return query;
}

/**
 * What an account that is not let into the network reads above the directory: why it sees
 * no contact details, and the button that asks to join (moderators decide, by mail).
 */
function MembershipNotice({ locale }: { locale: Locale }) {
  const session = useSession();
  const account = session.account.value;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  // Moderators and people acting for an actor are let in without asking.
  if (account === null || account === undefined || account.membership === 'approved' || account.actorIds.length > 0 || session.can('moderator')) return null;
  if (account.membership === 'requested') {
    return (
      <p class="notice membership-notice" role="status">
        {t('memberRequested', {}, locale)}
      </p>
    );
  }
  const ask = () => {
    setBusy(true);
    session.request('POST', '/api/v1/me/membership').then(
      () => session.reload(),
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    ).finally(() => setBusy(false));
  };
  return (
    <div class="notice membership-notice">
      <p>{t('memberNone', {}, locale)}</p>
      <button type="button" disabled={busy} onClick={ask}>
        {t('memberAsk', {}, locale)}
      </button>
      {failure === undefined ? null : (
        <p class="error" role="alert">
          {t('loadError', { message: failure }, locale)}
        </p>
      )}
    </div>
  );
}

export function MembersPage({ params, locale }: { params: Record<string, string>; locale: Locale }) {
  const session = useSession();
  const router = useRouter();
  const query = membersQuery(params);
  const key = JSON.stringify(query);
  const [q, setQ] = useState(query.q ?? '');
  const [discipline, setDiscipline] = useState(query.discipline ?? '');
  const [items, setItems] = useState<MemberProfileView[] | undefined>(undefined);
  const [next, setNext] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | undefined>(undefined);

  const load = (cursor: string | undefined, signal?: AbortSignal) =>
    session.request<MemberPage>('GET', '/api/v1/members', { query: { ...query, cursor }, ...(signal === undefined ? {} : { signal }) }).then(
      (page) => {
        setItems((current) => (cursor === undefined ? page.items : [...(current ?? []), ...page.items]));
        setNext(page.next);
        setFailure(undefined);
      },
      (error: unknown) => {
        if (signal?.aborted !== true) setFailure(error instanceof Error ? error.message : String(error));
      },
    );

  useEffect(() => {
    const controller = new AbortController();
    setItems(undefined);
    void load(undefined, controller.signal);
    return () => controller.abort();
  }, [key]);

  const onSearch = (event: Event) => {
    event.preventDefault();
    router.navigate({ view: { name: 'members', params: membersQuery({ q, discipline }) }, filters: router.state.value.filters });
  };

  return (
    <div class="members-page">
      <h1 class="page-title">{t('contribMembersTitle', {}, locale)}</h1>
      <MembershipNotice locale={locale} />
      <form class="inline-form" role="search" onSubmit={onSearch}>
        <div class="field">
          <label for="members-q">{t('contribMembersSearch', {}, locale)}</label>
          <input id="members-q" type="search" value={q} maxLength={100} onInput={(event) => setQ(event.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="members-discipline">{t('contribFieldDisciplines', {}, locale)}</label>
          <select id="members-discipline" value={discipline} onChange={(event) => setDiscipline(event.currentTarget.value)}>
            <option value="">{t('contribMembersAll', {}, locale)}</option>
            {disciplines.values.map((value) => (
              <option key={value} value={value}>
                {disciplines.label(value, locale)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('contribSearchButton', {}, locale)}</button>
      </form>
      {failure !== undefined && (
        <p class="error" role="alert">
          {t('loadError', { message: failure }, locale)}
        </p>
      )}
      {items === undefined && failure === undefined && <p role="status">{t('loading', {}, locale)}</p>}
      {items !== undefined && items.length === 0 && <p class="empty">{t('contribMembersNone', {}, locale)}</p>}
      {items !== undefined && items.length > 0 && (
        <ul class="member-list">
          {items.map((member) => (
            <li key={member.userId} class="member-card">
              <h2 class="member-name">
                <a href={viewHref({ name: 'member', id: member.userId })} onClick={followLink(router)}>
                  {member.displayName}
                </a>
              </h2>
              {member.headline !== undefined && <p>{member.headline}</p>}
              <p class="event-tags">
                {member.region !== undefined && <span class="tag">{regions.label(member.region, locale)}</span>}
                {(member.disciplines ?? []).map((value) => (
                  <span class="tag" key={value}>
                    {disciplines.label(value, locale)}
                  </span>
                ))}
                {(member.skills ?? []).map((skill) => (
                  <span class="tag" key={skill}>
                    {skill}
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      )}
      {next !== null && (
        <button type="button" class="load-more" onClick={() => void load(next)}>
          {t('contribMembersMore', {}, locale)}
        </button>
      )}
    </div>
  );
}
