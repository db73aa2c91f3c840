// The demo's Fête de la science, and the day it is reckoned from. The hubs' seeds label their
// events for an edition running on the day they are seeded; the national campaign must be that
// same edition on every later start, or a demo restarted a year on (without --reset) would
// define a new, empty edition next to the one its hubs' events carry.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The seeded Fête de la science began this many days before the seed day and lasts this many days (the hub seed's FDS_DAYS_BEFORE and FDS_LENGTH_DAYS). */
const CAMPAIGN_DAYS_BEFORE = 3;
const CAMPAIGN_LENGTH_DAYS = 15;
const DAY_MS = 86_400_000;
/** Where the demo keeps the day its hubs were seeded, in its data directory. */
export const SEED_DAY_FILE = 'demo-seeded.json';

/**
 * The Fête de la science the hubs' seeds label their events for: running on the seed day
 * (begun three days before, fifteen days long, in UTC days as the seeds count them).
 */
export function demoCampaign(hubs, seededAt = Date.now()) {
  const start = Math.floor(seededAt / DAY_MS) - CAMPAIGN_DAYS_BEFORE;
  const isoDay = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  const year = new Date(start * DAY_MS).getUTCFullYear();
  return {
    slug: `fete-de-la-science-${year}`,
    name: `Fête de la science ${year}`,
    startDate: isoDay(start),
    endDate: isoDay(start + CAMPAIGN_LENGTH_DAYS - 1),
    description: 'Chaque année, la **Fête de la science** ouvre les laboratoires, les musées et les villages des sciences au public : ateliers, visites, conférences et rencontres avec des chercheurs, gratuits et partout en France.',
    regions: [...new Set(hubs.map((hub) => hub.region))],
  };
}

/**
 * The time the demo's hubs were (or are about to be) seeded, in ms: read from the data
 * directory when an earlier start recorded it, else now when no hub is seeded yet, else (data
 * from a version that did not record it) the oldest hub database's modification time, which is
 * the seed day unless the hub was written to on a later day. Recorded for the next starts.
 * A hub seeded later (its data deleted alone) is seeded as of this time too (`--now`).
 */
export function demoSeedTime(dataDir, hubIds, now = Date.now()) {
  const file = join(dataDir, SEED_DAY_FILE);
  if (existsSync(file)) {
    const recorded = Date.parse(JSON.parse(readFileSync(file, 'utf8')).seededAt ?? '');
    if (!Number.isNaN(recorded)) return recorded;
  }
  const seeded = hubIds.map((id) => join(dataDir, id, 'hub.sqlite')).filter((path) => existsSync(path));
  const seededAt = seeded.length === 0 ? now : Math.min(...seeded.map((path) => statSync(path).mtimeMs));
  writeFileSync(file, `${JSON.stringify({ seededAt: new Date(seededAt).toISOString() })}\n`);
  return seededAt;
}

/**
 * Creates the demo's campaign through the national admin API, once (a later run finds it):
 * the edition of the day the hubs were seeded, whenever the demo is started again.
 */
export async function ensureDemoCampaign(nationalUrl, hubs, seededAt, admin) {
  const campaign = demoCampaign(hubs, seededAt);
  const known = await fetch(`${nationalUrl}/api/v1/campaigns/${campaign.slug}`);
  if (known.ok) {
    const today = new Date().toISOString().slice(0, 10);
    if (campaign.endDate < today) console.log(`the demo's ${campaign.name} ended on ${campaign.endDate} (its hubs were seeded then); \`npm start -- --reset\` seeds a running edition`);
    return;
  }
  const login = await fetch(`${nationalUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  if (!login.ok) throw new Error(`the national admin could not log in to create the demo campaign (${login.status})`);
  const { accessToken } = await login.json();
  const created = await fetch(`${nationalUrl}/api/v1/admin/campaigns`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify(campaign) });
  if (!created.ok) throw new Error(`the demo campaign was refused (${created.status}): ${await created.text()}`);
  console.log(`created the national campaign "${campaign.name}" (${nationalUrl}/campagnes/${campaign.slug})`);
}

/**
 * Has a hub read the national campaign list again now, as its coordinator would from the
 * console: the hubs start before the aggregator (and before the demo defines its campaign),
 * so their own first reading found nothing. Logs in as the hub's demo admin; answers
 * undefined when done, or what went wrong in words.
 */
export async function readCampaignsAgain(hubUrl, admin) {
  try {
    const login = await fetch(`${hubUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
    if (!login.ok) return `${admin.email} could not log in (${login.status})`;
    const { accessToken } = await login.json();
    const synced = await fetch(`${hubUrl}/api/v1/admin/campaigns/sync`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
    return synced.ok ? undefined : `${synced.status}: ${(await synced.json().catch(() => ({}))).message ?? 'no message'}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
