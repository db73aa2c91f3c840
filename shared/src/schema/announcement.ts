import Type, { type Static } from 'typebox';
import { announcementKinds, disciplines, vocabularySchema } from '../vocab/index.ts';
import { Location, serverFields } from './common.ts';
import { LIMITS } from './limits.ts';
import { Email, HttpUrl, Id, Line, LocalDate, RequiredLine, SetOf, Text } from './primitives.ts';

/** A classified ad: job, internship, call for projects or volunteers. */
const announcementContent = {
  actorId: Id,
  kind: vocabularySchema(announcementKinds),
  title: RequiredLine(LIMITS.title),
  summary: Type.Optional(Line(LIMITS.summary)),
  description: Type.Optional(Text(LIMITS.description)),
  /** Last day to apply, inclusive; the hub stops listing it after that day. */
  deadline: Type.Optional(LocalDate),
  /** Where to apply or read more. */
  applyUrl: Type.Optional(HttpUrl),
  location: Type.Optional(Location),
  disciplines: Type.Optional(SetOf(vocabularySchema(disciplines), LIMITS.disciplines)),
};

export const AnnouncementInput = Type.Object(
  { ...announcementContent, contactEmail: Type.Optional(Email) },
  { additionalProperties: false },
);
export type AnnouncementInput = Static<typeof AnnouncementInput>;

export const AnnouncementPublic = Type.Object(
  { ...serverFields, ...announcementContent },
  { additionalProperties: false },
);
export type AnnouncementPublic = Static<typeof AnnouncementPublic>;
