import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPublic } from '@constellation/shared';
import { DAY, HOUR, HUBS, makeEvent, PLACES, random, startNational, type NationalApi } from './api-support.ts';

/*
 * GET /api/v1/hubs: every approved hub with its health and counts; pending and suspended
 * hubs are not public.
 */

interface PublicHub {
  id: string;
  name: string;
  region: string;
  baseUrl: string;
  status: string;
  lastSuccessAt: string | null;
  lastPullAt: string | null;
  lagSeq: number;
  lagSeconds: number;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  breakerOpenUntil: string | null;
  counts: { events: number; records: number; rejected: number };
}

let national: NationalApi;
const base = Date.now() - (Date.now() % HOUR);

beforeAll(async () => {
  national = await startNational();
  const insert = national.store.sqlite.prepare(`INSERT INTO hubs (id, base_url, name, region, status, descriptor, added_at) VALUES (?, ?, ?, ?, ?, '{}', ?)`);
  insert.run('bretagne', 'https://bretagne.hub.test', 'Echosciences Bretagne', '53', 'pending', Date.now());
  insert.run('normandie', 'https://normandie.hub.test', 'Echosciences Normandie', '28', 'suspended', Date.now());
});

afterAll(async () => {
  await national?.close();
});

async function hubs(): Promise<PublicHub[]> {
  const response = await national.request<{ items: PublicHub[] }>('/api/v1/hubs');
  expect(response.status, response.text).toBe(200);
  return response.body.items;
}

describe('the hubs and their health', () => {
  it('lists the approved hubs only, with their registry fields', async () => {
    const items = await hubs();
    expect(items.map((hub) => hub.id)).toEqual(HUBS.map((hub) => hub.id).sort());
    for (const spec of HUBS) {
      expect(items.find((hub) => hub.id === spec.id)).toMatchObject({ name: spec.name, region: spec.region, baseUrl: spec.baseUrl, status: 'approved' });
    }
  });

  it('counts listed events, live records and refused items per hub', async () => {
    const next = random(5);
    const [centre, est] = [HUBS[0], HUBS[1]];
    const start = base + 3 * DAY;
    const own: EventPublic[] = Array.from({ length: 5 }, (_, i) => makeEvent(next, base, { hub: centre, title: `Atelier numéro ${i} unique${i}`, place: PLACES[0], start: start + i * DAY, hours: 1 }));
    const original = makeEvent(next, base, { hub: centre, title: 'Observation du ciel nocturne', place: PLACES[4], start, hours: 2 });
    const copy = makeEvent(next, base, { hub: est, title: 'Observation du ciel nocturne', place: PLACES[4], start, hours: 2 });
    national.publish([...own, original]);
    national.publish([copy]);
    national.remove([own[0] as EventPublic]);
    // A refused item: another hub's event served by Grand Est.
    national.writer.apply({ id: 'grand-est', region: '44' }, [{ seq: 99, type: 'event', id: own[1]?.id, op: 'upsert', version: 1, updatedAt: own[1]?.updatedAt, data: own[1] }], { cursor: '99', latest: 99 });
    const items = await hubs();
    expect(items.find((hub) => hub.id === centre?.id)?.counts).toEqual({ events: 5, records: 5, rejected: 0 });
    // The copy is listed under the centre's event, but is one of Grand Est's records.
    expect(items.find((hub) => hub.id === est?.id)?.counts).toEqual({ events: 0, records: 1, rejected: 1 });
    // Suspending the centre lists Grand Est's copy in its place.
    await national.services.registry.suspend(centre?.id ?? '');
    const suspended = await hubs();
    expect(suspended.map((hub) => hub.id)).not.toContain(centre?.id);
    expect(suspended.find((hub) => hub.id === est?.id)?.counts.events).toBe(1);
    await national.services.registry.approve(centre?.id ?? '');
  });

  it('gives the lag in changes and in seconds, the last error and the circuit breaker', async () => {
    const now = Date.now();
    const set = national.store.sqlite.prepare(
      `UPDATE hubs SET cursor = ?, latest = ?, caught_up_at = ?, last_success_at = ?, last_pull_at = ?, last_error = ?, last_error_at = ?, consecutive_failures = ?, breaker_until = ? WHERE id = ?`,
    );
    set.run('120', 120, now - 60_000, now - 60_000, now - 5_000, null, null, 0, null, 'centre-val-de-loire');
    set.run('80', 200, now - 600_000, now - 600_000, now - 10_000, 'the hub answered 503', now - 10_000, 6, now + 300_000, 'grand-est');
    set.run('10', 10, null, null, null, 'the descriptor could not be read', now - 1_000, 1, now - 1_000, 'auvergne-rhone-alpes');
    const items = await hubs();
    const centre = items.find((hub) => hub.id === 'centre-val-de-loire');
    expect(centre).toMatchObject({ lagSeq: 0, lagSeconds: 0, lastError: null, consecutiveFailures: 0, breakerOpenUntil: null });
    expect(Date.parse(centre?.lastSuccessAt ?? '')).toBe(now - 60_000);
    expect(Date.parse(centre?.lastPullAt ?? '')).toBe(now - 5_000);
    const est = items.find((hub) => hub.id === 'grand-est');
    expect(est).toMatchObject({ lagSeq: 120, lastError: 'the hub answered 503', consecutiveFailures: 6 });
    expect(est?.lagSeconds).toBeGreaterThanOrEqual(600);
    expect(est?.lagSeconds).toBeLessThan(700);
    expect(Date.parse(est?.breakerOpenUntil ?? '')).toBe(now + 300_000);
    expect(Date.parse(est?.lastErrorAt ?? '')).toBe(now - 10_000);
    const aura = items.find((hub) => hub.id === 'auvergne-rhone-alpes');
    expect(aura).toMatchObject({ lagSeq: 0, lagSeconds: 0, lastSuccessAt: null, breakerOpenUntil: null, lastError: 'the descriptor could not be read' });
  });

  it('refuses query parameters it does not know', async () => {
    const response = await national.request<{ field: string }>('/api/v1/hubs?status=pending');
    expect(response.status).toBe(400);
  });
});
