/**
 * How an event reads to people, in French: its dates in its own time zone, its place on
 * one line. Shared by the feeds' item content and the event page.
 */
import { eventStatuses, type EventPublic } from '@constellation/shared';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('fr-FR', { timeZone, dateStyle: 'full', timeStyle: 'short' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('fr-FR', { timeZone, dateStyle: 'full' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * "mardi 4 mai 2027, 18:00 – 20:00", or "mardi 4 mai 2027 à 18:00 – jeudi 6 mai 2027 à
 * 20:00" across days: wall-clock times of the event's zone, as its audience reads them.
 * All day: "samedi 10 octobre 2026 (toute la journée)", or "samedi 10 – dimanche 11
 * octobre 2026" (`end` is the midnight after the last day).
 */
export function frenchWhen(start: number, end: number, timeZone: string, allDay = false): string {
  if (allDay) {
    const days = dayFormatterFor(timeZone);
    const last = Math.max(start, end - 1);
    return days.format(start) === days.format(last) ? `${days.format(start)} (toute la journée)` : days.formatRange(start, last);
  }
  const formatter = formatterFor(timeZone);
  return start === end ? formatter.format(start) : formatter.formatRange(start, end);
}

/** "MOBE, 6 rue Marcel Proust, 45000 Orléans", or "En ligne" for an online-only event. */
export function placeLine(event: EventPublic): string {
  const place = event.place;
  const parts = place === undefined ? [] : [place.name, place.address, [place.postalCode, place.commune].filter((part) => part !== undefined).join(' ')];
  const text = parts.filter((part) => part !== undefined && part !== '').join(', ');
  if (event.attendanceMode === 'online' || text === '') return 'En ligne';
  return event.attendanceMode === 'mixed' ? `${text} (et en ligne)` : text;
}

/** "Annulé", "Reporté", "Complet"; undefined for an event that takes place as planned. */
export function statusNote(event: EventPublic): string | undefined {
  return event.eventStatus === 'scheduled' ? undefined : eventStatuses.label(event.eventStatus, 'fr');
}
