import { signal } from '@preact/signals';

/**
 * Bumped when a moderator decides on content, so the menu's pending count is read again
 * at once: the menu otherwise reads it on navigation only, and a decision in the queue
 * changes no address.
 */
export const workloadChanges = signal(0);

export function noteWorkloadChanged(): void {
  workloadChanges.value += 1;
}
