// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { auditCsv, changeRows, csvCell, statsCsv, ConsolePage, createRouter, RouterContext, SessionContext, setSiteMode, type ConsoleTab, type Session } from '@constellation/web';
import { actorInput, eventInput } from '../hub/event-inputs.ts';
import { create, nodeFetch, startConsoleHub, type ConsoleHub } from './console-hub.tsx';
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

function renderTab(tab: ConsoleTab, params: Record<string, string> = {}) {
  setSiteMode('regional');
  window.history.replaceState(null, '', '/moderation/reports');
  return render(
    <SessionContext.Provider value={moderator}>
      <RouterContext.Provider value={createRouter(window)}>
        <ConsolePage config={{ mode: 'regional', hubId: 'centre', name: 'Centre Sciences' }} tab={tab} params={params} locale="fr" />
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
    const first = rows()[0] as HTMLElement;
    // Who by name and role, never an id; the action in words; the reason as a field.
    expect(first.textContent).toContain('Refus');
    expect(first.textContent).toContain('Administrateur·rice');
    expect(first.textContent).toContain('Motif : Trop de doublons');
    expect(first.textContent).toContain('Atelier 20');
    expect(first.textContent).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    // A rejected item has no public page: its link leads to where it can be seen and edited.
    expect(within(first).getByRole('link', { name: 'Atelier 20' }).getAttribute('href')).toBe(`/contribute/events/${ids[20]}`);
    fireEvent.click(screen.getByRole('button', { name: 'Afficher la suite' }));
    // 21 rejections, the earlier approvals and the resolved report: more than one page.
    await waitFor(() => expect(rows().length).toBeGreaterThan(20));
    expect(rows().some((row) => row.textContent?.includes('Signalement clos'))).toBe(true);
    expect(new Set(rows().map((row) => row.textContent)).size).toBe(rows().length);
    // An approved event links to its public page.
    const approval = rows().find((row) => row.textContent?.includes('Approbation')) as HTMLElement;
    expect(within(approval).getByRole('link').getAttribute('href')).toMatch(/^\/events\/centre\//);
  });

  it('filters by the URL, and refuses a period that ends before it starts at its field', async () => {
    renderTab('audit', { action: 'approve', type: 'event' });
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.textContent?.includes('Approbation') && row.textContent.includes('Événement'))).toBe(true);
    expect(fixture.sent.some((request) => request.path.startsWith('/api/v1/moderation/audit?') && request.path.includes('action=approve') && request.path.includes('type=event'))).toBe(true);
    expect((screen.getByRole('combobox', { name: 'Action' }) as HTMLSelectElement).value).toBe('approve');
    fireEvent.input(screen.getByLabelText('Du'), { target: { value: '2026-05-10' } });
    fireEvent.input(screen.getByLabelText('Au'), { target: { value: '2026-05-01' } });
    const before = fixture.sent.length;
    fireEvent.click(screen.getByRole('button', { name: 'Filtrer' }));
    const to = screen.getByLabelText('Au');
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(to.getAttribute('aria-describedby') ?? '')?.textContent).toBe('La date de fin précède la date de début.');
    expect(fixture.sent.length).toBe(before);
  });

  it('writes a change as its fields before and after, and exports the same words as CSV', () => {
    const entry = {
      id: 1,
      at: '2026-03-14T09:05:00.000Z',
      userId: 'u1',
      action: 'update',
      targetType: 'event',
      targetId: 'e1',
      details: { changed: { title: { from: 'Avant', to: '=Après' }, audiences: { from: ['children'], to: ['children', 'adults'] }, price: { from: null, to: { free: true } } } },
      who: { name: 'Camille', role: 'moderator' },
      target: { title: 'Nuit des étoiles, "édition" 2026', slug: null },
    };
    const rows = changeRows(entry, 'fr');
    expect(rows.map((row) => [row.label, row.before, row.after])).toEqual([
      ['Titre', 'Avant', '=Après'],
      ['Publics', 'Enfants', 'Enfants, Adultes'],
      ['Tarif', '—', 'Gratuit'],
    ]);
    const csv = auditCsv([entry], 'Centre Sciences', 'fr').split('\r\n');
    expect(csv[0]).toBe('\uFEFFHorodatage (UTC),Quand,Qui,Rôle,Action,Type,Sur quoi,Identifiant de la cible,Changement');
    expect(csv[1]).toContain('2026-03-14T09:05:00.000Z');
    expect(csv[1]).toContain('Camille,Modérateur·rice,Modification,Événement,"Nuit des étoiles, ""édition"" 2026",e1,');
    expect(csv[1]).toContain('Titre : Avant → =Après ; Publics : Enfants → Enfants, Adultes ; Tarif : — → Gratuit');
    // A cell that a spreadsheet would run as a formula is written as text.
    expect(csvCell('=HYPERLINK("http://example.test")')).toBe(`"'=HYPERLINK(""http://example.test"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});

describe('statistics', () => {
  it('shows this month’s publications, the queue and the decisions, each chart with its numbers as a table', async () => {
    // Reads and a search that finds nothing, counted by the hub.
    const id = await publishedEvent('Conférence très lue');
    for (let read = 0; read < 3; read += 1) expect((await fixture.call('member', 'GET', `/api/v1/events/${id}`)).status).toBe(200);
    // A reader's search, signed out: the hub does not count its members' searches (the
    // console's own searches would fill the list).
    expect((await nodeFetch([])(`${fixture.origin}/api/v1/events?q=volcans`)).status).toBe(200);
    renderTab('stats');
    const published = await screen.findByRole('table', { name: 'Contenus publiés par type et par mois' });
    const month = new Intl.DateTimeFormat('fr', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date());
    const row = within(published).getByRole('row', { name: new RegExp(month) });
    expect(Number(within(row).getAllByRole('cell').at(-1)?.textContent)).toBeGreaterThan(0);
    const decisions = screen.getByRole('table', { name: 'Approbations et refus par personne sur la période' });
    expect(within(decisions).getAllByRole('row').length).toBeGreaterThan(1);
    const viewed = screen.getByRole('table', { name: /Les dix contenus les plus lus/ });
    expect(within(viewed).getByRole('rowheader', { name: /Conférence très lue/ })).toBeTruthy();
    const searches = screen.getByRole('table', { name: /recherches sans résultat/ });
    expect(within(searches).getByRole('rowheader', { name: 'volcans' })).toBeTruthy();
    // The charts are pictures of those tables: hidden from screen readers, which read the tables.
    const charts = document.querySelectorAll('svg.bar-chart');
    expect(charts.length).toBe(5);
    for (const chart of charts) expect(chart.getAttribute('aria-hidden')).toBe('true');
    expect(screen.getAllByRole('button', { name: /Exporter en CSV/ })).toHaveLength(5);
  });

  it('writes each section as CSV in the reader’s words', () => {
    const report = {
      from: '2026-11-08',
      to: '2026-12-07',
      published: [
        { month: '2026-11', type: 'event' as const, count: 4 },
        { month: '2026-11', type: 'article' as const, count: 1 },
        { month: '2026-12', type: 'event' as const, count: 2 },
      ],
      queue: { pending: 1, oldest: '2026-12-01T10:00:00.000Z', ages: [{ bucket: 'day' as const, count: 0 }, { bucket: 'three-days' as const, count: 0 }, { bucket: 'week' as const, count: 1 }, { bucket: 'older' as const, count: 0 }] },
      decisions: [{ userId: '0190aaaa-0000-7000-8000-000000000001', name: 'Camille', role: 'moderator', approved: 5, rejected: 2 }],
      mostViewed: [{ id: '0190aaaa-0000-7000-8000-000000000002', type: 'event' as const, title: 'Nuit des étoiles', slug: 'nuit', views: 7, days: [{ day: '2026-12-06', views: 3 }, { day: '2026-12-07', views: 4 }] }],
      searchMisses: [{ query: 'volcans', count: 3 }],
    };
    expect(statsCsv('published', report, 'fr').split('\r\n').slice(0, 3)).toEqual(['\uFEFFMois,Événement,Article,Total', '2026-11,4,1,5', '2026-12,2,0,2']);
    expect(statsCsv('queue', report, 'en').split('\r\n')[3]).toBe('3 to 7 days,1');
    expect(statsCsv('decisions', report, 'fr').split('\r\n')[1]).toBe('Camille,Modérateur·rice,5,2');
    expect(statsCsv('viewed', report, 'fr').split('\r\n').slice(1, 3)).toEqual(['Nuit des étoiles,Événement,2026-12-06,3', 'Nuit des étoiles,Événement,2026-12-07,4']);
    expect(statsCsv('searches', report, 'en').split('\r\n')[1]).toBe('volcans,3');
  });
});
