/**
 * The time windows the date filters stand for, as instants for the API. "Today" and
 * "this weekend" are the reader's days in the reader's time zone (the browser's clock).
 */
import type { Filters } from '../state/url-state.ts';

export interface Window {
  from?: Date;
  to?: Date;
}

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** A YYYY-MM-DD key of a local calendar day. */
export function localDayKey(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function parseDay(key: string): Date {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day);
}

/** Saturday and Sunday of this weekend; on a Sunday, what is left of it. */
export function weekendOf(now: Date): { from: Date; to: Date } {
  const today = startOfDay(now);
  const weekday = today.getDay(); // 0 Sunday … 6 Saturday
  const saturday = weekday === 0 ? addDays(today, -1) : addDays(today, 6 - weekday);
  return { from: weekday === 0 ? now : saturday, to: addDays(saturday, 2) };
}

/**
 * The window the filters ask for; the end is exclusive (the start of the day after the
 * last day). With no date filter, events not over yet: from now, no end.
 */
export function filterWindow(filters: Filters, now: Date): Window {
  if (filters.when === 'today') return { from: now, to: addDays(startOfDay(now), 1) };
  if (filters.when === 'weekend') return weekendOf(now);
  const window: Window = {};
  window.from = filters.from === undefined ? now : parseDay(filters.from);
  if (filters.to !== undefined) window.to = addDays(parseDay(filters.to), 1);
  return window;
}
