import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support.ts';

/*
 * The pages every site must have: public to read in French and English, the hub's
 * default text (filled from its settings, with what the operator must complete marked)
 * until an admin writes them; writing is for admins only, validated and audited.
 */

interface PageBody {
  slug: string;
  lang: string;
  title: string;
  body: string;
  edited: boolean;
  updatedAt: string | null;
  field?: string;
}

let hub: TestHub;
let admin: Awaited<ReturnType<TestHub['user']>>;
let moderator: Awaited<ReturnType<TestHub['user']>>;

const page = (slug: string, lang?: string) => hub.request<PageBody>({ method: 'GET', url: `/api/v1/pages/${slug}${lang === undefined ? '' : `?lang=${lang}`}` });

beforeAll(async () => {
  hub = await startTestHub();
  admin = await hub.user('admin');
  moderator = await hub.user('moderator');
});

afterAll(async () => {
  await hub?.close();
});

describe('site pages', () => {
  it('serve a default text per page and language, filled from the settings, marking what is left to fill in', async () => {
    for (const slug of ['about', 'legal', 'privacy', 'accessibility']) {
      const fr = await page(slug);
      expect(fr.status).toBe(200);
      expect(fr.body).toMatchObject({ slug, lang: 'fr', edited: false, updatedAt: null });
      const en = await page(slug, 'en');
      expect(en.body.lang).toBe('en');
      expect(en.body.title).not.toBe(fr.body.title);
      expect(fr.body.body).toContain('[à compléter');
      expect(en.body.body).toContain('[to fill in');
    }
    expect((await page('about')).body.body).toContain('Echosciences Centre-Val de Loire');
    expect((await page('about')).body.body).toContain('Centre-Val de Loire');
    expect((await page('legal')).body.title).toBe('Mentions légales');
  });

  it('say in the accessibility statement what RGAA asks: conformity status, contact, recourse', async () => {
    const statement = (await page('accessibility')).body.body;
    expect(statement).toContain('non conforme');
    expect(statement).toContain('RGAA');
    expect(statement).toContain('Retour d’information et contact');
    expect(statement).toContain('Défenseur des droits');
    expect(statement).toContain('http://hub.test');
  });

  it('follow the hub name set in the console', async () => {
    const settings = await hub.request<Record<string, unknown>>({ method: 'GET', url: '/api/v1/admin/settings', token: admin.token });
    const { defaults: _defaults, updatedAt: _updatedAt, ...current } = settings.body;
    const saved = await hub.request({ method: 'PUT', url: '/api/v1/admin/settings', token: admin.token, payload: { ...current, name: 'Echosciences Orléans' } });
    expect(saved.status, saved.text).toBe(200);
    expect((await page('privacy')).body.body).toContain('Echosciences Orléans');
  });

  it('refuse an unknown page or language with a 400 naming it', async () => {
    const slug = await page('cookies');
    expect(slug.status).toBe(400);
    expect(slug.body.field).toBe('params.slug');
    const lang = await page('legal', 'de');
    expect(lang.status).toBe(400);
    expect(lang.body.field).toBe('query.lang');
  });

  it('are written by admins only, validated, audited, and can go back to the default', async () => {
    const text = { title: 'Mentions légales', body: '## Éditeur\n\nCentre•Sciences, 72 faubourg de Bourgogne, 45000 Orléans.' };
    expect((await hub.request({ method: 'PUT', url: '/api/v1/admin/pages/legal/fr', payload: text })).status).toBe(401);
    expect((await hub.request({ method: 'PUT', url: '/api/v1/admin/pages/legal/fr', token: moderator.token, payload: text })).status).toBe(403);
    const blank = await hub.request<PageBody>({ method: 'PUT', url: '/api/v1/admin/pages/legal/fr', token: admin.token, payload: { ...text, title: ' ' } });
    expect(blank.status).toBe(400);
    expect(blank.body.field).toBe('title');

    const saved = await hub.request<PageBody>({ method: 'PUT', url: '/api/v1/admin/pages/legal/fr', token: admin.token, payload: text });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ ...text, edited: true });
    expect((await page('legal')).body.body).toBe(text.body);
    // The other language keeps its default until written.
    expect((await page('legal', 'en')).body.edited).toBe(false);

    const audit = await hub.request<{ items: { action: string; targetType: string; targetId: string }[] }>({ method: 'GET', url: '/api/v1/moderation/audit?action=update-page', token: admin.token });
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'update-page', targetType: 'page', targetId: 'legal/fr' })]);

    const reset = await hub.request<PageBody>({ method: 'DELETE', url: '/api/v1/admin/pages/legal/fr', token: admin.token });
    expect(reset.body.edited).toBe(false);
    expect((await page('legal')).body.body).toContain('[à compléter');
  });
});
