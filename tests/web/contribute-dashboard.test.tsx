// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { signal } from '@preact/signals';
import { ApiError, ContributePage, createRouter, importRequest, reportOf, RouterContext, SessionContext, type Account, type Session } from '@constellation/web';
import { XSS } from './fixtures.tsx';

afterEach(() => cleanup());

const ACTOR = '0193a000-0000-7000-8000-00000000aaaa';

function account(actorIds: string[]): Account {
  return { id: '0193a000-0000-7000-8000-000000000001', email: 'camille@example.org', displayName: 'Camille', role: 'contributor', actorIds, createdAt: '2026-01-01T00:00:00Z', emailConfirmed: true, membership: 'none', locale: 'fr', notifyPending: 'each', notifyDecisions: true, notifyReports: true, notifyFollows: true };
}

function item(id: string, status: string, data: Record<string, unknown>, rejectReason: string | null = null) {
  return { id, type: 'event', slug: `e-${id.slice(-4)}`, status, rejectReason, version: 1, actorId: ACTOR, authorId: null, verified: false, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T10:00:00Z', publishedAt: null, data };
}

/** A session whose hub is a table of answers: what the page asked for is recorded. */
function stubSession(who: Account, answers: Record<string, unknown>): { session: Session; calls: string[] } {
  const calls: string[] = [];
  const session: Session = {
    account: signal<Account | null | undefined>(who),
    restore: async () => {},
    login: async () => who,
    register: async () => who,
    logout: async () => {},
    reload: async () => {},
    can: (role) => role === 'member' || role === 'contributor',
    request: async <T,>(method: string, path: string) => {
      calls.push(`${method} ${path}`);
      const answer = answers[`${method} ${path}`];
      if (answer === undefined) throw new ApiError(404, 'not found');
      return answer as T;
    },
  };
  return { session, calls };
}

function renderPage(session: Session, params: Record<string, string> = {}) {
  return render(
    <RouterContext.Provider value={createRouter(window)}>
      <SessionContext.Provider value={session}>
        <ContributePage params={params} locale="fr" />
      </SessionContext.Provider>
    </RouterContext.Provider>,
  );
}

describe('the contribute dashboard', () => {
  it('asks an account acting for no actor to create its organisation first', async () => {
    const { session } = stubSession(account([]), { 'GET /api/v1/me/content': { items: [], next: null } });
    renderPage(session);
    const link = await screen.findByRole('link', { name: 'Créer mon organisation' });
    expect(link.getAttribute('href')).toBe('/contribute/actors/new');
    expect(screen.queryByRole('link', { name: 'Nouvel événement' })).toBeNull();
    await screen.findByText('Aucun contenu pour le moment.');
  });

  it('lists my content with its status, the moderator’s reason, and hostile titles as text', async () => {
    const { session } = stubSession(account([ACTOR]), {
      'GET /api/v1/me/content': {
        items: [item('0193a000-0000-7000-8000-000000000011', 'pending', { title: 'Atelier' }), item('0193a000-0000-7000-8000-000000000012', 'rejected', { title: XSS }, 'Date <b>manquante</b>')],
        next: null,
      },
    });
    renderPage(session);
    expect(await screen.findByRole('link', { name: 'Nouvel événement' })).toBeTruthy();
    const pending = (await screen.findByRole('heading', { name: 'Atelier' })).closest('li') as HTMLElement;
    expect(within(pending).getByText('En attente de modération')).toBeTruthy();
    expect(within(pending).queryByRole('button', { name: 'Soumettre' })).toBeNull();
    const rejected = screen.getByRole('heading', { name: XSS }).closest('li') as HTMLElement;
    expect(within(rejected).getByText('Refusé par la modération : Date <b>manquante</b>')).toBeTruthy();
    expect(within(rejected).getByRole('button', { name: 'Soumettre' })).toBeTruthy();
    expect(document.querySelector('main img, li img, script')).toBeNull();
  });

  it('deletes only after a confirmation', async () => {
    const id = '0193a000-0000-7000-8000-000000000013';
    const { session, calls } = stubSession(account([ACTOR]), { 'GET /api/v1/me/content': { items: [item(id, 'draft', { title: 'Brouillon' })], next: null }, [`DELETE /api/v1/events/${id}`]: null });
    renderPage(session);
    const row = (await screen.findByRole('heading', { name: 'Brouillon' })).closest('li') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: 'Supprimer' }));
    expect(calls.some((call) => call.startsWith('DELETE'))).toBe(false);
    fireEvent.click(within(row).getByRole('button', { name: 'Annuler' }));
    expect(calls.some((call) => call.startsWith('DELETE'))).toBe(false);
    fireEvent.click(within(row).getByRole('button', { name: 'Supprimer' }));
    fireEvent.click(within(row).getByRole('button', { name: 'Oui, supprimer' }));
    await waitFor(() => expect(calls).toContain(`DELETE /api/v1/events/${id}`));
    await screen.findByText('« Brouillon » a été supprimé.');
  });
});

describe('the import form', () => {
  it('sends a URL or a file’s text, and nothing without a source', () => {
    expect(importRequest('url', ' https://agenda.example/cal.ics ', undefined)).toEqual({ source: 'ical-url', url: 'https://agenda.example/cal.ics' });
    expect(importRequest('url', '', 'BEGIN:VCALENDAR')).toBeUndefined();
    expect(importRequest('file', '', 'BEGIN:VCALENDAR')).toEqual({ source: 'ical', text: 'BEGIN:VCALENDAR' });
    expect(importRequest('file', 'https://x.example', undefined)).toBeUndefined();
  });

  it('reads a refused import’s report from a 422, and nothing from an error body', () => {
    const report = { source: 'ical', outcome: 'refused', counts: { created: 1, updated: 0, unchanged: 0, rejected: 1 }, created: [], updated: [], unchanged: [], rejected: [{ index: 1, reasons: ['title must not be blank'] }] };
    expect(reportOf(Object.assign(new ApiError(422, '422'), { body: report }))).toEqual(report);
    expect(reportOf(Object.assign(new ApiError(422, 'bad'), { body: { error: 'invalid_calendar', message: 'bad' } }))).toBeUndefined();
    expect(reportOf(new ApiError(422, '422'))).toBeUndefined();
  });
});
