import type Database from 'better-sqlite3';
import { isoSeconds, type EventJson } from './event-json.ts';
import type { ReadView } from './view.ts';

/** Dates a detail lists: the next ones, or the last ones of an event that is over. */
const DETAIL_DATES = 50;
const PAST_DATES = 10;

/**
 * GET /api/v1/events/:hub/:id as JSON text: `{ event, provenance, occurrences }`. Any live
 * event of a shown hub, listed or a cross-hub copy (its provenance then names the listed
 * twin); undefined when there is none.
 */
export class EventDetail {
  private readonly statements;

  constructor(
    sqlite: Database.Database,
    private readonly json: EventJson,
  ) {
    this.statements = {
      upcoming: sqlite.prepare<[number, number, number], { start: number; end: number }>('SELECT start, "end" FROM event_occurrences WHERE event_row = ? AND "end" > ? ORDER BY start LIMIT ?'),
      last: sqlite.prepare<[number, number], { start: number; end: number }>('SELECT start, "end" FROM event_occurrences WHERE event_row = ? ORDER BY start DESC LIMIT ?'),
    };
  }

  body(view: ReadView, hub: string, id: string, now: number): string | undefined {
    if (!view.shown.has(hub)) return undefined;
    const event = this.json.byId(hub, id);
    if (event === undefined) return undefined;
    let dates = this.statements.upcoming.all(event.rowId, now, DETAIL_DATES);
    if (dates.length === 0) dates = this.statements.last.all(event.rowId, PAST_DATES).reverse();
    const occurrences = dates.map((date) => `{"start":"${isoSeconds(date.start)}","end":"${isoSeconds(date.end)}"}`);
    return `{"event":${event.data},"provenance":${JSON.stringify(this.json.provenance(event, view.hubs))},"occurrences":[${occurrences.join(',')}]}`;
  }
}
