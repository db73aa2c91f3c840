// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import {
  DIRECTORY_FILTERS,
  DIRECTORY_TYPES,
  DirectoryFilters,
  directoryApiPath,
  directoryApiQuery,
  normaliseDirectoryParams,
  paramsOfApiQuery,
  parseLocation,
  setSiteMode,
  viewHref,
  withParam,
  type DirectoryType,
} from '@constellation/web';

afterEach(() => cleanup());

describe('a directory search in the URL and in the API query', () => {
  it('keeps only what each directory understands, in canonical form', () => {
    const raw = {
      q: '  fossiles\u0007 ',
      participationType: 'field',
      involvement: 'weekly',
      audience: 'not-an-audience',
      discipline: 'ecology',
      region: '24',
      commune: ' Orléans ',
      kind: 'museum',
      cursor: 'abc',
    };
    expect(normaliseDirectoryParams('project', raw)).toEqual({ q: 'fossiles', participationType: 'field', involvement: 'weekly', discipline: 'ecology', region: '24', commune: 'Orléans' });
    // "kind" is a place's filter, not a project's; the hub takes one accessibility flag.
    expect(normaliseDirectoryParams('place', { kind: 'museum', accessibility: 'motor,hearing', verified: 'true' })).toEqual({ kind: 'museum' });
    expect(normaliseDirectoryParams('place', { accessibility: 'hearing', commune: 'x'.repeat(150) })).toEqual({ accessibility: 'hearing', commune: 'x'.repeat(100) });
    expect(normaliseDirectoryParams('actor', { verified: 'yes' })).toEqual({});
    expect(normaliseDirectoryParams('actor', { verified: 'true' })).toEqual({ verified: 'true' });
  });

  it('round-trips: URL → params → API query → params → URL', () => {
    setSiteMode('regional');
    const cases: [DirectoryType, string][] = [
      ['project', '/projects?audience=families&commune=Tours&discipline=ecology&involvement=one-off&participationType=online&q=oiseaux&region=24'],
      ['place', '/places?accessibility=motor&commune=Blois&kind=museum'],
      ['actor', '/actors?kind=association&verified=true'],
      ['announcement', '/announcements?kind=job&q=m%C3%A9diateur'],
      ['resource', '/resources?discipline=physics&kind=guide'],
      ['dossier', '/dossiers?discipline=astronomy'],
      ['article', '/articles?q=climat'],
    ];
    for (const [type, href] of cases) {
      const url = new URL(href, 'http://hub.test');
      const state = parseLocation(url.pathname, url.search);
      expect(state.view).toMatchObject({ name: 'directory', type });
      if (state.view.name !== 'directory') throw new Error('not a directory');
      const params = normaliseDirectoryParams(type, state.view.params);
      const query = directoryApiQuery(type, params, { cursor: 'next-page', limit: 12 });
      expect(query.get('limit')).toBe('12');
      expect(query.get('cursor')).toBe('next-page');
      const back = paramsOfApiQuery(type, query);
      expect(back).toEqual(params);
      expect(viewHref({ name: 'directory', type, params: back })).toBe(href);
    }
    setSiteMode('national');
  });

  it('gives the national site a directory of places and one of projects, filters in the URL, and no other', () => {
    setSiteMode('national');
    const href = '/projects?audience=families&commune=Tours&discipline=ecology&involvement=one-off&participationType=online&q=oiseaux&region=24';
    const url = new URL(href, 'http://national.test');
    const state = parseLocation(url.pathname, url.search);
    expect(state.view).toEqual({ name: 'directory', type: 'project', params: { audience: 'families', commune: 'Tours', discipline: 'ecology', involvement: 'one-off', participationType: 'online', q: 'oiseaux', region: '24' } });
    expect(viewHref(state.view)).toBe(href);
    expect(parseLocation('/places', '?kind=museum').view).toEqual({ name: 'directory', type: 'place', params: { kind: 'museum' } });
    // Their pages stay on their hubs; the other directories are the hubs' own.
    expect(parseLocation('/projects/operation-papillons', '').view).toEqual({ name: 'not-found' });
    expect(parseLocation('/articles', '').view).toEqual({ name: 'not-found' });
  });

  it('asks the hub for the directory’s own list', () => {
    expect(directoryApiPath('project')).toBe('/api/v1/projects');
    expect(directoryApiPath('article')).toBe('/api/v1/articles');
    expect([...directoryApiQuery('project', { q: 'abeilles', kind: 'museum' }).keys()]).toEqual(['q', 'limit']);
  });

  it('changes one value at a time, keeps a trailing space while typing, and removes cleared values', () => {
    const start = { q: 'ab', kind: 'museum' };
    expect(withParam('place', start, 'q', 'ab ')).toEqual({ q: 'ab ', kind: 'museum' });
    expect(withParam('place', start, 'kind', '')).toEqual({ q: 'ab' });
    expect(withParam('place', start, 'kind', 'garden')).toEqual({ q: 'ab', kind: 'garden' });
    expect(withParam('place', start, 'q', '   ')).toEqual({ kind: 'museum' });
    expect(withParam('place', start, 'commune', 'Saint ')).toEqual({ q: 'ab', kind: 'museum', commune: 'Saint ' });
    // The API query of a search being typed is trimmed.
    expect(directoryApiQuery('place', { q: 'ab ' }).get('q')).toBe('ab');
  });

  it('searches participatory projects by name, theme, participation type, audience, place and involvement', () => {
    const names = DIRECTORY_FILTERS.project.map((filter) => filter.name);
    expect(names).toEqual(expect.arrayContaining(['discipline', 'participationType', 'audience', 'involvement', 'region', 'commune']));
    for (const type of DIRECTORY_TYPES) expect(directoryApiQuery(type, { q: 'x' }).get('q')).toBe('x');
  });
});

