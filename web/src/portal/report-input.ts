/**
 * The "report this content" form's state, checked before it is sent: the same rules as
 * the hub's ReportRequest (a reason from the list; details on one line, at most
 * LIMITS.reason characters), plus one of ours: "other" needs a word of explanation.
 */
import '../i18n/strings-portal.ts';
import { LIMITS, reportReasons, type ReportRequest } from '@constellation/shared';
import type { PortalKey } from '../i18n/strings-portal.ts';

export type ReportReason = (typeof reportReasons)[number];

export interface ReportForm {
  reason: string;
  details: string;
}

export interface ReportFieldError {
  field: 'reason' | 'details';
  message: PortalKey;
}

export const EMPTY_REPORT: ReportForm = { reason: '', details: '' };

function isReason(value: string): value is ReportReason {
  return (reportReasons as readonly string[]).includes(value);
}

/** A textarea's lines joined into the single line the API takes. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** The request to send, or what is wrong with the form, field by field. */
export function reportRequest(contentId: string, form: ReportForm): { request: ReportRequest; errors: [] } | { request?: undefined; errors: ReportFieldError[] } {
  const errors: ReportFieldError[] = [];
  const details = oneLine(form.details);
  if (!isReason(form.reason)) errors.push({ field: 'reason', message: 'portalReportReasonRequired' });
  if (details.length > LIMITS.reason) errors.push({ field: 'details', message: 'portalReportDetailsTooLong' });
  else if (form.reason === 'other' && details === '') errors.push({ field: 'details', message: 'portalReportDetailsRequired' });
  if (errors.length > 0 || !isReason(form.reason)) return { errors };
  return { request: { contentId, reason: form.reason, ...(details === '' ? {} : { details }) }, errors: [] };
}
