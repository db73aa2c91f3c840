import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectSystem } from '../../bin/system-deps.js';
import { places } from '../hub/event-inputs.ts';
import { pathWithout } from '../support/hidden-path.ts';
import { alive, childEnv, REPO_ROOT, runToEnd, spawnManaged, type Exit, type ManagedProcess } from '../support/processes.ts';
import { waitFor } from '../support/wait.ts';

/*
 * `constellation demo`, what `npm start` runs, as a newcomer runs it: one command starts
 * Redis, three seeded hubs and the national aggregator, registers the hubs, and the
 * national API then lists every hub's events, picks up an event posted on a hub, and
 * Ctrl-C (SIGINT) stops every process the demo started.
 *
 * As on a new machine, redis-server is hidden from the demo's PATH. Where the demo can
 * install it (root on Debian/Ubuntu, as CI is), it must say what it installs and why,
 * run apt-get update and apt-get install (a no-op here, as the package is in fact
 * installed) timing each step, then find the program where apt put it and come up.
 * Elsewhere (a developer's laptop) the demo runs with the PATH as it is.
 */

const CAN_INSTALL = (() => {
  const system = detectSystem();
  return system.kind === 'apt' && system.root;
})();

const HUB_IDS = ['grand-est', 'centre-val-de-loire', 'auvergne-rhone-alpes'];

/** A base port with the four ports after it free too (the demo's national site, hubs and mailbox page). */
async function freeBasePort(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (;;) {
    // Below Linux's ephemeral range (32768-60999), where every other test's servers get
    // their ports from the system (listen on 0): a port free now stays free for the demo.
    const base = 10_000 + Math.floor(Math.random() * 22_000);
    const ports = [base, base + 1, base + 2, base + 3, base + 4];
    if ((await Promise.all(ports.map(free))).every(Boolean)) return base;
  }
}


async function json<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as T };
}

interface Listed {
  items: { event: { id: string; title: string }; provenance: { hub: string } }[];
}

let dataDir: string;
let base: number;
let demo: ManagedProcess;
let national: string;
/** The processes the demo said it started, by name. */
let started: { name: string; pid: number }[] = [];
let hiddenPath: string | undefined;

beforeAll(async () => {
  // `npm test` builds the packages (tsc -b) before Vitest; a bare `vitest run` may not have.
  if (!existsSync(join(REPO_ROOT, 'aggregator/dist/main.js')) || !existsSync(join(REPO_ROOT, 'hub/dist/index.js'))) {
    await runToEnd('tsc -b', 'npx', ['tsc', '-b'], { env: childEnv({}), timeoutMs: 300_000 });
  }
  dataDir = mkdtempSync(join(tmpdir(), 'constellation-demo-'));
  base = await freeBasePort();
  national = `http://localhost:${base}`;
  // A small scale keeps the seeding short; the demo is otherwise run as `npm start` runs it.
  hiddenPath = CAN_INSTALL ? pathWithout(['redis-server']) : undefined;
  const env = childEnv(hiddenPath === undefined ? {} : { PATH: hiddenPath });
  demo = spawnManaged('demo', process.execPath, ['bin/constellation.js', 'demo', '--data-dir', dataDir, '--port', String(base), '--scale', '0.3'], { env });
  const line = await waitFor(() => /^Processes: (.*)$/m.exec(demo.output())?.[1] ?? (demo.alive() ? undefined : Promise.reject(new Error(`the demo exited:\n${demo.output()}`))), {
    what: 'the demo to be ready',
    // apt-get update may take a while on a slow mirror.
    timeoutMs: 300_000,
    intervalMs: 200,
  });
  started = line.split(', ').map((entry) => {
    const match = /^(.*) (\d+)$/.exec(entry);
    return { name: match?.[1] ?? entry, pid: Number(match?.[2]) };
  });
}, 360_000);

