// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { ApiError, App, ConsolePage, createApiClient, createRouter, partnerInputId, RouterContext, SessionContext, setSiteMode, settingsErrors, settingsForm, settingsInput, SiteFooter, type Session } from '@constellation/web';
import { startConsoleHub, type ConsoleHub } from './console-hub.tsx';

/*
 * The settings form against a real hub: it shows the settings in effect, sends the
 * whole set in the API's shape, puts the API's refusals next to their fields and in a
 * summary, and announces a save.
 */

let fixture: ConsoleHub;
let admin: Session;

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
});
afterAll(() => fixture?.close());
afterEach(() => cleanup());

describe('settings form state', () => {
  it('sends blank optional fields as absent, and URLs one per line', () => {
    const form = { name: '  Echosciences Centre ', tagline: '  ', mapStyle: '', aggregatorUrls: 'https://a.example/\n\n  https://b.example/  \n', signupRole: 'member' as const, accentColor: ' ', logoUrl: '', socialLinks: '\n https://piaille.fr/@centre \n', partners: [] };
    expect(settingsInput(form)).toEqual({ name: 'Echosciences Centre', aggregatorUrls: ['https://a.example/', 'https://b.example/'], signupRole: 'member', socialLinks: ['https://piaille.fr/@centre'] });
    const view = { name: 'N', tagline: 'T', mapStyle: 'https://tiles.example/style.json', aggregatorUrls: ['https://a.example/'], signupRole: 'contributor' as const, accentColor: '#2d5f9a', logoUrl: 'https://example.org/logo.png', socialLinks: ['https://bsky.app/profile/centre'], partners: [], defaults: { name: 'N', aggregatorUrls: [], signupRole: 'contributor' as const }, updatedAt: null };
    expect(settingsInput(settingsForm(view))).toEqual({ name: 'N', tagline: 'T', mapStyle: 'https://tiles.example/style.json', aggregatorUrls: ['https://a.example/'], signupRole: 'contributor', accentColor: '#2d5f9a', logoUrl: 'https://example.org/logo.png', socialLinks: ['https://bsky.app/profile/centre'] });
  });
});

describe('partners in the settings form', () => {
  const partners = [
    { name: 'Région Centre-Val de Loire', url: 'https://www.centre-valdeloire.fr/', logoUrl: 'http://hub.test/media/aa' },
    { name: 'Université d’Orléans', url: 'https://www.univ-orleans.fr/', logoUrl: 'http://hub.test/media/bb' },
  ];
  const view = { name: 'N', aggregatorUrls: [], signupRole: 'contributor' as const, partners, defaults: { name: 'N', aggregatorUrls: [], signupRole: 'contributor' as const }, updatedAt: null };

  it('sends them in the order shown, trimmed, without the form’s own keys', () => {
    const form = settingsForm(view);
    expect(form.partners.map((partner) => partner.name)).toEqual(['Région Centre-Val de Loire', 'Université d’Orléans']);
    const [first, second] = form.partners;
    if (first === undefined || second === undefined) throw new Error('two partners expected');
    const reversed = { ...form, partners: [{ ...second, name: '  Université d’Orléans ' }, first] };
    expect(settingsInput(reversed).partners).toEqual([partners[1], partners[0]]);
    expect(settingsInput({ ...form, partners: [] })).not.toHaveProperty('partners');
  });

  it('puts the hub’s refusal of a partner’s field on that partner’s input, named in words', () => {
    const refusal = new ApiError(400, 'partners.1.url must be an absolute https URL', 'bad_request', 'partners.1.url', [{ field: 'partners.1.url', message: 'must be an absolute https URL without credentials' }]);
    expect(settingsErrors(refusal, 'fr')).toEqual([{ inputId: partnerInputId(1, 'url'), label: 'Partenaire 2, Lien', message: 'must be an absolute https URL without credentials' }]);
    expect(settingsErrors(new ApiError(400, 'x', 'bad_request', 'partners.0.logoUrl'), 'en')[0]).toMatchObject({ inputId: 'settings-partners-0-logoUrl', label: 'Partner 1, Logo' });
  });

  it('the footer of every page shows each partner’s logo, named by its alt text, as a link to its https site; anything else is left out', () => {
    setSiteMode('regional');
    render(
      <SiteFooter
        router={createRouter(window)}
        locale="fr"
        siteName="Centre-Sciences"
        partners={[...partners, { name: 'Site en clair', url: 'http://insecure.example.org/', logoUrl: 'http://hub.test/media/cc' }, { name: 'Script', url: 'javascript:alert(1)', logoUrl: 'http://hub.test/media/dd' }]}
        current={undefined}
      />,
    );
    const section = screen.getByRole('region', { name: 'Nos partenaires' });
    const links = within(section).getAllByRole('link');
    expect(links.map((link) => [link.getAttribute('href'), link.querySelector('img')?.getAttribute('alt'), link.querySelector('img')?.getAttribute('src')])).toEqual([
      ['https://www.centre-valdeloire.fr/', 'Région Centre-Val de Loire', 'http://hub.test/media/aa'],
      ['https://www.univ-orleans.fr/', 'Université d’Orléans', 'http://hub.test/media/bb'],
    ]);
    expect(within(section).getByRole('link', { name: 'Université d’Orléans' })).toBeTruthy();
  });
});

