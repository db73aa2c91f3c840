import { useEffect, useRef, useState } from 'preact/hooks';
import { useSession } from '../session/session.ts';
import type { ListPage, UserItem } from './console-api.ts';

/**
 * Names for the authors of queued content, as far as this account may know them: its own,
 * the accounts an admin can list (the newest hundred), and members with a public profile.
 * An author with none of these keeps its id on screen.
 */
export function useAuthorNames(ids: readonly string[]): ReadonlyMap<string, string> {
  const session = useSession();
  const known = useRef(new Map<string, string>());
  const asked = useRef(new Set<string>());
  const [, setVersion] = useState(0);
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    const learn = (entries: [string, string][]) => {
      for (const [id, name] of entries) known.current.set(id, name);
      if (!signal.aborted && entries.length > 0) setVersion((count) => count + 1);
    };
    const account = session.account.value;
    if (account !== null && account !== undefined) known.current.set(account.id, account.displayName);
    void (async () => {
      if (session.can('admin') && !asked.current.has('admin-list')) {
        asked.current.add('admin-list');
        const page = await session.request<ListPage<UserItem>>('GET', '/api/v1/admin/users', { query: { limit: 100 }, signal }).catch(() => undefined);
        learn((page?.items ?? []).map((user) => [user.id, user.displayName]));
      }
      for (const id of key === '' ? [] : key.split(',')) {
        if (signal.aborted) return;
        if (known.current.has(id) || asked.current.has(id)) continue;
        asked.current.add(id);
        const profile = await session.request<{ displayName: string }>('GET', `/api/v1/members/${encodeURIComponent(id)}`, { signal }).catch(() => undefined);
        // Cut short by a new list: ask again next time.
        if (signal.aborted) asked.current.delete(id);
        else if (profile !== undefined) learn([[id, profile.displayName]]);
      }
    })();
    return () => controller.abort();
  }, [key]);
  return known.current;
}
