import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, loadHubConfig, openHubStore, runHubCli } from '@constellation/hub';
import { demoCampaign, demoSeedTime, SEED_DAY_FILE } from '../../bin/demo-campaign.js';

/*
 * The demo started again later, without --reset: its national campaign must stay the edition
 * its hubs' seeded events carry (the first start's), and a hub seeded later (its data deleted
 * alone) must carry that edition too, not a new one. Clocks are injected: no waiting a year.
 */

const DAY = 86_400_000;
const HUBS = [
  { id: 'grand-est', region: '44' },
  { id: 'centre-val-de-loire', region: '24' },
];
const FIRST_START = Date.parse('2026-12-07T16:00:00Z');
const A_YEAR_ON = FIRST_START + 365 * DAY;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'constellation-demo-campaign-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo campaign over the years', () => {
  it('is reckoned from the first start on every later start, a year on included', () => {
    const data = join(dir, 'data');
    mkdirSync(data);
    expect(demoSeedTime(data, HUBS.map((hub) => hub.id), FIRST_START)).toBe(FIRST_START);
    expect(JSON.parse(readFileSync(join(data, SEED_DAY_FILE), 'utf8'))).toEqual({ seededAt: '2026-12-07T16:00:00.000Z' });
    const later = demoSeedTime(data, HUBS.map((hub) => hub.id), A_YEAR_ON);
    expect(later).toBe(FIRST_START);
    expect(demoCampaign(HUBS, later)).toMatchObject({ slug: 'fete-de-la-science-2026', startDate: '2026-12-04', endDate: '2026-12-18', regions: ['44', '24'] });
    // What a restart a year on defined before: a new, empty edition beside the hubs' one.
    expect(demoCampaign(HUBS, A_YEAR_ON).slug).toBe('fete-de-la-science-2027');
  });

  it('takes the hubs\' databases as the seed day when data from an earlier version recorded none', () => {
    const data = join(dir, 'legacy');
    mkdirSync(join(data, 'grand-est'), { recursive: true });
    const file = join(data, 'grand-est', 'hub.sqlite');
    writeFileSync(file, '');
    utimesSync(file, new Date(FIRST_START), new Date(FIRST_START));
    expect(demoSeedTime(data, HUBS.map((hub) => hub.id), A_YEAR_ON)).toBe(FIRST_START);
    expect(existsSync(join(data, SEED_DAY_FILE))).toBe(true);
  });

  it('seeds a hub a year later as of the first start (`hub seed --now`): its events carry the national edition', async () => {
    const hubDir = join(dir, 'hub');
    const env = { HUB_ID: 'centre-val-de-loire', HUB_NAME: 'Centre', HUB_REGION: '24', HUB_BASE_URL: 'http://127.0.0.1:9', HUB_DATA_DIR: hubDir, HUB_JWT_SECRET: 'demo-campaign-test-secret-long-enough-0123456789', HUB_LOG_LEVEL: 'silent' };
    const errors: string[] = [];
    const code = await runHubCli(['seed', '--scale', '0.05', '--demo-accounts', '--now', new Date(FIRST_START).toISOString()], { out: () => undefined, err: (line) => errors.push(line), env, stdin: () => '' });
    expect(code, errors.join('\n')).toBe(0);
    const config = loadHubConfig({ env });
    const store = openHubStore(config);
    try {
      const services = createServices(store, config);
      const campaigns = new Set(services.campaigns.submissions({}).map((submission) => submission.campaign));
      // This edition's events, and last year's village (this one's previous edition).
      expect([...campaigns].sort()).toEqual(['fete-de-la-science-2025', demoCampaign(HUBS, FIRST_START).slug]);
      // The demo's logins carry people's names, as a French team's would, never an English role word.
      const names = ['operateur', 'moderation', 'contribution', 'coordination'].map((who) => services.accounts.findByEmail(`${who}@centre-val-de-loire.example.org`)?.displayName);
      expect(names).toEqual(['Julien Moreau (démo)', 'Nadia Lefèvre (démo)', 'Léa Fontaine (démo)', 'Hélène Garnier (démo)']);
    } finally {
      store.close();
    }
    const bad = await runHubCli(['seed', '--now', 'next year'], { out: () => undefined, err: (line) => errors.push(line), env, stdin: () => '' });
    expect(bad).toBe(2);
    expect(errors.join('\n')).toContain('--now');
  });
});
