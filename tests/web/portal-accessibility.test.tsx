import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/federation.ts';
import { eventInput } from '../hub/event-inputs.ts';
import { field, open, seriousViolations } from '../support/browser.ts';
import type { PortalHub } from '../support/portal.ts';
import { parisDay, portalSiteForFile, settled, type PortalSite } from './portal-site.tsx';

/*
 * The portal's accessibility in Chromium, against a seeded hub process serving the built
 * web app (portal-site.tsx): the event form's refusals are usable (a focused
 * summary linking to each field), and axe-core finds nothing serious or critical on the
 * main pages, logged out, as a contributor and as a moderator, none of which scrolls
 * sideways at 360 px. Any request leaving loopback is refused and reported.
 */

let site: PortalSite;
let hub: PortalHub;
let incidents: string[];
const newContext = () => site.newContext();
const logIn = (...args: Parameters<PortalSite['logIn']>) => site.logIn(...args);
const contributorToken = (email: string) => site.contributorToken(email);

portalSiteForFile({ national: false }, (started) => {
  site = started;
  ({ hub, incidents } = started);
});

describe('accessibility of the portal', () => {
  it('says what the event form refused: a focused summary linking to each field, the error next to its field', { timeout: 60_000 }, async () => {
    const login = { email: 'erreurs@example.org', password: 'contributeur-secret' };
    const token = await contributorToken(login.email);
    expect((await http(`${hub.url}/api/v1/actors`, { method: 'POST', token, body: { name: 'Fablab de Vierzon', kind: 'association' } })).status).toBe(201);
    const context = await newContext();
    await logIn(context, login);
    const page = await open(context, `${hub.url}/contribute/events/new`, incidents);
    await page.getByRole('heading', { level: 1, name: 'Nouvel événement' }).waitFor();
    await page.getByRole('button', { name: 'Soumettre à la modération' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient des erreurs' });
    await summary.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary') ?? false)).toBe(true);
    // The title is refused: its error sits next to it and describes it.
    const titleInput = field(page, 'Titre');
    expect(await titleInput.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await titleInput.getAttribute('aria-describedby')) ?? '';
    const description = await Promise.all(describedBy.split(' ').filter((id) => id !== '').map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(description.join(' ').trim()).not.toBe('');
    // Its link in the summary takes the keyboard to it.
    await summary.getByRole('link', { name: /^Titre/ }).click();
    await expect.poll(() => titleInput.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await page.getByText('Envoyé à la modération.').count()).toBe(0);
    await page.close();
  });

});

// One test a page, so a busy machine makes the run slower rather than red (each page has its
// own deadline), and a failure names its page.
describe('no serious or critical axe violation on the main pages (logged out, as a contributor, as a moderator), and none scrolls sideways at 360 px', () => {
  const contributor = { email: 'axe-contributrice@example.org', password: 'contributeur-secret' };
  let pending: ReturnType<typeof eventInput>;
  let slugs: { articles: string; actors: string };
  let contexts: Record<'reader' | 'contributor' | 'moderator', BrowserContext>;

  beforeAll(async () => {
    const first = async (type: string) => {
      const answer = await http<{ items: { slug: string }[] }>(`${hub.url}/api/v1/${type}?limit=1`);
      const slug = answer.body.items[0]?.slug;
      if (slug === undefined) throw new Error(`the seeded hub has no ${type}: ${answer.status} ${answer.text}`);
      return slug;
    };
    slugs = { articles: await first('articles'), actors: await first('actors') };
    // A contributor with her own (unverified) organisation and an event, both awaiting
    // moderation: her dashboard and the queue have items to check. (The demo contributor's
    // actor is verified: what she posts is published at once.)
    const token = await contributorToken(contributor.email);
    const actor = await http<{ id: string; status: string }>(`${hub.url}/api/v1/actors?submit=true`, { method: 'POST', token, body: { name: 'Planétarium itinérant', kind: 'association' } });
    expect([actor.status, actor.body.status]).toEqual([201, 'pending']);
    const start = new Date(Date.now() + 20 * 86_400_000);
    start.setUTCHours(17, 0, 0, 0);
    pending = eventInput(actor.body.id, 'Conférence sur les comètes', start.toISOString(), new Date(start.getTime() + 7_200_000).toISOString());
    const event = await http<{ status: string }>(`${hub.url}/api/v1/events?submit=true`, { method: 'POST', token, body: pending });
    expect([event.status, event.body.status]).toEqual([201, 'pending']);
    contexts = { reader: await newContext(), contributor: await newContext(), moderator: await newContext() };
    await logIn(contexts.contributor, contributor);
    await logIn(contexts.moderator, hub.demo('moderator'));
  }, 120_000);

  const recurring = async (page: Page) => {
    await page.getByRole('radio', { name: 'Récurrent' }).check();
    await field(page, 'Première séance : début').fill(`${parisDay(9)}T10:00`);
    await page.getByRole('region', { name: 'Prochaines dates' }).getByRole('listitem').first().waitFor();
  };
  const pages: { path: () => string; name: string; as: 'reader' | 'contributor' | 'moderator'; prepare?: (page: Page) => Promise<void> }[] = [
    ...['/', '/agenda', '/map', '/articles', '/places', '/projects', '/login', '/signup'].map((path) => ({ path: () => path, name: path, as: 'reader' as const })),
    { path: () => `/articles/${slugs.articles}`, name: '/articles/<first>', as: 'reader' },
    { path: () => `/actors/${slugs.actors}`, name: '/actors/<first>', as: 'reader' },
    { path: () => '/contribute', name: '/contribute', as: 'contributor', prepare: (page) => page.getByRole('heading', { level: 3, name: pending.title }).waitFor() },
    { path: () => '/contribute/events/new', name: '/contribute/events/new', as: 'contributor' },
    { path: () => '/contribute/events/new', name: '/contribute/events/new (recurring)', as: 'contributor', prepare: recurring },
    { path: () => '/moderation', name: '/moderation', as: 'moderator', prepare: (page) => page.getByRole('button', { name: `Approuver « ${pending.title} »` }).waitFor() },
  ];

  it.each(pages)('$name ($as)', { timeout: 90_000 }, async (entry) => {
    const page = await open(contexts[entry.as], `${hub.url}${entry.path()}`, incidents);
    const ready = await settled(page)
      .then(() => entry.prepare?.(page))
      .then(
        () => undefined,
        async (error: unknown) => `not ready: ${(error as Error).message.split('\n')[0] ?? ''}; the page said: ${(await page.locator('main').innerText()).replace(/\s+/g, ' ').slice(0, 600)}`,
      );
    const violations = [...(ready === undefined ? [] : [ready]), ...(await seriousViolations(page))];
    // Usable on a phone: at 360 px nothing makes the page scroll sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 360) violations.push(`scrolls sideways at 360 px: ${width} px wide`);
    const h1 = await page.locator('h1').count();
    await page.close();
    expect({ violations, h1 }).toEqual({ violations: [], h1: 1 });
  });

  it('met no page error, dialog or offsite request on any of them', () => {
    expect(incidents).toEqual([]);
  });
});
