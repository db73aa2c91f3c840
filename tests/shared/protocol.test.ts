import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHANGES_LIMIT,
  CHANGES_PATH,
  ChangeItem,
  ChangesPage,
  ChangesQuery,
  contentTypes,
  DESCRIPTOR_PATH,
  ErrorBody,
  EventInput,
  HubDescriptor,
  NOTIFY_MAX_AGE_SECONDS,
  NOTIFY_PATH,
  NotifyBody,
  NotifyClaims,
  PageSignatureClaims,
  PROTOCOL_VERSION,
  SIGNATURE_HEADER,
  SIGNATURE_MAX_AGE_SECONDS,
  validate,
  validateChangeItem,
  validationErrorBody,
  type ContentType,
  type FieldIssue,
} from '@constellation/shared';
import {
  changed,
  fullActorPublic,
  fullEventInput,
  fullEventPublic,
  fullHubDescriptor,
  fullMemberProfileView,
  ids,
  hubKey,
  minimalHubDescriptor,
  publicFixtures,
  removed,
} from './fixtures.ts';

type Schema = Parameters<typeof validate>[0];

function expectRefusedAt(schema: Schema, value: unknown, field: string): FieldIssue[] {
  const result = validate(schema, value);
  if (result.ok) throw new Error(`expected a refusal at "${field}", but the value validated`);
  expect(result.issues.map((issue) => issue.field), JSON.stringify(result.issues)).toEqual(result.issues.map(() => field));
  for (const issue of result.issues) expect(issue.message.startsWith(`${field} `), issue.message).toBe(true);
  return result.issues;
}

function expectValid(schema: Schema, value: unknown): void {
  const result = validate(schema, value);
  expect(result.ok ? [] : result.issues).toEqual([]);
}

/** A change item carrying a public fixture, its envelope taken from the data. */
function upsertOf(type: ContentType, seq = 1041) {
  const data = publicFixtures[type];
  return { seq, type, id: data.id, op: 'upsert' as const, version: data.version, updatedAt: data.updatedAt, data };
}

const deletion = { seq: 1042, type: 'event', id: '01935c20-0b1c-7d2e-9f30-4a5b6c7d8e9f', op: 'delete', version: 5, updatedAt: '2026-10-02T08:16:10Z' } as const;

const page = {
  protocol: PROTOCOL_VERSION,
  hub: 'centre-val-de-loire',
  items: [upsertOf('event', 1041), deletion],
  next: '1042',
  hasMore: false,
  latest: 1042,
};

describe('protocol constants', () => {
  it('names version 1 and its paths', () => {
    expect(PROTOCOL_VERSION).toBe('constellation/1');
    expect(DESCRIPTOR_PATH).toBe('/.well-known/constellation');
    expect(CHANGES_PATH).toBe('/federation/v1/changes');
    expect(NOTIFY_PATH).toBe('/federation/v1/notify');
    expect(SIGNATURE_HEADER).toBe(SIGNATURE_HEADER.toLowerCase());
  });

  it('bounds page sizes and token lifetimes', () => {
    expect(CHANGES_LIMIT.min).toBe(1);
    expect(CHANGES_LIMIT.max).toBe(1000);
    expect(CHANGES_LIMIT.default).toBeGreaterThanOrEqual(CHANGES_LIMIT.min);
    expect(CHANGES_LIMIT.default).toBeLessThanOrEqual(CHANGES_LIMIT.max);
    expect(NOTIFY_MAX_AGE_SECONDS).toBe(60);
    expect(SIGNATURE_MAX_AGE_SECONDS).toBeGreaterThan(0);
  });
});

