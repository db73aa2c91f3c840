/**
 * Reads a hub's actor, outbox and an event with Fedify's `lookupObject`, the function the
 * `fedify lookup` command runs, as an implementation the project does not contain.
 *
 * Not part of `npm test`: the `@fedify/cli` package only downloads a prebuilt binary at
 * install time (unreachable from these machines), and every Fedify release after 1.5
 * needs Node 22. So this script installs `@fedify/fedify` 1.5.9 (the last line for Node
 * 20) into a folder of the system's temporary directory once, starts a hub in this
 * process with an organisation and a published event, and looks them up over HTTP. It
 * exits non-zero when Fedify reads anything other than what the hub published.
 *
 *   npm run check:fedify-lookup
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, loadHubConfig } from '@constellation/hub';

const FEDIFY = '1.5.9';
const prefix = join(tmpdir(), `constellation-fedify-${FEDIFY}`);
const entry = join(prefix, 'node_modules/@fedify/fedify/esm/mod.js');
if (!existsSync(entry)) {
  mkdirSync(prefix, { recursive: true });
  console.log(`installing @fedify/fedify ${FEDIFY} into ${prefix}`);
  execFileSync('npm', ['install', '--prefix', prefix, `@fedify/fedify@${FEDIFY}`, '--no-audit', '--no-fund', '--no-save', '--ignore-scripts'], { stdio: 'inherit' });
}

interface FedifyObject {
  id: URL | null;
  name?: { toString(): string } | null;
  toJsonLd(): Promise<unknown>;
}
interface Fedify {
  lookupObject(url: string, options: { documentLoader: unknown; contextLoader: unknown }): Promise<FedifyObject | null>;
  getDocumentLoader(options: { allowPrivateAddress: boolean }): unknown;
}
const fedify = (await import(entry)) as Fedify;

const failures: string[] = [];
function check(what: string, ok: boolean, detail: unknown): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok ? '' : `: ${JSON.stringify(detail)}`}`);
  if (!ok) failures.push(what);
}

const dataDir = mkdtempSync(join(tmpdir(), 'constellation-fedify-hub-'));
const app = await buildApp(loadHubConfig({ env: { HUB_ID: 'centre-val-de-loire', HUB_NAME: 'Echosciences Centre-Val de Loire', HUB_REGION: '24', HUB_BASE_URL: 'http://127.0.0.1:0', HUB_DATA_DIR: dataDir, HUB_LOG_LEVEL: 'warn', HUB_ALLOW_PRIVATE_NETWORK: 'true' } }));
try {
  // The hub's URLs name its port: listen first on a free one, then rebuild on it.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  await app.close();
  const base = `http://127.0.0.1:${port}`;
  const hub = await buildApp(loadHubConfig({ env: { HUB_ID: 'centre-val-de-loire', HUB_NAME: 'Echosciences Centre-Val de Loire', HUB_REGION: '24', HUB_BASE_URL: base, HUB_DATA_DIR: dataDir, HUB_LOG_LEVEL: 'warn', HUB_ALLOW_PRIVATE_NETWORK: 'true' } }));
  await hub.listen({ port, host: '127.0.0.1' });
  try {
    const account = await hub.services.accounts.register({ email: 'fedify@example.org', password: 'correct horse battery staple', displayName: 'Fedify' }, 'moderator');
    const viewer = { id: account.id, role: 'moderator' as const, actorIds: [] };
    const actor = hub.services.content.create('actor', { name: 'Maison des sciences', kind: 'ccsti' } as never, viewer, { submit: true });
    const start = new Date(Date.now() + 30 * 86_400_000);
    start.setUTCHours(18, 0, 0, 0);
    const iso = (at: Date) => at.toISOString().replace('.000Z', 'Z');
    const event = hub.services.content.create('event', { actorId: actor.id, title: 'Nuit des étoiles', timeZone: 'Europe/Paris', timings: [{ start: iso(start), end: iso(new Date(start.getTime() + 10_800_000)) }], attendanceMode: 'in-person', place: { name: 'Parc Pasteur', commune: 'Orléans', postalCode: '45000', lat: 47.90248, lon: 1.90407 }, format: 'other' } as never, viewer, { submit: true });
    hub.activityPub.publisher.drain();

    const loader = fedify.getDocumentLoader({ allowPrivateAddress: true });
    const lookup = (url: string) => fedify.lookupObject(url, { documentLoader: loader, contextLoader: loader });
    const actorUrl = `${base}/ap/actors/maison-des-sciences`;

    const person = await lookup(actorUrl);
    check('the actor is an Organization named Maison des sciences', person?.constructor.name === 'Organization' && String(person.name) === 'Maison des sciences', person === null ? null : await person.toJsonLd());

    const outbox = await lookup(`${actorUrl}/outbox`);
    const outboxJson = (outbox === null ? null : await outbox.toJsonLd()) as { totalItems?: number } | null;
    check('the outbox is an OrderedCollection of one activity', outbox?.constructor.name === 'OrderedCollection' && outboxJson?.totalItems === 1, outboxJson);
    const page = await lookup(`${actorUrl}/outbox?page=true`);
    const pageJson = (page === null ? null : await page.toJsonLd()) as { orderedItems?: { type?: string; object?: { type?: string } }[] } | null;
    const first = pageJson?.orderedItems?.[0];
    check('its first page holds the Create of an Event', page?.constructor.name === 'OrderedCollectionPage' && first?.type === 'Create' && first.object?.type === 'Event', pageJson);

    const object = await lookup(`${base}/ap/objects/event/${event.id}`);
    const eventJson = (object === null ? null : await object.toJsonLd()) as { name?: string; startTime?: string; summary?: string; location?: { name?: string } } | null;
    check('the event is an Event with its name, start and place', object?.constructor.name === 'Event' && eventJson?.name === 'Nuit des étoiles' && Date.parse(String(eventJson.startTime)) === start.getTime() && eventJson.location?.name === 'Parc Pasteur', eventJson);
    check('its summary says the place in words', String(eventJson?.summary).includes('Parc Pasteur'), eventJson?.summary);
  } finally {
    await hub.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(failures.length === 0 ? 'fedify lookup check: all passed' : `fedify lookup check: ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
