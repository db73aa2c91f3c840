/**
 * The audit log in words: an action as a verb an operator reads ("Refus"), what it was done
 * to, and a change as "field: before → after" with the field named as the contribute form
 * names it and vocabulary codes as their labels. Shared by the table and its CSV export.
 */
import '../i18n/strings-home.ts';
import '../i18n/strings-membership.ts';
import '../i18n/strings-contribute.ts';
import '../i18n/strings-console.ts';
import { contentTypes, eventStatuses, moderationStatuses, roles, sitePageSlugs, type ContentType, type Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import { FORM_SECTIONS, sectionFields } from '../contribute/type-specs.ts';
import type { FieldSpec } from '../contribute/form-spec.ts';
import type { AuditItem } from './console-api.ts';
import { dateTime } from './format.ts';

const ACTION_LABELS: Record<string, StringKey> = {
  approve: 'consoleActionApprove',
  reject: 'consoleActionReject',
  update: 'consoleActionUpdate',
  delete: 'consoleActionDelete',
  unpublish: 'consoleActionUnpublish',
  submit: 'consoleActionSubmit',
  verify: 'consoleActionVerify',
  unverify: 'consoleActionUnverify',
  'set-role': 'consoleActionSetRole',
  'add-actor-member': 'consoleActionAddMember',
  'resolve-report': 'consoleActionResolve',
  'update-settings': 'consoleActionSettings',
  'campaign-label': 'consoleActionCampaignLabel',
  'campaign-refuse': 'consoleActionCampaignRefuse',
  'update-page': 'consoleActionUpdatePage',
  'reset-page': 'consoleActionResetPage',
  'merge-actor': 'consoleActionMergeActor',
  'update-home': 'consoleActionHome',
  'approve-membership': 'consoleActionApproveMembership',
  'refuse-membership': 'consoleActionRefuseMembership',
};

/** The actions the hub records, in the order the filter lists them. */
export const AUDIT_ACTIONS: readonly string[] = Object.keys(ACTION_LABELS);

/** What an entry can be about besides content: an account, the hub's settings, a report. */
const OTHER_TARGETS: Record<string, StringKey> = { user: 'consoleAuditTargetUser', hub: 'consoleAuditTargetHub', report: 'consoleAuditTargetReport', page: 'consoleAuditTargetPage' };
export const AUDIT_TARGET_TYPES: readonly string[] = [...contentTypes.values, ...Object.keys(OTHER_TARGETS)];

export function actionLabel(action: string, locale: Locale): string {
  const key = ACTION_LABELS[action];
  return key === undefined ? action : t(key, {}, locale);
}

export function targetTypeLabel(type: string, locale: Locale): string {
  const known = contentTypes.values.find((value) => value === type);
  if (known !== undefined) return contentTypes.label(known, locale);
  const key = OTHER_TARGETS[type];
  return key === undefined ? type : t(key, {}, locale);
}

/** Fields outside the contribute forms' sections (the schedule, the settings, the status). */
const EXTRA_FIELDS: Record<string, StringKey> = {
  timings: 'contribScheduleTimings',
  recurrence: 'contribScheduleRecurrence',
  timeZone: 'consoleFieldTimeZone',
  status: 'consoleFieldStatus',
  moderation: 'consoleFieldModeration',
  name: 'consoleFieldName',
  tagline: 'consoleFieldTagline',
  mapStyle: 'consoleFieldMapStyle',
  aggregatorUrls: 'consoleFieldAggregators',
  // Settings saved before migration 0021 moved the featured dossier to the home page.
  featuredDossierId: 'consoleFieldFeaturedDossier',
  banner: 'consoleFieldBanner',
  bannerUrl: 'consoleFieldBannerUrl',
  features: 'consoleFieldFeatures',
  accentColor: 'consoleFieldAccent',
  logoUrl: 'consoleFieldLogo',
  socialLinks: 'consoleFieldSocial',
  signupRole: 'consoleFieldSignupRole',
  reason: 'consoleFieldReason',
  resolution: 'consoleFieldResolution',
  role: 'consoleFieldRole',
  userId: 'consoleFieldAccount',
};

function fieldSpec(type: string, field: string): FieldSpec | undefined {
  const sections = FORM_SECTIONS[type as ContentType];
  return sections === undefined ? undefined : sectionFields(sections).find((spec) => spec.name === field);
}

/** A field as the form names it ("Titre"), else as the console names it, else its own name. */
export function fieldLabel(type: string, field: string, locale: Locale): string {
  const spec = fieldSpec(type, field);
  if (spec !== undefined) return t(spec.label, {}, locale);
  const key = EXTRA_FIELDS[field];
  return key === undefined ? field : t(key, {}, locale);
}

const LONG = 160;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > LONG ? `${flat.slice(0, LONG - 1)}…` : flat;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One value as short text: codes as their labels, instants in local time, objects by their telling parts. */
export function valueText(value: unknown, locale: Locale, context: { type: string; field: string; mentioned?: Record<string, string> }): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'consoleYes' : 'consoleNo', {}, locale);
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  if (typeof value === 'string') {
    const name = context.mentioned?.[value];
    if (name !== undefined) return name;
    const spec = fieldSpec(context.type, context.field);
    if (spec !== undefined && 'vocabulary' in spec && spec.vocabulary !== undefined) {
      const vocabulary = spec.vocabulary;
      const known = vocabulary.values.find((code) => code === value);
      if (known !== undefined) return vocabulary.label(known, locale);
    }
    if (context.field === 'role' || context.field === 'signupRole') {
      const role = roles.values.find((code) => code === value);
      if (role !== undefined) return roles.label(role, locale);
    }
    if (context.field === 'moderation') {
      const state = moderationStatuses.values.find((code) => code === value);
      if (state !== undefined) return moderationStatuses.label(state, locale);
    }
    if (context.field === 'status') {
      const status = eventStatuses.values.find((code) => code === value);
      if (status !== undefined) return eventStatuses.label(status, locale);
    }
    return INSTANT.test(value) ? dateTime(value, locale) : clip(value);
  }
  if (Array.isArray(value)) return value.length === 0 ? '—' : clip(value.map((each) => valueText(each, locale, context)).join(', '));
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // A timing reads as its start and end; a place or an image by its name, address or text.
    if (typeof record.start === 'string') return typeof record.end === 'string' ? `${dateTime(record.start, locale)} – ${dateTime(record.end, locale)}` : dateTime(record.start, locale);
    if (typeof record.free === 'boolean') {
      const price = record.free ? t('free', {}, locale) : t('consolePaid', {}, locale);
      return typeof record.details === 'string' && record.details !== '' ? clip(`${price}, ${record.details}`) : price;
    }
    const telling = ['title', 'name', 'address', 'commune', 'alt', 'url', 'details', 'email'].flatMap((key) => (typeof record[key] === 'string' && record[key] !== '' ? [record[key]] : []));
    if (telling.length > 0) return clip(telling.join(', '));
    return clip(
      Object.entries(record)
        .filter(([, each]) => each !== null && each !== undefined && each !== '')
        .map(([key, each]) => `${key}: ${typeof each === 'object' ? JSON.stringify(each) : String(each)}`)
        .join(' · '),
    );
  }
  return String(value);
}

