import Type, { type Static } from 'typebox';
import { actorKinds, disciplines, vocabularySchema } from '../vocab/index.ts';
import { Image, Location, serverFields } from './common.ts';
import { LIMITS } from './limits.ts';
import { Email, HttpUrl, Line, Phone, RequiredLine, SetOf, Text } from './primitives.ts';

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
