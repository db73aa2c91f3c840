import { describe, expect, it } from 'vitest';
import { apiErrorOf, reportOf } from '@constellation/web';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('apiErrorOf', () => {
  it('keeps the code, the fields and every issue of an error body', async () => {
    const error = await apiErrorOf(json(400, { error: 'validation_failed', message: 'title is required', field: 'title', issues: [{ field: 'title', message: 'title is required' }, { field: 'timings.0.end', message: 'must not be before start' }] }));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', field: 'title', message: 'title is required' });
    expect(error.issues.map((issue) => issue.field)).toEqual(['title', 'timings.0.end']);
  });

  it('makes a lone field an issue, so forms place it', async () => {
    const error = await apiErrorOf(json(404, { error: 'not_found', message: 'no such dossier', field: 'featuredDossierId' }));
    expect(error.issues).toEqual([{ field: 'featuredDossierId', message: 'no such dossier' }]);
  });

  it("keeps a refused import's report, which the import page lists", async () => {
    const report = { outcome: 'refused', source: 'ical', counts: { created: 0, updated: 0, unchanged: 0, rejected: 1 }, created: [], updated: [], unchanged: [], rejected: [{ sourceId: 'uid-1', title: 'Sans date', field: 'timings', reason: 'is required' }] };
    const error = await apiErrorOf(json(422, report));
    expect(error.body).toEqual(report);
    expect(reportOf(error)).toMatchObject({ outcome: 'refused' });
  });

  it('falls back to the status line when the body is not JSON', async () => {
    const error = await apiErrorOf(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(error).toMatchObject({ status: 502, message: '502 Bad Gateway', issues: [] });
    expect(error.body).toBeUndefined();
  });
});
