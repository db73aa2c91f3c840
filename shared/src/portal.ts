import Type, { type Static } from 'typebox';
import { contentTypes, regions, vocabularySchema } from './vocab/index.ts';
import { DateTime, HttpUrl, HubId, isHttpUrl, Id, InseeCode, Latitude, Line, Longitude, PostalCode, RequiredLine, Text, TimeZone } from './schema/primitives.ts';
import { Recurrence, Timing } from './schema/event.ts';
import { LIMITS } from './schema/limits.ts';
import { PROTOCOL_VERSION } from './protocol/v1.ts';
import { HEX_COLOUR } from './contrast.ts';
import { reportReasons } from './api.ts';

/*
 * The regional portal's side of a hub's API: what the web app reads to set itself up,
 * the operator's settings, and the helpers its forms and console call. The hub's route
 * schemas are these, and the web app takes its types from here.
 */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** The role a new account gets on sign-up: on an Echosciences-style hub anyone may post, under moderation. */
export const signupRoles = ['member', 'contributor'] as const;
export type SignupRole = (typeof signupRoles)[number];
export const SignupRole = Type.Enum([...signupRoles]);

export const MAX_AGGREGATOR_URLS = 10;
export const MAX_SOCIAL_LINKS = 8;
/** The operator's accent colour, "#2d5f9a"; checked for contrast against the palette on save. */
export const AccentColour = Type.String({ pattern: HEX_COLOUR, maxLength: 7, description: 'a colour written #rrggbb' });
export const TAGLINE_MAX = 300;
export const MAX_PARTNERS = 24;

/** An https link only: a partner's page opened from every page of the portal must not downgrade readers to http. */
export const HttpsUrl = Type.Refine(
  Type.String({ maxLength: LIMITS.url, description: 'an absolute https URL' }),
  (text: string) => isHttpUrl(text) && /^https:\/\//i.test(text),
  () => 'must be an absolute https URL without credentials',
);

/**
 * A partner the footer of every page shows: its logo (an image uploaded to this hub through
 * POST /api/v1/media, whose alt text is the partner's name) linking to its site.
 */
export const Partner = Type.Object(
  {
    name: RequiredLine(LIMITS.name),
    url: HttpsUrl,
    logoUrl: HttpUrl,
  },
  { additionalProperties: false },
);
export type Partner = Static<typeof Partner>;
export const Partners = Type.Array(Partner, { maxItems: MAX_PARTNERS });

/** GET /api/v1/config on a hub: what the web app needs to start in regional mode. */
export const HubSiteConfig = Type.Object(
  {
    protocol: Type.Literal(PROTOCOL_VERSION),
    mode: Type.Literal('regional'),
    hubId: HubId,
    name: Type.String(),
    tagline: Type.Optional(Type.String()),
    region: vocabularySchema(regions),
    baseUrl: HttpUrl,
    /** A MapLibre style URL; absent: the web app's bundled offline basemap. */
    mapStyle: Type.Optional(HttpUrl),
    /** The operator's branding: an accent colour (AA against the palette), a logo, social links. */
    accentColor: Type.Optional(AccentColour),
    logoUrl: Type.Optional(HttpUrl),
    socialLinks: Type.Optional(Type.Array(HttpUrl, { maxItems: MAX_SOCIAL_LINKS })),
    /** The hub's partners, in the operator's order. */
    partners: Type.Optional(Partners),
  },
  { additionalProperties: false },
);
export type HubSiteConfig = Static<typeof HubSiteConfig>;

/**
 * What an admin sends to PUT /api/v1/admin/settings: the whole set. An optional field left
 * out has no value (no tagline); `mapStyle` left out, and any value
 * equal to the hub's configured default, follows the configuration (HUB_NAME,
 * HUB_MAP_STYLE, HUB_AGGREGATOR_URLS) from then on.
 */
export const HubSettingsInput = Type.Object(
  {
    name: RequiredLine(LIMITS.name),
    tagline: Type.Optional(Line(TAGLINE_MAX)),
    mapStyle: Type.Optional(HttpUrl),
    aggregatorUrls: Type.Array(HttpUrl, { maxItems: MAX_AGGREGATOR_URLS, uniqueItems: true }),
    signupRole: SignupRole,
    /** The operator's branding: an accent colour (AA against the palette), a logo, social links. */
    accentColor: Type.Optional(AccentColour),
    logoUrl: Type.Optional(HttpUrl),
    socialLinks: Type.Optional(Type.Array(HttpUrl, { maxItems: MAX_SOCIAL_LINKS, uniqueItems: true })),
    /** The partners' logos in the footer, in this order; left out: none. */
    partners: Type.Optional(Partners),
  },
  { additionalProperties: false },
);
export type HubSettingsInput = Static<typeof HubSettingsInput>;

