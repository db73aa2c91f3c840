// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { ConsolePage, createRouter, decisionBody, queueFilters, queueQuery, RouterContext, SessionContext, setSiteMode, type Session } from '@constellation/web';
import { actorInput, eventInput } from '../hub/event-inputs.ts';
import { create, startConsoleHub, type ConsoleHub } from './console-hub.tsx';
import { XSS } from './fixtures.tsx';

/*
 * The moderation queue against a real hub: a moderator finds submitted content, selects
 * items and decides on them in bulk or one by one; what the page sends is the API's
 * shape, a reject never leaves without a reason, and a decided item leaves the list.
 */

let fixture: ConsoleHub;
let moderator: Session;
let actorId: string;
let day = 0;

async function submittedEvent(title: string, overrides: Parameters<typeof eventInput>[4] = {}): Promise<string> {
  day += 1;
  const date = `2027-11-${String(day).padStart(2, '0')}`;
  return create(fixture, 'contributor', 'events', eventInput(actorId, title, `${date}T18:00:00+01:00`, `${date}T20:00:00+01:00`, overrides), true);
}

function renderQueue(session: Session, params: Record<string, string> = {}) {
  setSiteMode('regional');
  window.history.replaceState(null, '', '/moderation');
  const router = createRouter(window);
  return render(
    <SessionContext.Provider value={session}>
      <RouterContext.Provider value={router}>
        <ConsolePage config={{ mode: 'regional', name: 'Echosciences Centre' }} tab="queue" params={params} locale="fr" />
      </RouterContext.Provider>
    </SessionContext.Provider>,
  );
}

/** The queue item whose heading is `title`. */
async function item(title: string): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { level: 3, name: title });
  const li = heading.closest('li');
  if (li === null) throw new Error(`no item for ${title}`);
  return li;
}

async function status(hubPath: string): Promise<string> {
  return (await fixture.call<{ status: string }>('moderator', 'GET', hubPath)).body.status;
}

beforeAll(async () => {
  fixture = await startConsoleHub();
  moderator = await fixture.session('moderator');
  actorId = await create(fixture, 'contributor', 'actors', actorInput('Muséum d’Orléans'), false);
});
afterAll(() => fixture?.close());
beforeEach(() => {
  fixture.sent.length = 0;
});
afterEach(() => cleanup());

describe('request shapes', () => {
  it('reads filters leniently and sends only those set', () => {
    expect(queueFilters({ type: 'event', q: '  fossiles ', actor: '', other: 'x' })).toEqual({ type: 'event', q: 'fossiles' });
    expect(queueFilters({ type: 'nonsense' })).toEqual({});
    expect(queueQuery({ type: 'article' }, 'abc')).toEqual({ type: 'article', cursor: 'abc' });
  });

  it('never builds a reject without a reason, and sends each id once', () => {
    expect(decisionBody(['a', 'b', 'a'], 'approve')).toEqual({ ids: ['a', 'b'] });
    expect(decisionBody(['a'], 'reject', '   ')).toBeUndefined();
    expect(decisionBody(['a'], 'reject', ' Doublon ')).toEqual({ ids: ['a'], reason: 'Doublon' });
  });
});

