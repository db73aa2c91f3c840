import { regions, type Locale } from '@constellation/shared';
import { dateTime } from '../console/format.ts';
import { t } from '../i18n/locale.ts';

/** A hub as the national admin API shows it (aggregator/src/admin/hub-view.ts). */
export interface AdminHub {
  id: string;
  name: string;
  baseUrl: string;
  region: string;
  status: 'pending' | 'approved' | 'suspended';
  addedAt: string;
  approvedAt: string | null;
  suspendedAt: string | null;
  suspendReason: string | null;
  health: {
    lastPullAt: string | null;
    lastSuccessAt: string | null;
    caughtUpAt: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
    consecutiveFailures: number;
    breakerUntil: string | null;
    lagSeq: number;
    lagSeconds: number;
    cursor: string;
    latest: number;
    appliedCount: number;
    rejectedCount: number;
    records: number;
    events: number;
  };
}

export interface HubPreview {
  baseUrl: string;
  id: string;
  name: string;
  region: string;
  protocol: string;
  contact: { email: string | null; url: string | null };
  software: string | null;
  keyIds: string[];
  registeredAs: string | null;
}

export interface RejectedItem {
  seq: number | null;
  itemId: string | null;
  field: string;
  message: string;
  at: string;
}

export function regionName(code: string, locale: Locale): string {
  return regions.has(code) ? regions.label(code, locale) : code;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** "il y a 5 minutes" / "5 minutes ago", then the local date and time in brackets for the record. */
export function ago(instant: string, locale: Locale, now = Date.now()): string {
  const seconds = Math.round((Date.parse(instant) - now) / 1000);
  const [unit, size] = UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? ['second', 1];
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(seconds / size), unit);
  return `${relative} (${dateTime(instant, locale)})`;
}

/** A length of time in words: "3 h 20 min", "45 s". */
export function duration(seconds: number, locale: Locale): string {
  const format = (value: number, unit: 'day' | 'hour' | 'minute' | 'second') => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
  if (seconds < 60) return format(seconds, 'second');
  if (seconds < 3_600) return format(Math.round(seconds / 60), 'minute');
  if (seconds < 86_400) return `${format(Math.floor(seconds / 3_600), 'hour')} ${format(Math.round((seconds % 3_600) / 60), 'minute')}`;
  return `${format(Math.floor(seconds / 86_400), 'day')} ${format(Math.round((seconds % 86_400) / 3_600), 'hour')}`;
}

/** What the console says when a request of its own failed. */
export function failure(error: unknown, locale: Locale): string {
  return t('nationalFailed', { message: error instanceof Error ? error.message : String(error) }, locale);
}
