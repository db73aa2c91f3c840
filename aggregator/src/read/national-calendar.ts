import { renderCalendar } from '@constellation/shared/server';
import type { ExportedEvent } from './export-events.ts';
import type { ShownHub } from './view.ts';

const FIRST_EVENT = '\r\nBEGIN:VEVENT\r\n';
const END = 'END:VCALENDAR\r\n';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * A national calendar in which every event keeps the UID its own hub gives it
 * (`<id>@<hub host>`): a calendar subscribed to both a hub and the national feed then
 * holds the event once, and an event id a hub made up cannot collide with another hub's.
 * The shared writer names one host per calendar, so each hub's events are written with
 * theirs and their VEVENTs joined under one header (its VTIMEZONEs cover every zone).
 */
export function nationalCalendar(events: readonly ExportedEvent[], hubs: ReadonlyMap<string, ShownHub>, context: { host: string; name: string }): string {
  const organisers = (group: readonly ExportedEvent[]) =>
    new Map(group.flatMap((entry) => (entry.organiser === undefined ? [] : [[entry.event.actorId, { name: entry.organiser }] as const])));
  const whole = renderCalendar(events.map((entry) => entry.event), { ...context, organisers: organisers(events) });
  const headerEnd = whole.indexOf(FIRST_EVENT);
  if (headerEnd < 0) return whole;
  const byHub = new Map<string, ExportedEvent[]>();
  for (const entry of events) {
    const group = byHub.get(entry.event.hub);
    if (group === undefined) byHub.set(entry.event.hub, [entry]);
    else group.push(entry);
  }
  const parts = [whole.slice(0, headerEnd + 2)];
  for (const [hub, group] of byHub) {
    const host = hostOf(hubs.get(hub)?.baseUrl ?? `https://${hub}`);
    const calendar = renderCalendar(group.map((entry) => entry.event), { host, name: context.name, organisers: organisers(group) });
    parts.push(calendar.slice(calendar.indexOf(FIRST_EVENT) + 2, calendar.lastIndexOf(END)));
  }
  parts.push(END);
  return parts.join('');
}
