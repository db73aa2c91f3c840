// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { ConsolePage, createRouter, RouterContext, SessionContext, setSiteMode, settingsForm, settingsInput, type Session } from '@constellation/web';
import { actorInput } from '../hub/event-inputs.ts';
import { create, startConsoleHub, type ConsoleHub } from './console-hub.tsx';

/*
 * The settings form against a real hub: it shows the settings in effect, sends the
 * whole set in the API's shape, puts the API's refusals next to their fields and in a
 * summary, and announces a save.
 */

let fixture: ConsoleHub;
let admin: Session;
let dossierId: string;

function renderSettings() {
  setSiteMode('regional');
  window.history.replaceState(null, '', '/admin');
  return render(
    <SessionContext.Provider value={admin}>
      <RouterContext.Provider value={createRouter(window)}>
        <ConsolePage config={{ mode: 'regional' }} tab="settings" params={{}} locale="fr" />
      </RouterContext.Provider>
    </SessionContext.Provider>,
  );
}

const input = (name: RegExp) => screen.getByLabelText(name) as HTMLInputElement;
const errorOf = (field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((element) => element?.classList.contains('field-error'))?.textContent;

beforeAll(async () => {
  fixture = await startConsoleHub();
  admin = await fixture.session('admin');
  const actorId = await create(fixture, 'contributor', 'actors', actorInput('Centre Sciences'), false);
  dossierId = await create(fixture, 'contributor', 'dossiers', { actorId, title: 'Les océans', items: [] }, true);
  expect((await fixture.call('admin', 'POST', '/api/v1/moderation/approve', { ids: [dossierId] })).status).toBe(200);
});
afterAll(() => fixture?.close());
afterEach(() => cleanup());

describe('settings form state', () => {
  it('sends blank optional fields as absent, and URLs one per line', () => {
    const form = { name: '  Echosciences Centre ', tagline: '  ', mapStyle: '', aggregatorUrls: 'https://a.example/\n\n  https://b.example/  \n', featuredDossierId: '', signupRole: 'member' as const, accentColor: ' ', logoUrl: '', socialLinks: '\n https://piaille.fr/@centre \n' };
    expect(settingsInput(form)).toEqual({ name: 'Echosciences Centre', aggregatorUrls: ['https://a.example/', 'https://b.example/'], signupRole: 'member', socialLinks: ['https://piaille.fr/@centre'] });
    const view = { name: 'N', tagline: 'T', mapStyle: 'https://tiles.example/style.json', aggregatorUrls: ['https://a.example/'], featuredDossierId: 'd', signupRole: 'contributor' as const, accentColor: '#2d5f9a', logoUrl: 'https://example.org/logo.png', socialLinks: ['https://bsky.app/profile/centre'], defaults: { name: 'N', aggregatorUrls: [], signupRole: 'contributor' as const }, updatedAt: null };
    expect(settingsInput(settingsForm(view))).toEqual({ name: 'N', tagline: 'T', mapStyle: 'https://tiles.example/style.json', aggregatorUrls: ['https://a.example/'], featuredDossierId: 'd', signupRole: 'contributor', accentColor: '#2d5f9a', logoUrl: 'https://example.org/logo.png', socialLinks: ['https://bsky.app/profile/centre'] });
  });
});

describe('the settings tab', () => {
  it('places the API’s refusals by their fields, then saves the whole set', async () => {
    renderSettings();
    await waitFor(() => expect(input(/^Nom du site/).value).toBe('Echosciences Centre-Val de Loire'));
    const featured = screen.getByRole('combobox', { name: /Dossier à la une/ });
    await waitFor(() => expect(within(featured).getByRole('option', { name: 'Les océans' })).toBeTruthy());

    fireEvent.input(input(/^Nom du site/), { target: { value: '' } });
    fireEvent.input(input(/^Style de carte/), { target: { value: 'pas une adresse' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les réglages' }));
    const summary = await screen.findByRole('alert');
    expect(input(/^Nom du site/).getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(input(/^Nom du site/))).toBeTruthy();
    expect(input(/^Style de carte/).getAttribute('aria-invalid')).toBe('true');
    const links = within(summary).getAllByRole('link').map((link) => link.getAttribute('href'));
    expect(links).toContain('#settings-name');
    expect(links).toContain('#settings-mapStyle');
    expect(screen.getByRole('status').textContent).toBe('');

    fireEvent.input(input(/^Nom du site/), { target: { value: 'Echosciences Centre' } });
    fireEvent.input(input(/^Style de carte/), { target: { value: '' } });
    fireEvent.input(input(/^Agrégateurs/), { target: { value: 'http://10.1.2.3/' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les réglages' }));
    await waitFor(() => expect(input(/^Agrégateurs/).getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(input(/^Agrégateurs/))).toMatch(/^ligne 1 : /);
    expect(input(/^Nom du site/).getAttribute('aria-invalid')).toBeNull();

    fixture.sent.length = 0;
    fireEvent.input(input(/^Agrégateurs/), { target: { value: '' } });
    fireEvent.input(input(/^Accroche/), { target: { value: 'La science en région' } });
    fireEvent.change(featured, { target: { value: dossierId } });
    fireEvent.change(screen.getByRole('combobox', { name: /Rôle des nouveaux comptes/ }), { target: { value: 'member' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les réglages' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Réglages enregistrés.'));
    expect(fixture.sent).toEqual([
      { method: 'PUT', path: '/api/v1/admin/settings', body: { name: 'Echosciences Centre', tagline: 'La science en région', aggregatorUrls: [], featuredDossierId: dossierId, signupRole: 'member' } },
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
    const config = await fixture.call<{ name: string; tagline?: string; featuredDossierId?: string }>('member', 'GET', '/api/v1/config');
    expect(config.body).toMatchObject({ name: 'Echosciences Centre', tagline: 'La science en région', featuredDossierId: dossierId });
  });
});
