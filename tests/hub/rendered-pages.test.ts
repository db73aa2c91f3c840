import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentView } from '@constellation/hub';
import type { ArticlePublic, EventPublic } from '@constellation/shared';
import { appText, RENDERED_INDEX, renderedWebRoot } from '../support/rendered-web-root.ts';
import { startTestHub, type TestHub } from './support.ts';
import { actorInput, articleInput, recurringEventInput } from './event-inputs.ts';

/*
 * The portal's pages rendered on the hub by the web app's own renderer (web/src/ssr):
 * a shared or reloaded link answers, in one response and without JavaScript, the whole
 * page (the site's menu, its styles, the item's title, dates and place) in the reader's
 * language, with OpenGraph, Twitter, a canonical link and JSON-LD, and the state the
 * browser hydrates it from. The renderer is loaded from the web root as a built one is
 * (tests/support/rendered-web-root.ts: from the sources, no Vite build).
 */

let webRoot: string;
let hub: TestHub;
let event: EventPublic;
let article: ArticlePublic;
let actorSlug: string;

async function page(url: string, headers: Record<string, string> = {}) {
  return hub.request({ method: 'GET', url, headers });
}

function ssrState(html: string): { locale: string; config: { mode: string }; answers: Record<string, { status: string }> } {
  const match = /<script type="application\/json" id="ssr-state">([\s\S]*?)<\/script>/.exec(html);
  expect(match, 'the page carries its hydration state').not.toBeNull();
  return JSON.parse(match?.[1] ?? '{}') as ReturnType<typeof ssrState>;
}

function jsonLd(html: string): Record<string, unknown> {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0]?.[1] ?? '') as Record<string, unknown>;
}

function metaContent(html: string, key: string): string | undefined {
  return new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)"`).exec(html)?.[1]?.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

beforeAll(async () => {
  webRoot = renderedWebRoot();
  hub = await startTestHub({ HUB_WEB_ROOT: webRoot });
  const moderator = await hub.user('moderator');
  const create = async <T>(path: string, payload: object): Promise<T> => {
    const created = await hub.request<ContentView>({ method: 'POST', url: `${path}?submit=true`, payload, token: moderator.token });
    expect(created.status, created.text).toBe(201);
    return (await hub.request<T>({ method: 'GET', url: `${path}/${created.body.id}` })).body;
  };
  const actor = await create<{ id: string; slug: string }>('/api/v1/actors', actorInput('Muséum d’Orléans'));
  actorSlug = actor.slug;
  event = await create<EventPublic>(
    '/api/v1/events',
    recurringEventInput(actor.id, 'Café des sciences <au Muséum>', { start: '2030-01-11T18:30', end: '2030-01-11T20:00', rrule: 'FREQ=MONTHLY;BYDAY=2SA;UNTIL=20300612T000000Z' }),
  );
  article = await create<ArticlePublic>('/api/v1/articles', articleInput(actor.id, 'Retour sur la Nuit des étoiles', { image: { url: 'https://images.example.org/nuit.jpg', alt: 'Le ciel' } }));
});

