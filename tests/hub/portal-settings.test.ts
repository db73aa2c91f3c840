import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, renderMail } from '@constellation/hub';
import sharp from 'sharp';
import type { HomePagePublic, HomePageView, HubSettingsView, HubSiteConfig, NotifyBody, UploadedImage } from '@constellation/shared';
import { actorInput, articleInput, create, daysFromNow, dossierInput, eventInput, projectInput } from './fixtures.ts';
import { startTestHub, type TestHub } from './support.ts';

/*
 * The operator's settings: edited in the portal by an admin, audited, read by the public
 * /api/v1/config, by sign-up (the role new accounts get) and by the notifier (which
 * aggregators hear of changes), all without a restart.
 */

const MAP_STYLE = 'https://tiles.example.org/styles/positron.json';

let hub: TestHub;
let admin = '';
let actorId = '';
let dossierId = '';
let addresses = 0;

interface ErrorBody {
  error: string;
  field?: string;
}

const config = async () => (await hub.request<HubSiteConfig>({ method: 'GET', url: '/api/v1/config' })).body;
const put = (payload: Record<string, unknown>, token = admin) => hub.request<HubSettingsView & ErrorBody>({ method: 'PUT', url: '/api/v1/admin/settings', payload, token });
const register = (email: string) => {
  addresses += 1;
  return hub.request<{ role: string } & ErrorBody>({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password: 'a long enough password', displayName: 'Inscrite' }, remoteAddress: `10.9.0.${addresses}` });
};

const base = { name: 'Echosciences Centre-Val de Loire', aggregatorUrls: [], signupRole: 'contributor' };

beforeAll(async () => {
  hub = await startTestHub({ HUB_MAP_STYLE: MAP_STYLE });
  admin = (await hub.user('admin')).token;
  actorId = (await create(hub, admin, 'actor', actorInput())).id;
  dossierId = (await create(hub, admin, 'dossier', dossierInput(actorId), { submit: true })).id;
});

afterAll(async () => {
  await hub.close();
});

describe('before an admin edits anything', () => {
  it('/api/v1/config gives the configured name and map style, no tagline, no featured dossier', async () => {
    expect(await config()).toEqual({
      protocol: 'constellation/1',
      mode: 'regional',
      hubId: 'centre-val-de-loire',
      name: 'Echosciences Centre-Val de Loire',
      region: '24',
      baseUrl: 'http://hub.test',
      mapStyle: MAP_STYLE,
    });
  });

  it('the admin sees the defaults in effect, with contributor sign-up', async () => {
    const response = await hub.request<HubSettingsView>({ method: 'GET', url: '/api/v1/admin/settings', token: admin });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      name: 'Echosciences Centre-Val de Loire',
      mapStyle: MAP_STYLE,
      aggregatorUrls: [],
      signupRole: 'contributor',
      socialLinks: [],
      partners: [],
      updatedAt: null,
      defaults: { name: 'Echosciences Centre-Val de Loire', mapStyle: MAP_STYLE, aggregatorUrls: [], signupRole: 'contributor' },
    });
  });

  it('sign-up makes contributors', async () => {
    const response = await register('premiere@example.org');
    expect(response.status).toBe(201);
    expect(response.body.role).toBe('contributor');
  });
});

