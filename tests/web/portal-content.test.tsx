// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import type { ActorPublic, ArticlePublic, PlacePublic, ProjectPublic } from '@constellation/shared';
import { buildPlacePopup, CardList, ContentView, createRouter, placePoints, RouterContext, typed, type TypedItem } from '@constellation/web';
import { XSS } from './fixtures.tsx';

afterEach(() => cleanup());

const server = { hub: 'centre-val-de-loire', version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z' };
const ACTOR_ID = '0193a000-0000-7000-8000-00000000aaaa';

function place(overrides: Partial<PlacePublic> = {}): PlacePublic {
  return {
    ...server,
    id: '0193a000-0000-7000-8000-000000000001',
    slug: 'museum',
    url: 'https://hub.test/places/museum',
    actorId: ACTOR_ID,
    name: 'Muséum',
    kind: 'museum',
    location: { name: 'Muséum', address: '6 rue Marcel Proust', postalCode: '45000', commune: 'Orléans', lat: 47.9, lon: 1.9 },
    ...overrides,
  };
}

function article(overrides: Partial<ArticlePublic> = {}): ArticlePublic {
  return { ...server, id: '0193a000-0000-7000-8000-000000000002', slug: 'article', url: 'https://hub.test/articles/article', actorId: ACTOR_ID, title: 'Article', body: 'Body', publishedAt: '2026-03-01T10:00:00Z', ...overrides };
}

function project(overrides: Partial<ProjectPublic> = {}): ProjectPublic {
  return {
    ...server,
    id: '0193a000-0000-7000-8000-000000000003',
    slug: 'birds',
    url: 'https://hub.test/projects/birds',
    actorId: ACTOR_ID,
    title: 'Oiseaux des jardins',
    participationType: 'field',
    involvement: 'weekly',
    scope: 'regional',
    website: 'https://birds.example/',
    ...overrides,
  };
}

const actor: ActorPublic = { ...server, id: ACTOR_ID, slug: 'asso', url: 'https://hub.test/actors/asso', name: XSS, kind: 'association', verified: true };

function renderWithRouter(node: preact.ComponentChildren) {
  return render(<RouterContext.Provider value={createRouter(window)}>{node}</RouterContext.Provider>);
}

/** Nothing the payload carries became an element, and no handler ran. */
function expectInert(root: Element) {
  expect(root.querySelector('script')).toBeNull();
  expect(root.querySelector('img[src="x"]')).toBeNull();
  expect(root.querySelector('[onerror]')).toBeNull();
  expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
}

describe('contributed text on content pages and cards', () => {
  it('renders a hostile title, summary, description and credit as text', () => {
    const entries: TypedItem[] = [
      typed('place', place({ name: XSS, summary: XSS, description: `# Title\n\n${XSS}\n\n<b onclick="x()">bold</b>`, openingNotes: XSS, image: { url: 'https://img.example/a.jpg', alt: XSS, credit: XSS } })),
      typed('article', article({ title: XSS, summary: XSS, body: XSS, keywords: [XSS] })),
      typed('project', project({ title: XSS, description: XSS, website: 'javascript:alert(1)' as never })),
    ];
    for (const entry of entries) {
      const { container, unmount } = renderWithRouter(<ContentView entry={entry} locale="fr" actor={actor} />);
      expectInert(container);
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(XSS);
      expect(container.textContent).toContain(XSS);
      // The actor's hostile name is a link's text, and the link goes to its page.
      const by = screen.getByRole('link', { name: XSS });
      expect(by.getAttribute('href')).toBe('/actors/asso');
      expect(container.querySelectorAll('h1')).toHaveLength(1);
      unmount();
    }
  });

  it('shows an image with its alt and credit, and keeps only http(s) links', () => {
    const { container } = renderWithRouter(<ContentView entry={typed('place', place({ image: { url: 'https://img.example/a.jpg', alt: 'La façade', credit: 'Ville' }, website: 'https://museum.example/' }))} locale="fr" />);
    const image = screen.getByRole('img', { name: 'La façade' });
    expect(image.getAttribute('src')).toBe('https://img.example/a.jpg');
    expect(container.textContent).toContain('Crédit : Ville');
    expect(screen.getByRole('link', { name: 'https://museum.example/' }).getAttribute('href')).toBe('https://museum.example/');
    cleanup();
    const hostile = renderWithRouter(<ContentView entry={typed('project', project({ website: 'javascript:alert(1)' as never }))} locale="fr" />);
    expect(hostile.container.querySelector('a[href^="javascript"]')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Participer sur le site du projet' })).toBeNull();
  });

  it('says how to take part in a project, with a link to its site', () => {
    const { container } = renderWithRouter(<ContentView entry={typed('project', project({ audiences: ['families'], disciplines: ['ecology'] }))} locale="fr" />);
    expect(screen.getByRole('link', { name: 'Participer sur le site du projet' }).getAttribute('href')).toBe('https://birds.example/');
    const facts = container.querySelector('dl')?.textContent ?? '';
    for (const text of ['Sur le terrain', 'Hebdomadaire', 'Familles', 'Régionale']) expect(facts).toContain(text);
  });

  it('lists cards with hostile text as text, linking each to its page', () => {
    const { container } = renderWithRouter(<CardList entries={[typed('place', place({ name: XSS, summary: XSS, image: { url: 'https://img.example/b.jpg', alt: XSS } })), typed('article', article({ title: 'Deux' }))]} locale="en" />);
    expectInert(container);
    const links = screen.getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/places/museum', '/articles/article']);
    expect(links[0]?.textContent).toBe(XSS);
    expect(screen.getByRole('img').getAttribute('alt')).toBe(XSS);
  });

  it('builds a place popup from text nodes only', () => {
    const [point] = placePoints([place({ name: XSS, location: { commune: XSS, lat: 47.9, lon: 1.9 } })], 'fr');
    if (point === undefined) throw new Error('no point');
    const popup = buildPlacePopup(point, () => undefined);
    expect(popup.querySelector('script, img')).toBeNull();
    expect(popup.querySelector('a')?.textContent).toBe(XSS);
    expect(popup.querySelector('a')?.getAttribute('href')).toBe('/places/museum');
    expect(popup.textContent).toContain(`Musée · ${XSS}`);
    expect(placePoints([place({ location: { commune: 'Sans coordonnées' } })], 'fr')).toEqual([]);
  });
});