describe('HubDescriptor', () => {
  it.each([
    { name: 'full', value: fullHubDescriptor },
    { name: 'minimal', value: minimalHubDescriptor },
    { name: 'with four keys', value: changed(fullHubDescriptor, 'keys', [...fullHubDescriptor.keys, ...fullHubDescriptor.keys]) },
  ])('accepts the $name descriptor', ({ value }) => {
    expectValid(HubDescriptor, value);
  });

  it.each([
    { name: 'another protocol version', value: changed(fullHubDescriptor, 'protocol', 'constellation/2'), field: 'protocol' },
    { name: 'no protocol', value: removed(fullHubDescriptor, 'protocol'), field: 'protocol' },
    { name: 'an id that is not a slug', value: changed(fullHubDescriptor, 'id', 'Centre Val de Loire'), field: 'id' },
    { name: 'an id over 64 characters', value: changed(fullHubDescriptor, 'id', 'a'.repeat(65)), field: 'id' },
    { name: 'a blank name', value: changed(fullHubDescriptor, 'name', '  '), field: 'name' },
    { name: 'an unknown region', value: changed(fullHubDescriptor, 'region', '05'), field: 'region' },
    { name: 'a region by name', value: changed(fullHubDescriptor, 'region', 'Centre-Val de Loire'), field: 'region' },
    { name: 'an ftp base URL', value: changed(fullHubDescriptor, 'baseUrl', 'ftp://centre-val-de-loire.example'), field: 'baseUrl' },
    { name: 'a base URL with credentials', value: changed(fullHubDescriptor, 'baseUrl', 'https://admin:secret@centre-val-de-loire.example'), field: 'baseUrl' },
    { name: 'a bad contact email', value: changed(fullHubDescriptor, 'contact.email', 'federation'), field: 'contact.email' },
    { name: 'an unknown contact field', value: changed(fullHubDescriptor, 'contact.phone', '0238771106'), field: 'contact.phone' },
    { name: 'no keys', value: changed(fullHubDescriptor, 'keys', []), field: 'keys' },
    { name: 'five keys', value: changed(fullHubDescriptor, 'keys', [hubKey, hubKey, hubKey, hubKey, hubKey]), field: 'keys' },
    { name: 'an RSA key', value: changed(fullHubDescriptor, 'keys.0.kty', 'RSA'), field: 'keys.0.kty' },
    { name: 'an X25519 key', value: changed(fullHubDescriptor, 'keys.0.crv', 'X25519'), field: 'keys.0.crv' },
    { name: 'a key with padding', value: changed(fullHubDescriptor, 'keys.1.x', `${hubKey.x}=`), field: 'keys.1.x' },
    { name: 'a key in standard base64', value: changed(fullHubDescriptor, 'keys.0.x', 'LDAmLEsYQLF0r4ZKaED4HxDI227KbxTRzJF30M+Y/W0'), field: 'keys.0.x' },
    { name: 'a kid with a space', value: changed(fullHubDescriptor, 'keys.0.kid', 'clé 1'), field: 'keys.0.kid' },
    { name: 'a kid over 64 characters', value: changed(fullHubDescriptor, 'keys.0.kid', 'k'.repeat(65)), field: 'keys.0.kid' },
    { name: 'another algorithm', value: changed(fullHubDescriptor, 'keys.0.alg', 'RS256'), field: 'keys.0.alg' },
    { name: 'an encryption key', value: changed(fullHubDescriptor, 'keys.0.use', 'enc'), field: 'keys.0.use' },
    { name: 'a private key component', value: changed(fullHubDescriptor, 'keys.0.d', 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A'), field: 'keys.0.d' },
    { name: 'a blank software version', value: changed(fullHubDescriptor, 'software.version', ''), field: 'software.version' },
    { name: 'an unknown field', value: { ...fullHubDescriptor, privateKey: 'secret' }, field: 'privateKey' },
  ])('refuses $name', ({ value, field }) => {
    expectRefusedAt(HubDescriptor, value, field);
  });
});

describe('ChangesQuery', () => {
  it.each([{}, { after: '0' }, { after: '1042', limit: 100 }, { after: '9007199254740991' }, { limit: 1 }, { limit: 5000 }])('accepts %j (a large limit is clamped, not refused)', (query) => {
    expectValid(ChangesQuery, query);
  });

  it.each([
    { value: { after: '-1' }, field: 'after' },
    { value: { after: '01' }, field: 'after' },
    { value: { after: 'abc' }, field: 'after' },
    { value: { after: '1.5' }, field: 'after' },
    { value: { after: '1e3' }, field: 'after' },
    { value: { after: '' }, field: 'after' },
    { value: { after: ' 42' }, field: 'after' },
    { value: { after: '12345678901234567' }, field: 'after' },
    { value: { after: 1042 }, field: 'after' },
    { value: { limit: 0 }, field: 'limit' },
    { value: { limit: -5 }, field: 'limit' },
    { value: { limit: 1.5 }, field: 'limit' },
    { value: { limit: Number.NaN }, field: 'limit' },
    { value: { before: '10' }, field: 'before' },
  ])('refuses $value at $field', ({ value, field }) => {
    expectRefusedAt(ChangesQuery, value, field);
  });

  it('says what a cursor is when it refuses one', () => {
    const issues = expectRefusedAt(ChangesQuery, { after: 'abc' }, 'after');
    expect(issues[0]?.message).toBe('after must be a cursor from a previous page (decimal digits), or 0');
  });
});

describe('ChangeItem', () => {
  it.each([
    { name: 'an upsert with data', value: upsertOf('event') },
    { name: 'a delete without data', value: deletion },
  ])('accepts $name', ({ value }) => {
    expectValid(ChangeItem, value);
  });

  it.each([
    { name: 'a delete with data', value: { ...deletion, data: fullEventPublic }, field: 'data' },
    { name: 'a delete with empty data', value: { ...deletion, data: {} }, field: 'data' },
    { name: 'an upsert without data', value: removed(upsertOf('event'), 'data'), field: 'data' },
    { name: 'data that is an array', value: changed(upsertOf('event'), 'data', [fullEventPublic]), field: 'data' },
    { name: 'data that is a string', value: changed(upsertOf('event'), 'data', 'Nuit des étoiles'), field: 'data' },
    { name: 'an unknown op', value: changed(deletion, 'op', 'patch'), field: 'op' },
    { name: 'a member profile type (never federated)', value: changed(deletion, 'type', 'member'), field: 'type' },
    { name: 'seq 0', value: changed(deletion, 'seq', 0), field: 'seq' },
    { name: 'a fractional seq', value: changed(deletion, 'seq', 1.5), field: 'seq' },
    { name: 'version 0', value: changed(deletion, 'version', 0), field: 'version' },
    { name: 'an upper-case id', value: changed(deletion, 'id', deletion.id.toUpperCase()), field: 'id' },
    { name: 'updatedAt without an offset', value: changed(deletion, 'updatedAt', '2026-10-02T08:16:10'), field: 'updatedAt' },
    { name: 'a hub field (the serving origin says who sent it)', value: { ...deletion, hub: 'grand-est' }, field: 'hub' },
  ])('refuses $name', ({ value, field }) => {
    expectRefusedAt(ChangeItem, value, field);
  });
});

describe('validateChangeItem', () => {
  it.each(contentTypes.values)('accepts an upsert of the public %s fixture', (type) => {
    const item = upsertOf(type);
    const result = validateChangeItem(item, item.data.hub);
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (!result.ok) return;
    expect(result.item.type).toBe(type);
    expect(result.item.op === 'upsert' && result.item.data).toBe(item.data);
  });

  it('accepts an upsert without a servedBy check', () => {
    expect(validateChangeItem(upsertOf('dossier')).ok).toBe(true);
  });

  it('accepts a delete without looking at any data', () => {
    const result = validateChangeItem(deletion, 'centre-val-de-loire');
    expect(result).toEqual({ ok: true, item: deletion });
  });

  function expectItemIssues(item: unknown, servedBy: string | undefined, fields: string[]): FieldIssue[] {
    const result = validateChangeItem(item, servedBy);
    if (result.ok) throw new Error('expected the item to be refused');
    expect(result.issues.map((issue) => issue.field).sort()).toEqual([...fields].sort());
    for (const issue of result.issues) expect(issue.message.startsWith(`${issue.field} `), issue.message).toBe(true);
    return result.issues;
  }

  it('refuses data whose id differs from the item id', () => {
    const item = { ...upsertOf('event'), id: ids.eventCafe };
    const [issue] = expectItemIssues(item, undefined, ['data.id']);
    expect(issue?.message).toBe('data.id must equal the item id');
  });

  it('refuses data whose version differs from the item version', () => {
    expectItemIssues({ ...upsertOf('place'), version: 4 }, undefined, ['data.version']);
  });

  it('refuses data claiming another hub than the one that served it', () => {
    const item = upsertOf('event');
    const [issue] = expectItemIssues(item, 'grand-est', ['data.hub']);
    expect(issue?.message).toBe('data.hub must be grand-est, the hub that served it');
  });

  it('reports every envelope mismatch at once', () => {
    expectItemIssues({ ...upsertOf('article'), id: ids.dossier, version: 9 }, 'grand-est', ['data.id', 'data.version', 'data.hub']);
  });

  it('refuses data that does not match its type', () => {
    const item = { ...upsertOf('event'), data: fullActorPublic, id: fullActorPublic.id };
    const result = validateChangeItem(item);
    if (result.ok) throw new Error('expected an actor under type event to be refused');
    const fields = result.issues.map((issue) => issue.field);
    expect(fields).toContain('data.title');
    expect(fields.every((field) => field.startsWith('data.'))).toBe(true);
    for (const issue of result.issues) expect(issue.message.startsWith(`${issue.field} `), issue.message).toBe(true);
  });

  it.each(contentTypes.values.filter((type) => type !== 'event'))('refuses event data sent as a %s', (type) => {
    const item = { ...upsertOf('event'), type };
    const result = validateChangeItem(item);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.every((issue) => issue.field.startsWith('data.'))).toBe(true);
  });

  it('refuses a member profile in the feed', () => {
    const item = { seq: 7, type: 'member', id: fullMemberProfileView.userId, op: 'upsert', version: 1, updatedAt: fullMemberProfileView.updatedAt, data: fullMemberProfileView };
    expectItemIssues(item, undefined, ['type']);
  });

  it('prefixes the data issues with data.', () => {
    const item = changed(upsertOf('event'), 'data.title', '   ');
    const [issue] = expectItemIssues(item, undefined, ['data.title']);
    expect(issue?.message).toBe('data.title must not be blank');
  });

  it('refuses a private field carried in data', () => {
    const item = changed(upsertOf('event'), 'data.contactEmail', fullEventInput.contactEmail);
    expectItemIssues(item, undefined, ['data.contactEmail']);
  });

  it('refuses data breaking a cross-field rule, at the nested field', () => {
    const item = changed(upsertOf('event'), 'data.timings.0.end', '2026-10-10T13:00:00+02:00');
    expectItemIssues(item, undefined, ['data.timings.0.end']);
  });

  it.each([
    { name: 'a delete with data', item: { ...deletion, data: {} }, field: 'data' },
    { name: 'an upsert without data', item: removed(upsertOf('event'), 'data'), field: 'data' },
    { name: 'a missing seq', item: removed(deletion, 'seq'), field: 'seq' },
  ])('refuses $name in the envelope', ({ item, field }) => {
    expectItemIssues(item, undefined, [field]);
  });

  it.each([null, 42, 'upsert', [], {}])('refuses %j without throwing', (item) => {
    expect(validateChangeItem(item).ok).toBe(false);
  });
});

describe('ChangesPage', () => {
  it.each([
    { name: 'a page with an upsert and a tombstone', value: page },
    { name: 'an empty page at the start', value: { ...page, items: [], next: '0', latest: 0 } },
    { name: 'an empty page behind a newer hub', value: { ...page, items: [], next: '1042', latest: 2000, hasMore: false } },
    { name: 'a page with gaps in seq (the feed is compacted)', value: { ...page, items: [changed(deletion, 'seq', 3), changed(deletion, 'seq', 1042)], hasMore: true, latest: 5000 } },
    { name: 'a next cursor past the last item', value: { ...page, next: '1050', latest: 1050 } },
  ])('accepts $name', ({ value }) => {
    expectValid(ChangesPage, value);
  });

  it('leaves the data shape to validateChangeItem (an actor under type event passes the page)', () => {
    const mixed = { ...page, items: [{ ...upsertOf('event'), data: fullActorPublic }] };
    expectValid(ChangesPage, { ...mixed, next: '1041' });
    expect(validateChangeItem(mixed.items[0]).ok).toBe(false);
  });

  const tooMany = Array.from({ length: CHANGES_LIMIT.max + 1 }, (_, index) => changed(deletion, 'seq', index + 1));
  it.each([
    { name: 'seqs out of order', value: { ...page, items: [changed(deletion, 'seq', 1042), changed(deletion, 'seq', 1041)] }, field: 'items.1.seq' },
    { name: 'a repeated seq', value: { ...page, items: [deletion, deletion] }, field: 'items.1.seq' },
    { name: 'the third seq out of order', value: { ...page, items: [changed(deletion, 'seq', 1), changed(deletion, 'seq', 1042), changed(deletion, 'seq', 1000)] }, field: 'items.2.seq' },
    { name: 'a next cursor before the last item', value: { ...page, next: '1041' }, field: 'next' },
    { name: 'a latest below the last item', value: { ...page, latest: 1041 }, field: 'latest' },
    { name: 'a bad next cursor', value: { ...page, next: 'abc' }, field: 'next' },
    { name: 'a next cursor with a leading zero', value: { ...page, next: '01042' }, field: 'next' },
    { name: 'a next cursor as a number', value: { ...page, next: 1042 }, field: 'next' },
    { name: 'a negative latest', value: { ...page, items: [], next: '0', latest: -1 }, field: 'latest' },
    { name: 'a hub that is not a slug', value: { ...page, hub: 'Centre-Val de Loire' }, field: 'hub' },
    { name: 'another protocol', value: { ...page, protocol: 'constellation/2' }, field: 'protocol' },
    { name: 'hasMore as a string', value: { ...page, hasMore: 'false' }, field: 'hasMore' },
    { name: 'more items than CHANGES_LIMIT.max', value: { ...page, items: tooMany, next: String(tooMany.length), latest: tooMany.length }, field: 'items' },
    { name: 'a tombstone carrying data', value: { ...page, items: [upsertOf('event'), { ...deletion, data: {} }] }, field: 'items.1.data' },
    { name: 'an upsert without data', value: { ...page, items: [removed(upsertOf('event'), 'data'), deletion] }, field: 'items.0.data' },
    { name: 'an unknown field', value: { ...page, signature: 'eyJ...' }, field: 'signature' },
  ])('refuses $name', ({ value, field }) => {
    expectRefusedAt(ChangesPage, value, field);
  });
});

describe('NotifyBody', () => {
  const body = { protocol: PROTOCOL_VERSION, hub: 'centre-val-de-loire', latest: 1042 };
  it('accepts a notification', () => {
    expectValid(NotifyBody, body);
    expectValid(NotifyBody, { ...body, latest: 0 });
  });
  it.each([
    { value: { ...body, latest: -1 }, field: 'latest' },
    { value: { ...body, latest: 1.5 }, field: 'latest' },
    { value: removed(body, 'latest'), field: 'latest' },
    { value: { ...body, hub: 'CVL' }, field: 'hub' },
    { value: { ...body, protocol: 'constellation/0' }, field: 'protocol' },
    { value: { ...body, items: [] }, field: 'items' },
  ])('refuses $value at $field', ({ value, field }) => {
    expectRefusedAt(NotifyBody, value, field);
  });
});

describe('NotifyClaims', () => {
  const iat = 1_790_000_000;
  const claims = { iss: 'centre-val-de-loire', aud: 'https://constellation.example', latest: 1042, iat, exp: iat + 60 };

  it.each([
    { name: 'a token living 60 s', value: claims },
    { name: 'a token living 1 s', value: { ...claims, exp: iat + 1 } },
    { name: 'extra registered claims (jti, nbf)', value: { ...claims, jti: 'a1b2', nbf: iat } },
  ])('accepts $name', ({ value }) => {
    expectValid(NotifyClaims, value);
  });

  it.each([
    { name: 'a token living 61 s', value: { ...claims, exp: iat + 61 }, field: 'exp' },
    { name: 'a token living an hour', value: { ...claims, exp: iat + 3600 }, field: 'exp' },
    { name: 'a token expiring when issued', value: { ...claims, exp: iat }, field: 'exp' },
    { name: 'a token expiring before it is issued', value: { ...claims, exp: iat - 10 }, field: 'exp' },
    { name: 'a missing exp', value: removed(claims, 'exp'), field: 'exp' },
    { name: 'a fractional iat', value: { ...claims, iat: iat + 0.5 }, field: 'iat' },
    { name: 'an issuer that is not a hub id', value: { ...claims, iss: 'https://centre-val-de-loire.example' }, field: 'iss' },
    { name: 'an audience that is not a URL', value: { ...claims, aud: 'constellation' }, field: 'aud' },
    { name: 'a javascript: audience', value: { ...claims, aud: 'javascript:alert(1)' }, field: 'aud' },
    { name: 'a missing latest', value: removed(claims, 'latest'), field: 'latest' },
  ])('refuses $name', ({ value, field }) => {
    expectRefusedAt(NotifyClaims, value, field);
  });

  it('accepts every lifetime of 1..60 s and refuses every longer one, at exp', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000 }), fc.integer({ min: 1, max: 100_000 }), (issuedAt, life) => {
        const result = validate(NotifyClaims, { ...claims, iat: issuedAt, exp: issuedAt + life });
        if (life <= NOTIFY_MAX_AGE_SECONDS) return result.ok;
        return !result.ok && result.issues.length === 1 && result.issues[0]?.field === 'exp';
      }),
    );
  });
});

