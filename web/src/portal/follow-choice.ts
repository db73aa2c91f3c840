import type { FollowKind } from '@constellation/shared';

/** One thing a page offers to follow; shared by the follow bar and its by-mail form. */
export interface FollowChoice {
  kind: FollowKind;
  target: string;
  /** What is followed, as the page names it (the actor, the discipline, the commune). */
  label: string;
}
