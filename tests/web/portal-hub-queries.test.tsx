import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTORY_FILTERS, DIRECTORY_TYPES, directoryApiPath, directoryApiQuery } from '@constellation/web';
import { startTestHub, type TestHub } from '../hub/support.ts';

/*
 * Every search a directory can send is one a real hub accepts: the hub answers 400 for a
 * query field or value it does not know, so a name or value out of step with the hub's
 * list filters would break that directory. (Node environment: the hub cannot run in happy-dom.)
 */

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub.close();
});

describe('directory queries against a hub', () => {
  it.each(DIRECTORY_TYPES.map((type) => [type]))('the %s directory sends only what the hub accepts', async (type) => {
    const queries: URLSearchParams[] = [directoryApiQuery(type, {}), directoryApiQuery(type, { q: 'sciences  participatives ' })];
    for (const filter of DIRECTORY_FILTERS[type]) {
      const values = filter.kind === 'choice' ? filter.vocabulary.values : filter.kind === 'flag' ? ['true'] : ['Saint-Cyr-sur-Loire', '37261', 'x'.repeat(300)];
      for (const value of values) queries.push(directoryApiQuery(type, { q: 'a', [filter.name]: value }));
    }
    const refused: string[] = [];
    for (const query of queries) {
      const response = await hub.request({ method: 'GET', url: `${directoryApiPath(type)}?${query.toString()}` });
      if (response.status !== 200) refused.push(`${query.toString()} → ${response.status} ${response.text}`);
    }
    expect(refused).toEqual([]);
  });

  it('is checked against a hub that does refuse what it does not know', async () => {
    for (const url of ['/api/v1/places?colour=red', '/api/v1/places?accessibility=motor,hearing', '/api/v1/projects?participationType=everywhere']) {
      expect((await hub.request({ method: 'GET', url })).status, url).toBe(400);
    }
  });
});
