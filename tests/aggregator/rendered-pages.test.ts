import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAccounts } from '@constellation/aggregator';
import type { Viewer } from '@constellation/hub';
import { eventInput } from '../hub/event-inputs.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { appText, renderedWebRoot } from '../support/rendered-web-root.ts';
import { startLiveHub, startTestAggregator, until, type LiveHub, type TestAggregator } from './pipeline-support.ts';

/*
 * The national site's event pages rendered by the web app's own renderer: a real hub on a
 * port, a real aggregator pulling it. A shared national event link answers the whole
 * page (menu, title, dates, place) in the reader's language without JavaScript, with a
 * canonical link to the event's page on its hub and its JSON-LD.
 */

let redis: TestRedis;
let hub: LiveHub;
let aggregator: TestAggregator;
let webRoot: string;
let eventId: string;

beforeAll(async () => {
  redis = await startRedis();
  webRoot = renderedWebRoot();
  aggregator = await startTestAggregator(redis.url, { pullIntervalMs: 3_600_000, webRoot });
  hub = await startLiveHub({ id: 'centre-val-de-loire', region: '24', aggregatorUrls: [aggregator.url] });
  const account = await hub.app.services.accounts.register({ email: 'pages@example.org', password: 'correct horse battery 2', displayName: 'Pages' }, 'admin');
  const admin: Viewer = { id: account.id, role: 'admin', actorIds: [] };
  await aggregator.startWorkers();
  await aggregator.addHub(hub.url);
  eventId = hub.app.services.content.create('event', eventInput(hub.actorId, 'Nuit des étoiles à Orléans', '2030-08-10T21:00:00+02:00', '2030-08-10T23:30:00+02:00'), admin, { submit: true }).id;
  await until(() => aggregator.records(hub.id).has(eventId), 'the event reaches the national store');
  const place = hub.app.services.content.create('place', { name: 'Muséum d’Orléans pour la biodiversité', kind: 'museum', summary: 'Collections vivantes.', location: { commune: 'Orléans', inseeCode: '45234', lat: 47.9029, lon: 1.9093 } }, admin, { submit: true }).id;
  const project = hub.app.services.content.create('project', { actorId: hub.actorId, title: 'Sauvages de ma rue à Orléans', participationType: 'field', involvement: 'case-by-case', scope: 'regional', website: 'https://www.sauvagesdemarue.fr/' }, admin, { submit: true }).id;
  await until(() => aggregator.records(hub.id).has(place) && aggregator.records(hub.id).has(project), 'the place and the project reach the national store');
}, 60_000);

afterAll(async () => {
  await aggregator?.close();
  await hub?.close();
  await redis?.close();
  if (webRoot !== undefined) rmSync(webRoot, { recursive: true, force: true });
});

describe('a national event page', () => {
  it('is the whole national page, in the reader’s language, with the event in the HTML', async () => {
    const response = await fetch(`${aggregator.url}/events/${hub.id}/${eventId}`, { headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<html lang="en">/);
    const text = appText(html);
    expect(text).toContain('Hubs');
    expect(text).toContain('Nuit des étoiles à Orléans');
    expect(text).toMatch(/Aug(ust)? 10, 2030/);
    expect(text).toContain('Orléans');
    // The national app's policy: its own scripts, which hydrate the page.
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toContain('id="ssr-state"');
  });

  it('points at the hub’s page as canonical and describes the event in JSON-LD', async () => {
    const html = await (await fetch(`${aggregator.url}/events/${hub.id}/${eventId}`)).text();
    const hubPage = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(hubPage.startsWith(hub.url)).toBe(true);
    expect(html).toMatch(/<meta property="og:title" content="Nuit des étoiles à Orléans · /);
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}') as Record<string, unknown>;
    expect(ld).toMatchObject({ '@type': 'Event', name: 'Nuit des étoiles à Orléans', startDate: '2030-08-10T21:00:00+02:00' });
  });

  it('answers 404 with the national page for an unknown event, and renders the agenda’s shell in French by default', async () => {
    const missing = await fetch(`${aggregator.url}/events/${hub.id}/nothing-here`);
    expect(missing.status).toBe(404);
    expect(appText(await missing.text())).toContain('Agenda');
    const agenda = await (await fetch(`${aggregator.url}/agenda`)).text();
    expect(agenda).toMatch(/<html lang="fr">/);
    expect(appText(agenda)).toContain('Carte');
  });
});

describe('the national directories', () => {
  it('have their first page of places and projects in the HTML, with links to their open data', async () => {
    const places = await fetch(`${aggregator.url}/places`);
    expect(places.status).toBe(200);
    const placesHtml = await places.text();
    expect(appText(placesHtml)).toContain('Muséum d’Orléans pour la biodiversité');
    expect(placesHtml).toContain('href="/places.csv"');
    const projects = await fetch(`${aggregator.url}/projects?involvement=case-by-case`, { headers: { 'accept-language': 'en' } });
    expect(projects.status).toBe(200);
    const projectsHtml = await projects.text();
    expect(appText(projectsHtml)).toContain('Sauvages de ma rue à Orléans');
    // Each card names its hub (the hubs' names are fetched ahead too).
    const hubs = (await (await fetch(`${aggregator.url}/api/v1/hubs`)).json()) as { items: { id: string; name: string }[] };
    const hubName = hubs.items.find((entry) => entry.id === hub.id)?.name ?? '';
    expect(hubName).not.toBe('');
    expect(appText(projectsHtml)).toContain(hubName);
    expect(projectsHtml).toContain('href="/projects.geojson?involvement=case-by-case"');
  });
});

describe('a national campaign\'s pages', () => {
  it('render the campaign (name, days, counts, menu) with its preview, list it under /campagnes, and answer 404 for an unknown one', async () => {
    await new AdminAccounts(aggregator.services.engine.admin.admins).createOrReset('national@example.org', 'a national password 2026');
    const login = await fetch(`${aggregator.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'national@example.org', password: 'a national password 2026' }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const campaign = { slug: 'fete-de-la-science-2030', name: 'Fête de la science 2030', startDate: '2030-10-01', endDate: '2030-10-12', description: 'Dix jours de **science** partout en France.', regions: ['24', '44'] };
    const created = await fetch(`${aggregator.url}/api/v1/admin/campaigns`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify(campaign) });
    expect(created.status).toBe(201);

    const page = await fetch(`${aggregator.url}/campagnes/${campaign.slug}`, { headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<meta property="og:title" content="Fête de la science 2030 · ');
    expect(html).toContain('<meta property="og:description" content="Dix jours de science partout en France." />');
    expect(html).toContain(`<link rel="canonical" href="${aggregator.config.publicUrl.replace(/\/$/, '')}/campagnes/${campaign.slug}" />`);
    const text = appText(html);
    expect(text).toContain('Campaigns');
    expect(text).toContain('Fête de la science 2030');
    expect(text).toMatch(/October 1 ?– ?12, 2030/);
    expect(text).toContain('2 regions taking part');
    expect(text).toContain('No labelled event yet');

    const french = appText(await (await fetch(`${aggregator.url}/campagnes`, { headers: { 'accept-language': 'fr-FR' } })).text());
    expect(french).toContain('Campagnes nationales');
    expect(french).toContain('Fête de la science 2030');
    expect(french).toContain('À venir');
    expect((await fetch(`${aggregator.url}/campagnes/nuit-des-etoiles-2030`)).status).toBe(404);
  });
});