describe('PUT /api/v1/admin/settings', () => {
  it('changes the public config at once, and audits what changed', async () => {
    const saved = await put({ ...base, name: 'Echosciences Val de Loire', tagline: 'La culture scientifique près de chez vous', mapStyle: 'https://tiles.example.org/styles/voyager.json' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ name: 'Echosciences Val de Loire', tagline: 'La culture scientifique près de chez vous', signupRole: 'contributor' });
    expect(saved.body.updatedAt).not.toBeNull();
    expect(await config()).toMatchObject({
      name: 'Echosciences Val de Loire',
      tagline: 'La culture scientifique près de chez vous',
      mapStyle: 'https://tiles.example.org/styles/voyager.json',
    });
    const audit = await hub.request<{ items: { action: string; targetType: string; targetId: string; details: { changed: Record<string, { from: unknown; to: unknown }> } }[] }>({ method: 'GET', url: '/api/v1/moderation/audit?limit=1', token: admin });
    expect(audit.body.items[0]).toMatchObject({ action: 'update-settings', targetType: 'hub', targetId: 'centre-val-de-loire' });
    expect(audit.body.items[0]?.details.changed).toEqual({
      name: { from: 'Echosciences Centre-Val de Loire', to: 'Echosciences Val de Loire' },
      tagline: { from: null, to: 'La culture scientifique près de chez vous' },
      mapStyle: { from: MAP_STYLE, to: 'https://tiles.example.org/styles/voyager.json' },
    });
  });

  it('keeps them across a restart (they live in the database)', async () => {
    const again = await buildApp(hub.config);
    try {
      const response = await again.inject({ method: 'GET', url: '/api/v1/config' });
      expect(response.json()).toMatchObject({ name: 'Echosciences Val de Loire', tagline: 'La culture scientifique près de chez vous' });
    } finally {
      await again.close();
    }
  });

  it('gives new accounts the sign-up role it sets', async () => {
    expect((await put({ ...base, signupRole: 'member' })).status).toBe(200);
    expect((await register('membre@example.org')).body.role).toBe('member');
    expect((await put({ ...base, signupRole: 'contributor' })).status).toBe(200);
    expect((await register('contributrice@example.org')).body.role).toBe('contributor');
  });

  it('follows the configuration again for a value equal to its default, and drops what is left out', async () => {
    const saved = await put({ ...base });
    expect(saved.body).not.toHaveProperty('tagline');
    expect(saved.body.mapStyle).toBe(MAP_STYLE);
    const current = await config();
    expect(current.name).toBe('Echosciences Centre-Val de Loire');
    expect(current).not.toHaveProperty('tagline');
  });

  it.each([
    // The featured dossier is the home page arrangement's now (migration 0021): the settings refuse it as any unknown field.
    ['featuredDossierId', { featuredDossierId: '0190a1b2-0000-7000-8000-00000000dead' }],
    ['mapStyle', { mapStyle: 'javascript:alert(1)' }],
    ['aggregatorUrls', { aggregatorUrls: Array.from({ length: 11 }, (_, index) => `https://national-${index}.example.org`) }],
    ['aggregatorUrls.0', { aggregatorUrls: ['ftp://national.example.org'] }],
    ['tagline', { tagline: 'deux\nlignes' }],
    ['name', { name: '   ' }],
    ['signupRole', { signupRole: 'admin' }],
    ['colour', { colour: 'blue' }],
  ])('refuses a bad %s with 400 naming it, changing nothing', async (field, change) => {
    const before = (await hub.request<HubSettingsView>({ method: 'GET', url: '/api/v1/admin/settings', token: admin })).body;
    const response = await put({ ...base, ...change });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
    expect((await hub.request<HubSettingsView>({ method: 'GET', url: '/api/v1/admin/settings', token: admin })).body).toEqual(before);
  });

  it.each([['http://127.0.0.1:9/'], ['http://localhost:3000'], ['http://10.0.0.5'], ['http://[::1]:3000']])(
    'refuses an aggregator URL on a private address (%s) that the configuration does not list',
    async (url) => {
      const response = await put({ ...base, aggregatorUrls: [url] });
      expect(response.status).toBe(400);
      expect(response.body.field).toBe('aggregatorUrls.0');
    },
  );
});

describe('who may read and change them', () => {
  it('contributors and moderators get 403, the anonymous 401', async () => {
    for (const role of ['contributor', 'moderator'] as const) {
      const { token } = await hub.user(role);
      expect((await hub.request({ method: 'GET', url: '/api/v1/admin/settings', token })).status).toBe(403);
      expect((await put({ ...base, name: 'Pris' }, token)).status).toBe(403);
    }
    expect((await hub.request({ method: 'GET', url: '/api/v1/admin/settings' })).status).toBe(401);
    expect((await hub.request({ method: 'PUT', url: '/api/v1/admin/settings', payload: base })).status).toBe(401);
    expect((await config()).name).toBe('Echosciences Centre-Val de Loire');
  });
});

