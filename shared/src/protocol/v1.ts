import Type, { type Static } from 'typebox';
import { contentSchemas, type PublicContent } from '../schema/content.ts';
import { withRules, type RuleIssue } from '../schema/refine.ts';
import { DateTime, Email, hintPattern, HttpUrl, HubId, Id, RequiredLine } from '../schema/primitives.ts';
import { LIMITS } from '../schema/limits.ts';
import { contentTypes, regions, vocabularySchema, type ContentType } from '../vocab/index.ts';
import { validate, type FieldIssue } from '../validate.ts';

/*
 * Federation protocol v1: what a hub serves and what the aggregator accepts.
 * docs/protocol.md explains it with examples; this file is the normative shape.
 */

export const PROTOCOL_VERSION = 'constellation/1';
export const DESCRIPTOR_PATH = '/.well-known/constellation';
export const CHANGES_PATH = '/federation/v1/changes';
export const NOTIFY_PATH = '/federation/v1/notify';
/** Response header carrying the page's EdDSA JWT ({ iss, digest, iat, exp }). */
export const SIGNATURE_HEADER = 'constellation-signature';
/** Page sizes a hub accepts; a larger `limit` is clamped, never an error. */
export const CHANGES_LIMIT = { min: 1, max: 1_000, default: 100 } as const;
/** How long a page signature or a notify token may live. */
export const SIGNATURE_MAX_AGE_SECONDS = 300;
export const NOTIFY_MAX_AGE_SECONDS = 60;

const Protocol = Type.Literal(PROTOCOL_VERSION);

/** An Ed25519 public key as a JWK (RFC 8037). */
export const Ed25519Jwk = Type.Object(
  {
    kty: Type.Literal('OKP'),
    crv: Type.Literal('Ed25519'),
    /** The 32-byte public key, base64url without padding. */
    x: Type.String({ pattern: hintPattern('^[A-Za-z0-9_-]{43}$', 'must be a 32-byte key in base64url without padding') }),
    kid: Type.String({ pattern: hintPattern('^[A-Za-z0-9_.-]{1,64}$', 'must be 1 to 64 letters, digits, dots, dashes or underscores') }),
    alg: Type.Optional(Type.Literal('EdDSA')),
    use: Type.Optional(Type.Literal('sig')),
  },
  { additionalProperties: false },
);
export type Ed25519Jwk = Static<typeof Ed25519Jwk>;

