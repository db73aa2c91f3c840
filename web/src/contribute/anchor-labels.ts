/** What the error summary calls a field: "Lieu – Commune", "Date 2 – Fin". */
import '../i18n/strings-contribute.ts';
import type { Locale } from '@constellation/shared';
import { t } from '../i18n/locale.ts';
import type { StringKey } from '../i18n/strings.ts';
import type { FieldSpec } from './form-spec.ts';

const PART_LABELS: Record<string, StringKey> = {
  name: 'contribPlaceName',
  address: 'contribAddress',
  postalCode: 'contribPostalCode',
  commune: 'contribCommune',
  inseeCode: 'contribInsee',
  lat: 'contribLat',
  lon: 'contribLon',
  url: 'contribImageUrl',
  alt: 'contribImageAlt',
  credit: 'contribImageCredit',
  details: 'contribPriceDetails',
  free: 'contribFieldPrice',
  required: 'contribRegistrationRequired',
  email: 'contribRegistrationEmail',
  phone: 'contribRegistrationPhone',
  days: 'contribHoursDays',
  opens: 'contribHoursOpens',
  closes: 'contribHoursCloses',
  start: 'contribTimingStart',
  end: 'contribTimingEnd',
  rrule: 'contribRuleAdvanced',
  exdates: 'contribExdates',
};

export function anchorLabel(specs: readonly FieldSpec[], anchor: string, locale: Locale): string {
  const parts = anchor.split('.');
  const [first = '', second, third] = parts;
  if (first === 'timings') {
    const row = second === undefined ? t('contribScheduleTimings', {}, locale) : t('contribTimingRow', { n: Number(second) + 1 }, locale);
    return third === undefined ? row : `${row} – ${t(PART_LABELS[third] ?? 'contribTimingStart', {}, locale)}`;
  }
  if (first === 'recurrence') {
    if (second === 'exdates' && third !== undefined) return t('contribExdateLabel', { n: Number(third) + 1 }, locale);
    const key = second === 'start' ? 'contribRecurrenceStart' : second === 'end' ? 'contribRecurrenceEnd' : second === undefined ? 'contribScheduleRecurrence' : (PART_LABELS[second] ?? 'contribScheduleRecurrence');
    return t(key, {}, locale);
  }
  const spec = specs.find((field) => field.name === anchor) ?? specs.find((field) => anchor.startsWith(`${field.name}.`));
  if (spec === undefined) return anchor;
  const label = t(spec.label, {}, locale);
  const rest = anchor.slice(spec.name.length + 1).split('.').filter((part) => part !== '');
  if (rest.length === 0) return label;
  if (spec.kind === 'hours') {
    const [row, part] = rest;
    const hours = t('contribHoursRow', { n: Number(row) + 1 }, locale);
    return part === undefined ? hours : `${hours} – ${t(PART_LABELS[part] ?? 'contribHoursDays', {}, locale)}`;
  }
  if (spec.kind === 'items') {
    const [row, part] = rest;
    const item = t('contribItemRow', { n: Number(row) + 1 }, locale);
    const parts: Record<string, StringKey> = { type: 'contribItemType', id: 'contribItemId', note: 'contribItemNote' };
    const key = part === undefined ? undefined : parts[part];
    return key === undefined ? item : `${item} – ${t(key, {}, locale)}`;
  }
  const part = PART_LABELS[rest[0] ?? ''];
  return part === undefined ? label : `${label} – ${t(part, {}, locale)}`;
}
