// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { ConsolePage, createRouter, RouterContext, SessionContext, setSiteMode, userFilters, type ConsoleTab, type Session } from '@constellation/web';
import { actorInput } from '../hub/event-inputs.ts';
import { create, startConsoleHub, type ConsoleHub } from './console-hub.tsx';

/*
 * Accounts, roles and actors against a real hub: search, a role change, letting an
 * account act for an actor, and an actor's verified flag.
 */

let fixture: ConsoleHub;
let admin: Session;
let actorId: string;

function renderTab(tab: ConsoleTab, params: Record<string, string> = {}) {
  setSiteMode('regional');
  window.history.replaceState(null, '', tab === 'users' ? '/admin/users' : tab === 'queue' ? '/moderation' : '/admin/actors');
  return render(
    <SessionContext.Provider value={admin}>
      <RouterContext.Provider value={createRouter(window)}>
        <ConsolePage config={{ mode: 'regional' }} tab={tab} params={params} locale="fr" />
      </RouterContext.Provider>
    </SessionContext.Provider>,
  );
}

const posts = () => fixture.sent.filter((request) => request.method !== 'GET');

beforeAll(async () => {
  fixture = await startConsoleHub();
  admin = await fixture.session('admin');
  actorId = await create(fixture, 'contributor', 'actors', actorInput('Fablab de Tours'), false);
});
afterAll(() => fixture?.close());
afterEach(() => {
  cleanup();
  fixture.sent.length = 0;
});

describe('accounts and roles', () => {
  it('reads the search from the URL and asks the hub for it', async () => {
    expect(userFilters({ q: ' camille ', role: 'pope' })).toEqual({ q: 'camille' });
    renderTab('users', { q: 'member', role: 'member' });
    expect(await screen.findByRole('heading', { level: 3, name: 'Compte member' })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 3, name: 'Compte admin' })).toBeNull();
    expect(fixture.sent.map((request) => request.path)).toContain('/api/v1/admin/users?q=member&role=member');
  });

  it('changes a role with the select and its button', async () => {
    renderTab('users');
    const row = (await screen.findByRole('heading', { level: 3, name: 'Compte member' })).closest('li') as HTMLElement;
    fireEvent.change(within(row).getByRole('combobox', { name: 'Nouveau rôle de Compte member' }), { target: { value: 'moderator' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Changer le rôle (Compte member)' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Compte member est désormais Modérateur·rice.'));
    expect(posts()).toEqual([{ method: 'PUT', path: `/api/v1/admin/users/${fixture.accounts.member.id}/role`, body: { role: 'moderator' } }]);
    const after = (await screen.findByRole('heading', { level: 3, name: 'Compte member' })).closest('li') as HTMLElement;
    expect(after.textContent).toContain('Modérateur·rice');
    // Back to member for the next test.
    expect((await fixture.call('admin', 'PUT', `/api/v1/admin/users/${fixture.accounts.member.id}/role`, { role: 'member' })).status).toBe(200);
  });

  it('lets an account act for an actor, with an unknown email said next to its field', async () => {
    renderTab('users');
    const actor = screen.getByRole('combobox', { name: /^Acteur/ });
    await waitFor(() => expect(within(actor).getByRole('option', { name: 'Fablab de Tours' })).toBeTruthy());
    fireEvent.change(actor, { target: { value: actorId } });
    const email = screen.getByRole('textbox', { name: /^E-mail du compte/ });
    fireEvent.input(email, { target: { value: 'nobody@console.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter le compte' }));
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('member-email-error')?.textContent).toBe("Aucun compte n'a cet e-mail.");
    fireEvent.input(email, { target: { value: fixture.accounts.member.email } });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter le compte' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Compte member agit désormais pour Fablab de Tours.'));
    expect(posts().at(-1)).toEqual({ method: 'POST', path: `/api/v1/admin/actors/${actorId}/members`, body: { email: fixture.accounts.member.email } });
    const me = await fixture.call<{ role: string; actorIds: string[] }>('member', 'GET', '/api/v1/me');
    expect(me.body.actorIds).toContain(actorId);
    expect(me.body.role).toBe('contributor');
  });
});

describe('the queue as an admin', () => {
  it('names authors from the accounts an admin can list', async () => {
    await create(fixture, 'contributor', 'articles', { actorId, title: 'Les makers à Tours', body: 'Un atelier ouvert.' }, true);
    renderTab('queue');
    const row = (await screen.findByRole('heading', { level: 3, name: 'Les makers à Tours' })).closest('li') as HTMLElement;
    await waitFor(() => expect(row.textContent).toContain('Auteur·riceCompte contributor'));
  });
});

describe('verified actors', () => {
  it('lists every actor with its flag and toggles it', async () => {
    renderTab('actors');
    const row = (await screen.findByRole('heading', { level: 3, name: 'Fablab de Tours' })).closest('li') as HTMLElement;
    expect(row.textContent).toContain('Non vérifié');
    expect(row.textContent).toContain('Brouillon');
    fireEvent.click(within(row).getByRole('button', { name: 'Marquer comme vérifié « Fablab de Tours »' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Fablab de Tours est vérifié.'));
    expect(posts()).toEqual([{ method: 'POST', path: `/api/v1/actors/${actorId}/verify`, body: { verified: true } }]);
    expect(within(row).getByRole('button', { name: 'Retirer la vérification « Fablab de Tours »' })).toBeTruthy();
    const view = await fixture.call<{ verified: boolean }>('moderator', 'GET', `/api/v1/actors/${actorId}/manage`);
    expect(view.body.verified).toBe(true);
  });
});