afterAll(async () => {
  if (demo?.alive()) await demo.stop();
  for (const { pid } of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  if (hiddenPath !== undefined) rmSync(hiddenPath, { recursive: true, force: true });
});

describe('constellation demo', () => {
  it.runIf(CAN_INSTALL)('without redis-server, first says what it installs and why, then times each apt-get step', () => {
    const lines = demo.output().split('\n');
    expect(lines[0]).toMatch(/^constellation: installing redis-server from Debian's packages with apt-get, because Redis \(redis-server\): the national aggregator's job queues/);
    expect(lines[0]).toContain('--no-install');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}apt-get update: done in \d+\.\d s$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}apt-get install -y --no-install-recommends redis-server: done in \d+\.\d s$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}installed: redis-server \(\/\S+\/redis-server\)$/));
  });

  it('says what it started: Redis, the three hubs and the aggregator, and the URLs and accounts', () => {
    const output = demo.output();
    expect(started.map((entry) => entry.name)).toEqual(['Redis', 'Echosciences Grand Est', 'Echosciences Centre-Val de Loire', 'Echosciences Auvergne-Rhône-Alpes', 'The national aggregator']);
    expect(started.every((entry) => alive(entry.pid))).toBe(true);
    expect(output).toContain(`National map and agenda`);
    expect(output).toContain(`${national}/docs`);
    for (const [index, id] of HUB_IDS.entries()) {
      expect(output).toContain(`http://localhost:${base + 1 + index}`);
      expect(output).toContain(`operateur@${id}.example.org`);
    }
    expect(output).toContain('Nadia Lefèvre (démo)');
  });

  it('lists events of all three hubs in the national API', async () => {
    const hubs = await waitFor(
      async () => {
        const { body } = await json<Listed>(`${national}/api/v1/events?limit=100`);
        const seen = new Set(body.items.map((item) => item.provenance.hub));
        return HUB_IDS.every((id) => seen.has(id)) ? [...seen].sort() : undefined;
      },
      { what: 'events of every hub in the national API', timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(hubs).toEqual([...HUB_IDS].sort());
  }, 90_000);

  it('lists places to visit and participatory projects of all three hubs in the national directory', async () => {
    for (const type of ['places', 'projects']) {
      const hubs = await waitFor(
        async () => {
          const { body } = await json<{ items: { hub: string }[] }>(`${national}/api/v1/${type}?limit=100`);
          const seen = new Set(body.items.map((item) => item.hub));
          return HUB_IDS.every((id) => seen.has(id)) ? [...seen].sort() : undefined;
        },
        { what: `${type} of every hub in the national directory`, timeoutMs: 60_000, intervalMs: 250 },
      );
      expect(hubs, type).toEqual([...HUB_IDS].sort());
      // The directory pages render this same answer on the server (tests/aggregator/rendered-pages.test.ts):
      // the demo serves them only when the web app is built, which `npm test` does not do.
    }
  }, 90_000);

  it('brings an event posted on a hub to the national API', async () => {
    const hub = `http://localhost:${base + 2}`;
    const login = await json<{ accessToken: string }>(`${hub}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'operateur@centre-val-de-loire.example.org', password: 'demo-operateur' }),
    });
    expect(login.status).toBe(200);
    const auth = { authorization: `Bearer ${login.body.accessToken}`, 'content-type': 'application/json' };
    const actors = await json<{ items: { id: string }[] }>(`${hub}/api/v1/actors?limit=1`);
    const actorId = actors.body.items[0]?.id;
    expect(actorId).toBeDefined();
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCHours(16, 0, 0, 0);
    const title = 'Nuit des étoiles filantes au parc floral';
    const created = await json<{ id: string; status: string }>(`${hub}/api/v1/events?submit=true`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        actorId,
        title,
        summary: 'Observer les Perséides avec les astronomes amateurs du Loiret.',
        timeZone: 'Europe/Paris',
        timings: [{ start: start.toISOString(), end: new Date(start.getTime() + 3 * 3_600_000).toISOString() }],
        attendanceMode: 'in-person',
        place: { ...places.orleans },
        format: 'workshop',
      }),
    });
    expect(created.status).toBe(201);
    if (created.body.status !== 'published') {
      const approved = await fetch(`${hub}/api/v1/moderation/approve`, { method: 'POST', headers: auth, body: JSON.stringify({ ids: [created.body.id] }) });
      expect(approved.status).toBe(200);
    }
    const arrived = await waitFor(
      async () => {
        const { body } = await json<Listed>(`${national}/api/v1/events?q=${encodeURIComponent('Perséides')}`);
        return body.items.find((item) => item.event.id === created.body.id);
      },
      { what: 'the new event in the national API', timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(arrived).toMatchObject({ event: { title }, provenance: { hub: 'centre-val-de-loire' } });
  }, 90_000);

  it("runs a Fête de la science today: every hub's labelled events, and a village of each hub still to come with its programme", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { body: list } = await json<{ items: { slug: string; startDate: string; endDate: string }[] }>(`${national}/api/v1/campaigns`);
    const running = list.items.find((campaign) => campaign.slug.startsWith('fete-de-la-science-') && campaign.startDate <= today && today <= campaign.endDate);
    expect(running, JSON.stringify(list.items)).toBeDefined();
    // Each hub knows it as soon as the demo says it runs (its contributors can submit to it,
    // its log names it), though the hubs started before the aggregator defined it; and
    // their first miss at start was no warning.
    for (const [index, id] of HUB_IDS.entries()) {
      const { body: known } = await json<{ items: { slug: string }[] }>(`http://localhost:${base + 1 + index}/api/v1/campaigns`);
      expect(known.items.map((campaign) => campaign.slug), id).toContain(running?.slug);
    }
    expect(demo.output()).not.toContain('the national list was not read');
    interface CampaignEvent { event: { id: string; format: string; parentEventId?: string; timings?: { start: string }[] }; provenance: { hub: string } }
    const items = await waitFor(
      async () => {
        const { body } = await json<{ items: CampaignEvent[] }>(`${national}/api/v1/campaigns/${running?.slug ?? ''}/events?limit=100`);
        const seen = new Set(body.items.map((item) => item.provenance.hub));
        return HUB_IDS.every((id) => seen.has(id)) ? body.items : undefined;
      },
      { what: "every hub's campaign events in the national API", timeoutMs: 60_000, intervalMs: 250 },
    );
    for (const hub of HUB_IDS) {
      const ofHub = items.filter((item) => item.provenance.hub === hub);
      const village = ofHub.find((item) => item.event.format === 'festival' && ofHub.some((child) => child.event.parentEventId === item.event.id));
      expect(village, hub).toBeDefined();
      expect(Date.parse(village?.event.timings?.[0]?.start ?? '')).toBeGreaterThan(Date.now());
      expect(ofHub.filter((child) => child.event.parentEventId === village?.event.id)).toHaveLength(3);
    }
  }, 90_000);

  it("delivers the hubs' mail to its mailbox, whose page lists it and shows it as text and sanitised HTML", async () => {
    const mailbox = `http://localhost:${base + 4}`;
    expect(demo.output()).toMatch(new RegExp(`Mail sent by the hubs \\(demo mailbox\\) +${mailbox}`));
    const hub = `http://localhost:${base + 1}`;
    const email = `camille.${Date.now()}@exemple.fr`;
    const registered = await fetch(`${hub}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'un mot de passe assez long', displayName: 'Camille Martin', acceptPrivacy: true }),
    });
    expect(registered.status).toBe(201);
    const mail = await waitFor(
      async () => (await json<{ items: { id: number; to: string[]; subject: string; text: string }[] }>(`${mailbox}/api/mails`)).body.items.find((item) => item.to.includes(email)),
      { what: 'the confirmation mail in the demo mailbox', timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(mail.subject).toBe('Confirmez votre adresse sur Echosciences Grand Est');
    expect(mail.text).toContain(`${hub}/`);
    const list = await (await fetch(`${mailbox}/`)).text();
    expect(list).toContain(email);
    expect(list).toContain('Confirmez votre adresse sur Echosciences Grand Est');
    const shown = await (await fetch(`${mailbox}/mails/${mail.id}`)).text();
    expect(shown).toContain(`<iframe title="Version HTML (nettoyée)" src="/mails/${mail.id}/html"`);
    const html = await fetch(`${mailbox}/mails/${mail.id}/html`);
    expect(html.headers.get('content-security-policy')).toMatch(/^sandbox /);
    expect(await html.text()).toContain('Confirmer mon adresse');
  }, 90_000);

  it('stops every process it started on SIGINT and exits 0', async () => {
    const exit: Exit = await demo.kill('SIGINT');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(demo.output()).toContain('every demo process has stopped');
    expect(started.filter((entry) => alive(entry.pid))).toEqual([]);
    // Nothing listens on the demo's ports any more.
    const refused = await Promise.all(
      [base, base + 1, base + 2, base + 3, base + 4].map((port) =>
        fetch(`http://localhost:${port}/healthz`).then(
          () => false,
          () => true,
        ),
      ),
    );
    expect(refused).toEqual([true, true, true, true, true]);
  }, 60_000);
});
