import Type, { type Static } from 'typebox';
import { accessibilityFlags, vocabularySchema, weekdays } from '../vocab/index.ts';
import { LIMITS } from './limits.ts';
import { withRules, type RuleIssue } from './refine.ts';
import { ClockTime, DateTime, Email, HttpUrl, HubId, Id, InseeCode, Latitude, Line, LocalDate, Longitude, Phone, PostalCode, SetOf, Slug } from './primitives.ts';

/** Where something is. Coordinates are optional (a city-only event may lack them) but come in pairs. */
export const Location = withRules(
  Type.Object(
    {
      name: Type.Optional(Line(LIMITS.name)),
      address: Type.Optional(Line(LIMITS.address)),
      postalCode: Type.Optional(PostalCode),
      commune: Type.Optional(Line(LIMITS.commune)),
      inseeCode: Type.Optional(InseeCode),
      lat: Type.Optional(Latitude),
      lon: Type.Optional(Longitude),
    },
    { additionalProperties: false },
  ),
  (location) => {
    const issues: RuleIssue[] = [];
    if (location.lat !== undefined && location.lon === undefined) issues.push({ path: '/lon', message: 'is required when lat is given' });
    if (location.lon !== undefined && location.lat === undefined) issues.push({ path: '/lat', message: 'is required when lon is given' });
    return issues;
  },
);
export type Location = Static<typeof Location>;

const ImageSide = Type.Integer({ minimum: 1, maximum: 100_000 });

/** One resized copy of an uploaded image: a `srcset` candidate (`<url> <width>w`). */
export const ImageVariant = Type.Object({ url: HttpUrl, width: ImageSide, height: ImageSide }, { additionalProperties: false });
export type ImageVariant = Static<typeof ImageVariant>;

export const Image = Type.Object(
  {
    url: HttpUrl,
    /** Optional so a draft can be saved; the web warns before submitting without it. */
    alt: Type.Optional(Line(LIMITS.alt)),
    credit: Type.Optional(Line(LIMITS.credit)),
    /**
     * Filled in by the hub for an image uploaded to it (the client's values are replaced):
     * the size of `url` in pixels, and smaller WebP copies for a `srcset`, narrowest first.
     * Absent for an image hosted elsewhere, and from hubs that predate uploads.
     */
    width: Type.Optional(ImageSide),
    height: Type.Optional(ImageSide),
    variants: Type.Optional(Type.Array(ImageVariant, { maxItems: 8 })),
  },
  { additionalProperties: false },
);
export type Image = Static<typeof Image>;

export const Price = Type.Object(
  {
    free: Type.Boolean(),
    /**
     * The full price, when there is one amount to give (search engines show it as the
     * offer's price); `details` keeps the wording for people (reductions, what is included).
     */
    amount: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000, multipleOf: 0.01 })),
    /** ISO 4217 code of `amount`; EUR when absent. */
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    details: Type.Optional(Line(LIMITS.note)),
  },
  { additionalProperties: false },
);
export type Price = Static<typeof Price>;

export const Registration = withRules(
  Type.Object(
    {
      required: Type.Boolean(),
      url: Type.Optional(HttpUrl),
      /** Published on purpose so people can register; not an account's private address. */
      email: Type.Optional(Email),
      phone: Type.Optional(Phone),
    },
    { additionalProperties: false },
  ),
  (registration) =>
    registration.required && registration.url === undefined && registration.email === undefined && registration.phone === undefined
      ? [{ path: '/url', message: 'a url, email or phone is required when registration is required' }]
      : [],
);
export type Registration = Static<typeof Registration>;

export const Accessibility = SetOf(vocabularySchema(accessibilityFlags), accessibilityFlags.values.length);

/** Whether `from` comes after `to`; both are same-format date strings that sort as text. */
export function outOfOrder(from: string | undefined, to: string | undefined): boolean {
  return from !== undefined && to !== undefined && from > to;
}

/** Ages in whole years; either bound may be open. */
export const AgeRange = withRules(
  Type.Object(
    {
      min: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
      max: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
    },
    { additionalProperties: false },
  ),
  (range) => (range.min !== undefined && range.max !== undefined && range.min > range.max ? [{ path: '/max', message: 'must not be below min' }] : []),
);
export type AgeRange = Static<typeof AgeRange>;

/** Weekly opening hours in the style of schema.org's OpeningHoursSpecification. */
export const OpeningHours = withRules(
  Type.Object(
    {
      days: Type.Array(vocabularySchema(weekdays), { minItems: 1, maxItems: 7, uniqueItems: true }),
      opens: ClockTime,
      closes: ClockTime,
      validFrom: Type.Optional(LocalDate),
      validThrough: Type.Optional(LocalDate),
    },
    { additionalProperties: false },
  ),
  (hours) => {
    const issues: RuleIssue[] = [];
    if (hours.opens >= hours.closes) issues.push({ path: '/closes', message: 'must be after opens' });
    if (outOfOrder(hours.validFrom, hours.validThrough)) issues.push({ path: '/validThrough', message: 'must not be before validFrom' });
    return issues;
  },
);
export type OpeningHours = Static<typeof OpeningHours>;

/** Contact details of a member or actor: never part of a federated or anonymous shape. */
export const Contact = Type.Object(
  {
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
    website: Type.Optional(HttpUrl),
  },
  { additionalProperties: false },
);
export type Contact = Static<typeof Contact>;

/**
 * Fields only the server sets, present in every public shape. `version` counts the
 * edits of one object (what the aggregator compares); the hub-wide `seq` belongs to
 * the changes feed, not to the object.
 */
export const serverFields = {
  id: Id,
  hub: HubId,
  slug: Slug,
  version: Type.Integer({ minimum: 1 }),
  createdAt: DateTime,
  updatedAt: DateTime,
  /** The object's page on its hub: where a re-user links to. */
  url: HttpUrl,
};

