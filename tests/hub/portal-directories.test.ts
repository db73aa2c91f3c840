import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorInput, announcementInput, articleInput, create, dossierInput, eventInput, placeInput, projectInput, resourceInput } from './fixtures.ts';
import { startTestHub, type TestHub } from './support.ts';

/*
 * The portal's directories filter the public lists: projects by theme, participation
 * type, involvement, audience, region and commune; places by kind, commune and
 * accessibility; actors by kind and verification; and so on. Each filter is checked
 * against a hub holding one item that matches and one that does not.
 */

const tours = { commune: 'Tours', inseeCode: '37261', postalCode: '37000', lat: 47.39414, lon: 0.68484 };

let hub: TestHub;
let admin = '';
let centre = '';
let casemate = '';

const titles = async (url: string) => {
  const response = await hub.request<{ items: { title?: string; name?: string }[] }>({ method: 'GET', url });
  expect(response.status, `${url}: ${response.text}`).toBe(200);
  return response.body.items.map((item) => item.title ?? item.name).sort();
};

beforeAll(async () => {
  hub = await startTestHub();
  admin = (await hub.user('admin')).token;
  const publish = (type: Parameters<typeof create>[2], input: Record<string, unknown>) => create(hub, admin, type, input, { submit: true });
  centre = (await publish('actor', actorInput('Centre•Sciences'))).id;
  casemate = (await publish('actor', { ...actorInput('Muséum de Tours'), kind: 'museum', location: { name: 'Muséum', ...tours } })).id;
  await hub.request({ method: 'POST', url: `/api/v1/actors/${centre}/verify`, token: admin, payload: { verified: true } });

  await publish('project', projectInput(centre));
  await publish('project', {
    ...projectInput(casemate),
    title: 'Oiseaux des jardins',
    participationType: 'online',
    involvement: 'weekly',
    disciplines: ['ecology'],
    audiences: ['families'],
    scope: 'regional',
    regions: ['24'],
    location: { name: 'Muséum', ...tours },
  });
  await publish('place', placeInput(centre));
  await publish('place', { ...placeInput(casemate), name: 'Planétarium de Tours', kind: 'planetarium', location: { address: '1 rue', ...tours }, accessibility: ['visual'] });
  // Deadlines far ahead: a past one takes an announcement off the list.
  await publish('announcement', { ...announcementInput(centre), deadline: '2099-09-15' });
  await publish('announcement', { ...announcementInput(casemate), kind: 'job', title: 'Médiateur·rice scientifique', deadline: '2099-09-15' });
  await publish('resource', resourceInput(centre));
  await publish('resource', { ...resourceInput(casemate), kind: 'tool', title: 'Les étoiles en vidéo', disciplines: ['astronomy'] });
  await publish('article', articleInput(centre));
  await publish('article', { ...articleInput(casemate), title: 'Chroniques des océans', disciplines: ['ocean'] });
  await publish('dossier', { ...dossierInput(centre), disciplines: ['ecology'] });
  await publish('dossier', { ...dossierInput(casemate), title: 'Dossier astronomie', disciplines: ['astronomy'] });
  await publish('event', eventInput(centre, 'Nuit des étoiles'));
  await publish('event', eventInput(casemate, 'Atelier fossiles'));
});

afterAll(async () => {
  await hub.close();
});

describe('projects', () => {
  it.each([
    ['discipline=ecology', ['Oiseaux des jardins']],
    ['participationType=field', ['Sauvages de ma rue']],
    ['involvement=weekly', ['Oiseaux des jardins']],
    ['audience=families', ['Oiseaux des jardins']],
    ['region=24', ['Oiseaux des jardins']],
    ['commune=tours', ['Oiseaux des jardins']],
    ['commune=37261', ['Oiseaux des jardins']],
    ['commune=Orl%C3%A9ans', []],
    ['participationType=online&involvement=case-by-case', []],
    ['q=sauvages', ['Sauvages de ma rue']],
  ])('?%s', async (query, expected) => {
    expect(await titles(`/api/v1/projects?${query}`)).toEqual(expected);
  });
});

describe('places, actors, announcements, resources, articles, dossiers', () => {
  it.each([
    ['/api/v1/places?kind=planetarium', ['Planétarium de Tours']],
    ['/api/v1/places?commune=Tours', ['Planétarium de Tours']],
    ['/api/v1/places?accessibility=motor', ['Muséum d’Orléans pour la biodiversité et l’environnement']],
    ['/api/v1/places?q=planetarium', ['Planétarium de Tours']],
    ['/api/v1/actors?kind=museum', ['Muséum de Tours']],
    ['/api/v1/actors?verified=true', ['Centre•Sciences']],
    ['/api/v1/actors?verified=false', ['Muséum de Tours']],
    ['/api/v1/announcements?kind=job', ['Médiateur·rice scientifique']],
    ['/api/v1/announcements?kind=call-for-volunteers', ['Bénévoles pour la Fête de la science']],
    ['/api/v1/resources?kind=tool', ['Les étoiles en vidéo']],
    ['/api/v1/resources?discipline=astronomy', ['Les étoiles en vidéo']],
    ['/api/v1/articles?discipline=ocean', ['Chroniques des océans']],
    ['/api/v1/dossiers?discipline=astronomy', ['Dossier astronomie']],
  ])('%s', async (url, expected) => {
    expect(await titles(url)).toEqual(expected);
  });

  it('articles and dossiers filter by actor', async () => {
    expect(await titles(`/api/v1/articles?actor=${casemate}`)).toEqual(['Chroniques des océans']);
    expect(await titles(`/api/v1/dossiers?actor=${centre}`)).toEqual(['Sciences participatives en Centre-Val de Loire']);
  });
});

describe('events of an actor', () => {
  it('GET /api/v1/events?actor= lists only that actor’s events', async () => {
    const response = await hub.request<{ items: { event: { title: string } }[] }>({ method: 'GET', url: `/api/v1/events?actor=${casemate}` });
    expect(response.body.items.map((item) => item.event.title)).toEqual(['Atelier fossiles']);
  });
});

describe('bad filters', () => {
  it.each([
    ['/api/v1/projects?discipline=alchemy', 'query.discipline'],
    ['/api/v1/projects?participationType=telepathy', 'query.participationType'],
    ['/api/v1/projects?region=99', 'query.region'],
    ['/api/v1/places?accessibility=teleport', 'query.accessibility'],
    ['/api/v1/actors?verified=perhaps', 'query.verified'],
    // A filter another directory has is not this one's.
    ['/api/v1/actors?participationType=field', 'query.participationType'],
    ['/api/v1/announcements?discipline=ecology', 'query.discipline'],
  ])('%s: 400 naming %s', async (url, field) => {
    const response = await hub.request<{ field?: string }>({ method: 'GET', url });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });
});