/** GET/PUT /api/v1/admin/settings: the settings in effect, and the configured defaults they override. */
export const HubSettingsView = Type.Object(
  {
    name: Type.String(),
    tagline: Type.Optional(Type.String()),
    mapStyle: Type.Optional(HttpUrl),
    aggregatorUrls: Type.Array(HttpUrl),
    signupRole: SignupRole,
    /** The operator's branding: an accent colour (AA against the palette), a logo, social links. */
    accentColor: Type.Optional(AccentColour),
    logoUrl: Type.Optional(HttpUrl),
    socialLinks: Type.Optional(Type.Array(HttpUrl, { maxItems: MAX_SOCIAL_LINKS })),
    partners: Partners,
    defaults: Type.Object(
      { name: Type.String(), mapStyle: Type.Optional(HttpUrl), aggregatorUrls: Type.Array(HttpUrl), signupRole: SignupRole },
      { additionalProperties: false },
    ),
    /** When an admin last saved them; null while they are the configuration's. */
    updatedAt: Nullable(DateTime),
  },
  { additionalProperties: false },
);
export type HubSettingsView = Static<typeof HubSettingsView>;

/** One commune of the hub's region, for the place search of the contribute forms. */
export const CommuneItem = Type.Object(
  {
    name: Type.String(),
    inseeCode: InseeCode,
    postalCode: Type.Optional(PostalCode),
    departement: Type.String(),
    lat: Latitude,
    lon: Longitude,
  },
  { additionalProperties: false },
);
export type CommuneItem = Static<typeof CommuneItem>;
export const COMMUNE_LIMIT = { default: 10, max: 50 } as const;
export const CommuneList = Type.Object({ items: Type.Array(CommuneItem) }, { additionalProperties: false });
export type CommuneList = Static<typeof CommuneList>;

export const DATE_PREVIEW_LIMIT = { default: 10, max: 20 } as const;

/** POST /api/v1/events/preview-dates: an event form's schedule, before it is saved. */
export const DatePreviewRequest = Type.Object(
  {
    timeZone: TimeZone,
    timings: Type.Optional(Type.Array(Timing, { minItems: 1, maxItems: LIMITS.timings })),
    recurrence: Type.Optional(Recurrence),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DATE_PREVIEW_LIMIT.max })),
  },
  { additionalProperties: false },
);
export type DatePreviewRequest = Static<typeof DatePreviewRequest>;

/** The next occurrences, as instants with the event zone's offset; `more` when the list goes on. */
export const DatePreview = Type.Object(
  { occurrences: Type.Array(Type.Object({ start: DateTime, end: DateTime }, { additionalProperties: false })), more: Type.Boolean() },
  { additionalProperties: false },
);
export type DatePreview = Static<typeof DatePreview>;

/** POST /api/v1/markdown/preview: any Markdown field of the forms (an article body is the longest). */
export const MarkdownPreviewRequest = Type.Object({ markdown: Text(LIMITS.articleBody) }, { additionalProperties: false });
export type MarkdownPreviewRequest = Static<typeof MarkdownPreviewRequest>;
export const MarkdownPreview = Type.Object({ html: Type.String() }, { additionalProperties: false });
export type MarkdownPreview = Static<typeof MarkdownPreview>;

/** A report in the moderation console, with what it is about (null when that content is gone). */
export const ReportView = Type.Object(
  {
    id: Id,
    contentId: Id,
    contentType: Nullable(vocabularySchema(contentTypes)),
    contentTitle: Nullable(Type.String()),
    reason: Type.Enum([...reportReasons]),
    details: Nullable(Type.String()),
    reporterId: Nullable(Id),
    createdAt: DateTime,
    resolvedAt: Nullable(DateTime),
    resolvedBy: Nullable(Id),
    resolution: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type ReportView = Static<typeof ReportView>;

/** One entry of the audit log. */
export const AuditEntry = Type.Object(
  {
    id: Type.Integer(),
    at: DateTime,
    userId: Id,
    action: Type.String(),
    targetType: Type.String(),
    targetId: Type.String(),
    details: Type.Unknown(),
    /** Who did it, as the console shows them (null once the account is gone). */
    who: Type.Optional(Nullable(Type.Object({ name: Type.String(), role: Type.String() }, { additionalProperties: false }))),
    /** What it was done to, in words: a content item's title and slug, an account's name (null once gone). */
    target: Type.Optional(Nullable(Type.Object({ title: Type.String(), slug: Nullable(Type.String()) }, { additionalProperties: false }))),
    /** Names of the accounts the details mention by id (the account added to an actor), so nobody reads an id. */
    mentioned: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { additionalProperties: false },
);
export type AuditEntry = Static<typeof AuditEntry>;

/** Someone who appears in the audit log, for its "person" filter. */
export const AuditPerson = Type.Object({ id: Id, name: Type.String(), role: Type.String() }, { additionalProperties: false });
export type AuditPerson = Static<typeof AuditPerson>;

/** The audit log's filters: a person, an action, a target type, a period (calendar days, UTC, both inclusive). */
export const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    user: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    action: Type.Optional(Type.String({ pattern: '^[a-z-]{1,40}$' })),
    type: Type.Optional(Type.String({ pattern: '^[a-z-]{1,40}$' })),
    from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'first day, YYYY-MM-DD' })),
    to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'last day, YYYY-MM-DD' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;