describe('the queue', () => {
  it('lists submitted content with its type, actor and date, and approves one item', async () => {
    const id = await submittedEvent('Atelier fossiles');
    renderQueue(moderator);
    const entry = await item('Atelier fossiles');
    expect(entry.textContent).toContain('Événement');
    await waitFor(() => expect(entry.textContent).toContain('Muséum d’Orléans'));
    // The queue names the author, though a moderator can neither list accounts nor see a profile.
    expect(entry.textContent).toContain('Compte contributor');
    expect(entry.textContent).not.toContain(fixture.accounts.contributor.id);
    expect(entry.querySelector('time')?.getAttribute('datetime')).toMatch(/^2\d{3}-\d\d-\d\dT/);
    fireEvent.click(within(entry).getByRole('button', { name: 'Approuver « Atelier fossiles »' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Atelier fossiles' })).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('1 contenu approuvé et publié.');
    expect(fixture.sent.filter((request) => request.method === 'POST')).toEqual([{ method: 'POST', path: '/api/v1/moderation/approve', body: { ids: [id] } }]);
    expect(await status(`/api/v1/events/${id}/manage`)).toBe('published');
    // The queue named the author, so the console asked nobody else for the name.
    expect(fixture.sent.filter((request) => request.path.startsWith('/api/v1/members/'))).toEqual([]);
  });

  it('approves the selected items in one request, and only those', async () => {
    const first = await submittedEvent('Nuit des étoiles');
    await submittedEvent('Café des sciences');
    const third = await submittedEvent('Fête de la science');
    renderQueue(moderator);
    fireEvent.click(within(await item('Nuit des étoiles')).getByRole('checkbox', { name: 'Sélectionner « Nuit des étoiles »' }));
    fireEvent.click(within(await item('Fête de la science')).getByRole('checkbox', { name: 'Sélectionner « Fête de la science »' }));
    expect(screen.getByText('Sélection : 2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Approuver la sélection' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('2 contenus approuvés et publiés.'));
    const posts = fixture.sent.filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.path).toBe('/api/v1/moderation/approve');
    expect(new Set((posts[0]?.body as { ids: string[] }).ids)).toEqual(new Set([first, third]));
    expect(screen.queryByRole('heading', { name: 'Nuit des étoiles' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Café des sciences' })).toBeTruthy();
  });

  it('refuses to reject without a reason, then rejects everything selected with it', async () => {
    await submittedEvent('Conférence climat');
    renderQueue(moderator);
    await item('Conférence climat');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Tout sélectionner' }));
    const shown = screen.getAllByRole('heading', { level: 3 }).length;
    expect(screen.getByText(`Sélection : ${shown}`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Refuser la sélection…' }));
    const reason = screen.getByRole('textbox', { name: /Motif du refus des/ });
    fireEvent.click(screen.getByRole('button', { name: 'Refuser la sélection' }));
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(reason.getAttribute('aria-describedby') ?? '');
    expect(error?.textContent).toBe('Indiquez un motif.');
    expect(fixture.sent.filter((request) => request.method === 'POST')).toEqual([]);
    fireEvent.input(reason, { target: { value: 'Hors du périmètre de la plateforme' } });
    fireEvent.click(screen.getByRole('button', { name: 'Refuser la sélection' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/refusé/));
    const posts = fixture.sent.filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.path).toBe('/api/v1/moderation/reject');
    expect((posts[0]?.body as { reason: string }).reason).toBe('Hors du périmètre de la plateforme');
    expect((posts[0]?.body as { ids: string[] }).ids).toHaveLength(shown);
    expect(await screen.findByText('Aucun contenu en attente de modération.')).toBeTruthy();
  });

  it('rejects one item with its own reason', async () => {
    const id = await submittedEvent('Atelier robots');
    renderQueue(moderator);
    const entry = await item('Atelier robots');
    fireEvent.click(within(entry).getByRole('button', { name: 'Refuser… « Atelier robots »' }));
    fireEvent.input(within(entry).getByRole('textbox', { name: /Motif du refus/ }), { target: { value: 'Date manquante' } });
    fireEvent.click(within(entry).getByRole('button', { name: 'Confirmer le refus' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('1 contenu refusé.'));
    expect(fixture.sent.filter((request) => request.method === 'POST')).toEqual([{ method: 'POST', path: '/api/v1/moderation/reject', body: { ids: [id], reason: 'Date manquante' } }]);
    expect(await status(`/api/v1/events/${id}/manage`)).toBe('rejected');
  });

  it('keeps the filters in the URL and asks the hub for that type only', async () => {
    renderQueue(moderator, { type: 'article' });
    await screen.findByText('Aucun contenu en attente de modération.');
    expect(fixture.sent.some((request) => request.path === '/api/v1/moderation/queue?type=article')).toBe(true);
    fireEvent.change(screen.getByRole('combobox', { name: 'Type' }), { target: { value: 'event' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filtrer' }));
    expect(window.location.pathname + window.location.search).toBe('/moderation?type=event');
  });

  it('asks the hub for the text and actor filters, and lists only what matches', async () => {
    const otherActor = await create(fixture, 'contributor', 'actors', actorInput('Planétarium de Vaulx'), false);
    day += 1;
    const date = `2027-11-${String(day).padStart(2, '0')}`;
    await create(fixture, 'contributor', 'events', eventInput(otherActor, 'Voyage vers Mars', `${date}T18:00:00+01:00`, `${date}T20:00:00+01:00`), true);
    await submittedEvent('Exposition minéraux');
    renderQueue(moderator, { q: 'minéraux' });
    await item('Exposition minéraux');
    expect(screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual(['Exposition minéraux']);
    expect(fixture.sent.map((request) => request.path)).toContain(`/api/v1/moderation/queue?q=${encodeURIComponent('minéraux')}`);
    cleanup();
    renderQueue(moderator, { actor: otherActor });
    await item('Voyage vers Mars');
    expect(screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual(['Voyage vers Mars']);
    // The actor filter's select names the actor, not its id.
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Acteur' }) as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('Planétarium de Vaulx'));
  });

  it('after deciding on a whole page, shows what waits beyond it', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 21; index += 1) ids.push(await submittedEvent(`Séance ${index}`));
    renderQueue(moderator);
    await item('Séance 20');
    expect(screen.getByRole('button', { name: 'Afficher la suite' })).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Tout sélectionner' }));
    fireEvent.click(screen.getByRole('button', { name: 'Approuver la sélection' }));
    // Newest first: the page held the last 20; the first one submitted waited beyond it.
    expect(await screen.findByRole('heading', { level: 3, name: 'Séance 0' })).toBeTruthy();
    expect(screen.queryByText('Aucun contenu en attente de modération.')).toBeNull();
    const approved = fixture.sent.filter((request) => request.method === 'POST').flatMap((request) => (request.body as { ids: string[] }).ids);
    expect(approved).toHaveLength(20);
    expect(approved).not.toContain(ids[0]);
  });

  it('previews hostile text as text, as the public pages would show it', async () => {
    await submittedEvent(`Atelier ${XSS}`, { summary: XSS, description: `# Programme\n\n${XSS}\n\n[lien](javascript:alert(1))`, image: { url: 'https://images.example/a.jpg', alt: XSS } });
    renderQueue(moderator);
    const entry = await item(`Atelier ${XSS}`);
    fireEvent.click(within(entry).getByRole('button', { name: /^Aperçu public/ }));
    const preview = within(entry).getByRole('region', { name: /^Aperçu public : Atelier/ });
    expect(preview.querySelector('script')).toBeNull();
    expect(preview.querySelector('[onerror]')).toBeNull();
    expect(preview.querySelectorAll('img')).toHaveLength(1);
    expect(preview.querySelector('img')?.getAttribute('alt')).toBe(XSS);
    expect(preview.querySelector('a[href^="javascript"]')).toBeNull();
    expect(preview.textContent).toContain('<script>window.__pwned=1</script>');
    expect(within(preview).getByRole('heading', { name: 'Programme' })).toBeTruthy();
    expect(preview.textContent).toContain('MOBE, 6 rue Marcel Proust, 45000 Orléans');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('the queue’s item details in English', () => {
  it('write "Type: Article", not the French "Type : Article": every colon the style sheets add before a value has its English form', () => {
    const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../web/src/styles/console.css'), 'utf8');
    const french = [...css.matchAll(/^([^{}\n]+)::after \{ content: ' : '; \}$/gm)].map((match) => match[1]?.trim());
    expect(french).toContain('.console-meta dt');
    for (const selector of french) expect(css, selector).toContain(`${selector}:lang(en)::after { content: ': '; }`);
  });
});
