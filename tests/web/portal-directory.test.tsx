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

const everything = new Set(['kind', 'verified', 'commune', 'accessibility', 'discipline', 'participationType', 'audience', 'involvement', 'region']);

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
    // "kind" is a place's filter, not a project's; accessibility is a set in vocabulary order.
    expect(normaliseDirectoryParams('place', { kind: 'museum', accessibility: 'hearing,nope,motor,hearing', verified: 'true' })).toEqual({ kind: 'museum', accessibility: 'motor,hearing' });
    expect(normaliseDirectoryParams('actor', { verified: 'yes' })).toEqual({});
    expect(normaliseDirectoryParams('actor', { verified: 'true' })).toEqual({ verified: 'true' });
  });

  it('round-trips: URL → params → API query → params → URL', () => {
    setSiteMode('regional');
    const cases: [DirectoryType, string][] = [
      ['project', '/projects?audience=families&commune=Tours&discipline=ecology&involvement=one-off&participationType=online&q=oiseaux&region=24'],
      ['place', '/places?accessibility=motor,hearing&commune=Blois&kind=museum'],
      ['actor', '/actors?kind=association&verified=true'],
      ['announcement', '/announcements?kind=job&q=m%C3%A9diateur'],
      ['resource', '/resources?discipline=physics&kind=guide'],
      ['article', '/articles?q=climat'],
    ];
    for (const [type, href] of cases) {
      const url = new URL(href, 'http://hub.test');
      const state = parseLocation(url.pathname, url.search);
      expect(state.view).toMatchObject({ name: 'directory', type });
      if (state.view.name !== 'directory') throw new Error('not a directory');
      const params = normaliseDirectoryParams(type, state.view.params);
      const query = directoryApiQuery(type, params, { accepted: everything, cursor: 'next-page', limit: 12 });
      expect(query.get('limit')).toBe('12');
      expect(query.get('cursor')).toBe('next-page');
      const back = paramsOfApiQuery(type, query);
      expect(back).toEqual(params);
      expect(viewHref({ name: 'directory', type, params: back })).toBe(href);
    }
    setSiteMode('national');
  });

  it('sends the hub only the filters it accepts', () => {
    const params = { q: 'abeilles', participationType: 'field', audience: 'families' };
    const query = directoryApiQuery('project', params, { accepted: new Set(['participationType']) });
    expect([...query.keys()].sort()).toEqual(['limit', 'participationType', 'q']);
    expect(directoryApiQuery('project', params, { accepted: new Set() }).has('participationType')).toBe(false);
    expect(directoryApiPath('project')).toBe('/api/v1/projects');
    expect(directoryApiPath('article')).toBe('/api/v1/articles');
  });

  it('changes one value at a time, keeps a trailing space while typing, and removes cleared values', () => {
    const start = { q: 'ab', kind: 'museum' };
    expect(withParam('place', start, 'q', 'ab ')).toEqual({ q: 'ab ', kind: 'museum' });
    expect(withParam('place', start, 'kind', '')).toEqual({ q: 'ab' });
    expect(withParam('place', start, 'kind', 'garden')).toEqual({ q: 'ab', kind: 'garden' });
    expect(withParam('place', start, 'q', '   ')).toEqual({ kind: 'museum' });
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

  it('writes a set of accessibility flags in vocabulary order', () => {
    const changes: Record<string, string>[] = [];
    render(<DirectoryFilters type="place" params={{ accessibility: 'hearing' }} filters={DIRECTORY_FILTERS.place} locale="en" onChange={(next) => changes.push(next)} />);
    const group = screen.getByRole('group', { name: 'Accessibility' });
    expect([...group.querySelectorAll('input:checked')]).toHaveLength(1);
    fireEvent.click(screen.getByLabelText('Visual impairment'));
    fireEvent.click(screen.getByLabelText('Mobility impairment'));
    fireEvent.click(screen.getByLabelText('Hearing impairment'));
    expect(changes).toEqual([{ accessibility: 'hearing,visual' }, { accessibility: 'motor,hearing' }, {}]);
  });
});