/** A stand-in aggregator that records the notifies it gets. */
async function fakeAggregator(): Promise<{ url: string; received: NotifyBody[]; close: () => Promise<void> }> {
  const received: NotifyBody[] = [];
  const server: Server = createServer((request, response) => {
    // A hub also reads its aggregators' campaign list (GET): only notifies are recorded.
    if (request.method !== 'POST') return void response.writeHead(404).end();
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(text) as NotifyBody);
      response.statusCode = 202;
      response.end('{"debounceMs":0}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the home page the operator arranges', () => {
  const home = async () => (await hub.request<HomePagePublic>({ method: 'GET', url: '/api/v1/home' })).body;
  const putHome = (payload: Record<string, unknown>, token = admin) => hub.request<HomePageView & ErrorBody & { issues?: { field: string; message: string }[] }>({ method: 'PUT', url: '/api/v1/admin/home', payload, token });
  const titles = (page: HomePagePublic) => page.features.map((feature) => `${feature.type}:${String(feature.item.title)}`);
  let event = '';
  let article = '';
  let project = '';

  beforeAll(async () => {
    event = (await create(hub, admin, 'event', eventInput(actorId, 'Nuit des étoiles à la une'), { submit: true })).id;
    article = (await create(hub, admin, 'article', { ...articleInput(actorId), title: 'Article à la une' }, { submit: true })).id;
    project = (await create(hub, admin, 'project', { ...projectInput(actorId), title: 'Projet à la une' }, { submit: true })).id;
  });

  it('features nothing until an admin arranges the page', async () => {
    expect((await hub.request<HomePageView>({ method: 'GET', url: '/api/v1/admin/home', token: admin })).body).toEqual({ features: [], updatedAt: null });
    expect((await home()).features).toEqual([]);
  });

  it('shows the featured items in the admin’s order, each within its days, with the banner, and audits the change by title', async () => {
    const today = daysFromNow(0).slice(0, 10);
    const saved = await putHome({
      banner: 'Inscriptions ouvertes pour la Fête de la science',
      bannerUrl: 'https://example.org/fete',
      features: [
        { type: 'project', id: project },
        { type: 'event', id: event, start: today },
        { type: 'article', id: article, end: daysFromNow(-2).slice(0, 10) },
        { type: 'dossier', id: dossierId, start: daysFromNow(3).slice(0, 10), end: daysFromNow(9).slice(0, 10) },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.updatedAt).not.toBeNull();
    const page = await home();
    expect(page.banner).toBe('Inscriptions ouvertes pour la Fête de la science');
    expect(page.bannerUrl).toBe('https://example.org/fete');
    // The article's last day is past, the dossier's first day is to come.
    expect(titles(page)).toEqual(['project:Projet à la une', 'event:Nuit des étoiles à la une']);
    const audit = await hub.request<{ items: { action: string; details: { changed: Record<string, { from: unknown; to: unknown }> } }[] }>({ method: 'GET', url: '/api/v1/moderation/audit?action=update-home', token: admin });
    expect(audit.body.items[0]?.action).toBe('update-home');
    expect(audit.body.items[0]?.details.changed.features).toEqual({ from: null, to: 'Projet à la une ; Nuit des étoiles à la une ; Article à la une ; Sciences participatives en Centre-Val de Loire' });
  });

  it('leaves out an item unpublished since', async () => {
    expect((await hub.request({ method: 'POST', url: `/api/v1/projects/${project}/unpublish`, token: admin })).status).toBe(200);
    expect(titles(await home())).toEqual(['event:Nuit des étoiles à la une']);
  });

  it('refuses each bad item by its field, saving nothing', async () => {
    const before = (await hub.request<HomePageView>({ method: 'GET', url: '/api/v1/admin/home', token: admin })).body;
    const response = await putHome({
      features: [
        { type: 'event', id: event },
        { type: 'article', id: event },
        { type: 'event', id: event },
        { type: 'dossier', id: dossierId, start: '2026-12-10', end: '2026-12-01' },
        { type: 'project', id: project },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('features.1.id');
    expect(response.body.issues?.map((issue) => issue.field)).toEqual(['features.1.id', 'features.2.id', 'features.3.end', 'features.4.id']);
    for (const [field, payload] of [
      ['features.0.type', { features: [{ type: 'place', id: event }] }],
      ['features.0.start', { features: [{ type: 'event', id: event, start: '2026-02-30' }] }],
      ['banner', { banner: 'deux\nlignes', features: [] }],
      ['bannerUrl', { bannerUrl: 'javascript:alert(1)', features: [] }],
      ['features', { features: Array.from({ length: 13 }, () => ({ type: 'event', id: event })) }],
    ] as const) {
      const refused = await putHome(payload);
      expect(refused.status, field).toBe(400);
      expect(refused.body.field, field).toBe(field);
    }
    expect((await hub.request<HomePageView>({ method: 'GET', url: '/api/v1/admin/home', token: admin })).body).toEqual(before);
  });

  it('lets only admins read and change the arrangement', async () => {
    const { token } = await hub.user('moderator');
    expect((await hub.request({ method: 'GET', url: '/api/v1/admin/home', token })).status).toBe(403);
    expect((await putHome({ features: [] }, token)).status).toBe(403);
    expect((await hub.request({ method: 'PUT', url: '/api/v1/admin/home', payload: { features: [] } })).status).toBe(401);
  });
});

describe('branding', () => {
  it('refuses an accent colour that fails WCAG AA against the palette, saying the ratio, and changes nothing', async () => {
    const before = (await hub.request<HubSettingsView>({ method: 'GET', url: '/api/v1/admin/settings', token: admin })).body;
    // A mid blue: 3.8:1 against the washed background (#f4f5f8), under AA's 4.5:1.
    const response = await put({ ...base, accentColor: '#3d7bd0' });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('accentColor');
    expect(response.body).toMatchObject({ issues: [{ field: 'accentColor', message: expect.stringMatching(/^has a contrast of \d\.\d:1 against #f4f5f8 .*at least 4\.5:1/) as unknown }] });
    expect((await put({ ...base, accentColor: '#ffff00' })).body).toMatchObject({ issues: [{ message: expect.stringContaining('1.0:1') as unknown }] });
    expect((await put({ ...base, accentColor: 'blue' })).body.field).toBe('accentColor');
    expect((await put({ ...base, logoUrl: 'javascript:alert(1)' })).body.field).toBe('logoUrl');
    expect((await put({ ...base, socialLinks: ['https://piaille.fr/@centre', 'ftp://x.example'] })).body.field).toBe('socialLinks.1');
    expect((await hub.request<HubSettingsView>({ method: 'GET', url: '/api/v1/admin/settings', token: admin })).body).toEqual(before);
  });

  it('keeps an accent that passes AA, the logo and the social links, serves them in /api/v1/config, audits them, and the mails take the accent and the logo', async () => {
    const saved = await put({ ...base, accentColor: '#1F5C3A', logoUrl: 'https://example.org/logo.png', socialLinks: ['https://piaille.fr/@centre', 'https://bsky.app/profile/centre'] });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ accentColor: '#1f5c3a', logoUrl: 'https://example.org/logo.png', socialLinks: ['https://piaille.fr/@centre', 'https://bsky.app/profile/centre'] });
    expect(await config()).toMatchObject({ accentColor: '#1f5c3a', logoUrl: 'https://example.org/logo.png', socialLinks: ['https://piaille.fr/@centre', 'https://bsky.app/profile/centre'] });
    const audit = await hub.request<{ items: { details: { changed: Record<string, unknown> } }[] }>({ method: 'GET', url: '/api/v1/moderation/audit?action=update-settings', token: admin });
    expect(audit.body.items[0]?.details.changed.accentColor).toEqual({ from: null, to: '#1f5c3a' });
    const mail = renderMail({ kind: 'password-reset', link: 'http://hub.test/reset?token=x', displayName: 'Alice', minutes: 60 }, 'fr', { name: 'Centre', baseUrl: 'http://hub.test', accentColor: '#1f5c3a', logoUrl: 'https://example.org/logo.png' });
    expect(mail.html).toContain('background:#1f5c3a');
    expect(mail.html).toContain('<img src="https://example.org/logo.png"');
    expect(renderMail({ kind: 'password-reset', link: 'http://hub.test/reset?token=x', displayName: 'Alice', minutes: 60 }, 'fr', { name: 'Centre', baseUrl: 'http://hub.test' }).html).toContain('background:#0b5cad');
    // Left out: back to the portal's own colours.
    expect((await put({ ...base })).body).not.toHaveProperty('accentColor');
    expect(await config()).not.toHaveProperty('socialLinks');
  });
});

describe('partners', () => {
  /** A logo uploaded through the hub's image pipeline; its URL. */
  const uploadLogo = async (colour: string) => {
    const png = await sharp({ create: { width: 240, height: 80, channels: 3, background: colour } }).png().toBuffer();
    const uploaded = await hub.request<UploadedImage>({ method: 'POST', url: '/api/v1/media', payload: png, headers: { 'content-type': 'image/png' }, token: admin });
    expect(uploaded.status).toBe(201);
    return uploaded.body.url;
  };

  it('keeps the partners in the admin’s order with their uploaded logos, serves them in /api/v1/config, and audits them', async () => {
    const [region, university] = [await uploadLogo('#1f5c3a'), await uploadLogo('#7a2e8a')];
    const partners = [
      { name: 'Région Centre-Val de Loire', url: 'https://www.centre-valdeloire.fr/', logoUrl: region },
      { name: 'Université d’Orléans', url: 'https://www.univ-orleans.fr/', logoUrl: university },
    ];
    const saved = await put({ ...base, partners });
    expect(saved.status).toBe(200);
    expect(saved.body.partners).toEqual(partners);
    expect((await config()).partners).toEqual(partners);
    // Reordered: the new order is kept.
    const reordered = [...partners].reverse();
    expect((await put({ ...base, partners: reordered })).body.partners).toEqual(reordered);
    expect((await config()).partners).toEqual(reordered);
    // The mails carry them too, under their footer, in that order.
    const mail = renderMail({ kind: 'password-reset', link: 'http://hub.test/reset?token=x', displayName: 'Alice', minutes: 60 }, 'fr', { name: 'Centre', baseUrl: 'http://hub.test', partners: [...reordered, { name: 'En clair', url: 'http://insecure.example.org/', logoUrl: region }] });
    expect([...mail.html.matchAll(/<a href="([^"]+)"[^>]*><img src="([^"]+)" alt="([^"]+)"/g)].map((match) => [match[1], match[2], match[3]])).toEqual([
      ['https://www.univ-orleans.fr/', university, 'Université d’Orléans'],
      ['https://www.centre-valdeloire.fr/', region, 'Région Centre-Val de Loire'],
    ]);
    const audit = await hub.request<{ items: { details: { changed: Record<string, { from: unknown; to: unknown }> } }[] }>({ method: 'GET', url: '/api/v1/moderation/audit?action=update-settings', token: admin });
    expect(audit.body.items[0]?.details.changed.partners).toEqual({ from: partners, to: reordered });
    // Removed: left out of the settings, none in the footer.
    expect((await put({ ...base })).body.partners).toEqual([]);
    expect(await config()).not.toHaveProperty('partners');
  });

  it('refuses a partner by its field: an http link, a logo not uploaded here, a missing name, a partner listed twice; saving nothing', async () => {
    const logo = await uploadLogo('#0b5cad');
    const good = { name: 'Muséum d’Orléans', url: 'https://www.museum-orleans.fr/', logoUrl: logo };
    const before = (await hub.request<HubSettingsView>({ method: 'GET', url: '/api/v1/admin/settings', token: admin })).body;
    const refused = async (partners: unknown[]) => {
      const response = await put({ ...base, partners });
      expect(response.status).toBe(400);
      return response.body.field;
    };
    expect(await refused([good, { ...good, url: 'http://www.museum-orleans.fr/' }])).toBe('partners.1.url');
    expect(await refused([{ ...good, url: 'javascript:alert(1)' }])).toBe('partners.0.url');
    expect(await refused([good, { ...good, url: 'https://autre.example.org/', logoUrl: 'https://tracker.example.com/logo.png' }])).toBe('partners.1.logoUrl');
    expect(await refused([{ ...good, name: '' }])).toBe('partners.0.name');
    expect(await refused([{ url: good.url, logoUrl: logo }])).toBe('partners.0.name');
    expect(await refused([good, { ...good, name: 'Le même' }])).toBe('partners.1.url');
    expect(await refused([{ ...good, extra: 'no' }])).toMatch(/^partners\.0/);
    expect((await hub.request<HubSettingsView>({ method: 'GET', url: '/api/v1/admin/settings', token: admin })).body).toEqual(before);
  });
});

describe('the notifier', () => {
  it('notifies the aggregators of the settings in effect, from the change on, without a restart', async () => {
    const first = await fakeAggregator();
    const second = await fakeAggregator();
    // Loopback aggregators: this hub is configured for local development.
    const local = await startTestHub({ HUB_AGGREGATOR_URLS: first.url, HUB_ALLOW_PRIVATE_NETWORK: '1' });
    try {
      const token = (await local.user('admin')).token;
      const actor = (await create(local, token, 'actor', actorInput(), { submit: true })).id;
      await expect.poll(() => first.received.length).toBeGreaterThan(0);

      const switched = await local.request({ method: 'PUT', url: '/api/v1/admin/settings', token, payload: { ...base, aggregatorUrls: [second.url] } });
      expect(switched.status).toBe(200);
      // A new aggregator hears of the hub's latest change at once, before any new write.
      await expect.poll(() => second.received.length).toBeGreaterThan(0);
      const firstCount = first.received.length;

      await create(local, token, 'event', eventInput(actor, 'Conférence après le changement'), { submit: true });
      const latest = Number((await local.request({ method: 'GET', url: '/federation/v1/changes?limit=1' })).headers.etag?.toString().replaceAll('"', ''));
      await expect.poll(() => second.received.some((notify) => notify.latest === latest)).toBe(true);
      expect(first.received.length).toBe(firstCount);
    } finally {
      await local.close();
      await first.close();
      await second.close();
    }
  });
});
