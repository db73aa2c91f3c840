import Type, { type Static, type TSchema } from 'typebox';
import { contentTypes, moderationStatuses, roles, vocabularySchema } from './vocab/index.ts';
import { Campaign, DateTime, Email, Id, Line, RequiredLine, Slug } from './schema/primitives.ts';
import { EventPublic } from './schema/event.ts';
import { LIMITS } from './schema/limits.ts';

/*
 * Shapes of the hubs' HTTP API beyond the content itself: accounts, pages of lists,
 * moderation views. The web app uses these types; the hub's route schemas are these.
 */

export const PASSWORD_LIMITS = { min: 8, max: 1_024 } as const;
export const Password = Type.String({ minLength: PASSWORD_LIMITS.min, maxLength: PASSWORD_LIMITS.max });

export const Credentials = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export type Credentials = Static<typeof Credentials>;

/** The languages of the portal and of the mails an account receives. */
export const LocaleSchema = Type.Union([Type.Literal('fr'), Type.Literal('en')]);

export const SignUp = Type.Object(
  {
    email: Email,
    password: Password,
    displayName: RequiredLine(100),
    /** The mails' language (default French). */
    locale: Type.Optional(LocaleSchema),
    /** The person accepted the privacy notice shown beside the form; the hub records when. */
    acceptPrivacy: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false },
);
export type SignUp = Static<typeof SignUp>;

/** Membership of the members' network: asked for, then approved by a moderator or the operator. */
export const Membership = Type.Union([Type.Literal('none'), Type.Literal('requested'), Type.Literal('approved')]);
export type Membership = Static<typeof Membership>;

/** A request to join the members' network, as the moderators see it in their console. */
export const MembershipRequestView = Type.Object(
  { userId: Id, displayName: Type.String(), email: Type.String(), requestedAt: DateTime, createdAt: DateTime },
  { additionalProperties: false },
);
export type MembershipRequestView = Static<typeof MembershipRequestView>;

/** A moderator's decision on a membership request; a refusal says why (the requester reads it). */
export const MembershipDecision = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('refuse')]),
    /** Required with a refusal (the hub answers 400 naming `reason` without it). */
    reason: Type.Optional(RequiredLine(LIMITS.reason)),
  },
  { additionalProperties: false },
);
export type MembershipDecision = Static<typeof MembershipDecision>;