/** `GET /.well-known/constellation`. Keys list the current key first, then the previous one during a rotation. */
export const HubDescriptor = Type.Object(
  {
    protocol: Protocol,
    id: HubId,
    name: RequiredLine(LIMITS.name),
    region: vocabularySchema(regions),
    baseUrl: HttpUrl,
    contact: Type.Optional(Type.Object({ email: Type.Optional(Email), url: Type.Optional(HttpUrl) }, { additionalProperties: false })),
    keys: Type.Array(Ed25519Jwk, { minItems: 1, maxItems: 4 }),
    software: Type.Optional(Type.Object({ name: RequiredLine(100), version: RequiredLine(50) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type HubDescriptor = Static<typeof HubDescriptor>;

/** An opaque position in a hub's feed; v1 hubs write the seq in decimal. */
export const Cursor = Type.String({ pattern: hintPattern('^(?:0|[1-9][0-9]{0,15})$', 'must be a cursor from a previous page (decimal digits), or 0'), description: 'a cursor from a previous page, or 0' });

export const ChangesQuery = Type.Object(
  {
    after: Type.Optional(Cursor),
    limit: Type.Optional(Type.Integer({ minimum: 1, description: `clamped to ${CHANGES_LIMIT.max}` })),
  },
  { additionalProperties: false },
);
export type ChangesQuery = Static<typeof ChangesQuery>;

export const changeOps = ['upsert', 'delete'] as const;
export type ChangeOp = (typeof changeOps)[number];

/**
 * One row of the changes feed, with `data` checked loosely here: its shape depends
 * on `type`, so `validateChangeItem` checks it against that type's public schema.
 */
export const ChangeItem = withRules(
  Type.Object(
    {
      seq: Type.Integer({ minimum: 1 }),
      type: vocabularySchema(contentTypes),
      id: Id,
      op: Type.Enum([...changeOps]),
      version: Type.Integer({ minimum: 1 }),
      updatedAt: DateTime,
      data: Type.Optional(Type.Object({})),
    },
    { additionalProperties: false },
  ),
  (item) => {
    if (item.op === 'upsert' && item.data === undefined) return [{ path: '/data', message: 'is required when op is upsert' }];
    if (item.op === 'delete' && item.data !== undefined) return [{ path: '/data', message: 'must be absent when op is delete' }];
    return [];
  },
);

/**
 * The changes page as the OpenAPI document shows it: each item's `data` is the public
 * shape its `type` names (one of ActorPublic, EventPublic, ...), listed in full so a
 * reader written from the document knows every field. Documentation only: a hub sends
 * the page as signed bytes, and readers check `data` per type with validateChangeItem
 * (a union here would try every shape and report the wrong one's errors).
 */
export const ChangesPageDocument = Type.Object(
  {
    protocol: Protocol,
    hub: HubId,
    items: Type.Array(
      Type.Object(
        {
          seq: Type.Integer({ minimum: 1, description: "the object's latest seq; strictly increasing within a page" }),
          type: vocabularySchema(contentTypes),
          id: Id,
          op: Type.Enum([...changeOps], { description: 'upsert (with data) or delete (a tombstone, without data)' }),
          version: Type.Integer({ minimum: 1, description: 'counts the edits of this object; apply an upsert only when newer than what is held' }),
          updatedAt: DateTime,
          data: Type.Optional(
            Type.Union(
              contentTypes.values.map((type) => contentSchemas[type].public),
              { description: 'for an upsert: the public shape of the content type named by `type` (ActorPublic for actor, EventPublic for event, ...), with the same id and version as the item' },
            ),
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: CHANGES_LIMIT.max },
    ),
    next: Cursor,
    hasMore: Type.Boolean(),
    latest: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

/** A change item whose data has been checked: the union a consumer switches on. */
export type TypedChangeItem = {
  [T in ContentType]:
    | { seq: number; type: T; id: string; op: 'upsert'; version: number; updatedAt: string; data: PublicContent[T] }
    | { seq: number; type: T; id: string; op: 'delete'; version: number; updatedAt: string };
}[ContentType];

export const ChangesPage = withRules(
  Type.Object(
    {
      protocol: Protocol,
      hub: HubId,
      items: Type.Array(ChangeItem, { maxItems: CHANGES_LIMIT.max }),
      /** Where the next page starts: pass it as `after`. */
      next: Cursor,
      hasMore: Type.Boolean(),
      /** The hub's latest seq when the page was read: how far behind the reader is. */
      latest: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),
  (page) => {
    const issues: RuleIssue[] = [];
    const seqs = page.items.map((item) => item.seq);
    const unordered = seqs.findIndex((seq, index) => index > 0 && seq <= (seqs[index - 1] ?? 0));
    if (unordered > 0) issues.push({ path: `/items/${unordered}/seq`, message: 'must be greater than the previous item\'s seq' });
    const last = seqs.at(-1);
    if (last !== undefined && Number(page.next) < last) issues.push({ path: '/next', message: 'must not be before the last item\'s seq' });
    if (last !== undefined && page.latest < last) issues.push({ path: '/latest', message: 'must not be below the last item\'s seq' });
    return issues;
  },
);
export type ChangesPage = Static<typeof ChangesPage>;

/**
 * Checks an item's data against its type's public schema and against the envelope:
 * the same id and version, and (when given) the hub that served it. The aggregator
 * rejects a failing item and applies the rest of its page.
 */
export function validateChangeItem(item: unknown, servedBy?: string): { ok: true; item: TypedChangeItem } | { ok: false; issues: FieldIssue[] } {
  const envelope = validate(ChangeItem, item);
  if (!envelope.ok) return envelope;
  const { value } = envelope;
  if (value.op === 'delete') return { ok: true, item: value as TypedChangeItem };
  const data = validate(contentSchemas[value.type].public, value.data);
  if (!data.ok) {
    return { ok: false, issues: data.issues.map((issue) => ({ field: issue.field === '' ? 'data' : `data.${issue.field}`, message: issue.field === '' ? `data ${issue.message.replace(/^the value /, '')}` : `data.${issue.message}` })) };
  }
  const record = data.value as { id: string; version: number; hub: string };
  const mismatch: FieldIssue[] = [];
  if (record.id !== value.id) mismatch.push({ field: 'data.id', message: 'data.id must equal the item id' });
  if (record.version !== value.version) mismatch.push({ field: 'data.version', message: 'data.version must equal the item version' });
  if (servedBy !== undefined && record.hub !== servedBy) mismatch.push({ field: 'data.hub', message: `data.hub must be ${servedBy}, the hub that served it` });
  if (mismatch.length > 0) return { ok: false, issues: mismatch };
  return { ok: true, item: value as TypedChangeItem };
}

/** `POST <aggregator>/federation/v1/notify`, with a bearer JWT signed by the hub's key. */
export const NotifyBody = Type.Object(
  { protocol: Protocol, hub: HubId, latest: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type NotifyBody = Static<typeof NotifyBody>;

const Seconds = Type.Integer({ minimum: 0 });

/** Claims of the bearer token on a notify: `exp - iat` at most NOTIFY_MAX_AGE_SECONDS. */
export const NotifyClaims = withRules(
  Type.Object({ iss: HubId, aud: HttpUrl, latest: Type.Integer({ minimum: 0 }), iat: Seconds, exp: Seconds }),
  (claims) => (claims.exp - claims.iat > NOTIFY_MAX_AGE_SECONDS || claims.exp <= claims.iat ? [{ path: '/exp', message: `must be after iat by at most ${NOTIFY_MAX_AGE_SECONDS} seconds` }] : []),
);
export type NotifyClaims = Static<typeof NotifyClaims>;

/** Claims of a page signature; `digest` is "sha-256=" and the base64 SHA-256 of the exact body bytes. */
export const PageSignatureClaims = withRules(
  Type.Object({ iss: HubId, digest: Type.String({ pattern: hintPattern('^sha-256=[A-Za-z0-9+/]{43}=$', 'must be sha-256= followed by the base64 SHA-256 of the body') }), iat: Seconds, exp: Seconds }),
  (claims) => (claims.exp - claims.iat > SIGNATURE_MAX_AGE_SECONDS || claims.exp <= claims.iat ? [{ path: '/exp', message: `must be after iat by at most ${SIGNATURE_MAX_AGE_SECONDS} seconds` }] : []),
);
export type PageSignatureClaims = Static<typeof PageSignatureClaims>;

export const FieldIssueSchema = Type.Object({ field: Type.String(), message: Type.String() }, { additionalProperties: false });

/** Every 4xx and 5xx body of hubs and the aggregator. 5xx bodies never carry internals. */
export const ErrorBody = Type.Object(
  {
    /** A stable machine code: "validation_failed", "not_found", "forbidden", ... */
    error: Type.String({ pattern: hintPattern('^[a-z][a-z0-9_]*$', 'must be a snake_case code') }),
    /** A sentence for people; names the field when there is one. */
    message: Type.String(),
    field: Type.Optional(Type.String()),
    issues: Type.Optional(Type.Array(FieldIssueSchema)),
  },
  { additionalProperties: false },
);
export type ErrorBody = Static<typeof ErrorBody>;

/** The error body for a refused value: the first issue leads, all are listed. */
export function validationErrorBody(issues: readonly FieldIssue[]): ErrorBody {
  const first = issues[0] ?? { field: '', message: 'the request is invalid' };
  return { error: 'validation_failed', message: first.message, field: first.field, issues: [...issues] };
}