afterAll(async () => {
  await hub?.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('an event’s page on its hub', () => {
  it('is the whole page, menu and styles included, with its title, dates and place in the HTML', async () => {
    const response = await page(`/events/${event.slug}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toMatch(/<html lang="fr">/);
    expect(response.text).toContain('<link rel="stylesheet" crossorigin href="/assets/index-abc123.css">');
    expect(response.text).toContain('<title>Café des sciences &lt;au Muséum&gt; · Echosciences Centre-Val de Loire</title>');
    const text = appText(response.text);
    // The portal's menu, then the event: its title (escaped, never markup), its rule in words and dates, its place.
    expect(text).toContain('Magazine');
    expect(response.text).toContain('<h1 class="page-title">Café des sciences &lt;au Muséum');
    expect(text).toMatch(/2e samedi/);
    expect(text).toContain('juin 2030');
    expect(text).toContain(String(event.place?.commune));
    expect(response.text).not.toContain('<au Muséum>');
    // The CSP lets the app's scripts run (it hydrates), and the hydration state names the answers it was built from.
    expect(String(response.headers['content-security-policy'])).toContain("script-src 'self'");
    const state = ssrState(response.text);
    expect(state).toMatchObject({ locale: 'fr', config: { mode: 'regional' } });
    expect(Object.values(state.answers).map((answer) => answer.status)).toContain('done');
  });

  it('names the event to search engines and link previews, with its hub page as canonical', async () => {
    const html = (await page(`/events/${event.slug}`)).text;
    expect(html).toContain(`<link rel="canonical" href="${event.url}" />`);
    expect(metaContent(html, 'og:title')).toBe(`${event.title} · Echosciences Centre-Val de Loire`);
    expect(metaContent(html, 'og:url')).toBe(event.url);
    expect(metaContent(html, 'twitter:card')).toBe('summary');
    expect(html).toContain(`href="http://hub.test/events/${event.slug}.ics"`);
    const ld = jsonLd(html);
    expect(ld).toMatchObject({ '@type': 'Event', name: event.title, url: event.url, eventSchedule: { '@type': 'Schedule', byMonthWeek: 2 } });
    // The JSON-LD cannot close its script element, whatever the title holds.
    expect(html).not.toMatch(/<script type="application\/ld\+json">[^<]*<au/);
  });

  it('is the same page at the in-app address /events/<hub>/<id>', async () => {
    const response = await page(`/events/${event.hub}/${event.id}`);
    expect(response.status).toBe(200);
    expect(response.text).toContain('<h1 class="page-title">Café des sciences &lt;au Muséum');
    expect(response.text).toContain(`<link rel="canonical" href="${event.url}" />`);
    expect(jsonLd(response.text)).toMatchObject({ '@type': 'Event', url: event.url });
  });

  it('is in English for an English browser, and in the language the reader chose (cookie, then ?lang)', async () => {
    const english = await page(`/events/${event.slug}`, { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' });
    expect(english.text).toMatch(/<html lang="en">/);
    expect(english.headers['content-language']).toBe('en');
    expect(String(english.headers.vary)).toMatch(/Accept-Language/);
    expect(appText(english.text)).toMatch(/2nd Saturday/);
    expect(ssrState(english.text).locale).toBe('en');
    const chosen = await page(`/events/${event.slug}`, { 'accept-language': 'en-GB', cookie: 'other=1; constellation-locale=fr' });
    expect(chosen.text).toMatch(/<html lang="fr">/);
    const asked = await page(`/events/${event.slug}?lang=en`, { cookie: 'constellation-locale=fr' });
    expect(asked.text).toMatch(/<html lang="en">/);
  });

  it('answers 404 with the site’s page (menu and language) for an unknown event', async () => {
    const response = await page('/events/nothing-here', { 'accept-language': 'en' });
    expect(response.status).toBe(404);
    expect(response.text).toMatch(/<html lang="en">/);
    expect(response.text).toContain('<meta name="robots" content="noindex" />');
    expect(appText(response.text)).toContain('Magazine');
  });
});

describe('the portal’s other pages', () => {
  it('renders an article with its Article JSON-LD, picture preview and canonical link', async () => {
    const response = await page(`/articles/${article.slug}`);
    expect(response.status).toBe(200);
    expect(response.text).toContain('Retour sur la Nuit des étoiles');
    expect(appText(response.text)).toContain('Un article du magazine.');
    expect(response.text).toContain(`<link rel="canonical" href="${article.url}" />`);
    expect(metaContent(response.text, 'og:image')).toBe('https://images.example.org/nuit.jpg');
    expect(metaContent(response.text, 'twitter:card')).toBe('summary_large_image');
    expect(jsonLd(response.text)).toMatchObject({ '@type': 'Article', headline: article.title, url: article.url, datePublished: article.publishedAt });
  });

  it('renders an actor’s page as an Organization', async () => {
    const response = await page(`/actors/${actorSlug}`);
    expect(response.status).toBe(200);
    expect(appText(response.text)).toContain('Muséum d’Orléans');
    expect(jsonLd(response.text)).toMatchObject({ '@type': 'Organization', name: 'Muséum d’Orléans' });
  });

  it('renders the sign-up page in the browser’s language (it stayed French for English browsers)', async () => {
    const english = await page('/signup', { 'accept-language': 'en-US,en;q=0.8' });
    expect(english.status).toBe(200);
    expect(english.text).toMatch(/<html lang="en">/);
    expect(appText(english.text)).toContain('Sign up');
    const french = await page('/signup', { 'accept-language': 'fr-FR' });
    expect(appText(french.text)).toContain('Créer un compte');
  });

  it('keeps API misses as JSON and the app’s files as they are', async () => {
    expect((await page('/api/v1/nothing')).headers['content-type']).toMatch(/application\/json/);
    expect((await page('/assets/index-abc123.js')).text).toBe('console.log("app");');
    expect((await page('/.ssr/render.js')).text).not.toContain('renderPage');
  });
});

describe('a rebuild of the web app while the hub runs', () => {
  it('serves the new index.html, its new assets and its new renderer without a restart', async () => {
    expect((await page('/articles')).text).toContain('/assets/index-abc123.js');
    // What `npm run build` does: new hashed names, the old ones gone, a new renderer.
    writeFileSync(join(webRoot, 'assets/index-def456.js'), 'console.log("rebuilt");');
    rmSync(join(webRoot, 'assets/index-abc123.js'));
    writeFileSync(join(webRoot, 'index.html'), RENDERED_INDEX.replaceAll('index-abc123', 'index-def456'));
    const source = pathToFileURL(resolve(import.meta.dirname, '../../web/src/ssr/render.tsx')).href;
    writeFileSync(
      join(webRoot, '.ssr/render.js'),
      `import { renderPage as render } from ${JSON.stringify(source)};\nexport async function renderPage(request) {\n  const page = await render(request);\n  return { ...page, html: page.html + '<p>second build</p>' };\n}\n`,
    );
    await expect.poll(async () => (await page('/articles')).text).toContain('/assets/index-def456.js');
    await expect.poll(async () => (await page('/articles')).text).toContain('second build');
    const articles = (await page('/articles')).text;
    expect(articles).not.toContain('index-abc123');
    expect((await page('/assets/index-def456.js')).text).toBe('console.log("rebuilt");');
    expect((await page('/assets/index-abc123.js')).status).toBe(404);
  });
});
