/**
 * `npm run bench:campaign`: a campaign's national page at peak. A store of 40,000 national
 * events of which 10,000 belong to one campaign (the Fête de la science runs about 6,000),
 * then, in this process, the answers the campaign page asks for (its list, its clusters
 * of France, its counts) and the national ones with the same window, each called
 * repeatedly and timed: the campaign's p95 and its ratio to the national list's, in the
 * same run on the same machine state.
 *
 *   npm run bench:campaign                         # 10,000 campaign events among 40,000
 *   npm run bench:campaign -- --campaign 20000 --others 60000 --rounds 300
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { CampaignEditor, CampaignRead, NationalRead, NationalWriter, openNationalStore, sqliteEngine } from '@constellation/aggregator';
import { eventFormats, type CampaignPublic, type EventPublic } from '@constellation/shared';
import { isMain, machine, numberFlag, percentiles, round, table, writeResult } from './common.ts';

const FRANCE = '-5.2,41.3,9.6,51.1';
const SLUG = 'fete-de-la-science-2026';
const HUBS = [
  { id: 'centre-val-de-loire', region: '24', lat: 47.9, lon: 1.9 },
  { id: 'grand-est', region: '44', lat: 48.58, lon: 7.75 },
  { id: 'auvergne-rhone-alpes', region: '84', lat: 45.76, lon: 4.84 },
  { id: 'occitanie', region: '76', lat: 43.6, lon: 1.44 },
  { id: 'bretagne', region: '53', lat: 48.11, lon: -1.68 },
];

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function eventOf(next: () => number, hub: (typeof HUBS)[number], start: number, campaign: string | undefined): EventPublic {
  const id = randomUUID();
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    id,
    hub: hub.id,
    slug: `e-${id.slice(0, 8)}`,
    version: 1,
    createdAt: '2026-06-01T08:00:00Z',
    updatedAt: '2026-06-01T08:00:00Z',
    url: `https://${hub.id}.example.org/events/e-${id.slice(0, 8)}`,
    actorId: randomUUID(),
    title: `Atelier ${Math.floor(next() * 100_000)}`,
    timeZone: 'Europe/Paris',
    timings: [{ start: iso(start), end: iso(start + 2 * 3_600_000) }],
    attendanceMode: 'in-person',
    place: { name: 'Salle', commune: 'Ville', lat: round(hub.lat + (next() - 0.5) * 2, 5), lon: round(hub.lon + (next() - 0.5) * 3, 5) },
    format: eventFormats.values[Math.floor(next() * eventFormats.values.length)] ?? 'workshop',
    eventStatus: 'scheduled',
    ...(campaign === undefined ? {} : { campaign }),
  };
}

function timed(rounds: number, call: () => unknown): { p50: number; p95: number; bytes: number } {
  // Untimed first calls: the first query measured would otherwise pay the JIT's warm-up.
  for (let index = 0; index < Math.min(50, rounds); index += 1) call();
  const samples: number[] = [];
  let bytes = 0;
  for (let index = 0; index < rounds; index += 1) {
    const started = performance.now();
    const answer = call();
    samples.push(performance.now() - started);
    bytes = typeof answer === 'string' ? answer.length : JSON.stringify(answer).length;
  }
  const { p50 = Number.NaN, p95 = Number.NaN } = percentiles(samples, [50, 95]);
  return { p50, p95, bytes };
}

export async function runCampaignBench(argv: readonly string[]): Promise<void> {
  const campaignEvents = numberFlag(argv, 'campaign', 10_000);
  const otherEvents = numberFlag(argv, 'others', 30_000);
  const rounds = numberFlag(argv, 'rounds', 200);
  const dir = mkdtempSync(join(tmpdir(), 'bench-campaign-'));
  const store = openNationalStore(join(dir, 'national.sqlite'));
  try {
    const insertHub = store.sqlite.prepare(`INSERT INTO hubs (id, base_url, name, region, status, descriptor, added_at, approved_at) VALUES (?, ?, ?, ?, 'approved', '{}', ?, ?)`);
    for (const hub of HUBS) insertHub.run(hub.id, `https://${hub.id}.example.org`, hub.id, hub.region, Date.now(), Date.now());
    const writer = new NationalWriter(store);
    const next = rng(2026);
    const campaignStart = Date.parse('2026-10-02T07:00:00Z');
    const seqs = new Map<string, number>();
    const started = performance.now();
    const total = campaignEvents + otherEvents;
    for (let offset = 0; offset < total; offset += 500) {
      const byHub = new Map<string, unknown[]>();
      for (let index = offset; index < Math.min(total, offset + 500); index += 1) {
        const hub = HUBS[index % HUBS.length] ?? HUBS[0];
        if (hub === undefined) continue;
        const inCampaign = index < campaignEvents;
        // Campaign events in its ten days; the others over the autumn, overlapping them.
        const start = inCampaign ? campaignStart + Math.floor(next() * 10) * 86_400_000 + Math.floor(next() * 10) * 3_600_000 : campaignStart - 30 * 86_400_000 + Math.floor(next() * 90) * 86_400_000;
        const event = eventOf(next, hub, start, inCampaign ? SLUG : undefined);
        const seq = (seqs.get(hub.id) ?? 0) + 1;
        seqs.set(hub.id, seq);
        byHub.set(hub.id, [...(byHub.get(hub.id) ?? []), { seq, type: 'event', id: event.id, op: 'upsert', version: 1, updatedAt: event.updatedAt, data: event }]);
      }
      for (const [hubId, items] of byHub) {
        const hub = HUBS.find((candidate) => candidate.id === hubId);
        if (hub === undefined) continue;
        const latest = seqs.get(hubId) ?? 0;
        writer.apply({ id: hub.id, region: hub.region }, items, { cursor: String(latest - items.length), latest });
      }
    }
    const ingestSeconds = round((performance.now() - started) / 1000, 1);
    const campaigns = new CampaignEditor(sqliteEngine(store).admin.campaigns, 'https://national.example.org');
    const campaign: CampaignPublic = await campaigns.create({ slug: SLUG, name: 'Fête de la science 2026', startDate: '2026-10-02', endDate: '2026-10-11', regions: HUBS.map((hub) => hub.region) as CampaignPublic['regions'] }, 'bench');
    const read = new NationalRead(store);
    read.warm();
    const reads = new CampaignRead(read, store);
    const now = Date.parse('2026-09-15T00:00:00Z');
    const window = { from: '2026-10-02T00:00:00+02:00', to: '2026-10-11T23:59:59+02:00' };
    const stale = () => false;
    const rows: { query: string; p50: number; p95: number; bytes: number }[] = [];
    const measure = (query: string, call: () => unknown) => rows.push({ query, ...timed(rounds, call) });
    measure('campaign list (50)', () => reads.list(campaign, { limit: 50 }, now, stale));
    measure('national list, same window (50)', () => read.list({ ...window, limit: 50 }, now));
    measure('campaign clusters of France z5', () => reads.clusters(campaign, { bbox: FRANCE, zoom: 5 }, now, stale));
    measure('national clusters of France z5, same window', () => read.clusters({ ...window, bbox: FRANCE, zoom: 5 }, now));
    measure('campaign counts (region, format)', () => reads.counts(campaign, {}, now, stale));
    const p95 = (query: string) => rows.find((row) => row.query.startsWith(query))?.p95 ?? Number.NaN;
    const ratios = { list: round(p95('campaign list') / p95('national list')), clusters: round(p95('campaign clusters') / p95('national clusters')) };
    console.log(`${campaignEvents} campaign events among ${total}; ingest ${ingestSeconds} s; ${rounds} calls each, direct (no HTTP)`);
    console.log(table(['query', 'p50 ms', 'p95 ms', 'answer chars'], rows.map((row) => [row.query, row.p50, row.p95, row.bytes])));
    console.log(`p95 ratio campaign / national: list ${ratios.list}, clusters ${ratios.clusters}`);
    const out = writeResult('aggregator-campaign', { machine: machine(), campaignEvents, total, rounds, ingestSeconds, rows, ratios, at: new Date().toISOString() });
    console.log(`written to ${out}`);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await runCampaignBench(process.argv.slice(2));
