import Type, { type Static } from 'typebox';
import { disciplines, vocabularySchema } from '../vocab/index.ts';
import { Image, serverFields } from './common.ts';
import { LIMITS } from './limits.ts';
import { DateTime, Id, Keyword, Line, RequiredLine, SetOf, Text } from './primitives.ts';

/** A magazine article. */
const articleContent = {
  actorId: Id,
  title: RequiredLine(LIMITS.title),
  summary: Type.Optional(Line(LIMITS.summary)),
  /** Markdown; rendered through a sanitiser. */
  body: Text(LIMITS.articleBody),
  disciplines: Type.Optional(SetOf(vocabularySchema(disciplines), LIMITS.disciplines)),
  keywords: Type.Optional(Type.Array(Keyword, { maxItems: LIMITS.keywords })),
  image: Type.Optional(Image),
  /** The event this article reports on. */
  eventId: Type.Optional(Id),
};

export const ArticleInput = Type.Object(articleContent, { additionalProperties: false });
export type ArticleInput = Static<typeof ArticleInput>;

export const ArticlePublic = Type.Object(
  { ...serverFields, ...articleContent, publishedAt: DateTime },
  { additionalProperties: false },
);
export type ArticlePublic = Static<typeof ArticlePublic>;
