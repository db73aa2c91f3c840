import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, type CommuneItem, type DatePreview } from '@constellation/shared';
import { startTestHub, type TestHub } from './support.ts';

/*
 * The helpers the contribute forms call while someone types: the region's communes, the
 * next dates of a schedule, and a Markdown preview, computed by the code that serves the
 * saved content.
 */

interface ErrorBody {
  error: string;
  field?: string;
}

let hub: TestHub;
let token = '';

beforeAll(async () => {
  hub = await startTestHub();
  token = (await hub.user('contributor')).token;
});

afterAll(async () => {
  await hub.close();
});

const communes = async (query: string, remoteAddress = '10.20.0.1') => hub.request<{ items: CommuneItem[] } & ErrorBody>({ method: 'GET', url: `/api/v1/communes${query}`, remoteAddress });
const names = async (query: string) => (await communes(query)).body.items.map((item) => item.name);

describe('GET /api/v1/communes', () => {
  it("finds the region's communes by the start of their name, with their codes and coordinates", async () => {
    const response = await communes('?q=orl');
    expect(response.status).toBe(200);
    expect(response.body.items[0]).toEqual({ name: 'Orléans', inseeCode: '45234', postalCode: '45000', departement: '45', lat: 47.90248, lon: 1.90407 });
  });

  it('ignores accents and case, and lists the most populous first', async () => {
    expect(await names('?q=ORLÉANS')).toEqual(['Orléans']);
    expect(await names('?q=chateau&limit=3')).toEqual(['Châteauroux', 'Châteaudun', 'Châteauneuf-sur-Loire']);
    expect(await names('?q=Saint-Cyr')).toEqual(await names('?q=st cyr'));
    expect(await names('?q=saint%20cyr')).toContain('Saint-Cyr-sur-Loire');
  });

  it('finds communes by postcode when q is digits', async () => {
    expect(await names('?q=45000')).toEqual(['Orléans']);
    expect((await communes('?q=37&limit=2')).body.items.map((item) => item.postalCode?.slice(0, 2))).toEqual(['37', '37']);
  });

  it("knows only the hub's region", async () => {
    expect(await names('?q=Strasbourg')).toEqual([]);
    expect(await names('?q=67000')).toEqual([]);
  });

  it.each([
    ['', 'query.q'],
    ['?q=', 'query.q'],
    ['?q=tours&limit=0', 'query.limit'],
    ['?q=tours&limit=51', 'query.limit'],
    ['?q=tours&near=1', 'query.near'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const response = await communes(query);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });

  it('is rate-limited per address', async () => {
    let last = 0;
    for (let index = 0; index < 121; index += 1) last = (await communes('?q=tours', '10.20.9.9')).status;
    expect(last).toBe(429);
    expect((await communes('?q=tours', '10.20.9.10')).status).toBe(200);
  });
});

const preview = (payload: Record<string, unknown>, auth: string | null = token) =>
  hub.request<DatePreview & ErrorBody>({ method: 'POST', url: '/api/v1/events/preview-dates', payload, ...(auth === null ? {} : { token: auth }) });

describe('POST /api/v1/events/preview-dates', () => {
  it('expands a weekly rule in the event zone across a DST change, without its exceptions', async () => {
    const response = await preview({
      timeZone: 'Europe/Paris',
      recurrence: { start: '2035-03-14T18:00', end: '2035-03-14T20:00', rrule: 'FREQ=WEEKLY;COUNT=4', exdates: ['2035-03-21T18:00'] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      occurrences: [
        { start: '2035-03-14T18:00:00+01:00', end: '2035-03-14T20:00:00+01:00' },
        { start: '2035-03-28T18:00:00+02:00', end: '2035-03-28T20:00:00+02:00' },
        { start: '2035-04-04T18:00:00+02:00', end: '2035-04-04T20:00:00+02:00' },
      ],
      more: false,
    });
  });

  it('stops at limit and says there are more; an unbounded rule too', async () => {
    const response = await preview({ timeZone: 'Europe/Paris', recurrence: { start: '2035-01-07T10:00', end: '2035-01-07T12:00', rrule: 'FREQ=MONTHLY;BYDAY=1SU' }, limit: 2 });
    expect(response.body.occurrences.map((occurrence) => occurrence.start)).toEqual(['2035-01-07T10:00:00+01:00', '2035-02-04T10:00:00+01:00']);
    expect(response.body.more).toBe(true);
    const byDefault = await preview({ timeZone: 'Europe/Paris', recurrence: { start: '2035-01-07T10:00', end: '2035-01-07T12:00', rrule: 'FREQ=MONTHLY;BYDAY=1SU' } });
    expect(byDefault.body.occurrences).toHaveLength(10);
  });

  it('lists timings from now on, leaving out the past ones', async () => {
    const response = await preview({
      timeZone: 'America/Cayenne',
      timings: [
        { start: '2020-05-01T10:00:00Z', end: '2020-05-01T12:00:00Z' },
        { start: '2035-05-01T13:00:00Z', end: '2035-05-01T15:00:00Z' },
      ],
    });
    expect(response.body).toEqual({ occurrences: [{ start: '2035-05-01T10:00:00-03:00', end: '2035-05-01T12:00:00-03:00' }], more: false });
  });

  it.each([
    ['recurrence.rrule', { timeZone: 'Europe/Paris', recurrence: { start: '2035-01-07T10:00', end: '2035-01-07T12:00', rrule: 'FREQ=SOMETIMES' } }],
    ['recurrence.end', { timeZone: 'Europe/Paris', recurrence: { start: '2035-01-07T10:00', end: '2035-01-06T09:00', rrule: 'FREQ=DAILY' } }],
    ['timeZone', { timeZone: 'Europe/Atlantis', timings: [{ start: '2035-05-01T13:00:00Z', end: '2035-05-01T15:00:00Z' }] }],
    ['timings.0.end', { timeZone: 'Europe/Paris', timings: [{ start: '2035-05-01T13:00:00Z', end: '2035-05-01T12:00:00Z' }] }],
    ['timings', { timeZone: 'Europe/Paris' }],
    ['recurrence', { timeZone: 'Europe/Paris', timings: [{ start: '2035-05-01T13:00:00Z', end: '2035-05-01T15:00:00Z' }], recurrence: { start: '2035-01-07T10:00', end: '2035-01-07T12:00', rrule: 'FREQ=DAILY' } }],
    ['limit', { timeZone: 'Europe/Paris', timings: [{ start: '2035-05-01T13:00:00Z', end: '2035-05-01T15:00:00Z' }], limit: 21 }],
  ])('refuses a bad %s with 400 naming it', async (field, payload) => {
    const response = await preview(payload);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });

  it('needs a login', async () => {
    expect((await preview({ timeZone: 'Europe/Paris', timings: [{ start: '2035-05-01T13:00:00Z', end: '2035-05-01T15:00:00Z' }] }, null)).status).toBe(401);
  });
});

const markdown = (payload: Record<string, unknown>, auth: string | null = token) =>
  hub.request<{ html: string } & ErrorBody>({ method: 'POST', url: '/api/v1/markdown/preview', payload, ...(auth === null ? {} : { token: auth }) });

describe('POST /api/v1/markdown/preview', () => {
  it('renders Markdown as the hub does, sanitised', async () => {
    const response = await markdown({ markdown: '# Une belle édition\n\nMerci aux **bénévoles** !\n\n<script>alert(1)</script>\n\n[piège](javascript:alert(1)) <img src=x onerror=alert(1)>' });
    expect(response.status).toBe(200);
    // Headings start at h2 (the page's own title is the h1), as on the hub's pages.
    expect(response.body.html).toContain('<h2>Une belle édition</h2>');
    expect(response.body.html).toContain('<strong>bénévoles</strong>');
    expect(response.body.html).not.toMatch(/<script|javascript:|onerror/i);
  });

  it('refuses a text longer than the longest Markdown field, naming it', async () => {
    const response = await markdown({ markdown: 'a'.repeat(LIMITS.articleBody + 1) });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('markdown');
  });

  it('needs a login', async () => {
    expect((await markdown({ markdown: 'texte' }, null)).status).toBe(401);
  });
});