describe('the settings tab', () => {
  it('places the API’s refusals by their fields, then saves the whole set', async () => {
    renderSettings();
    await waitFor(() => expect(input(/^Nom du site/).value).toBe('Echosciences Centre-Val de Loire'));
    // What the home page features is arranged in the home tab only.
    expect(screen.queryByRole('combobox', { name: /à la une/ })).toBeNull();

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
    fireEvent.change(screen.getByRole('combobox', { name: /Rôle des nouveaux comptes/ }), { target: { value: 'member' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les réglages' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Réglages enregistrés.'));
    expect(fixture.sent).toEqual([
      { method: 'PUT', path: '/api/v1/admin/settings', body: { name: 'Echosciences Centre', tagline: 'La science en région', aggregatorUrls: [], signupRole: 'member' } },
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
    const config = await fixture.call<{ name: string; tagline?: string }>('member', 'GET', '/api/v1/config');
    expect(config.body).toMatchObject({ name: 'Echosciences Centre', tagline: 'La science en région' });
  });

  it('adds a partner with the keyboard’s buttons and puts the hub’s refusal of its http link at that field', async () => {
    renderSettings();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Ajouter un partenaire' })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un partenaire' }));
    const group = screen.getByRole('group', { name: 'Partenaire 1' });
    fireEvent.input(within(group).getByLabelText(/^Nom/), { target: { value: 'Muséum d’Orléans' } });
    fireEvent.input(within(group).getByLabelText(/^Lien/), { target: { value: 'http://www.museum-orleans.fr/' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les réglages' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(within(group).getByLabelText(/^Lien/).getAttribute('aria-invalid')).toBe('true'));
    expect(within(summary).getAllByRole('link').map((link) => link.getAttribute('href'))).toContain('#settings-partners-0-url');
    expect(within(summary).getByRole('link', { name: /Partenaire 1, Lien/ })).toBeTruthy();
    expect(within(group).getByRole('button', { name: 'Retirer « Muséum d’Orléans »' })).toBeTruthy();
    fireEvent.click(within(group).getByRole('button', { name: 'Retirer « Muséum d’Orléans »' }));
    expect(screen.queryByRole('group', { name: 'Partenaire 1' })).toBeNull();
  });

  it('shows the saved name and partners in the page’s header and footer at once, without a reload', async () => {
    // A partner saved since the page loaded (its config has none), and a new name typed in the form.
    const partner = { name: 'Muséum d’Orléans', url: 'https://www.museum-orleans.fr/', logoUrl: 'http://hub.test/media/0190a1b2-0000-7000-8000-00000000cafe.webp' };
    const put = await fixture.call('admin', 'PUT', '/api/v1/admin/settings', { name: 'Echosciences Centre', aggregatorUrls: [], signupRole: 'contributor', partners: [partner] });
    expect(put.status).toBe(200);
    setSiteMode('regional');
    window.history.replaceState(null, '', '/admin');
    const config = { mode: 'regional' as const, name: 'Echosciences Centre' };
    render(<App api={createApiClient(fixture.origin, { regional: true })} router={createRouter(window)} config={config} session={admin} />);
    await waitFor(() => expect(input(/^Nom du site/).value).toBe('Echosciences Centre'));
    expect(screen.queryByRole('region', { name: 'Nos partenaires' })).toBeNull();

    fireEvent.input(input(/^Nom du site/), { target: { value: 'Echosciences Centre-Val de Loire' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les réglages' }));
    await waitFor(() => expect(screen.getAllByRole('status').map((status) => status.textContent)).toContain('Réglages enregistrés.'));
    const partners = await screen.findByRole('region', { name: 'Nos partenaires' });
    expect(within(partners).getByRole('link', { name: 'Muséum d’Orléans' }).getAttribute('href')).toBe('https://www.museum-orleans.fr/');
    expect(screen.getByRole('banner').querySelector('.brand')?.textContent).toContain('Echosciences Centre-Val de Loire');
  });
});
