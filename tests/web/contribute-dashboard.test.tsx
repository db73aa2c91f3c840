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

function renderPage(session: Session, params: Record<string, string> = {}, locale: 'fr' | 'en' = 'fr') {
  return render(
    <RouterContext.Provider value={createRouter(window)}>
      <SessionContext.Provider value={session}>
        <ContributePage params={params} locale={locale} />
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

describe('the contribute dashboard and national campaigns', () => {
  const FDS = 'fete-de-la-science-2026';
  const campaigns = { items: [{ slug: FDS, name: 'Fête de la science 2026', startDate: '2026-10-02', endDate: '2026-10-12', regions: ['24'] }] };
  const at = (start: string, end: string) => ({ timeZone: 'Europe/Paris', timings: [{ start, end }] });
  const ids = { submitted: '0193a000-0000-7000-8000-000000000021', labelled: '0193a000-0000-7000-8000-000000000022', refused: '0193a000-0000-7000-8000-000000000023', past: '0193a000-0000-7000-8000-000000000024', coming: '0193a000-0000-7000-8000-000000000025', series: '0193a000-0000-7000-8000-000000000026', repeated: '0193a000-0000-7000-8000-000000000027', again: '0193a000-0000-7000-8000-000000000028' };
  const content = {
    items: [
      { ...item(ids.submitted, 'pending', { title: 'Atelier abeilles', ...at('2099-10-03T14:00:00+02:00', '2099-10-03T16:00:00+02:00') }), campaignLabel: { campaign: FDS, state: 'submitted', reason: null } },
      { ...item(ids.labelled, 'published', { title: 'Nuit des étoiles', ...at('2099-10-04T20:00:00+02:00', '2099-10-04T23:00:00+02:00') }), campaignLabel: { campaign: FDS, state: 'labelled', reason: null } },
      { ...item(ids.refused, 'published', { title: 'Café des sciences', ...at('2099-10-05T18:00:00+02:00', '2099-10-05T20:00:00+02:00') }), campaignLabel: { campaign: 'nuit-des-musees-2099', state: 'refused', reason: 'Hors des dates <b>de la campagne</b>' } },
      item(ids.past, 'published', { title: 'Village des sciences 2025', ...at('2025-10-10T09:00:00+02:00', '2025-10-12T18:00:00+02:00') }),
      item(ids.coming, 'published', { title: 'Conférence à venir', ...at('2099-01-10T18:00:00+01:00', '2099-01-10T20:00:00+01:00') }),
      item(ids.series, 'published', { title: 'Club hebdomadaire', timeZone: 'Europe/Paris', recurrence: { start: '2020-01-06T18:00:00', end: '2020-01-06T20:00:00', rrule: 'FREQ=WEEKLY' } }),
      // Last year's fair, already repeated: this year's draft names it as its previous edition.
      item(ids.repeated, 'published', { title: 'Fête des sciences 2025', ...at('2025-10-04T10:00:00+02:00', '2025-10-04T18:00:00+02:00') }),
      item(ids.again, 'draft', { title: 'Fête des sciences 2026', previousEditionId: ids.repeated, ...at('2026-10-03T10:00:00+02:00', '2026-10-03T18:00:00+02:00') }),
    ],
    next: null,
  };
  const row = async (title: string) => (await screen.findByRole('heading', { name: title })).closest('li') as HTMLElement;

  it('says the coordinator\'s answer on each event submitted to a campaign, by the campaign\'s name, the reason as text', async () => {
    const { session } = stubSession(account([ACTOR]), { 'GET /api/v1/me/content': content, 'GET /api/v1/campaigns': campaigns });
    renderPage(session);
    await waitFor(async () => expect(within(await row('Atelier abeilles')).getByText('Soumis à la campagne Fête de la science 2026 : en attente de la décision de la coordination régionale.')).toBeTruthy());
    expect(within(await row('Nuit des étoiles')).getByText('Labellisé pour la campagne Fête de la science 2026 par la coordination régionale.')).toBeTruthy();
    // A campaign the hub no longer lists is named by its identifier.
    const refused = within(await row('Café des sciences')).getByText('Non labellisé pour la campagne nuit-des-musees-2099. Motif donné par la coordination régionale : Hors des dates <b>de la campagne</b>');
    expect(refused.getAttribute('data-state')).toBe('refused');
    expect(refused.querySelector('b')).toBeNull();
    expect(within(await row('Conférence à venir')).queryByText(/campagne/)).toBeNull();
  });

  it('says it in English too', async () => {
    const { session } = stubSession(account([ACTOR]), { 'GET /api/v1/me/content': content, 'GET /api/v1/campaigns': campaigns });
    renderPage(session, {}, 'en');
    await waitFor(async () => expect(within(await row('Nuit des étoiles')).getByText('Labelled for the Fête de la science 2026 campaign by the regional coordinator.')).toBeTruthy());
    expect(within(await row('Café des sciences')).getByText('Not labelled for the nuit-des-musees-2099 campaign. The regional coordinator’s reason: Hors des dates <b>de la campagne</b>')).toBeTruthy();
    expect(within(await row('Village des sciences 2025')).getByRole('button', { name: 'Repeat for this year’s edition' })).toBeTruthy();
  });

  it('offers to repeat a past edition only, and opens the new draft', async () => {
    const draft = '0193a000-0000-7000-8000-000000000031';
    const { session, calls } = stubSession(account([ACTOR]), { 'GET /api/v1/me/content': content, 'GET /api/v1/campaigns': campaigns, [`POST /api/v1/events/${ids.past}/repeat`]: { ...item(draft, 'draft', { title: 'Village des sciences 2025' }) } });
    renderPage(session);
    const past = await row('Village des sciences 2025');
    for (const title of ['Atelier abeilles', 'Conférence à venir', 'Club hebdomadaire', 'Fête des sciences 2025']) expect(within(await row(title)).queryByRole('button', { name: 'Reconduire pour l’édition de cette année' })).toBeNull();
    // Each edition says its date, so two editions of one event are told apart.
    expect(within(past).getByText('Le 10 oct. 2025 ·')).toBeTruthy();
    expect(within(await row('Fête des sciences 2026')).getByText('Le 3 oct. 2026 ·')).toBeTruthy();
    expect(within(await row('Club hebdomadaire')).getByText('Le 6 janv. 2020 ·')).toBeTruthy();
    const repeat = within(past).getByRole('button', { name: 'Reconduire pour l’édition de cette année' });
    expect(within(past).getByRole('group', { name: 'Actions pour « Village des sciences 2025 »' }).contains(repeat)).toBe(true);
    fireEvent.click(repeat);
    await waitFor(() => expect(calls).toContain(`POST /api/v1/events/${ids.past}/repeat`));
    await waitFor(() => expect(window.location.pathname).toBe(`/contribute/events/${draft}`));
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
