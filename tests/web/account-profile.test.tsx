import { describe, expect, it } from 'vitest';
import { profileValues, type Account } from '@constellation/web';

const account: Account = { id: '0190aaaa-0000-7000-8000-000000000001', email: 'noa@example.org', displayName: 'Noa', role: 'contributor', actorIds: [], createdAt: '2026-11-01T10:00:00.000Z', emailConfirmed: true, membership: 'none', locale: 'fr', notifyPending: 'each', notifyDecisions: true, notifyReports: true, notifyFollows: true };

describe('the profile form', () => {
  it('starts a new profile listed, under the account name', () => {
    expect(profileValues(account, undefined)).toMatchObject({ displayName: 'Noa', listed: true });
  });

  it('keeps an unlisted profile unlisted, so saving it does not list it again', () => {
    const values = profileValues(account, { userId: account.id, displayName: 'Noa Petit', headline: 'Animatrice', listed: false, contactVisibility: 'actor', updatedAt: '2026-11-02T10:00:00.000Z' });
    expect(values).toMatchObject({ displayName: 'Noa Petit', headline: 'Animatrice', listed: false, contactVisibility: 'actor' });
  });
});