export interface ChangeRow {
  field: string;
  label: string;
  /** Absent when the entry says only the new value (a new role, a reason). */
  before?: string;
  after: string;
}

/** An entry's details as rows: each changed field before and after, or a reason, a role, an account. */
export function changeRows(entry: AuditItem, locale: Locale): ChangeRow[] {
  const details = entry.details;
  if (details === null || details === undefined) return [];
  if (typeof details !== 'object' || Array.isArray(details)) return [{ field: '', label: t('consoleAuditDetails', {}, locale), after: valueText(details, locale, { type: entry.targetType, field: '' }) }];
  const rows: ChangeRow[] = [];
  for (const [field, value] of Object.entries(details as Record<string, unknown>)) {
    if (field === 'changed' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [name, change] of Object.entries(value as Record<string, unknown>)) {
        const context = { type: entry.targetType, field: name, ...(entry.mentioned === undefined ? {} : { mentioned: entry.mentioned }) };
        const pair = change !== null && typeof change === 'object' && 'to' in change ? (change as { from?: unknown; to?: unknown }) : { to: change };
        rows.push({ field: name, label: fieldLabel(entry.targetType, name, locale), before: valueText(pair.from, locale, context), after: valueText(pair.to, locale, context) });
      }
      continue;
    }
    if (field === 'changed' && Array.isArray(value)) {
      // Older entries listed only the names of the changed fields.
      rows.push({ field, label: t('consoleAuditChangedFields', {}, locale), after: value.map((name) => fieldLabel(entry.targetType, String(name), locale)).join(', ') });
      continue;
    }
    const context = { type: entry.targetType, field, ...(entry.mentioned === undefined ? {} : { mentioned: entry.mentioned }) };
    rows.push({ field, label: fieldLabel(entry.targetType, field, locale), after: valueText(value, locale, context) });
  }
  return rows;
}

/** A change row as one line of text (the CSV's and a screen reader's reading). */
export function changeText(row: ChangeRow, locale: Locale): string {
  const colon = locale === 'fr' ? ' : ' : ': ';
  return row.before === undefined ? `${row.label}${colon}${row.after}` : `${row.label}${colon}${row.before} → ${row.after}`;
}

/** What an entry was done to, in words: its title, else "(deleted)". */
export function targetTitle(entry: AuditItem, siteName: string, locale: Locale): string {
  if (entry.targetType === 'hub') return siteName;
  if (entry.targetType === 'page') {
    // A site page's id is "<slug>/<lang>": its name and language say which text changed.
    const [slug = '', lang = ''] = entry.targetId.split('/');
    return sitePageSlugs.has(slug) ? `${sitePageSlugs.label(slug, locale)} (${lang})` : entry.targetId;
  }
  if (entry.target !== null && entry.target !== undefined) return entry.target.title;
  if (entry.targetType === 'report') return t('consoleAuditTargetReport', {}, locale);
  return t('consoleAuditGone', {}, locale);
}

/** Who did it: their name, else "(account deleted)". */
export function whoName(entry: AuditItem, locale: Locale): string {
  return entry.who?.name ?? t('consoleAuditAccountGone', {}, locale);
}

export function whoRoleLabel(code: string | undefined, locale: Locale): string {
  const role = roles.values.find((value) => value === code);
  return role === undefined ? (code ?? '') : roles.label(role, locale);
}

export function whoRole(entry: AuditItem, locale: Locale): string {
  return whoRoleLabel(entry.who?.role, locale);
}
