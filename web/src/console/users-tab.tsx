/**
 * Accounts and roles (admins): search accounts by name or email and filter by role (kept
 * in the URL), change an account's role, and let an account act for an actor.
 */
import '../i18n/strings-console.ts';
import { roles, type Locale, type Role } from '@constellation/shared';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/locale.ts';
import { useSession } from '../session/session.ts';
import { useRouter } from '../state/router.ts';
import { viewHref } from '../state/url-state.ts';
import { userFilters, type ListPage, type UserItem } from './console-api.ts';
import { describedBy, Field } from './console-form.tsx';
import { dateTime } from './format.ts';
import { useActors, type ActorChoice } from './use-actors.ts';
import { usePagedList } from '../components/use-paged-list.ts';

function messageOf(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

function UserSearch({ params, locale }: { params: Record<string, string>; locale: Locale }) {
  const router = useRouter();
  const filters = userFilters(params);
  const [q, setQ] = useState(filters.q ?? '');
  const [role, setRole] = useState<string>(filters.role ?? '');
  return (
    <form
      class="console-filters"
      role="search"
      aria-label={t('consoleUsersSearch', {}, locale)}
      onSubmit={(event) => {
        event.preventDefault();
        router.go(viewHref({ name: 'console', tab: 'users', params: { q: q.trim(), role } }));
      }}
    >
      <div class="console-field">
        <label for="users-q">{t('consoleUsersQuery', {}, locale)}</label>
        <input id="users-q" type="search" maxLength={200} value={q} onInput={(event) => setQ(event.currentTarget.value)} />
      </div>
      <div class="console-field">
        <label for="users-role">{t('consoleUsersRole', {}, locale)}</label>
        <select id="users-role" value={role} onChange={(event) => setRole(event.currentTarget.value)}>
          <option value="">{t('consoleUsersAllRoles', {}, locale)}</option>
          {roles.values.map((value) => (
            <option key={value} value={value}>
              {roles.label(value, locale)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t('consoleFilter', {}, locale)}</button>
    </form>
  );
}

function UserRow({ user, locale, me, onChange }: { user: UserItem; locale: Locale; me: boolean; onChange: (role: Role) => Promise<void> }) {
  const [role, setRole] = useState<Role>(user.role);
  const [busy, setBusy] = useState(false);
  const selectId = `role-${user.id}`;
  return (
    <li class="console-item">
      <h3 class="console-item-title">{user.displayName}</h3>
      <dl class="console-meta">
        <div>
          <dt>{t('consoleUsersEmail', {}, locale)}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t('consoleUsersRole', {}, locale)}</dt>
          <dd>{roles.label(user.role, locale)}</dd>
        </div>
        <div>
          <dt>{t('consoleUsersActors', {}, locale)}</dt>
          <dd>{user.actorIds.length}</dd>
        </div>
        <div>
          <dt>{t('consoleUsersSince', {}, locale)}</dt>
          <dd>
            <time dateTime={user.createdAt}>{dateTime(user.createdAt, locale)}</time>
          </dd>
        </div>
      </dl>
      <form
        class="console-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          void onChange(role).finally(() => setBusy(false));
        }}
      >
        <label for={selectId}>{t('consoleUsersRoleOf', { name: user.displayName }, locale)}</label>
        <select id={selectId} value={role} onChange={(event) => setRole(event.currentTarget.value as Role)}>
          {roles.values.map((value) => (
            <option key={value} value={value}>
              {roles.label(value, locale)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy || role === user.role}>
          {t('consoleUsersChangeRole', {}, locale)}
          <span class="visually-hidden"> ({user.displayName})</span>
        </button>
        {me ? <p class="console-hint">{t('consoleUsersYou', {}, locale)}</p> : null}
      </form>
    </li>
  );
}

function AddMember({ actors, locale, onAdded }: { actors: ActorChoice[]; locale: Locale; onAdded: (account: UserItem, actor: ActorChoice) => void }) {
  const session = useSession();
  const [actorId, setActorId] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<{ actor: string[]; email: string[]; form?: string }>({ actor: [], email: [] });
  const [busy, setBusy] = useState(false);

  async function add(event: Event): Promise<void> {
    event.preventDefault();
    const actor = actors.find((choice) => choice.id === actorId);
    const missing = { actor: actor === undefined ? [t('consoleMembersChooseActor', {}, locale)] : [], email: email.trim() === '' ? [t('consoleMembersGiveEmail', {}, locale)] : [] };
    if (actor === undefined || missing.email.length > 0) {
      setErrors(missing);
      document.getElementById(actor === undefined ? 'member-actor' : 'member-email')?.focus();
      return;
    }
    setBusy(true);
    try {
      const account = await session.request<UserItem>('POST', `/api/v1/admin/actors/${encodeURIComponent(actor.id)}/members`, { body: { email: email.trim() } });
      setErrors({ actor: [], email: [] });
      setEmail('');
      onAdded(account, actor);
    } catch (failure) {
      // The hub answers 404 with field "email" for an address no account has.
      const onEmail = failure instanceof ApiError && (failure.field === 'email' || failure.status === 404 || failure.issues.some((issue) => issue.field === 'email'));
      setErrors(onEmail ? { actor: [], email: [failure.status === 404 ? t('consoleMembersNoAccount', {}, locale) : messageOf(failure)] } : { actor: [], email: [], form: messageOf(failure) });
      if (onEmail) document.getElementById('member-email')?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="console-form" noValidate onSubmit={(event) => void add(event)} aria-labelledby="add-member-title">
      <h2 id="add-member-title" class="console-section-title">
        {t('consoleMembersTitle', {}, locale)}
      </h2>
      <p class="console-hint">{t('consoleMembersHint', {}, locale)}</p>
      {errors.form === undefined ? null : (
        <p class="error" role="alert">
          {t('consoleActionFailed', { message: errors.form }, locale)}
        </p>
      )}
      <Field inputId="member-actor" label={t('consoleActor', {}, locale)} required errors={errors.actor} locale={locale}>
        <select id="member-actor" required value={actorId} onChange={(event) => setActorId(event.currentTarget.value)} {...describedBy('member-actor', false, errors.actor)}>
          <option value="">{t('consoleMembersPickActor', {}, locale)}</option>
          {actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.name}
            </option>
          ))}
        </select>
      </Field>
      <Field inputId="member-email" label={t('consoleMembersEmail', {}, locale)} required errors={errors.email} locale={locale}>
        <input id="member-email" type="email" required autocomplete="off" value={email} onInput={(event) => setEmail(event.currentTarget.value)} {...describedBy('member-email', false, errors.email)} />
      </Field>
      <div class="console-actions">
        <button type="submit" disabled={busy}>
          {t('consoleMembersAdd', {}, locale)}
        </button>
      </div>
    </form>
  );
}

export function UsersTab({ params, locale, announce }: { params: Record<string, string>; locale: Locale; announce: (message: string) => void }) {
  const session = useSession();
  const actors = useActors();
  const filters = userFilters(params);
  const key = JSON.stringify(filters);
  const list = usePagedList<UserItem>(key, (cursor, signal) => session.request<ListPage<UserItem>>('GET', '/api/v1/admin/users', { query: { ...filters, cursor }, signal }));
  const [error, setError] = useState<string | undefined>(undefined);
  const me = session.account.value?.id;

  const replace = (account: UserItem) => list.update((items) => items.map((item) => (item.id === account.id ? account : item)));

  async function changeRole(user: UserItem, role: Role): Promise<void> {
    setError(undefined);
    try {
      const account = await session.request<UserItem>('PUT', `/api/v1/admin/users/${encodeURIComponent(user.id)}/role`, { body: { role } });
      replace(account);
      announce(t('consoleUsersRoleChanged', { name: account.displayName, role: roles.label(account.role, locale) }, locale));
      if (account.id === me) await session.reload();
    } catch (failure) {
      const message = t('consoleActionFailed', { message: messageOf(failure) }, locale);
      setError(message);
      announce(message);
    }
  }

  return (
    <div>
      <UserSearch key={key} params={params} locale={locale} />
      <h2 class="console-section-title">{t('consoleUsersHeading', {}, locale)}</h2>
      {list.status === 'loading' ? <p role="status">{t('loading', {}, locale)}</p> : null}
      {list.status === 'failed' ? (
        <p class="error" role="alert">
          {t('loadError', { message: list.error?.message ?? '' }, locale)}{' '}
          <button type="button" onClick={list.reload}>
            {t('retry', {}, locale)}
          </button>
        </p>
      ) : null}
      {error === undefined ? null : (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {list.status === 'done' && list.items.length === 0 ? <p class="empty">{t('consoleUsersEmpty', {}, locale)}</p> : null}
      <ul class="console-list">
        {list.items.map((user) => (
          <UserRow key={`${user.id}-${user.role}`} user={user} me={user.id === me} locale={locale} onChange={(role) => changeRole(user, role)} />
        ))}
      </ul>
      {list.next !== null ? (
        <button type="button" class="load-more" disabled={list.loadingMore} onClick={list.loadMore}>
          {t('consoleLoadMore', {}, locale)}
        </button>
      ) : null}
      <AddMember
        actors={actors}
        locale={locale}
        onAdded={(account, actor) => {
          replace(account);
          announce(t('consoleMembersAdded', { name: account.displayName, actor: actor.name }, locale));
        }}
      />
    </div>
  );
}
