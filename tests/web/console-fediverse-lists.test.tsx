// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { ConsolePage, createRouter, RouterContext, SessionContext, setSiteMode, type Session } from '@constellation/web';
import { actorInput } from '../hub/event-inputs.ts';
import { create, startConsoleHub, type ConsoleHub } from './console-hub.tsx';

/*
 * The followed sources' form, and the two domain lists under the followed sources, against a real hub (its blocked domain
 * of the configuration included): the servers open to verified organisations and the
 * blocked domains. Each adds a name from its field, lists it with its date, says a
 * refusal, and removes it from its button; a domain the configuration blocks has no button.
 */

let fixture: ConsoleHub;
let moderator: Session;
let actorId: string;

function renderSources() {
  setSiteMode('regional');
  window.history.replaceState(null, '', '/moderation/sources');
  return render(
    <SessionContext.Provider value={moderator}>
      <RouterContext.Provider value={createRouter(window)}>
        <ConsolePage config={{ mode: 'regional', hubId: 'centre', name: 'Centre Sciences' }} tab="sources" params={{}} locale="fr" />
      </RouterContext.Provider>
    </SessionContext.Provider>,
  );
}

const section = (name: string) => screen.getByRole('heading', { level: 2, name }).closest('section') as HTMLElement;
const itemTitles = (list: HTMLElement) => within(list).queryAllByRole('heading', { level: 3 }).map((heading) => heading.textContent);
const writes = () => fixture.sent.filter((request) => request.method !== 'GET');

beforeAll(async () => {
  fixture = await startConsoleHub();
  moderator = await fixture.session('moderator');
  actorId = await create(fixture, 'moderator', 'actors', actorInput('Centre Sciences'), false);
});
afterAll(() => fixture?.close());
afterEach(() => cleanup());

describe('the followed sources', () => {
  it('sends the account and the organisation from the form, and says a refusal', async () => {
    fixture.sent.length = 0;
    renderSources();
    await screen.findByText('Aucune source suivie pour le moment.');
    const handle = screen.getByLabelText('Compte à suivre (@nom@serveur ou adresse)') as HTMLInputElement;
    expect([handle.placeholder, handle.maxLength, handle.required]).toEqual(['@groupe@mobilizon.example', 500, true]);
    fireEvent.input(handle, { target: { value: ' @groupe@mobilizon.invalid ' } });
    await screen.findByRole('option', { name: 'Centre Sciences' });
    fireEvent.change(screen.getByLabelText('Au nom de'), { target: { value: actorId } });
    fireEvent.click(screen.getByRole('button', { name: 'Suivre' }));
    await waitFor(() => expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toEqual([expect.stringMatching(/^L'action a échoué : /)]), { timeout: 20_000 });
    expect(writes()).toEqual([{ method: 'POST', path: '/api/v1/activitypub/sources', body: { actor: '@groupe@mobilizon.invalid', actorId } }]);
  });
});

describe('the servers open to verified organisations', () => {
  it('allows a server from its field, refuses it twice in words, and removes it', async () => {
    fixture.sent.length = 0;
    renderSources();
    await screen.findByText('Aucun serveur autorisé : seules les sources ajoutées ci-dessus sont suivies.');
    const servers = section('Serveurs ouverts aux organisations vérifiées');
    expect(within(servers).getByText(/Une organisation vérifiée peut suivre/)).toBeTruthy();
    const host = within(servers).getByLabelText('Serveur (par exemple mobilizon.fr)') as HTMLInputElement;
    expect([host.placeholder, host.maxLength, host.required]).toEqual(['mobilizon.example', 260, true]);

    fireEvent.input(host, { target: { value: '  mobilizon.example  ' } });
    fireEvent.click(within(servers).getByRole('button', { name: 'Autoriser' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('mobilizon.example est autorisé.'));
    await waitFor(() => expect(itemTitles(servers)).toEqual(['mobilizon.example']));
    expect(host.value).toBe('');
    expect(within(servers).getByText(/^autorisé le /)).toBeTruthy();

    fireEvent.input(host, { target: { value: 'mobilizon.example' } });
    fireEvent.click(within(servers).getByRole('button', { name: 'Autoriser' }));
    await waitFor(() => expect(within(servers).getByRole('alert').textContent).toMatch(/^L'action a échoué : .*mobilizon\.example is already allowed/));
    expect(host.value).toBe('mobilizon.example');

    fireEvent.click(within(servers).getByRole('button', { name: 'Retirer « mobilizon.example »' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('mobilizon.example n’est plus autorisé ; les sources déjà suivies restent.'));
    expect(itemTitles(servers)).toEqual([]);
    expect(within(servers).queryByRole('alert')).toBeNull();
    expect(writes()).toEqual([
      { method: 'POST', path: '/api/v1/activitypub/servers', body: { host: 'mobilizon.example' } },
      { method: 'POST', path: '/api/v1/activitypub/servers', body: { host: 'mobilizon.example' } },
      { method: 'DELETE', path: '/api/v1/activitypub/servers?host=mobilizon.example', body: undefined },
    ]);
  });
});

describe('the blocked domains', () => {
  it('lists the configuration’s without a button, blocks one from its field and unblocks it', async () => {
    fixture.sent.length = 0;
    renderSources();
    await screen.findByText('bloqué par la configuration du serveur (HUB_BLOCKED_DOMAINS)');
    const blocked = section('Domaines bloqués');
    expect(itemTitles(blocked)).toEqual(['blocked-by-config.example']);
    expect(within(blocked).queryByRole('button', { name: /Débloquer/ })).toBeNull();
    const domain = within(blocked).getByLabelText('Domaine (par exemple spam.example)') as HTMLInputElement;
    expect([domain.placeholder, domain.maxLength, domain.required]).toEqual(['spam.example', 260, true]);

    fireEvent.input(domain, { target: { value: 'spam.example' } });
    fireEvent.click(within(blocked).getByRole('button', { name: 'Bloquer' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('spam.example est bloqué ; ses abonnés ont été retirés.'));
    await waitFor(() => expect(itemTitles(blocked).sort()).toEqual(['blocked-by-config.example', 'spam.example']));
    expect(within(blocked).getByText(/^bloqué le /)).toBeTruthy();

    fireEvent.click(within(blocked).getByRole('button', { name: 'Débloquer « spam.example »' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('spam.example n’est plus bloqué.'));
    expect(itemTitles(blocked)).toEqual(['blocked-by-config.example']);
    expect(writes()).toEqual([
      { method: 'POST', path: '/api/v1/activitypub/blocked-domains', body: { domain: 'spam.example' } },
      { method: 'DELETE', path: '/api/v1/activitypub/blocked-domains?domain=spam.example', body: undefined },
    ]);
  });
});