describe('PageSignatureClaims', () => {
  const body = JSON.stringify(page);
  const digest = `sha-256=${createHash('sha256').update(body).digest('base64')}`;
  const iat = 1_790_000_000;
  const claims = { iss: 'centre-val-de-loire', digest, iat, exp: iat + SIGNATURE_MAX_AGE_SECONDS };

  it('accepts the claims of a signed page', () => {
    expectValid(PageSignatureClaims, claims);
    expectValid(PageSignatureClaims, { ...claims, exp: iat + 1 });
  });

  it.each([
    { name: 'a signature living too long', value: { ...claims, exp: iat + SIGNATURE_MAX_AGE_SECONDS + 1 }, field: 'exp' },
    { name: 'a signature expiring when issued', value: { ...claims, exp: iat }, field: 'exp' },
    { name: 'a hex digest', value: { ...claims, digest: `sha-256=${createHash('sha256').update(body).digest('hex')}` }, field: 'digest' },
    { name: 'a SHA-512 digest', value: { ...claims, digest: `sha-512=${createHash('sha512').update(body).digest('base64')}` }, field: 'digest' },
    { name: 'a digest without its algorithm', value: { ...claims, digest: createHash('sha256').update(body).digest('base64') }, field: 'digest' },
    { name: 'a base64url digest', value: { ...claims, digest: digest.replaceAll('+', '-').replaceAll('/', '_').replace(/=$/, '') }, field: 'digest' },
    { name: 'an issuer that is not a hub id', value: { ...claims, iss: 'Centre' }, field: 'iss' },
    { name: 'a missing iat', value: removed(claims, 'iat'), field: 'iat' },
  ])('refuses $name', ({ value, field }) => {
    expectRefusedAt(PageSignatureClaims, value, field);
  });
});

