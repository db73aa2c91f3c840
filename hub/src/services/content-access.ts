import type { Role } from '@constellation/shared';
import type { ContentRow } from '../db/schema/index.ts';
import { BadRequestError, ForbiddenError } from '../errors.ts';

/*
 * Who may do what to content, decided from the viewer and the row alone (no store): kept
 * apart so every write path asks the same questions in the same words.
 */

/** Who is acting: from the access token, with the actors a contributor acts for. */
export interface Viewer {
  id: string;
  role: Role;
  actorIds: readonly string[];
}

export const isModerator = (viewer: Viewer) => viewer.role === 'moderator' || viewer.role === 'admin';

export function canEdit(viewer: Viewer, row: ContentRow): boolean {
  if (isModerator(viewer)) return true;
  if (viewer.role !== 'contributor' && viewer.role !== 'coordinator') return false;
  return row.actorId !== null ? viewer.actorIds.includes(row.actorId) : row.authorId === viewer.id;
}

export function assertCanEdit(viewer: Viewer, row: ContentRow): void {
  if (!canEdit(viewer, row)) throw new ForbiddenError('you can only change the content of the actors you act for');
}

export function assertActsFor(viewer: Viewer, actorId: string | null, field: string): void {
  if (isModerator(viewer)) return;
  if (actorId === null) throw new BadRequestError(`${field} is required: name the actor you post for`, field);
  if (!viewer.actorIds.includes(actorId)) throw new ForbiddenError(`you do not act for the actor ${actorId}`);
}

export function assertModerator(viewer: Viewer): void {
  if (!isModerator(viewer)) throw new ForbiddenError('this needs the role moderator or admin');
}
