// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { ConsolePage, createRouter, detailsText, RouterContext, SessionContext, setSiteMode, type ConsoleTab, type Session } from '@constellation/web';
import { actorInput, eventInput } from '../hub/event-inputs.ts';
import { create, startConsoleHub, type ConsoleHub } from './console-hub.tsx';
import { XSS } from './fixtures.tsx';

/*
 * Reports and the audit log against a real hub: a report shows why and about what, closes
 * only with a resolution, and leaves the list; the log pages through every action.
 */

let fixture: ConsoleHub;
let moderator: Session;
let actorId: string;
let day = 0;

async function publishedEvent(title: string): Promise<string> {
  day += 1;
  const date = `2027-10-${String(day).padStart(2, '0')}`;
  const id = await create(fixture, 'contributor', 'events', eventInput(actorId, title, `${date}T18:00:00+02:00`, `${date}T20:00:00+02:00`), true);
  const approved = await fixture.call('admin', 'POST', '/api/v1/moderation/approve', { ids: [id] });
  if (approved.status !== 200) throw new Error(`approve: ${approved.status}`);
  return id;
}

function renderTab(tab: ConsoleTab) {
  setSiteMode('regional');
  window.history.replaceState(null, '', '/moderation/reports');
  return render(
    <SessionContext.Provider value={moderator}>
      <RouterContext.Provider value={createRouter(window)}>
        <ConsolePage config={{ mode: 'regional' }} tab={tab} params={{}} locale="fr" />
      </RouterContext.Provider>
    </SessionContext.Provider>,
  );
}

beforeAll(async () => {
  fixture = await startConsoleHub();
  moderator = await fixture.session('moderator');
  actorId = await create(fixture, 'contributor', 'actors', actorInput('Centre Sciences'), false);
});
afterAll(() => fixture?.close());
afterEach(() => cleanup());

describe('reports', () => {
  it('shows a report’s reason and details as text, and closes it only with a resolution', async () => {
    const id = await publishedEvent('Soirée astronomie');
    const reported = await fixture.call<{ id: string }>('member', 'POST', '/api/v1/reports', { contentId: id, reason: 'inaccurate', details: `Mauvaise date ${XSS}` });
    expect(reported.status).toBe(201);
    fixture.sent.length = 0;
    renderTab('reports');
    const heading = await screen.findByRole('heading', { level: 3, name: 'Information inexacte : Soirée astronomie' });
    const report = heading.closest('li') as HTMLElement;
    expect(report.textContent).toContain('Événement — Soirée astronomie');
    expect(report.textContent).toContain(`Mauvaise date ${XSS}`);
    expect(report.querySelector('img, script')).toBeNull();
    expect(within(report).getByRole('link', { name: 'Voir et modifier le contenu « Soirée astronomie »' }).getAttribute('href')).toBe(`/contribute/events/${id}`);
    fireEvent.click(within(report).getByRole('button', { name: 'Clore le signalement' }));
    expect(within(report).getByRole('textbox', { name: /Résolution/ }).getAttribute('aria-invalid')).toBe('true');
    expect(fixture.sent.filter((request) => request.method === 'POST')).toEqual([]);
    fireEvent.input(within(report).getByRole('textbox', { name: /Résolution/ }), { target: { value: 'Date corrigée avec l’organisateur' } });
    fireEvent.click(within(report).getByRole('button', { name: 'Clore le signalement' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Signalement clos.'));
    expect(fixture.sent.filter((request) => request.method === 'POST')).toEqual([{ method: 'POST', path: `/api/v1/moderation/reports/${reported.body.id}/resolve`, body: { resolution: 'Date corrigée avec l’organisateur' } }]);
    expect(screen.getByText('Aucun signalement ouvert.')).toBeTruthy();
  });
});

describe('the audit log', () => {
  it('lists who did what, newest first, and loads the next page', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 21; index += 1) {
      day += 1;
      const date = `2027-12-${String((day % 28) + 1).padStart(2, '0')}`;
      ids.push(await create(fixture, 'contributor', 'events', eventInput(actorId, `Atelier ${index}`, `${date}T10:00:00+01:00`, `${date}T12:00:00+01:00`), true));
    }
    expect((await fixture.call('admin', 'POST', '/api/v1/moderation/reject', { ids, reason: 'Trop de doublons' })).status).toBe(200);
    renderTab('audit');
    const table = await screen.findByRole('table');
    const rows = () => within(table).getAllByRole('row').slice(1);
    expect(rows()).toHaveLength(20);
    expect(rows()[0]?.textContent).toContain('Refus');
    expect(rows()[0]?.textContent).toContain('reason: Trop de doublons');
    fireEvent.click(screen.getByRole('button', { name: 'Afficher la suite' }));
    // 21 rejections, the earlier approvals and the resolved report: more than one page.
    await waitFor(() => expect(rows().length).toBeGreaterThan(20));
    expect(rows().some((row) => row.textContent?.includes('Signalement clos'))).toBe(true);
    expect(new Set(rows().map((row) => row.textContent)).size).toBe(rows().length);
  });

  it('writes details as short text', () => {
    expect(detailsText({ role: 'moderator' })).toBe('role: moderator');
    expect(detailsText({ changed: ['name', 'tagline'] })).toBe('changed: name, tagline');
    expect(detailsText(null)).toBe('');
  });
});
