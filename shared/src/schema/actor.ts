import Type, { type Static } from 'typebox';
import { actorKinds, disciplines, vocabularySchema } from '../vocab/index.ts';
import { Image, Location, serverFields } from './common.ts';
import { LIMITS } from './limits.ts';
import { Email, hintPattern, HttpUrl, Line, Phone, RequiredLine, SetOf, Text } from './primitives.ts';

/** An organisation or person who posts on a hub. */
const actorContent = {
  name: RequiredLine(LIMITS.name),
  kind: vocabularySchema(actorKinds),
  summary: Type.Optional(Line(LIMITS.summary)),
  description: Type.Optional(Text(LIMITS.description)),
  disciplines: Type.Optional(SetOf(vocabularySchema(disciplines), LIMITS.disciplines)),
  website: Type.Optional(HttpUrl),
  phone: Type.Optional(Phone),
  location: Type.Optional(Location),
  logo: Type.Optional(Image),
  /** The organisation's SIRET (14 digits, public in the national register): how duplicates are found. */
  siret: Type.Optional(Type.String({ pattern: hintPattern('^[0-9]{14}$', 'must be the 14 digits of a SIRET number'), maxLength: 14 })),
};

export const ActorInput = Type.Object(
  {
    ...actorContent,
    /** How the operator reaches the actor: private. */
    email: Type.Optional(Email),
  },
  { additionalProperties: false },
);
export type ActorInput = Static<typeof ActorInput>;

export const ActorPublic = Type.Object(
  {
    ...serverFields,
    ...actorContent,
    /** Set by the hub's operator; a verified actor's content is published without moderation. */
    verified: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ActorPublic = Static<typeof ActorPublic>;