describe('ErrorBody and validationErrorBody', () => {
  it.each([
    { error: 'not_found', message: 'no event with this id' },
    { error: 'validation_failed', message: 'title must not be blank', field: 'title', issues: [{ field: 'title', message: 'title must not be blank' }] },
    { error: 'internal_error', message: 'something went wrong' },
  ])('accepts %j', (body) => {
    expectValid(ErrorBody, body);
  });

  it.each([
    { value: { error: 'Not Found', message: 'x' }, field: 'error' },
    { value: { error: '', message: 'x' }, field: 'error' },
    { value: { error: '404', message: 'x' }, field: 'error' },
    { value: { error: 'not_found' }, field: 'message' },
    { value: { error: 'internal_error', message: 'x', stack: 'Error: at db.ts:42' }, field: 'stack' },
    { value: { error: 'validation_failed', message: 'x', issues: [{ field: 'title' }] }, field: 'issues.0.message' },
    { value: { error: 'validation_failed', message: 'x', issues: [{ field: 'title', message: 'x', code: 1 }] }, field: 'issues.0.code' },
  ])('refuses $value at $field', ({ value, field }) => {
    expectRefusedAt(ErrorBody, value, field);
  });

  it('builds a body from a refused value: the first issue leads, all are listed', () => {
    const result = validate(EventInput, changed(changed(fullEventInput, 'title', ' '), 'id', ids.eventFete));
    if (result.ok) throw new Error('expected a refusal');
    const body = validationErrorBody(result.issues);
    expect(body.error).toBe('validation_failed');
    expect(body.field).toBe(result.issues[0]?.field);
    expect(body.message).toBe(result.issues[0]?.message);
    expect(body.issues).toEqual(result.issues);
    expect(body.issues).not.toBe(result.issues);
    expect(body.issues?.map((issue) => issue.field).sort()).toEqual(['id', 'title']);
    expectValid(ErrorBody, body);
  });

  it('builds a body from a single issue', () => {
    const body = validationErrorBody([{ field: 'timings.0.end', message: 'timings.0.end must not be before start' }]);
    expect(body).toEqual({
      error: 'validation_failed',
      message: 'timings.0.end must not be before start',
      field: 'timings.0.end',
      issues: [{ field: 'timings.0.end', message: 'timings.0.end must not be before start' }],
    });
  });

  it('still says something when given no issue', () => {
    const body = validationErrorBody([]);
    expect(body).toEqual({ error: 'validation_failed', message: 'the request is invalid', field: '', issues: [] });
    expectValid(ErrorBody, body);
  });
});