/** Asking for a reset link: the answer is the same whether the address has an account or not. */
export const PasswordResetRequest = Type.Object({ email: Email }, { additionalProperties: false });
export const PasswordReset = Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }), password: Password }, { additionalProperties: false });
export const TokenOnly = Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }) }, { additionalProperties: false });
export const EmailChange = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export const AccountDeletion = Type.Object({ password: Password }, { additionalProperties: false });
export const MailPreferences = Type.Object(
  {
    locale: LocaleSchema,
    /** Moderators: a mail per pending item, a daily digest, or none. */
    notifyPending: Type.Union([Type.Literal('each'), Type.Literal('digest'), Type.Literal('off')]),
    /** Authors: the moderators' decisions on what I sent. */
    notifyDecisions: Type.Boolean(),
    /** Members of an actor: reports on its content and their outcome (left as it is when absent). */
    notifyReports: Type.Optional(Type.Boolean()),
    /** The weekly digest of new events matching what I follow (left as it is when absent). */
    notifyFollows: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type MailPreferences = Static<typeof MailPreferences>;

/** A logged-in browser: one refresh-token family. */
export const SessionView = Type.Object(
  {
    id: Id,
    userAgent: Type.Union([Type.String(), Type.Null()]),
    createdAt: DateTime,
    lastUsedAt: DateTime,
    expiresAt: DateTime,
    current: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SessionView = Static<typeof SessionView>;

/** What a request answered with no detail to give (a reset asked for, a mail queued). */
export const Accepted = Type.Object({ message: Type.String() }, { additionalProperties: false });

/** An account as its owner (or an admin) sees it. */
export const AccountView = Type.Object(
  {
    id: Id,
    email: Type.String(),
    displayName: Type.String(),
    role: vocabularySchema(roles),
    actorIds: Type.Array(Id),
    createdAt: DateTime,
    /** Until the owner follows the mailed link, the account may log in but not contribute. */
    emailConfirmed: Type.Boolean(),
    membership: Membership,
    /** A change of address waiting for its confirmation link. */
    pendingEmail: Type.Optional(Type.String()),
    ...MailPreferences.properties,
    notifyReports: Type.Boolean(),
    notifyFollows: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type AccountView = Static<typeof AccountView>;

export const TokenResponse = Type.Object(
  {
    accessToken: Type.String(),
    tokenType: Type.Literal('Bearer'),
    /** Seconds until the access token expires. */
    expiresIn: Type.Integer(),
    account: AccountView,
  },
  { additionalProperties: false },
);
export type TokenResponse = Static<typeof TokenResponse>;

/** A page of a list; pass `next` back as `cursor` for the following page. */
export function Page<Item extends TSchema>(item: Item) {
  return Type.Object({ items: Type.Array(item), next: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false });
}

export const LIST_LIMIT = { min: 1, max: 100, default: 20 } as const;

/** An event in a time-window list, with the occurrence that placed it there. */
export const EventListItem = Type.Object(
  {
    event: EventPublic,
    occurrence: Type.Object({ start: DateTime, end: DateTime }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type EventListItem = Static<typeof EventListItem>;

/**
 * Every date of one event (GET /api/v1/events/{id}/occurrences on a hub): the past year's
 * and the next ones, in order, so its page lists them all (next first, past folded).
 */
export const EVENT_DATES_LIMIT = { past: 100, upcoming: 400 } as const;
export const EventDates = Type.Object(
  {
    occurrences: Type.Array(Type.Object({ start: DateTime, end: DateTime }, { additionalProperties: false })),
    /** More upcoming dates exist than listed (an endless rule, or past the limit). */
    more: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type EventDates = Static<typeof EventDates>;

/** What an owner or a moderator sees of content: the document and its moderation state. */
export function ModerationView<Data extends TSchema>(data: Data) {
  return Type.Object(
    {
      id: Id,
      type: vocabularySchema(contentTypes),
      slug: Slug,
      status: vocabularySchema(moderationStatuses),
      rejectReason: Type.Union([Type.String(), Type.Null()]),
      version: Type.Integer({ minimum: 1 }),
      actorId: Type.Union([Id, Type.Null()]),
      authorId: Type.Union([Id, Type.Null()]),
      verified: Type.Boolean(),
      createdAt: DateTime,
      updatedAt: DateTime,
      publishedAt: Type.Union([DateTime, Type.Null()]),
      data,
    },
    { additionalProperties: false },
  );
}

export const RejectRequest = Type.Object(
  { ids: Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true }), reason: RequiredLine(LIMITS.reason) },
  { additionalProperties: false },
);
export const ApproveRequest = Type.Object({ ids: Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true }) }, { additionalProperties: false });

/** What an account can follow: an actor (its id), a discipline (its code) or a commune (its INSEE code). */
export const followKinds = ['actor', 'discipline', 'commune'] as const;
export type FollowKind = (typeof followKinds)[number];
export const FollowTarget = Type.Object(
  { kind: Type.Enum([...followKinds]), target: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);
/** One follow of mine, named for display (the actor's title, the discipline's or commune's name). */
export const FollowView = Type.Object(
  {
    kind: Type.Enum([...followKinds]),
    target: Type.String(),
    label: Type.String(),
    /** The actor's page path (slug), for an actor. */
    slug: Type.Optional(Type.String()),
    createdAt: DateTime,
  },
  { additionalProperties: false },
);
export type FollowView = Static<typeof FollowView>;

/** Follows by e-mail alone, for people without an account: confirmed by a mailed link (double opt-in). */
export const EmailFollowRequest = Type.Object(
  {
    email: Email,
    follows: Type.Array(FollowTarget, { minItems: 1, maxItems: 10 }),
    /** The language of the mails (the page's), French by default. */
    lang: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type EmailFollowRequest = Static<typeof EmailFollowRequest>;
/** What a confirmed link activated, named in the language the request chose. */
export const EmailFollowConfirmed = Type.Object(
  { items: Type.Array(Type.Object({ kind: Type.Enum([...followKinds]), target: Type.String(), label: Type.String() }, { additionalProperties: false })), lang: Type.Union([Type.Literal('fr'), Type.Literal('en')]) },
  { additionalProperties: false },
);
export type EmailFollowConfirmed = Static<typeof EmailFollowConfirmed>;

export const reportReasons = ['spam', 'inaccurate', 'offensive', 'illegal', 'duplicate', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];
export const ReportRequest = Type.Object(
  { contentId: Id, reason: Type.Enum([...reportReasons]), details: Type.Optional(Line(LIMITS.reason)) },
  { additionalProperties: false },
);
export type ReportRequest = Static<typeof ReportRequest>;

/** The largest `radius` of a "near" search, in km. */
export const MAX_RADIUS_KM = 500;

const commaList = (what: string) => Type.String({ minLength: 1, maxLength: 500, description: `comma-separated ${what}` });

/**
 * The event filters as a querystring carries them: one set of names, formats and meanings
 * for a hub's list and the national one, so a client passes the same query to either.
 */
export const eventFilterFields = {
  from: Type.Optional(Type.String({ maxLength: 35, description: 'window start: YYYY-MM-DD or RFC 3339 (default: now)' })),
  to: Type.Optional(Type.String({ maxLength: 35, description: 'window end: YYYY-MM-DD (inclusive) or RFC 3339' })),
  bbox: Type.Optional(Type.String({ maxLength: 100, description: 'west,south,east,north in degrees' })),
  near: Type.Optional(Type.String({ maxLength: 60, description: 'lat,lon of a point; use with radius' })),
  radius: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: MAX_RADIUS_KM, description: 'km around near (default 10)' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'full-text search in title, summary, description and place; accents ignored' })),
  discipline: Type.Optional(commaList('disciplines (any of)')),
  audience: Type.Optional(commaList('audiences (any of)')),
  format: Type.Optional(commaList('formats (any of)')),
  accessibility: Type.Optional(commaList('accessibility flags (all of)')),
  free: Type.Optional(Type.Boolean()),
  online: Type.Optional(Type.Boolean({ description: 'true: can be attended online; false: in person only' })),
  actor: Type.Optional(Id),
  campaign: Type.Optional(Campaign),
};

/** The national list's extra filters: which regions' and hubs' events. */
export const nationalFilterFields = {
  region: Type.Optional(commaList('INSEE region codes of the publishing hubs (any of)')),
  hub: Type.Optional(commaList('hub ids (any of)')),
  /** An umbrella event's id: only the events of its programme (a village des sciences' activities). */
  parent: Type.Optional(Id),
};
