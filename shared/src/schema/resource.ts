import Type, { type Static } from 'typebox';
import { audiences, disciplines, resourceKinds, vocabularySchema } from '../vocab/index.ts';
import { Image, serverFields } from './common.ts';
import { LIMITS } from './limits.ts';
import { HttpUrl, Id, Keyword, LanguageTag, Line, LocalDate, RequiredLine, SetOf, Text } from './primitives.ts';

/** An entry of the resource centre: a guide, report or tool for the professional network. */
const resourceContent = {
  actorId: Type.Optional(Id),
  kind: vocabularySchema(resourceKinds),
  title: RequiredLine(LIMITS.title),
  summary: Type.Optional(Line(LIMITS.summary)),
  description: Type.Optional(Text(LIMITS.description)),
  /** Where the resource itself lives. */
  link: HttpUrl,
  disciplines: Type.Optional(SetOf(vocabularySchema(disciplines), LIMITS.disciplines)),
  audiences: Type.Optional(SetOf(vocabularySchema(audiences), audiences.values.length)),
  languages: Type.Optional(SetOf(LanguageTag, LIMITS.languages)),
  keywords: Type.Optional(Type.Array(Keyword, { maxItems: LIMITS.keywords })),
  publishedOn: Type.Optional(LocalDate),
  image: Type.Optional(Image),
};

export const ResourceInput = Type.Object(resourceContent, { additionalProperties: false });
export type ResourceInput = Static<typeof ResourceInput>;

export const ResourcePublic = Type.Object({ ...serverFields, ...resourceContent }, { additionalProperties: false });
export type ResourcePublic = Static<typeof ResourcePublic>;
