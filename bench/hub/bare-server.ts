/**
 * The yardstick: a bare node:http + better-sqlite3 server answering the benchmark's one
 * URL shape, `GET /api/v1/events?from=…&to=…&bbox=…&limit=…`, with the SQL the hub's
 * EventListService builds for that filter combination (copied, not imported) and the
 * same JSON body. No framework, no validation library, no logging, no security headers:
 * what is left is the database work and HTTP itself.
 *
 *   npx tsx bench/hub/bare-server.ts --db bench/.data/hub-v1-100000/hub.sqlite [--port 0]
 *
 * Started by run.ts as a child process: it reports its port over IPC.
 */
import { createServer, type ServerResponse } from 'node:http';
import Database from 'better-sqlite3';
import { flag, isMain, numberFlag } from './common.ts';

/**
 * What hub/src/services/event-list.ts (`list` with `firstOccurrences`, as of commit
 * 4713c34: an R*Tree of occurrence boxes, then the exact conditions) builds for from + to
 * + bbox without a cursor, conditions joined in the same order. Re-copy it when that file
 * changes: run.ts stops if the two servers' bodies differ.
 */
export const LIST_SQL = `
      SELECT g.id, g.start, CAST('{"event":' || c.public_json || ',"occurrence":{"start":"'
        || strftime('%Y-%m-%dT%H:%M:%SZ', g.start / 1000, 'unixepoch') || '","end":"'
        || strftime('%Y-%m-%dT%H:%M:%SZ', g.end / 1000, 'unixepoch') || '"}}' AS BLOB) AS item
      FROM (
        SELECT o.event_id AS id, min(o.start) AS start, o.end AS end
        FROM occurrence_boxes b
          CROSS JOIN event_occurrences o ON o.id = b.id
          CROSS JOIN events_index e ON e.id = o.event_id
        WHERE b.t1 >= @fromMinutes AND b.t0 <= @toMinutes AND b.y1 >= @boxSouth AND b.y0 <= @boxNorth AND b.x1 >= @boxWest AND b.x0 <= @boxEast AND (o.end > @from OR o.start = @from) AND o.start < @to AND e.lat BETWEEN @south AND @north AND e.lon BETWEEN @west AND @east
        GROUP BY o.event_id 
        ORDER BY start, o.event_id
        LIMIT @limit) g JOIN content c ON c.id = g.id
      ORDER BY g.start, g.id`;

/**
 * The list SQL before 4713c34 (a (lat, lon) B-tree range, then each event's occurrences),
 * kept to compare plans: see explain.ts and sql-alternatives.ts.
 */
export const LIST_SQL_BEFORE_RTREE = `
      SELECT g.id, g.start, CAST('{"event":' || c.public_json || ',"occurrence":{"start":"'
        || strftime('%Y-%m-%dT%H:%M:%SZ', g.start / 1000, 'unixepoch') || '","end":"'
        || strftime('%Y-%m-%dT%H:%M:%SZ', g.end / 1000, 'unixepoch') || '"}}' AS BLOB) AS item
      FROM (
        SELECT o.event_id AS id, min(o.start) AS start, o.end AS end
        FROM event_occurrences o JOIN events_index e ON e.id = o.event_id
        WHERE (o.end > @from OR o.start = @from) AND o.start < @to AND e.lat BETWEEN @south AND @north AND e.lon BETWEEN @west AND @east
        GROUP BY o.event_id 
        ORDER BY start, o.event_id
        LIMIT @limit) g JOIN content c ON c.id = g.id
      ORDER BY g.start, g.id`;

/** The margins event-list.ts widens the R*Tree search by (32-bit float steps). */
const BOX_MARGIN_MINUTES = 5;
const BOX_MARGIN_DEGREES = 1e-4;

/** The named parameters of LIST_SQL (and LIST_SQL_BEFORE_RTREE, which uses a subset). */
export function listSqlParams(from: number, to: number, [west, south, east, north]: readonly [number, number, number, number], limit: number): Record<string, number> {
  return {
    from,
    to,
    fromMinutes: from / 60_000 - BOX_MARGIN_MINUTES,
    toMinutes: to / 60_000 + BOX_MARGIN_MINUTES,
    west,
    south,
    east,
    north,
    boxWest: west - BOX_MARGIN_DEGREES,
    boxSouth: south - BOX_MARGIN_DEGREES,
    boxEast: east + BOX_MARGIN_DEGREES,
    boxNorth: north + BOX_MARGIN_DEGREES,
    limit: limit + 1,
  };
}

/** Only the parameters a statement names (better-sqlite3 refuses extra named parameters). */
export function paramsFor(sql: string, params: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(params).filter(([key]) => new RegExp(`@${key}\\b`).test(sql)));
}

const OPEN_ITEMS = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');

/** LIST_LIMIT of @constellation/shared. */
const LIMIT = { default: 20, max: 100 };

function instant(text: string, endOfDay: boolean): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z`) : Date.parse(text);
}

function fail(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ statusCode: status, error: 'bad_request', message }));
}

export function startBareServer(file: string, port: number, host = '127.0.0.1'): Promise<{ port: number; close: () => Promise<void> }> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const list = db.prepare(LIST_SQL);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://bare');
    if (request.method === 'GET' && url.pathname === '/healthz') return void response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"ok":true}');
    if (request.method !== 'GET' || url.pathname !== '/api/v1/events') return fail(response, 404, 'not found');
    const query = url.searchParams;
    const fromText = query.get('from');
    const toText = query.get('to');
    const bbox = query.get('bbox')?.split(',').map(Number);
    const from = fromText === null ? Date.now() : instant(fromText, false);
    const to = toText === null ? 8_640_000_000_000_000 : instant(toText, true);
    if (bbox?.length !== 4 || bbox.some((value) => !Number.isFinite(value)) || Number.isNaN(from) || Number.isNaN(to)) return fail(response, 400, 'from, to and bbox are required');
    const limit = Math.min(Math.max(Number(query.get('limit') ?? LIMIT.default) || LIMIT.default, 1), LIMIT.max);
    const rows = list.all(listSqlParams(from, to, bbox as [number, number, number, number], limit)) as { id: string; start: number; item: Buffer }[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next = rows.length > limit && last !== undefined ? Buffer.from(JSON.stringify([last.start, last.id])).toString('base64url') : null;
    const parts: Buffer[] = [OPEN_ITEMS];
    page.forEach((row, index) => (index === 0 ? parts.push(row.item) : parts.push(COMMA, row.item)));
    parts.push(Buffer.from(`],"next":${next === null ? 'null' : JSON.stringify(next)}}`));
    const body = Buffer.concat(parts);
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }).end(body);
  });
  // The hub's keep-alive settings (hub/src/server.ts), so connections live as long on both.
  server.keepAliveTimeout = 10_000;
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address !== null ? address.port : port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              db.close();
              done();
            });
            server.closeAllConnections();
          }),
      });
    });
  });
}

if (isMain(import.meta.url)) {
  const argv = process.argv.slice(2);
  const file = flag(argv, 'db');
  if (file === undefined) {
    console.error('usage: bare-server.ts --db FILE [--port N]');
    process.exit(2);
  }
  const { port } = await startBareServer(file, numberFlag(argv, 'port', 0));
  if (process.send !== undefined) process.send({ ready: true, port, pid: process.pid });
  else console.log(`bare server on http://127.0.0.1:${port}`);
}
