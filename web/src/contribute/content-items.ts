/** My content as the dashboard lists it (the hub's ModerationView, with `data` left loose). */
import { CONTENT_PATHS, contentTypes, moderationStatuses, type ContentType, type ModerationStatus } from '@constellation/shared';

export interface ManagedItem {
  id: string;
  type: ContentType;
  slug: string;
  status: ModerationStatus;
  rejectReason: string | null;
  version: number;
  actorId: string | null;
  updatedAt: string;
  data: Record<string, unknown>;
  /** On an event submitted to a national campaign: the region's coordinator's answer. */
  campaignLabel?: { campaign: string; state: 'submitted' | 'labelled' | 'refused'; reason: string | null };
}

export interface ManagedPage {
  items: ManagedItem[];
  next: string | null;
}

/** What a document is called: a title, or a name for actors and places. */
export function itemTitle(data: Record<string, unknown>): string | undefined {
  const title = typeof data.title === 'string' ? data.title : typeof data.name === 'string' ? data.name : undefined;
  return title === undefined || title.trim() === '' ? undefined : title;
}

/** The dashboard's list query from its parameters: only values the API knows. */
export function dashboardQuery(params: Record<string, string>): { type?: ContentType; status?: ModerationStatus } {
  const query: { type?: ContentType; status?: ModerationStatus } = {};
  if (params.type !== undefined && contentTypes.has(params.type)) query.type = params.type;
  if (params.status !== undefined && moderationStatuses.has(params.status)) query.status = params.status;
  return query;
}

export function apiPath(type: ContentType, id?: string, action?: 'manage' | 'submit' | 'unpublish'): string {
  const base = `/api/v1/${CONTENT_PATHS[type]}`;
  if (id === undefined) return base;
  return `${base}/${encodeURIComponent(id)}${action === undefined ? '' : `/${action}`}`;
}

/** Which actions an item in this state offers. */
export function itemActions(status: ModerationStatus): ('edit' | 'submit' | 'unpublish' | 'delete')[] {
  switch (status) {
    case 'draft':
    case 'rejected':
      return ['edit', 'submit', 'delete'];
    case 'pending':
      return ['edit', 'delete'];
    case 'published':
      return ['edit', 'unpublish', 'delete'];
  }
}

/**
 * Whether an event is a past edition, one to repeat for this year: its every date is over.
 * A recurring event is a series still running, not an edition (it has no "last" date here).
 */
export function isPastEdition(data: Record<string, unknown>, now = Date.now()): boolean {
  if (data.recurrence !== undefined || !Array.isArray(data.timings) || data.timings.length === 0) return false;
  return (data.timings as { start?: unknown; end?: unknown }[]).every((timing) => {
    const last = Date.parse(String(timing.end ?? timing.start ?? ''));
    return !Number.isNaN(last) && last < now;
  });
}

/** When an event (first) takes place, as its organiser reads it on the dashboard: two editions of one event differ by it. */
export function eventFirstDate(data: Record<string, unknown>, locale: string): string | undefined {
  const recurrence = data.recurrence as { start?: unknown } | undefined;
  const first = Array.isArray(data.timings) ? (data.timings[0] as { start?: unknown } | undefined)?.start : undefined;
  // A recurrence's start is a wall-clock time in the event's zone: read as UTC, it keeps its day.
  const start = first ?? (recurrence?.start === undefined ? undefined : `${String(recurrence.start)}Z`);
  const time = Date.parse(String(start ?? ''));
  if (Number.isNaN(time)) return undefined;
  const timeZone = first === undefined ? 'UTC' : typeof data.timeZone === 'string' ? data.timeZone : 'Europe/Paris';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(time);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(time);
  }
}
