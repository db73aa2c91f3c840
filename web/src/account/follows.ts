import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { FollowKind, FollowView } from '@constellation/shared';
import type { Session } from '../session/session.ts';

/**
 * What the logged-in account follows, read once and shared by every follow button on
 * the page and the account page's list, so a follow made in one shows in the others.
 */
const follows = signal<{ userId: string; items: FollowView[] } | undefined>(undefined);
let loading: { userId: string; done: Promise<void> } | undefined;

function load(session: Session, userId: string): Promise<void> {
  if (loading?.userId === userId) return loading.done;
  const done = session.request<{ items: FollowView[] }>('GET', '/api/v1/me/follows').then(
    (answer) => {
      follows.value = { userId, items: answer.items };
    },
    () => {
      loading = undefined;
    },
  );
  loading = { userId, done };
  return done;
}

export interface Follows {
  /** Undefined while loading, or when nobody is logged in. */
  items: FollowView[] | undefined;
  follow(kind: FollowKind, target: string): Promise<void>;
  unfollow(kind: FollowKind, target: string): Promise<void>;
}

export function useFollows(session: Session): Follows {
  const userId = session.account.value?.id;
  useEffect(() => {
    if (userId !== undefined) void load(session, userId);
  }, [userId]);
  const current = follows.value;
  const items = userId !== undefined && current?.userId === userId ? current.items : undefined;
  return {
    items,
    async follow(kind, target) {
      const added = await session.request<FollowView>('POST', '/api/v1/me/follows', { body: { kind, target } });
      if (userId === undefined) return;
      const before = follows.value?.userId === userId ? follows.value.items : [];
      follows.value = { userId, items: [...before.filter((item) => !(item.kind === kind && item.target === target)), added] };
    },
    async unfollow(kind, target) {
      await session.request('DELETE', `/api/v1/me/follows/${encodeURIComponent(kind)}/${encodeURIComponent(target)}`);
      if (userId === undefined) return;
      const before = follows.value?.userId === userId ? follows.value.items : [];
      follows.value = { userId, items: before.filter((item) => !(item.kind === kind && item.target === target)) };
    },
  };
}
