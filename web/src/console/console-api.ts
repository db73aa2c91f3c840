/**
 * The console's side of the hub's API: the shapes it reads (mirroring the hub's route
 * schemas in shared/src/api.ts and shared/src/portal.ts, read leniently: a field a newer
 * hub adds is ignored, one an older hub lacks is optional here) and the pure functions
 * that turn URL parameters and form state into requests. Components stay thin around these.
 */
import { contentTypes, roles, signupRoles, type ContentType, type HubSettingsInput, type HubSettingsView, type Role } from '@constellation/shared';

/** A page of a list; `next` goes back as `cursor` (the web's one page type). */
export type { Page as ListPage } from '../api/types.ts';

/** What a moderator sees of a piece of content (shared ModerationView); `data` is what its author sent. */
export interface ManagedItem {
  id: string;
  type: ContentType;
  slug: string;
  status: string;
  rejectReason: string | null;
  version: number;
  actorId: string | null;
  authorId: string | null;
  verified: boolean;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  data: Record<string, unknown>;
  /** The author's display name (the queue gives it; other lists do not). */
  authorName?: string | null;
}

/** An open report (shared ReportView); contentType and contentTitle come from newer hubs. */
export interface ReportItem {
  id: string;
  contentId: string;
  contentType?: ContentType | null;
  contentTitle?: string | null;
  reason: string;
  details: string | null;
  reporterId: string | null;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

/** One line of the audit log (shared AuditEntry). */
export interface AuditItem {
  id: number;
  at: string;
  userId: string;
  action: string;
  targetType: string;
  targetId: string;
  details: unknown;
  /** Who did it (null once the account is gone). */
  who?: { name: string; role: string } | null;
  /** What it was done to, in words (null once it is gone); slug only while it is public. */
  target?: { title: string; slug: string | null } | null;
  /** Names of the accounts the details mention by id. */
  mentioned?: Record<string, string>;
}

/** Someone who appears in the audit log (its person filter). */
export interface AuditPersonItem {
  id: string;
  name: string;
  role: string;
}

export interface UserItem {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  actorIds: string[];
  createdAt: string;
}

export type SignupRole = HubSettingsInput['signupRole'];
export const SIGNUP_ROLES: readonly SignupRole[] = signupRoles;

/** GET /api/v1/admin/settings: the settings in effect and the configured defaults. */
export type SettingsView = HubSettingsView;
/** PUT /api/v1/admin/settings: the whole set, optional fields left out when empty. */
export type SettingsInput = HubSettingsInput;

/** The settings form as typed: every field a string, URLs one per line. */
export interface SettingsForm {
  name: string;
  tagline: string;
  mapStyle: string;
  aggregatorUrls: string;
  signupRole: SignupRole;
  accentColor: string;
  logoUrl: string;
  /** One URL a line. */
  socialLinks: string;
  partners: PartnerDraft[];
}

/** A partner as the form holds it; `key` keeps each row's inputs while partners move. */
export interface PartnerDraft {
  key: string;
  name: string;
  url: string;
  logoUrl: string;
}

let partnerKeys = 0;

export function settingsForm(view: SettingsView): SettingsForm {
  return {
    name: view.name,
    tagline: view.tagline ?? '',
    mapStyle: view.mapStyle ?? '',
    aggregatorUrls: view.aggregatorUrls.join('\n'),
    signupRole: view.signupRole,
    accentColor: view.accentColor ?? '',
    logoUrl: view.logoUrl ?? '',
    socialLinks: (view.socialLinks ?? []).join('\n'),
    partners: view.partners.map((partner) => {
      partnerKeys += 1;
      return { key: `saved-partner-${partnerKeys}`, ...partner };
    }),
  };
}

/** The form as the API takes it: trimmed, blank optional fields left out, blank lines dropped. */
export function settingsInput(form: SettingsForm): SettingsInput {
  const input: SettingsInput = {
    name: form.name.trim(),
    aggregatorUrls: form.aggregatorUrls
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    signupRole: form.signupRole,
  };
  const tagline = form.tagline.trim();
  if (tagline !== '') input.tagline = tagline;
  const mapStyle = form.mapStyle.trim();
  if (mapStyle !== '') input.mapStyle = mapStyle;
  const accentColor = form.accentColor.trim();
  if (accentColor !== '') input.accentColor = accentColor;
  const logoUrl = form.logoUrl.trim();
  if (logoUrl !== '') input.logoUrl = logoUrl;
  const socialLinks = form.socialLinks
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (socialLinks.length > 0) input.socialLinks = socialLinks;
  // Every row goes as it is, so the hub's "partners.2.url" is the third row on screen; it names what is missing.
  const partners = form.partners.map((partner) => ({ name: partner.name.trim(), url: partner.url.trim(), logoUrl: partner.logoUrl }));
  if (partners.length > 0) input.partners = partners;
  return input;
}

export type SettingsField = keyof SettingsForm;
const SETTINGS_FIELDS: readonly SettingsField[] = ['name', 'tagline', 'mapStyle', 'aggregatorUrls', 'signupRole', 'accentColor', 'logoUrl', 'socialLinks', 'partners'];

/**
 * The form field an API issue is about: "aggregatorUrls.2" is the URLs box (its line
 * number is in the message we show), "body.name" or "/name" the name. Anything else is
 * the form's as a whole (undefined).
 */
export function settingsFieldOf(apiField: string | undefined): SettingsField | undefined {
  if (apiField === undefined) return undefined;
  const head = apiField.replace(/^\/+/, '').replace(/^body[./]/, '').split(/[./]/)[0];
  return SETTINGS_FIELDS.find((field) => field === head);
}

/** The index in a dotted field ("aggregatorUrls.2" → 2), to say which line is wrong. */
export function lineOf(apiField: string): number | undefined {
  const match = /[./](\d+)(?:$|[./])/.exec(apiField);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** The queue's filters, read leniently from the console URL's parameters. */
export interface QueueFilters {
  type?: ContentType;
  q?: string;
  actor?: string;
}

export function queueFilters(params: Record<string, string>): QueueFilters {
  const filters: QueueFilters = {};
  const type = contentTypes.values.find((value) => value === params.type);
  if (type !== undefined) filters.type = type;
  const q = params.q?.trim();
  if (q !== undefined && q !== '') filters.q = q;
  const actor = params.actor?.trim();
  if (actor !== undefined && actor !== '') filters.actor = actor;
  return filters;
}

/** The URL parameters for filters (what a shared link or a reload keeps). */
export function queueParams(filters: QueueFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.type !== undefined) params.type = filters.type;
  if (filters.q !== undefined && filters.q.trim() !== '') params.q = filters.q.trim();
  if (filters.actor !== undefined && filters.actor !== '') params.actor = filters.actor;
  return params;
}

/** GET /api/v1/moderation/queue's query: only the filters set, so an older hub is not sent names it refuses. */
export function queueQuery(filters: QueueFilters, cursor?: string): Record<string, string> {
  return { ...queueParams(filters), ...(cursor === undefined ? {} : { cursor }) };
}

/** The users list's filters, from the URL. */
export function userFilters(params: Record<string, string>): { q?: string; role?: Role } {
  const filters: { q?: string; role?: Role } = {};
  const q = params.q?.trim();
  if (q !== undefined && q !== '') filters.q = q;
  const role = roles.values.find((value) => value === params.role);
  if (role !== undefined) filters.role = role;
  return filters;
}

/** The body of a bulk decision; a reject without a reason is never sent (the API would refuse it). */
export function decisionBody(ids: readonly string[], decision: 'approve'): { ids: string[] };
export function decisionBody(ids: readonly string[], decision: 'reject', reason: string): { ids: string[]; reason: string } | undefined;
export function decisionBody(ids: readonly string[], decision: 'approve' | 'reject', reason?: string): { ids: string[]; reason?: string } | undefined {
  const unique = [...new Set(ids)];
  if (decision === 'approve') return { ids: unique };
  const trimmed = reason?.trim() ?? '';
  return trimmed === '' ? undefined : { ids: unique, reason: trimmed };
}

/** A content item's display title: most types have a title, actors and places a name. */
export function titleOf(data: Record<string, unknown>): string {
  const title = typeof data.title === 'string' ? data.title : typeof data.name === 'string' ? data.name : '';
  return title.trim();
}
