/**
 * Events as CSV (GET /events.csv): one row per event, for spreadsheets and open-data
 * portals.
 *
 * - RFC 4180: comma-separated, CRLF line ends, a cell quoted when it holds a comma, a
 *   quote or a line break, quotes doubled inside it.
 * - UTF-8 with a byte-order mark, or Excel reads "Orléans" as "OrlÃ©ans".
 * - CSV injection (OWASP "CSV Injection"): a cell of contributed text that starts with
 *   =, +, -, @, a tab or a carriage return would be run as a formula by a spreadsheet, so
 *   it is prefixed with a single quote ('=HYPERLINK(...) stays text). Numbers the server
 *   writes itself (lat, lon) are left alone: "-1.5" is a longitude, not a formula.
 * - Lists (audiences, disciplines, accessibility) are values joined with "|"; values are
 *   the contract's machine values (workshop, astronomy...), not labels.
 * - campaign is the labelled campaign's slug; parent_event_id the umbrella event (a
 *   village des sciences); previous_edition_id last year's edition.
 * - start and end: the event's first occurrence in the query's window, RFC 3339 with the
 *   offset of the event's zone at that moment.
 */
import type { EventPublic } from '@constellation/shared';
import { formatInstant } from '../schedule/zoned-time.ts';

/** The documented header, in order. */
export const CSV_COLUMNS = [
  'id',
  'url',
  'title',
  'summary',
  'start',
  'end',
  'time_zone',
  'recurrence_rule',
  'place_name',
  'address',
  'commune',
  'insee_code',
  'lat',
  'lon',
  'format',
  'audiences',
  'disciplines',
  'free',
  'price_details',
  'accessibility',
  'registration_url',
  'organiser_actor_id',
  'status',
  'updated',
  'campaign',
  'parent_event_id',
  'previous_edition_id',
  // Added after the others, so a reader that takes columns by position keeps working.
  'all_day',
  'price_amount',
  'price_currency',
] as const;

export interface CsvRow {
  event: EventPublic;
  start: number;
  end: number;
}

/** A cell a spreadsheet could read as a formula, neutralised; then quoted if it must be. */
export function textCell(value: string | undefined): string {
  if (value === undefined) return '';
  return quoted(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

function quoted(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function numberCell(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

function row({ event, start, end }: CsvRow): string {
  const place = event.place;
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    id: textCell(event.id),
    url: textCell(event.url),
    title: textCell(event.title),
    summary: textCell(event.summary),
    start: textCell(formatInstant(start, event.timeZone)),
    end: textCell(formatInstant(end, event.timeZone)),
    time_zone: textCell(event.timeZone),
    recurrence_rule: textCell(event.recurrence?.rrule),
    place_name: textCell(place?.name),
    address: textCell(place?.address),
    commune: textCell(place?.commune),
    insee_code: textCell(place?.inseeCode),
    lat: numberCell(place?.lat),
    lon: numberCell(place?.lon),
    format: textCell(event.format),
    audiences: textCell(event.audiences?.join('|')),
    disciplines: textCell(event.disciplines?.join('|')),
    all_day: String(event.allDay === true),
    free: event.price === undefined ? '' : String(event.price.free),
    price_amount: numberCell(event.price?.amount),
    price_currency: event.price?.amount === undefined ? '' : textCell(event.price.currency ?? 'EUR'),
    price_details: textCell(event.price?.details),
    accessibility: textCell(event.accessibility?.join('|')),
    registration_url: textCell(event.registration?.url),
    organiser_actor_id: textCell(event.actorId),
    status: textCell(event.eventStatus),
    updated: textCell(event.updatedAt),
    campaign: textCell(event.campaign),
    parent_event_id: textCell(event.parentEventId),
    previous_edition_id: textCell(event.previousEditionId),
  };
  return CSV_COLUMNS.map((column) => cells[column]).join(',');
}

export function renderCsv(rows: readonly CsvRow[]): string {
  return `\ufeff${[CSV_COLUMNS.join(','), ...rows.map(row)].join('\r\n')}\r\n`;
}
