import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../session/session.ts';
import type { ListPage, ManagedItem } from './console-api.ts';

export interface ActorChoice {
  id: string;
  name: string;
}

/** The most actors a filter or a select lists; a hub with more finds the rest by search. */
const ACTOR_LIMIT = 100;

/**
 * The hub's actors in any state, for names and selects (a moderator's "my content" lists
 * every actor). Empty until loaded and if the hub refuses: names fall back to ids.
 */
export function useActors(): ActorChoice[] {
  const session = useSession();
  const [actors, setActors] = useState<ActorChoice[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    session
      .request<ListPage<ManagedItem>>('GET', '/api/v1/me/content', { query: { type: 'actor', limit: ACTOR_LIMIT }, signal: controller.signal })
      .then(
        (page) => {
          const choices = page.items.map((item) => ({ id: item.id, name: typeof item.data.name === 'string' ? item.data.name : item.id }));
          if (!controller.signal.aborted) setActors(choices.sort((a, b) => a.name.localeCompare(b.name, 'fr')));
        },
        () => undefined,
      );
    return () => controller.abort();
  }, [session]);
  return actors;
}