describe('the directory filters', () => {
  it('labels every control and reports typing apart from choices', () => {
    const changes: [Record<string, string>, boolean][] = [];
    render(<DirectoryFilters type="project" params={{ q: 'oi' }} filters={DIRECTORY_FILTERS.project} locale="fr" onChange={(next, typing) => changes.push([next, typing])} />);
    fireEvent.input(screen.getByLabelText('Rechercher'), { target: { value: 'oiseaux' } });
    fireEvent.change(screen.getByLabelText('Type de participation'), { target: { value: 'field' } });
    fireEvent.change(screen.getByLabelText("Niveau d'implication"), { target: { value: 'weekly' } });
    expect(changes).toEqual([
      [{ q: 'oiseaux' }, true],
      [{ q: 'oi', participationType: 'field' }, false],
      [{ q: 'oi', involvement: 'weekly' }, false],
    ]);
    for (const label of ['Thème', 'Public', 'Région', 'Commune']) expect(screen.getByLabelText(label)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Effacer la recherche' }));
    expect(changes.at(-1)).toEqual([{}, false]);
  });

  it('offers a place’s kind, commune and accessibility, and a verified-only switch for actors', () => {
    const changes: Record<string, string>[] = [];
    render(<DirectoryFilters type="place" params={{ commune: 'Blois' }} filters={DIRECTORY_FILTERS.place} locale="en" onChange={(next) => changes.push(next)} />);
    expect((screen.getByLabelText('Town') as HTMLInputElement).value).toBe('Blois');
    fireEvent.change(screen.getByLabelText('Accessibility'), { target: { value: 'hearing' } });
    fireEvent.change(screen.getByLabelText('Kind of place'), { target: { value: 'garden' } });
    expect(changes).toEqual([{ commune: 'Blois', accessibility: 'hearing' }, { commune: 'Blois', kind: 'garden' }]);
    cleanup();
    render(<DirectoryFilters type="actor" params={{}} filters={DIRECTORY_FILTERS.actor} locale="fr" onChange={(next) => changes.push(next)} />);
    fireEvent.click(screen.getByLabelText('Acteurs vérifiés seulement'));
    expect(changes.at(-1)).toEqual({ verified: 'true' });
    expect(screen.queryByRole('button', { name: 'Effacer la recherche' })).toBeNull();
  });

  it('does not take the language in the address (?lang=fr) for a search to clear, on any directory', () => {
    for (const national of [false, true]) {
      setSiteMode(national ? 'national' : 'regional');
      for (const type of DIRECTORY_TYPES) {
        const href = viewHref({ name: 'directory', type, params: {} });
        const state = parseLocation(new URL(href, 'http://hub.test').pathname, '?lang=fr');
        if (state.view.name !== 'directory') continue;
        expect(state.view.params).toEqual({ lang: 'fr' });
        render(<DirectoryFilters type={type} params={state.view.params} filters={DIRECTORY_FILTERS[type]} locale="fr" onChange={() => undefined} />);
        expect(screen.queryByRole('button', { name: 'Effacer la recherche' }), `${type} ${national ? 'national' : 'hub'}`).toBeNull();
        cleanup();
        render(<DirectoryFilters type={type} params={{ lang: 'en', q: 'x' }} filters={DIRECTORY_FILTERS[type]} locale="en" onChange={() => undefined} />);
        expect(screen.getByRole('button', { name: 'Clear the search' })).toBeTruthy();
        cleanup();
      }
    }
    setSiteMode('regional');
  });
});
