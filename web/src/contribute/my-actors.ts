import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../session/session.ts';
import type { ActorChoice } from './field-env.ts';

interface ActorView {
  id: string;
  data: { name?: unknown };
}

/**
 * The actors I act for, with their names (the account only lists ids): read from each
 * actor's manage view, which answers in any moderation state. An actor that cannot be read
 * keeps its id as its name rather than vanishing from the choice.
 */
export function useMyActors(): ActorChoice[] | undefined {
  const session = useSession();
  const ids = session.account.value?.actorIds ?? [];
  const key = ids.join(',');
  const [actors, setActors] = useState<ActorChoice[] | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    void Promise.all(
      ids.map((id) =>
        session.request<ActorView>('GET', `/api/v1/actors/${encodeURIComponent(id)}/manage`, { signal: controller.signal }).then(
          (view) => ({ id, name: typeof view.data.name === 'string' ? view.data.name : id }),
          () => ({ id, name: id }),
        ),
      ),
    ).then((list) => {
      if (!controller.signal.aborted) setActors(list);
    });
    return () => controller.abort();
  }, [key]);
  return actors;
}
