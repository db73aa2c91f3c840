// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { App, createApiClient, createRouter, setLocale, setSiteMode, visibleTabs, type Session } from '@constellation/web';
import { startConsoleHub, type ConsoleHub } from './console-hub.tsx';

/*
 * Who gets into the console, through the whole shell against a real hub: a contributor
 * is refused at /moderation, a moderator gets the queue without the admin tabs, an admin
 * gets every tab.
 */

let fixture: ConsoleHub;

function renderApp(session: Session, path: string) {
  setSiteMode('regional');
  window.history.replaceState(null, '', path);
  const router = createRouter(window);
  const config = { mode: 'regional' as const, name: 'Echosciences Centre' };
  return render(<App api={createApiClient(fixture.origin, { regional: true })} router={router} config={config} session={session} />);
}

function consoleTabs(): string[] {
  return within(screen.getByRole('navigation', { name: 'Console' }))
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

beforeAll(async () => {
  fixture = await startConsoleHub();
});
afterAll(() => fixture?.close());
afterEach(() => cleanup());

describe('the console’s doors', () => {
  it('refuses a contributor at /moderation', async () => {
    renderApp(await fixture.session('contributor'), '/moderation');
    // The console's code loads on first use: wait for its heading.
    expect((await screen.findByRole('heading', { level: 1, name: 'Accès refusé' })).textContent).toBe('Accès refusé');
    expect(screen.queryByRole('navigation', { name: 'Console' })).toBeNull();
  });

  it('shows a moderator the queue and the moderation tabs only', async () => {
    renderApp(await fixture.session('moderator'), '/moderation');
    // The console's code loads on first use: wait for its heading.
    expect((await screen.findByRole('heading', { level: 1, name: 'File de modération' })).textContent).toBe('File de modération');
    expect(consoleTabs()).toEqual(['File de modération', 'Signalements', 'Adhésions', 'Journal des actions', 'Statistiques', 'Sources suivies', 'Acteurs vérifiés']);
    expect(screen.getByRole('link', { name: 'File de modération' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText('Aucun contenu en attente de modération.')).toBeTruthy();
    expect(document.title).toBe('File de modération · Echosciences Centre');
  });

  it('refuses a moderator the admin settings, and shows an admin every tab', async () => {
    renderApp(await fixture.session('moderator'), '/admin');
    // The console's code loads on first use: wait for its heading.
    expect((await screen.findByRole('heading', { level: 1, name: 'Accès refusé' })).textContent).toBe('Accès refusé');
    cleanup();
    renderApp(await fixture.session('admin'), '/moderation/audit');
    await screen.findByRole('heading', { level: 1, name: 'Journal des actions' });
    expect(consoleTabs()).toEqual(['File de modération', 'Signalements', 'Adhésions', 'Journal des actions', 'Statistiques', 'Sources suivies', 'Acteurs vérifiés', 'Coordination des campagnes', 'Réglages du site', 'Page d’accueil', 'Comptes et rôles', 'Pages du site']);
    expect(visibleTabs(false)).not.toContain('settings');
    expect(visibleTabs(false, { coordinator: true })).toEqual(['campaigns']);
  });

  it('speaks English when asked', async () => {
    setLocale('en');
    try {
      renderApp(await fixture.session('moderator'), '/moderation');
      // The console's code loads on first use: wait for its heading.
    expect((await screen.findByRole('heading', { level: 1, name: 'Moderation queue' })).textContent).toBe('Moderation queue');
      expect(await screen.findByText('Nothing is awaiting moderation.')).toBeTruthy();
      expect(screen.getByRole('search', { name: 'Filter the queue' })).toBeTruthy();
    } finally {
      setLocale('fr');
    }
  });
});
