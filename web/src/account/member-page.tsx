import '../i18n/strings-contribute.ts';
import { useEffect } from 'preact/hooks';
import { disciplines, isHttpUrl, regions, type Locale, type MemberProfileView } from '@constellation/shared';
import { Markdown } from '../components/markdown.tsx';
import { useFetch } from '../components/use-fetch.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';

export function MemberPage({ id, locale }: { id: string; locale: Locale }) {
  const session = useSession();
  const [state] = useFetch(id, (signal) => session.request<MemberProfileView>('GET', `/api/v1/members/${encodeURIComponent(id)}`, { signal }));
  const name = state.status === 'done' ? state.value.displayName : undefined;
  useEffect(() => {
    if (name !== undefined) document.title = `${name} · ${document.title.split(' · ').pop() ?? ''}`;
  }, [name]);

  if (state.status === 'loading') return <p role="status">{t('loading', {}, locale)}</p>;
  if (state.status === 'failed') {
    return (
      <div>
        <h1 class="page-title">{t('contribMembersTitle', {}, locale)}</h1>
        <p>{state.code === 404 ? t('contribMemberNotFound', {}, locale) : t('loadError', { message: state.message }, locale)}</p>
      </div>
    );
  }
  const member = state.value;
  const contact = member.contact ?? {};
  return (
    <article class="member-page narrow-page">
      <h1 class="page-title">{member.displayName}</h1>
      {member.headline !== undefined && <p class="summary">{member.headline}</p>}
      <p class="event-tags">
        {member.region !== undefined && <span class="tag">{regions.label(member.region, locale)}</span>}
        {(member.disciplines ?? []).map((value) => (
          <span class="tag" key={value}>
            {disciplines.label(value, locale)}
          </span>
        ))}
      </p>
      {member.skills !== undefined && member.skills.length > 0 && (
        <>
          <h2>{t('contribFieldSkills', {}, locale)}</h2>
          <ul>
            {member.skills.map((skill) => (
              <li key={skill}>{skill}</li>
            ))}
          </ul>
        </>
      )}
      {member.bio !== undefined && <Markdown source={member.bio} />}
      {contact.email === undefined && contact.phone === undefined && contact.website === undefined && <p class="hint">{t('contribMemberNoContact', {}, locale)}</p>}
      {(contact.email !== undefined || contact.phone !== undefined || contact.website !== undefined) && (
        <>
          <h2>{t('contribMemberContact', {}, locale)}</h2>
          <ul>
            {contact.email !== undefined && (
              <li>
                <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </li>
            )}
            {contact.phone !== undefined && <li>{contact.phone}</li>}
            {contact.website !== undefined && isHttpUrl(contact.website) && (
              <li>
                <a href={contact.website} rel="nofollow ugc noopener">
                  {contact.website}
                </a>
              </li>
            )}
          </ul>
        </>
      )}
    </article>
  );
}
