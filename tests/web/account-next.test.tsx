// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ApiError, loginFailureMessage, pathAfterLogin, safeNextPath } from '@constellation/web';

describe('where the login page sends a reader', () => {
  it('follows a path of this site', () => {
    expect(safeNextPath('/contribute')).toBe('/contribute');
    expect(safeNextPath('/contribute/events/new?x=1')).toBe('/contribute/events/new?x=1');
    expect(pathAfterLogin('/members?q=robotique', 'member')).toBe('/members?q=robotique');
  });

  it('refuses anything that could leave the site', () => {
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', 'evil.example', '/\t/evil.example', '/%0a', ' /contribute', '']) {
      const safe = safeNextPath(next);
      expect(safe === undefined || (safe.startsWith('/') && !safe.startsWith('//')), next).toBe(true);
      if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.includes('\t')) expect(safe, next).toBeUndefined();
    }
    expect(safeNextPath(undefined)).toBeUndefined();
    // Back to the login page would loop.
    expect(safeNextPath('/login?next=/account')).toBeUndefined();
  });

  it('sends moderators to the queue, contributors to the dashboard and members to their account when there is no safe next', () => {
    expect(pathAfterLogin(undefined, 'contributor')).toBe('/contribute');
    expect(pathAfterLogin('//evil.example', 'admin')).toBe('/moderation');
    expect(pathAfterLogin(undefined, 'moderator')).toBe('/moderation');
    expect(pathAfterLogin('https://evil.example', 'member')).toBe('/account');
  });
});

describe('a refused login', () => {
  it('says plainly that there were too many attempts (429) or wrong credentials (401)', () => {
    expect(loginFailureMessage(new ApiError(429, 'rate limit exceeded'), 'fr')).toMatch(/Trop de tentatives/);
    expect(loginFailureMessage(new ApiError(429, 'rate limit exceeded'), 'en')).toMatch(/Too many login attempts/);
    expect(loginFailureMessage(new ApiError(401, 'invalid credentials'), 'fr')).toMatch(/incorrect/);
    expect(loginFailureMessage(new ApiError(503, 'hub is down'), 'en')).toBe('hub is down');
  });
});
