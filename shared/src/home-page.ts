import Type, { type Static } from 'typebox';
import { DateTime, Id, LocalDate, Line, HttpUrl } from './schema/primitives.ts';

/*
 * The home page the operator arranges: content featured in order, each shown from an
 * optional first day to an optional last day, and a banner message. The admin's form sends
 * the whole arrangement (PUT replaces it); the portal reads what is shown today.
 */

/** What the home page can feature. */
export const homeFeatureTypes = ['event', 'article', 'dossier', 'project'] as const;
export type HomeFeatureType = (typeof homeFeatureTypes)[number];
export const HOME_FEATURES_MAX = 12;
export const HOME_BANNER_MAX = 300;

export const HomeFeature = Type.Object(
  {
    type: Type.Enum([...homeFeatureTypes]),
    id: Id,
    /** First day it is shown (the region's calendar day), inclusive; absent: from now. */
    start: Type.Optional(LocalDate),
    /** Last day it is shown, inclusive; absent: until it is taken off. */
    end: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);
export type HomeFeature = Static<typeof HomeFeature>;

/** PUT /api/v1/admin/home: the whole arrangement. */
export const HomePageInput = Type.Object(
  {
    /** One line above the home page's content ("Inscriptions ouvertes pour la Fête de la science"). */
    banner: Type.Optional(Line(HOME_BANNER_MAX)),
    /** Where the banner leads, if anywhere. */
    bannerUrl: Type.Optional(HttpUrl),
    features: Type.Array(HomeFeature, { maxItems: HOME_FEATURES_MAX }),
  },
  { additionalProperties: false },
);
export type HomePageInput = Static<typeof HomePageInput>;

/** GET/PUT /api/v1/admin/home: the arrangement as saved. */
export const HomePageView = Type.Object(
  {
    banner: Type.Optional(Type.String()),
    bannerUrl: Type.Optional(HttpUrl),
    features: Type.Array(HomeFeature),
    updatedAt: Type.Union([DateTime, Type.Null()]),
  },
  { additionalProperties: false },
);
export type HomePageView = Static<typeof HomePageView>;

/** GET /api/v1/home: what the home page shows today, each featured item as its public JSON. */
export const HomePagePublic = Type.Object(
  {
    banner: Type.Optional(Type.String()),
    bannerUrl: Type.Optional(HttpUrl),
    features: Type.Array(
      Type.Object({ type: Type.Enum([...homeFeatureTypes]), item: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type HomePagePublic = Static<typeof HomePagePublic>;
