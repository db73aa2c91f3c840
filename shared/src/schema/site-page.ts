import Type, { type Static } from 'typebox';
import { defineVocabulary, vocabularySchema } from '../vocab/index.ts';
import { DateTime, RequiredLine, Text } from './primitives.ts';

/**
 * The pages every site must have (a French public-interest site: the law asks for a legal
 * notice, RGAA for an accessibility statement), edited by the operator in each language.
 */
export const sitePageSlugs = defineVocabulary([
  { value: 'about', fr: 'À propos', en: 'About' },
  { value: 'legal', fr: 'Mentions légales', en: 'Legal notice' },
  { value: 'privacy', fr: 'Données personnelles', en: 'Privacy policy' },
  { value: 'accessibility', fr: 'Accessibilité', en: 'Accessibility' },
]);
export type SitePageSlug = (typeof sitePageSlugs.values)[number];

export const SitePageInput = Type.Object(
  {
    title: RequiredLine(200),
    /** Markdown; the portal renders it sanitised, as contributed Markdown. */
    body: Text(50_000),
  },
  { additionalProperties: false },
);
export type SitePageInput = Static<typeof SitePageInput>;

export const SitePageView = Type.Object(
  {
    slug: vocabularySchema(sitePageSlugs),
    lang: Type.Union([Type.Literal('fr'), Type.Literal('en')]),
    title: Type.String(),
    body: Type.String(),
    /** False while the page is the hub's default text, which says what the operator must fill in. */
    edited: Type.Boolean(),
    updatedAt: Type.Union([DateTime, Type.Null()]),
  },
  { additionalProperties: false },
);
export type SitePageView = Static<typeof SitePageView>;
